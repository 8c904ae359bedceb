/**
 * Shared pieces of the causes' values code (knowledge/causes/<id>/values.ts): reading values from
 * findings and checking them against a strict character set before they go into PowerShell, so
 * that a paste can never inject a command into an answer.
 */
import { isIPv4 } from 'node:net';
import type { Finding } from '../types';
import { isInternalOnlyHost, isMicrosoftHost } from '../evidence/prose';
import { exchangeThumbprint } from '../certificates/exchangeCommands';

export const FQDN = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/**
 * A connector name for -Identity "...": letters, digits, spaces and a few punctuation marks; no double
 * quotes (straight or typographic), $ or backticks. A straight apostrophe ("Margie's Travel HQ") is a
 * literal inside double quotes.
 */
export const CONNECTOR_NAME = /^[A-Za-z0-9äöüÄÖÜß][A-Za-z0-9 ._()'\-äöüÄÖÜß]{0,79}$/;

/** A string value of a finding's data, if it has one. */
export function str(f: Finding | undefined, key: string): string | undefined {
  const v = f?.data?.[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The findings of one kind. */
export function ofKind(findings: Finding[], kind: string): Finding[] {
  return findings.filter((f) => f.kind === kind);
}

/** A distinguished-name or CA name for prose and -like patterns: printable, no quotes or PowerShell metacharacters. */
export function safeName(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const cleaned = v
    .replace(/[^A-Za-z0-9 .,=()&_@\-äöüÄÖÜß]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** The CN of a distinguished name (or the whole name), made safe. */
export function cnOf(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  const m = /(?:^|,)\s*CN\s*=\s*([^,]{1,200})/i.exec(dn);
  return safeName(m ? m[1] : dn);
}

/** A host name the user's own server can have: a valid name, lower case, never one of Microsoft's. */
export function ownHost(v: string | undefined): string | undefined {
  return v && FQDN.test(v.toLowerCase()) && !isMicrosoftHost(v) ? v.toLowerCase() : undefined;
}

/** The `host-name` findings' values with one of these roles, in order. */
export function hostsByRole(findings: Finding[], ...roles: string[]): string[] {
  return findings.filter((h) => h.kind === 'host-name' && roles.includes(String(h.data?.role))).map((h) => h.value);
}

/** The OnPremises connector's name, from the correlations and the pasted connector settings. */
export function connectorName(findings: Finding[]): string | undefined {
  const nameMismatch = findings.find((f) => f.kind === 'connector-certificate-name-mismatch' && f.source === 'correlation');
  const ipMismatch = findings.find((f) => f.kind === 'connector-sender-ip-mismatch');
  return [
    str(nameMismatch, 'connectorName'),
    str(ipMismatch, 'connectorName'),
    ...ofKind(findings, 'connector').map((c) => str(c, 'connectorName')),
  ].find((n) => n !== undefined && CONNECTOR_NAME.test(n));
}

/** A public name of the sending server to test with openssl: never a wildcard, an internal-only or a Microsoft name. */
export function publicHost(findings: Finding[]): string | undefined {
  const nameMismatch = findings.find((f) => f.kind === 'connector-certificate-name-mismatch' && f.source === 'correlation');
  // The names the certificate in use has come before the connector's (perhaps stale) one.
  return [
    ...hostsByRole(findings, 'tested-server', 'sending-certificate', 'certificate-subject'),
    str(nameMismatch, 'certificateName'),
    ...hostsByRole(findings, 'connector-certificate-name', 'event-computer', 'generating-server'),
  ]
    .map(ownHost)
    .find((h) => h !== undefined && !h.startsWith('*.') && !isInternalOnlyHost(h));
}

/** What SenderIPAddresses takes: a single IPv4 address or a CIDR range from /24 to /32 (never IPv6). */
export function senderIpEntry(value: string): boolean {
  const [address, bits] = value.split('/');
  return isIPv4(address) && (bits === undefined || (/^\d{2}$/.test(bits) && Number(bits) >= 24 && Number(bits) <= 32));
}

/** The thumbprint of the one public-CA SMTP certificate a pasted Get-ExchangeCertificate lists (none when there are several). */
export function publicSmtpThumbprint(findings: Finding[]): string | undefined {
  const listed = ofKind(findings, 'certificate-listing').filter(
    (f) => f.data?.issuerKind === 'public' && Array.isArray(f.data?.services) && f.data.services.some((s) => s.toUpperCase() === 'SMTP'),
  );
  const thumbprint = listed.length === 1 ? str(listed[0], 'thumbprint') : undefined;
  return thumbprint ? exchangeThumbprint(thumbprint) : undefined;
}

/**
 * The on-premises server Exchange Online tried to deliver to, from its message trace
 * ("[LastAttemptedServerName=mail.contoso.com]", "OutboundProxyTargetHostName: ..."), or the
 * {FQDN=...} of the same deferral: the name its outbound connector checks on the certificate.
 */
export function lastAttemptedServer(findings: Finding[]): string | undefined {
  for (const f of findings) {
    if (f.kind !== 'input-format' || f.value !== 'last-attempted-server') continue;
    const m = /(?:LastAttemptedServerName=|OutboundProxyTargetHostName:\s{0,3}|\{FQDN=)([A-Za-z0-9.*-]{4,253})/.exec(f.excerpt);
    const host = ownHost(m?.[1]);
    if (host) return host;
  }
  return undefined;
}

/**
 * A distinguished name that can go between double quotes in PowerShell unchanged: no quote,
 * no $ or backtick (expansion), no < or > (they delimit <I> and <S>).
 */
const TLS_NAME_PART = /^[\p{L}\p{N} .,=\-_()&@'*+:/]{1,400}$/u;

/**
 * The send connector's TlsCertificateName for the public certificate ("<I>issuer<S>subject", as
 * in Microsoft's Set-SendConnector reference): the names themselves when both are known and
 * safe, else read from the certificate by thumbprint, else undefined.
 */
export function tlsCertificateName(
  issuer: string | undefined,
  subject: string | undefined,
  thumbprint: string | undefined,
): string | undefined {
  if (issuer && subject && TLS_NAME_PART.test(issuer) && TLS_NAME_PART.test(subject)) return `"<I>${issuer}<S>${subject}"`;
  if (thumbprint) return `(Get-ExchangeCertificate -Thumbprint ${thumbprint} | ForEach-Object { "<I>$($_.Issuer)<S>$($_.Subject)" })`;
  return undefined;
}
