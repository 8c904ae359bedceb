/**
 * The values that fill command templates, taken from findings. Every value is checked against
 * a strict character set before it goes into PowerShell: a paste must never be able to inject
 * a command into the answer.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { Finding, Language } from '../types';
import { t } from './catalogue';
import { exchangeThumbprint, intermediateFileName } from '../certificates/exchangeCommands';
import { isInternalOnlyHost, isMicrosoftHost } from '../evidence/prose';
import { isExchangeOnlineAddress } from '../evidence/ipRange';

export type CommandValues = Record<string, string>;

const FQDN = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const SERVICE_ORDER = ['IIS', 'POP', 'IMAP', 'UM', 'UMCallRouter', 'Federation'];
/**
 * A connector name for -Identity "...": letters, digits, spaces and a few punctuation marks; no double
 * quotes (straight or typographic), $ or backticks. A straight apostrophe ("Margie's Travel HQ") is a
 * literal inside double quotes.
 */
const CONNECTOR_NAME = /^[A-Za-z0-9äöüÄÖÜß][A-Za-z0-9 ._()'\-äöüÄÖÜß]{0,79}$/;

function str(f: Finding | undefined, key: string): string | undefined {
  const v = f?.data?.[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** A distinguished-name or CA name for prose and -like patterns: printable, no quotes or PowerShell metacharacters. */
function safeName(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const cleaned = v
    .replace(/[^A-Za-z0-9 .,=()&_@\-äöüÄÖÜß]/g, '')
    .trim()
    .slice(0, 200);
  return cleaned.length > 0 ? cleaned : undefined;
}

function cnOf(dn: string | undefined): string | undefined {
  if (!dn) return undefined;
  const m = /(?:^|,)\s*CN\s*=\s*([^,]{1,200})/i.exec(dn);
  return safeName(m ? m[1] : dn);
}

/**
 * The services KB 2888788's own command would keep: the listed ones without SMTP. Unknown
 * services stay a placeholder (never a default list); when nothing but SMTP is listed there is
 * nothing to keep, and "-Services None" is not a value Enable-ExchangeCertificate takes.
 */
function remainingServices(services: unknown): string | typeof NOTHING | undefined {
  if (!Array.isArray(services) || services.length === 0) return undefined;
  const rest = services.map(String).filter((s) => s.toUpperCase() !== 'SMTP' && s.toUpperCase() !== 'NONE');
  const known = SERVICE_ORDER.filter((s) => rest.some((r) => r.toUpperCase() === s.toUpperCase()));
  return known.length > 0 ? known.join(',') : NOTHING;
}

const NOTHING = Symbol('nothing');

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
function tlsCertificateName(issuer: string | undefined, subject: string | undefined, thumbprint: string | undefined): string | undefined {
  if (issuer && subject && TLS_NAME_PART.test(issuer) && TLS_NAME_PART.test(subject)) return `"<I>${issuer}<S>${subject}"`;
  if (thumbprint) return `(Get-ExchangeCertificate -Thumbprint ${thumbprint} | ForEach-Object { "<I>$($_.Issuer)<S>$($_.Subject)" })`;
  return undefined;
}

const CONNECTOR_VALUES = ['publicHost', 'connectorName', 'certificateName', 'expectedCertificateName', 'senderIp', 'senderIpv6'];

/** Every value the renderer fills into a command template (or shows as a readable placeholder); the loader rejects others. */
export const COMMAND_VALUE_NAMES: readonly string[] = [
  'untrustedThumbprint',
  'trustedThumbprint',
  'trustedTlsCertificateName',
  'untrustedIssuer',
  'remainingServices',
  'fqdn',
  'missingIssuer',
  'missingIssuerCN',
  'missingIssuerUrl',
  'endEntity',
  'intermediateFilePath',
  ...CONNECTOR_VALUES,
];

/**
 * KB 4051495's values: the inbound connector's name and current TlsSenderCertificateName, the name
 * the certificate in use really has, the sending server's public IP now, and a public name of the
 * server to test with openssl (never a wildcard, an internal-only or a Microsoft name).
 */
function connectorValues(findings: Finding[], hosts: Finding[]): Record<string, string | undefined> {
  const nameMismatch = findings.find((f) => f.kind === 'connector-certificate-name-mismatch' && f.source === 'correlation');
  const ipMismatch = findings.find((f) => f.kind === 'connector-sender-ip-mismatch');
  const connectors = findings.filter((f) => f.kind === 'connector');
  const host = (v: string | undefined) => (v && FQDN.test(v.toLowerCase()) && !isMicrosoftHost(v) ? v.toLowerCase() : undefined);
  const byRole = (...roles: string[]) => hosts.filter((h) => roles.includes(String(h.data?.role))).map((h) => h.value);
  const connectorName = [
    str(nameMismatch, 'connectorName'),
    str(ipMismatch, 'connectorName'),
    ...connectors.map((c) => str(c, 'connectorName')),
  ].find((n) => n !== undefined && CONNECTOR_NAME.test(n));
  const certificateName =
    host(str(nameMismatch, 'certificateName')) ??
    [...byRole('sending-certificate'), ...byRole('certificate-subject')].map(host).find((h) => h !== undefined && !isInternalOnlyHost(h));
  const expected = host(
    str(nameMismatch, 'expected') ?? connectors.map((c) => str(c, 'tlsSenderCertificateName')).find((n) => n !== undefined),
  );
  const ips = [str(ipMismatch, 'senderIp'), ...findings.filter((f) => f.kind === 'sender-ip').map((f) => f.value)];
  // The names the certificate in use has come before the connector's (perhaps stale) one.
  const publicHost = [
    ...byRole('tested-server', 'sending-certificate', 'certificate-subject'),
    str(nameMismatch, 'certificateName'),
    ...byRole('connector-certificate-name', 'event-computer', 'generating-server'),
  ]
    .map(host)
    .find((h) => h !== undefined && !h.startsWith('*.') && !isInternalOnlyHost(h));
  const ipv6 = str(
    findings.find((f) => f.kind === 'sender-ip-ipv6'),
    'senderIpv6',
  );
  return {
    connectorName,
    certificateName,
    expectedCertificateName: expected,
    publicHost,
    // Never one of Exchange Online's own addresses, whichever finding named it.
    senderIp: ips.find((ip) => ip !== undefined && senderIpEntry(ip) && !isExchangeOnlineAddress(ip)),
    senderIpv6: ipv6 && isIPv6(ipv6) ? ipv6 : undefined,
  };
}

/** What SenderIPAddresses takes: a single IPv4 address or a CIDR range from /24 to /32 (never IPv6). */
function senderIpEntry(value: string): boolean {
  const [address, bits] = value.split('/');
  return isIPv4(address) && (bits === undefined || (/^\d{2}$/.test(bits) && Number(bits) >= 24 && Number(bits) <= 32));
}

export interface FilledValues {
  values: CommandValues;
  /** Names whose value is a readable placeholder rather than a real value. */
  unknown: Set<string>;
  /** Names that have no value at all in this case: commands that need them do not apply. */
  inapplicable: Set<string>;
}

export function commandValues(findings: Finding[], language: Language): FilledValues {
  const byKind = (kind: string) => findings.filter((f) => f.kind === kind);
  const two = byKind('smtp-bound-to-two-certificates')[0] ?? byKind('uploaded-certificate-pair')[0];
  // Without a pair, a lone public SMTP certificate in the listing is the one to pin the connector to.
  const publicListed = byKind('certificate-listing').filter(
    (f) =>
      f.data?.issuerKind === 'public' && Array.isArray(f.data?.services) && f.data.services.some((x) => String(x).toUpperCase() === 'SMTP'),
  );
  const publicOne = !two && publicListed.length === 1 ? publicListed[0] : undefined;
  const sending = byKind('sending-untrusted-certificate')[0];
  const pinnedInternal = byKind('send-connector-internal-certificate')[0];
  const internal = byKind('internal-ca-on-smtp');
  const chain = byKind('chain-incomplete').find((f) => f.data?.missingIssuer) ?? byKind('chain-incomplete')[0];
  const hosts = byKind('host-name');

  const found: Record<string, string | undefined> = {};
  const thumb = (v: string | undefined) => (v ? exchangeThumbprint(v) : undefined);
  found.untrustedThumbprint =
    thumb(str(two, 'untrustedThumbprint')) ??
    thumb(str(sending, 'untrustedThumbprint')) ??
    (internal.length === 1 ? thumb(str(internal[0], 'thumbprint')) : undefined);
  found.trustedThumbprint = thumb(str(two, 'trustedThumbprint')) ?? thumb(str(publicOne, 'thumbprint'));
  found.trustedTlsCertificateName = tlsCertificateName(
    str(two, 'trustedIssuer') ?? str(publicOne, 'issuer'),
    str(two, 'trustedSubject') ?? str(publicOne, 'subject'),
    found.trustedThumbprint,
  );
  found.untrustedIssuer = safeName(
    str(two, 'untrustedIssuer') ??
      str(sending, 'untrustedIssuer') ??
      str(pinnedInternal, 'untrustedIssuer') ??
      (internal.length === 1 ? str(internal[0], 'issuer') : undefined),
  );
  const services = two?.data?.untrustedServices ?? (internal.length === 1 ? internal[0].data?.services : undefined);
  const remaining = remainingServices(services);
  found.remainingServices = remaining === NOTHING ? undefined : remaining;
  // The server's own name: certificate names first, then where the paste says the server is.
  const byRole = (...roles: string[]) => hosts.filter((h) => roles.includes(String(h.data?.role))).map((h) => h.value);
  const hostCandidates = [
    str(two, 'fqdn'),
    ...byRole('tested-server', 'sending-certificate', 'certificate-subject', 'connector-certificate-name'),
    ...byRole('event-computer', 'generating-server'),
  ];
  // Never a Microsoft server (an NDR generated by EOP names one): the commands are about the user's server.
  const microsoft = /(?:^|\.)(?:outlook\.com|office365\.com|microsoft\.com|onmicrosoft\.com|office\.com)$/;
  found.fqdn = hostCandidates.map((h) => h?.toLowerCase()).find((h) => h !== undefined && FQDN.test(h) && !microsoft.test(h));
  found.missingIssuer = safeName(str(chain, 'missingIssuer'));
  found.missingIssuerCN = cnOf(str(chain, 'missingIssuer'));
  const url = str(chain, 'aiaUrl');
  found.missingIssuerUrl = url && /^https?:\/\/[A-Za-z0-9.-]{1,253}(?::\d{1,5})?\/[A-Za-z0-9._~/%-]{0,300}$/.test(url) ? url : undefined;
  found.endEntity = safeName(str(chain, 'endEntity'));
  const file = intermediateFileName(found.missingIssuerUrl);
  found.intermediateFilePath = file !== 'intermediateca.cer' ? `c:\\import\\${file}` : undefined;
  Object.assign(found, connectorValues(findings, hosts));

  const values: CommandValues = {};
  const unknown = new Set<string>();
  const inapplicable = new Set<string>(remaining === NOTHING ? ['remainingServices'] : []);
  for (const name of COMMAND_VALUE_NAMES) {
    const v = found[name];
    if (v !== undefined) values[name] = v;
    else {
      values[name] = t(`placeholder.${name}`, language);
      // A default taken from the article itself (KB 3212877's example path) is not an unknown.
      if (name !== 'intermediateFilePath') unknown.add(name);
    }
  }
  return { values, unknown, inapplicable };
}
