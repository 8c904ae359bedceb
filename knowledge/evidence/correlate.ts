/**
 * Findings that only the combination of inputs reveals (a paste of the connector, another of the
 * certificates, perhaps in different turns):
 *  - the inbound connector's TlsSenderCertificateName against every certificate name the user
 *    showed (Get-ExchangeCertificate, uploaded files, openssl, certutil, the send log, the send
 *    connector's TlsCertificateName, prose): no name fits -> `connector-certificate-name-mismatch`
 *    (KB 4051495), one fits -> `connector-certificate-name-match` (evidence against it);
 *  - an IP-based connector's SenderIPAddresses against the address Exchange Online sees (its
 *    "Hello [ip]" greeting) or the user names -> `connector-sender-ip-mismatch` / `-match`; an IPv6
 *    sender is never covered (SenderIPAddresses takes IPv4 only) -> also `sender-ip-ipv6`, with the
 *    addresses listed or not (unless the connector checks the certificate); IPv6 only stated ("our ISP
 *    enabled IPv6") with an IP-based connector -> `sender-ip-ipv6` `stated` (no address seen);
 *  - a connector name that can never be an accepted domain (`.local`) -> ATTR36 territory;
 *  - a missing intermediate published as a PKCS#7 bundle (.p7c/.p7b) -> `intermediate-file pkcs7`;
 *  - a server certificate from an internal CA without a public twin, where the server relays through
 *    EOP -> `internal-ca-certificate-alone`;
 *  - the intermediate imported (KB 3212877's fix) while openssl or certutil still shows the chain
 *    missing -> `intermediate-imported-not-served`, or `wrong-intermediate-imported` when the console
 *    printed another certificate than the missing issuer.
 *
 * Name matching follows Microsoft's documentation of TlsSenderCertificateName: a wildcard in the
 * connector ("*.contoso.com") stands for the domain and all its subdomains; a plain name must be a
 * name on the certificate. A wildcard certificate does not satisfy a connector that names one
 * host: KB 4051495's own example sets the connector to "*.contoso.com" for a certificate whose
 * subject is CN=*.contoso.com.
 */
import { isIPv6 } from 'node:net';
import type { Finding } from '../types';
import { finding } from './extractor';
import { ipCovered } from './ipRange';
import { isInternalOnlyHost, isMicrosoftHost } from './prose';

const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,63}$/;

/** Does the connector's TlsSenderCertificateName accept a certificate carrying `name`? */
export function connectorAccepts(expected: string, name: string): boolean {
  const e = expected.toLowerCase();
  const n = name.toLowerCase();
  if (e === n) return true;
  if (!e.startsWith('*.')) return false;
  const domain = e.slice(2);
  const bare = n.startsWith('*.') ? n.slice(2) : n;
  return bare === domain || bare.endsWith(`.${domain}`);
}

interface SeenName {
  name: string;
  issuer?: string;
  weight: number;
  source: string;
}

/** The names of certificates the findings show the sending server using or holding for SMTP, best candidates first. */
function certificateNames(findings: Finding[]): SeenName[] {
  const seen: SeenName[] = [];
  const add = (name: string | undefined, weight: number, source: string, issuer?: unknown) => {
    const n = (name ?? '').trim().toLowerCase();
    if (!HOST.test(n) || isMicrosoftHost(n)) return;
    seen.push({
      name: n,
      weight: weight - (isInternalOnlyHost(n) ? 0.5 : 0),
      source,
      issuer: typeof issuer === 'string' ? issuer : undefined,
    });
  };
  for (const f of findings) {
    const role = f.data?.role;
    if (f.kind === 'host-name' && role === 'sending-certificate') add(f.value, 4, f.source, f.data?.issuer);
    if (f.kind === 'host-name' && role === 'certificate-subject') add(f.value, 2, f.source);
    if (f.kind === 'certificate-names' && Array.isArray(f.data?.names))
      f.data.names.forEach((n, i) => add(n, i === 0 ? 3 : 1.5, f.source, f.data?.issuer));
    if (f.kind === 'certificate-listing') {
      const services = f.data?.services;
      if (Array.isArray(services) && !services.some((s) => s.toUpperCase() === 'SMTP')) continue;
      // The self-signed default and Auth certificates never identify the server to Exchange Online.
      if (f.data?.issuerKind === 'self-signed') continue;
      const subject = typeof f.data?.subject === 'string' ? /CN\s*=\s*([^,]{1,253})/i.exec(f.data.subject)?.[1] : undefined;
      const penalty = f.data?.issuerKind === 'internal' ? 1 : 0;
      add(subject, 3.5 - penalty, f.source, f.data?.issuer);
      if (Array.isArray(f.data?.domains)) f.data.domains.forEach((d) => add(d, 1.5 - penalty, f.source, f.data?.issuer));
    }
  }
  return seen;
}

function cn(dn: string): string {
  return (/(?:^|,)\s*CN\s*=\s*([^,]{1,200})/i.exec(dn)?.[1] ?? dn).trim().toLowerCase();
}

function nameFindings(findings: Finding[]): Finding[] {
  const connectors = findings.filter(
    (f) => f.kind === 'connector' && f.value === 'inbound-certificate-validation' && typeof f.data?.tlsSenderCertificateName === 'string',
  );
  if (connectors.length === 0) return [];
  const out: Finding[] = [];
  const expected = [...new Set(connectors.map((c) => String(c.data!.tlsSenderCertificateName).toLowerCase()))];
  const connector = connectors.find((c) => c.source === 'connector-config') ?? connectors[0];
  const connectorName = connectors.map((c) => c.data?.connectorName).find((n) => typeof n === 'string' && n.length > 0);
  for (const name of expected) {
    if (isInternalOnlyHost(name))
      out.push(finding('certificate-domain-not-accepted', 'internal-name', connector.excerpt, 'correlation', { name }));
  }
  const names = certificateNames(findings);
  if (names.length === 0) return out;
  const fitting = names.filter((n) => expected.some((e) => connectorAccepts(e, n.name)));
  const pinned = connectors.map((c) => c.data?.pinnedIssuer).find((i): i is string => typeof i === 'string');
  const stated = findings.filter((f) => f.kind === 'certificate-issuer').map((f) => f.value);
  const issuers = [...new Set([...names.map((n) => n.issuer), ...stated].filter((i): i is string => !!i).map(cn))];
  const issuerChanged = pinned !== undefined && issuers.length > 0 && !issuers.includes(cn(pinned));
  const seen = [...new Set(names.map((n) => n.name))].slice(0, 10);
  if (fitting.length > 0 && !issuerChanged) {
    out.push(finding('connector-certificate-name-match', 'correlated', connector.excerpt, 'correlation', { expected: expected[0], seen }));
    return out;
  }
  // The name to put into the connector: the best-placed public name of the certificate in use.
  const best = [...names].sort((a, b) => b.weight - a.weight)[0];
  const suggestion = issuerChanged ? (fitting[0]?.name ?? best.name) : best.name;
  out.push(
    finding('connector-certificate-name-mismatch', expected[0], connector.excerpt, 'correlation', {
      expected: expected[0],
      seen,
      certificateName: suggestion,
      connectorName,
      reason: issuerChanged ? 'issuer' : 'name',
      pinnedIssuer: pinned,
    }),
  );
  return out;
}

function connectorNameOf(findings: Finding[]): string | undefined {
  return findings
    .filter((f) => f.kind === 'connector')
    .map((c) => c.data?.connectorName)
    .find((n): n is string => typeof n === 'string' && n.length > 0);
}

function addressFindings(findings: Finding[]): Finding[] {
  const connectors = findings.filter(
    (f) => f.kind === 'connector' && Array.isArray(f.data?.senderIpAddresses) && f.data.senderIpAddresses.length > 0,
  );
  // "Our ISP switched IPv6 on" next to a connector that checks the IPv4 address (shown, stated, or the
  // answer "the sending IP address changed"): no entry can cover the server now. No address was seen.
  const ipv6 = findings.find((f) => f.kind === 'ipv6-stated');
  const ipBased = findings.some(
    (f) => (f.kind === 'connector' && f.value === 'ip-based') || (f.kind === 'answer-evidence' && f.value === 'sender-ip-changed'),
  );
  if (ipv6 && ipBased && !findings.some((f) => f.kind === 'sender-ip')) {
    return [
      finding('connector-sender-ip-mismatch', 'ipv6-stated', ipv6.excerpt, 'correlation', { connectorName: connectorNameOf(findings) }),
      finding('sender-ip-ipv6', 'stated', ipv6.excerpt, 'correlation'),
    ];
  }
  if (connectors.length === 0) return unlistedIpv6Findings(findings, ipBased);
  const listed = [...new Set(connectors.flatMap((c) => c.data!.senderIpAddresses as string[]))];
  const connectorName = connectors.map((c) => c.data?.connectorName).find((n) => typeof n === 'string' && n.length > 0);
  // What Exchange Online saw first, then what the user says the server uses now.
  const addresses = [
    ...findings.filter((f) => f.kind === 'sender-ip' && f.data?.role === 'seen-by-exchange-online'),
    ...findings.filter((f) => f.kind === 'sender-ip' && f.data?.role !== 'seen-by-exchange-online'),
  ];
  if (addresses.length === 0) return [];
  const outside = addresses.find((a) => !listed.some((entry) => ipCovered(a.value, entry)));
  if (outside) {
    const mismatch = finding('connector-sender-ip-mismatch', outside.value, outside.excerpt, 'correlation', {
      senderIp: outside.value,
      listed,
      connectorName,
    });
    // SenderIPAddresses takes IPv4 only: an IPv6 sender can never be added, the server must use IPv4 or be identified by certificate.
    return isIPv6(outside.value)
      ? [mismatch, finding('sender-ip-ipv6', outside.value, outside.excerpt, 'correlation', { senderIpv6: outside.value })]
      : [mismatch];
  }
  return [finding('connector-sender-ip-match', 'correlated', addresses[0].excerpt, 'correlation', { listed })];
}

/**
 * Exchange Online saw an IPv6 address (its greeting first, else the address the user names) and no SenderIPAddresses
 * were shown: SenderIPAddresses takes IPv4 only, so an IP-based connector can never list this sender
 * -> `sender-ip-ipv6` (what the answer then advises: back to IPv4, or identify by certificate); with a
 * connector known to check the address also `connector-sender-ip-mismatch`. Not when the connector
 * checks the certificate: then the address does not matter and the names decide.
 */
function unlistedIpv6Findings(findings: Finding[], ipBased: boolean): Finding[] {
  const seen = [
    ...findings.filter((f) => f.kind === 'sender-ip' && f.data?.role === 'seen-by-exchange-online'),
    ...findings.filter((f) => f.kind === 'sender-ip' && f.data?.role !== 'seen-by-exchange-online'),
  ][0];
  if (!seen || !isIPv6(seen.value)) return [];
  const byCertificate = findings.some(
    (f) =>
      (f.kind === 'connector' && f.value === 'inbound-certificate-validation') ||
      (f.kind === 'answer-evidence' && f.value === 'tls-sender-name-mismatch'),
  );
  if (byCertificate && !ipBased) return [];
  const ipv6 = finding('sender-ip-ipv6', seen.value, seen.excerpt, 'correlation', { senderIpv6: seen.value });
  if (!ipBased) return [ipv6];
  const connectorName = connectorNameOf(findings);
  return [finding('connector-sender-ip-mismatch', seen.value, seen.excerpt, 'correlation', { senderIp: seen.value, connectorName }), ipv6];
}

/** A missing intermediate that the CA publishes as a PKCS#7 bundle: Import-Certificate would import only its first certificate. */
function bundleFindings(findings: Finding[]): Finding[] {
  const bundle = findings.find(
    (f) => f.kind === 'chain-incomplete' && typeof f.data?.aiaUrl === 'string' && /\.p7[bc]$/i.test(f.data.aiaUrl),
  );
  return bundle ? [finding('intermediate-file', 'pkcs7', String(bundle.data!.aiaUrl), 'correlation')] : [];
}

/**
 * A server certificate from an internal CA with no public twin for the same name (that pair is
 * KB 2888788): Exchange Online will not trust it whatever intermediates are sent, so neither a
 * missing chain nor the connector is the cause; a certificate from a public CA is the fix.
 */
/** Evidence that the server relays through EOP (an inbound connector identifies it), not only hybrid. */
function relayContext(findings: Finding[]): boolean {
  return findings.some(
    (f) =>
      (f.kind === 'smtp-reply' && f.value === '5.7.64') ||
      (f.kind === 'symptom' && f.value === 'relay-access-denied') ||
      (f.kind === 'route' && (f.value === 'relay-via-eop' || f.value === 'iis-smtp')) ||
      (f.kind === 'answer-evidence' && f.value === 'relay-via-eop'),
  );
}

/**
 * The certificate analysis names an internal-CA server certificate without a public twin itself
 * (`internal-certificate-without-public-twin`, the neighbour "internal certificate only", worded for
 * hybrid); the relay-worded neighbour (inbound connector's TlsSenderCertificateName) is added for it
 * only where the server relays through EOP, so that an upload alone does not name the problem twice.
 */
function internalAloneFindings(findings: Finding[]): Finding[] {
  const internal = findings.find((f) => f.kind === 'issuer-looks-internal');
  if (!internal || findings.some((f) => f.kind === 'smtp-bound-to-two-certificates' || f.kind === 'uploaded-certificate-pair')) return [];
  if (findings.some((f) => f.kind === 'internal-certificate-without-public-twin') && !relayContext(findings)) return [];
  return [finding('internal-ca-certificate-alone', internal.value, internal.excerpt, 'correlation', internal.data)];
}

/** "The new certificate is smtp.contoso.com, the old one was mail.contoso.com": the name changed (the connector may still name the old one). */
function nameChangeFindings(findings: Finding[]): Finding[] {
  const names = (role: string) => findings.filter((f) => f.kind === 'host-name' && f.data?.role === role && f.source === 'stated-names');
  const old = names('old-certificate-name');
  const now = [
    ...names('certificate-subject'),
    ...findings.filter((f) => f.kind === 'host-name' && f.data?.role === 'sending-certificate'),
  ];
  if (old.length === 0 || now.length === 0 || now.some((n) => old.some((o) => o.value === n.value))) return [];
  return [finding('change', 'certificate-name-changed', old[0].excerpt, 'correlation', { old: old[0].value, now: now[0].value })];
}

/**
 * "The certificate now carries another name" and "the connector was not touched": a connector that
 * checks the certificate still expects the old name (KB 4051495), even when it is not shown. Not
 * when the paste shows the connector's name (compared directly above), an IP-based connector, or
 * says the connector matches.
 */
function inferredNameFindings(inputs: Finding[], derived: Finding[]): Finding[] {
  const untouched = inputs.find((f) => f.kind === 'connector-unchanged');
  if (!untouched) return [];
  const all = [...inputs, ...derived];
  const shown = all.some(
    (f) =>
      f.kind.startsWith('connector-certificate-name-') ||
      f.kind === 'connector-sender-ip-mismatch' ||
      f.kind === 'connector-sender-ip-match' ||
      (f.kind === 'connector' && (f.value === 'ip-based' || typeof f.data?.tlsSenderCertificateName === 'string')),
  );
  if (shown) return [];
  const change =
    derived.find((f) => f.kind === 'change' && f.value === 'certificate-name-changed') ??
    inputs.find((f) => f.kind === 'change' && f.value === 'certificate-name-changed');
  if (!change) return [];
  const old = typeof change.data?.old === 'string' ? change.data.old : undefined;
  const now = typeof change.data?.now === 'string' ? change.data.now : undefined;
  return [
    finding('connector-certificate-name-mismatch', 'inferred', untouched.excerpt, 'correlation', {
      expected: old,
      seen: now ? [now] : [],
      certificateName: now,
      reason: 'name',
      inferred: true,
    }),
  ];
}

/** What shows the chain is still not sent or built: openssl (only the server certificate served), certutil -verify (missing issuer). */
const NOT_SERVED = new Set(['served-without-intermediates', 'certutil-partial-chain']);

/**
 * KB 3212877's fix reported applied (a console transcript of the import, or the user's words) while
 * the same conversation shows the chain still missing. The import then did not help yet, and the
 * evidence of the chain decides, not the transcript:
 *  - the console printed what it imported, and none of it is the missing issuer of the server's
 *    certificate -> `wrong-intermediate-imported` (its value: the name imported);
 *  - otherwise, openssl or certutil -verify still shows the chain incomplete ->
 *    `intermediate-imported-not-served` (the service was not restarted, or another server sends).
 * Either one sets the fix-applied finding aside (`withoutRefutedFix`), so that it no longer counts
 * against KB 3212877. A transcript with nothing against it stays the fix applied.
 */
function importNotServedFindings(findings: Finding[]): Finding[] {
  const applied = findings.find((f) => f.kind === 'chain-complete' && f.value === 'fix-applied');
  if (!applied) return [];
  // A verified chain next to an incomplete one (two servers, before and after) is left to the scores.
  if (findings.some((f) => f.kind === 'chain-complete' && f.value !== 'fix-applied' && f.value !== 'stated')) return [];
  const incomplete = findings.filter((f) => f.kind === 'chain-incomplete');
  const imported = Array.isArray(applied.data?.imported) ? applied.data.imported : [];
  const missing = incomplete.map((f) => f.data?.missingIssuer).find((m): m is string => typeof m === 'string' && m.length > 0);
  if (missing && imported.length > 0 && !imported.some((name) => cn(name) === cn(missing))) {
    const name = (/(?:^|,)\s*CN\s*=\s*([^,]{1,200})/i.exec(imported[0])?.[1] ?? imported[0]).trim();
    return [finding('wrong-intermediate-imported', name, applied.excerpt, 'correlation', { imported, missingIssuer: missing })];
  }
  const notServed = incomplete.find((f) => NOT_SERVED.has(f.value));
  return notServed ? [finding('intermediate-imported-not-served', notServed.value, applied.excerpt, 'correlation', { imported })] : [];
}

/** The fix-applied finding that `importNotServedFindings` showed did not help (yet) is no evidence against KB 3212877. */
export function withoutRefutedFix(findings: Finding[]): Finding[] {
  if (!findings.some((f) => f.kind === 'wrong-intermediate-imported' || f.kind === 'intermediate-imported-not-served')) return findings;
  return findings.filter((f) => !(f.kind === 'chain-complete' && f.value === 'fix-applied'));
}

/** The findings without those derived here earlier (a stored conversation is correlated again from its inputs). */
export function withoutDerived(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.source !== 'correlation');
}

/**
 * The connector fits the sending server on every count that applies: by name for a connector that
 * checks the certificate, by address for one that checks the IP (stated or shown). Evidence
 * against KB 4051495 as strong as a mismatch is for it.
 */
function senderMatchFindings(all: Finding[]): Finding[] {
  const has = (kind: string, value?: string) => all.some((f) => f.kind === kind && (value === undefined || f.value === value));
  if (has('connector-certificate-name-mismatch') || has('connector-sender-ip-mismatch')) return [];
  const nameOk = has('connector-certificate-name-match');
  const ipOk = has('connector-sender-ip-match');
  const certificateBased = has('connector', 'inbound-certificate-validation');
  const ipBased = has('connector', 'ip-based');
  const fits = (nameOk && !ipBased) || (ipOk && ipBased && !certificateBased) || (nameOk && ipOk);
  const evidence = all.find((f) => f.kind === (nameOk ? 'connector-certificate-name-match' : 'connector-sender-ip-match'));
  return fits && evidence ? [finding('connector-matches-sender', nameOk ? 'name' : 'address', evidence.excerpt, 'correlation')] : [];
}

export function correlate(findings: Finding[]): Finding[] {
  const inputs = withoutDerived(findings);
  const direct = [
    ...nameFindings(inputs),
    ...addressFindings(inputs),
    ...bundleFindings(inputs),
    ...internalAloneFindings(inputs),
    ...nameChangeFindings(inputs),
    ...importNotServedFindings(inputs),
  ];
  const derived = [...direct, ...inferredNameFindings(inputs, direct)];
  return [...derived, ...senderMatchFindings([...inputs, ...derived])];
}
