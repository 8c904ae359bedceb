/**
 * Output of Get-ExchangeCertificate, in list form (`| fl`):
 *   Thumbprint : D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607
 *   Services   : IMAP, POP, IIS, SMTP
 * and in table form (the default, or `| ft Thumbprint,Services,Subject,Issuer`):
 *   Thumbprint                                Services   Subject
 *   ----------                                --------   -------
 *   D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607  IP.WS..    CN=mail.litware.com
 * and summarised on one line ("Thumbprint 1378..., Issuer CN=..., Services IMAP, SMTP").
 * Each certificate becomes a `certificate-listing` finding; two certificates with SMTP for
 * the same name, one from an internal CA and one public, become `smtp-bound-to-two-certificates`.
 * Exchange's own certificates are never "the untrusted one" of KB 2888788, whatever their
 * services say: the self-signed "Microsoft Exchange" certificate, the Auth certificate
 * ("Microsoft Exchange Server Auth Certificate") and the internal transport certificate
 * (`Get-TransportService | fl Name,InternalTransportCertificateThumbprint`, read here too).
 */
import { finding, type Extractor } from './extractor';
import { commonName, judgeIssuer } from './issuerKind';
import { nameCovers as covers } from './hostNameMatch';
import { isTableHeader, readFormatTable } from './formatTable';
import type { CertificateSummary, Finding } from '../types';

interface ListedCertificate extends CertificateSummary {
  excerpt: string;
  /** Registry, ThirdParty, Enterprise, GroupPolicy ...: where Windows found the root. */
  rootCAType?: string;
  /** "True"/"False" as Get-ExchangeCertificate | fl prints IsSelfSigned. */
  isSelfSigned?: string;
  /** The listing it came from: one per Get-ExchangeCertificate command in the paste (0 before any). */
  listing?: number;
  /** "True"/"False" as Get-ExchangeCertificate | fl prints HasPrivateKey. */
  hasPrivateKey?: string;
  /** Valid, DateInvalid, RevocationCheckFailure ... as Get-ExchangeCertificate | fl prints Status. */
  status?: string;
}

const KEYS: Record<string, keyof ListedCertificate | 'domains'> = {
  thumbprint: 'thumbprint',
  subject: 'subject',
  issuer: 'issuer',
  friendlyname: 'friendlyName',
  services: 'services',
  certificatedomains: 'domains',
  notafter: 'notAfter',
  rootcatype: 'rootCAType',
  isselfsigned: 'isSelfSigned',
  hasprivatekey: 'hasPrivateKey',
  status: 'status',
};
const LIST_LINE =
  /^\s{0,8}(Thumbprint|Subject|Issuer|FriendlyName|Services|CertificateDomains|NotAfter|NotBefore|Status|IsSelfSigned|RootCAType|HasPrivateKey|SerialNumber)\s{0,40}:\s?(.{0,2000})$/i;
// Table "Services" flags: I=IMAP, P=POP, U=UM, W=IIS (web), S=SMTP, F=Federation, C=UMCallRouter.
const FLAG_SERVICES: Record<string, string> = { I: 'IMAP', P: 'POP', U: 'UM', W: 'IIS', S: 'SMTP', F: 'Federation', C: 'UMCallRouter' };

function parseServices(value: string): string[] {
  const v = value.trim();
  // Table flags are a fixed-width string such as "IP.WS..": never a word like "IIS".
  if (/^[IPUWSFC.]{5,8}$/.test(v) && (v.includes('.') || v.length === 7))
    return [...v].filter((c) => c !== '.').map((c) => FLAG_SERVICES[c]);
  return v
    .split(/[,;\s]+/)
    .map((s) => s.trim())
    .filter((s) => /^[A-Za-z]{2,15}$/.test(s) && s.toLowerCase() !== 'none');
}

function parseDomains(value: string): string[] {
  return value
    .replace(/[{}]/g, '')
    .split(/[,;\s]+/)
    .map((d) => d.trim().toLowerCase())
    .filter((d) => d.length > 0 && d.length < 254);
}

const CMDLET_THUMBPRINT = /Get-ExchangeCertificate\s+(?:-Thumbprint\s+|-Identity\s+(?:\S+\\)?)?['"]?([0-9A-Fa-f]{40})\b/;
// "| ? Services -match SMTP", "| Where-Object {$_.Services -like '*SMTP*'}": the command lists only certificates with SMTP.
const SMTP_FILTER =
  /\|\s{0,3}(?:\?|where(?:-object)?)\s{0,3}\{?\s{0,3}(?:\$_\.)?Services\s{1,3}-[ic]?(?:match|like|contains|eq)\s{1,3}["'{(]?\s{0,2}\*?SMTP\b/i;

interface Listing {
  certs: ListedCertificate[];
  /** Per listing (see ListedCertificate.listing): whether its command keeps only the certificates with SMTP. */
  smtpOnly: boolean[];
}

function parseList(lines: string[]): Listing {
  const certs: ListedCertificate[] = [];
  const smtpOnly = [false];
  let current: ListedCertificate | undefined;
  let lastKey: string | undefined;
  // "Get-ExchangeCertificate <thumbprint> | fl Issuer,...": the block that follows is that certificate.
  let commandThumbprint: string | undefined;
  for (const line of lines) {
    if ((line.includes('ExchangeCertificate') || line.includes('exchangecertificate')) && /Get-ExchangeCertificate\b/i.test(line)) {
      smtpOnly.push(SMTP_FILTER.test(line));
      current = undefined;
    }
    const cmd = line.includes('ExchangeCertificate') ? CMDLET_THUMBPRINT.exec(line) : null;
    if (cmd) {
      commandThumbprint = cmd[1].toUpperCase();
      current = undefined;
      continue;
    }
    const m = LIST_LINE.exec(line);
    if (!m) {
      // Wrapped continuation of CertificateDomains / Services (indented, no key).
      if (current && lastKey && /^\s{10,}\S/.test(line) && (lastKey === 'domains' || lastKey === 'services')) {
        if (lastKey === 'domains') current.domains = [...(current.domains ?? []), ...parseDomains(line)];
        else current.services = [...(current.services ?? []), ...parseServices(line)];
        continue;
      }
      if (line.trim() === '') lastKey = undefined;
      continue;
    }
    const key = KEYS[m[1].toLowerCase()];
    lastKey = key;
    if (!key) continue;
    if (!current || current[key] !== undefined) {
      current = { excerpt: '', thumbprint: commandThumbprint, listing: smtpOnly.length - 1 };
      commandThumbprint = undefined;
      certs.push(current);
    }
    const value = m[2].trim();
    if (key === 'services') current.services = parseServices(value);
    else if (key === 'domains') current.domains = parseDomains(value);
    else if (key === 'thumbprint') {
      current.thumbprint = value.replace(/\s/g, '').toUpperCase();
      current.excerpt = line.trim();
    } else (current as unknown as Record<string, string>)[key] = value;
    if (!current.excerpt) current.excerpt = line.trim();
  }
  return { certs, smtpOnly };
}

const hasThumbprint = (c: ListedCertificate) => !!c.thumbprint && /^[0-9A-F]{40}$/.test(c.thumbprint);

/**
 * "Get-ExchangeCertificate | ? Services -match SMTP | fl Subject,CertificateDomains" lists no thumbprint:
 * the names still say which certificate the server holds for SMTP (KB 4051495 compares them with the
 * inbound connector). Not Exchange's self-signed certificate, not one whose services leave SMTP out.
 * A certificate whose services the paste does not show is the SMTP one only when its command kept only
 * SMTP certificates or it is the only one listed: "Get-ExchangeCertificate | fl Subject,CertificateDomains"
 * lists the IIS certificate (owa.contoso.com) next to the SMTP one.
 */
function namesWithoutThumbprint({ certs, smtpOnly }: Listing): Finding[] {
  const out: Finding[] = [];
  const inListing = (n: number | undefined) => certs.filter((c) => c.listing === n).length;
  for (const c of certs) {
    if (hasThumbprint(c) || (c.services && !c.services.some((s) => s.toUpperCase() === 'SMTP'))) continue;
    if (!c.services && !smtpOnly[c.listing ?? 0] && inListing(c.listing) !== 1) continue;
    if (/^true$/i.test(c.isSelfSigned?.trim() ?? '') || (c.issuer && c.subject && commonName(c.issuer) === commonName(c.subject))) continue;
    for (const name of namesOf(c).slice(0, 10))
      out.push(finding('host-name', name, c.excerpt, 'exchange-certificate', { role: 'certificate-subject' }));
  }
  return out;
}

const CA_STORE = /PSParentPath:[^\n]{0,120}::(?:LocalMachine|CurrentUser)\\(?:CA|Root|AuthRoot|TrustedPublisher|Disallowed)\s*$/i;

function parseTable(lines: string[]): ListedCertificate[] {
  const certs: ListedCertificate[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!/\bThumbprint\b/i.test(lines[i]) || !isTableHeader(lines, i)) continue;
    // Get-ChildItem / Import-Certificate output of a CA or root store lists CA certificates, not Exchange's.
    if (lines.slice(Math.max(0, i - 4), i).some((l) => CA_STORE.test(l))) continue;
    for (const { cells, line } of readFormatTable(lines, i).rows) {
      const cert: ListedCertificate = { excerpt: line.trim() };
      for (const [name, cell] of Object.entries(cells)) {
        const key = KEYS[name];
        if (!key) continue;
        if (key === 'services') cert.services = parseServices(cell);
        else if (key === 'domains') cert.domains = parseDomains(cell);
        else if (key === 'thumbprint') cert.thumbprint = cell.replace(/\s/g, '').toUpperCase();
        else (cert as unknown as Record<string, string>)[key] = cell;
      }
      if (!cert.thumbprint || !/^[0-9A-F]{40}$/.test(cert.thumbprint))
        cert.thumbprint = /\b[0-9A-Fa-f]{40}\b/.exec(line)?.[0].toUpperCase();
      if (cert.thumbprint) certs.push(cert);
    }
  }
  return certs;
}

// One certificate summarised on one line, as admins type it from the listing:
//   "Intern: Thumbprint 1378F2..., Issuer CN=Contoso-Issuing-CA, DC=contoso, DC=local, Services IMAP, SMTP"
//   "Fingerabdruck: BD92F8... | Aussteller: CN=DigiCert ... | Dienste: IIS, SMTP"
const INLINE_KEYS: Record<string, keyof typeof KEYS> = {
  thumbprint: 'thumbprint',
  fingerabdruck: 'thumbprint',
  subject: 'subject',
  antragsteller: 'subject',
  issuer: 'issuer',
  aussteller: 'issuer',
  services: 'services',
  dienste: 'services',
  certificatedomains: 'certificatedomains',
  friendlyname: 'friendlyname',
  notafter: 'notafter',
};
const INLINE_KEY =
  /(?:^|[\s,;|(])(Thumbprint|Fingerabdruck|Subject|Antragsteller|Issuer|Aussteller|Services|Dienste|CertificateDomains|FriendlyName|NotAfter)(?:\s{0,3}[:=]\s{0,3}|\s{1,3})(?=\S)/gi;

function parseInline(lines: string[]): ListedCertificate[] {
  const certs: ListedCertificate[] = [];
  for (const line of lines) {
    // Cheap checks first: a list line ("Thumbprint : ...") holds one key, and most lines none.
    if (
      line.length > 2000 ||
      line.length < 60 ||
      !(line.includes('humbprint') || line.includes('HUMBPRINT') || line.includes('ingerabdruck')) ||
      !/\b[0-9A-Fa-f]{40}\b/.test(line)
    )
      continue;
    const keys: Array<{ key: string; start: number; valueStart: number }> = [];
    INLINE_KEY.lastIndex = 0;
    for (let m = INLINE_KEY.exec(line); m; m = INLINE_KEY.exec(line))
      keys.push({ key: m[1].toLowerCase(), start: m.index, valueStart: m.index + m[0].length });
    if (keys.length < 2 || new Set(keys.map((k) => INLINE_KEYS[k.key])).size < keys.length) continue;
    const cert: ListedCertificate = { excerpt: line.trim() };
    keys.forEach((k, n) => {
      const value = line
        .slice(k.valueStart, keys[n + 1]?.start ?? line.length)
        .replace(/^\s*[:=]\s*/, '')
        .replace(/[\s,;|]+$/, '')
        .trim();
      const key = KEYS[INLINE_KEYS[k.key]];
      if (key === 'services') cert.services = parseServices(value);
      else if (key === 'domains') cert.domains = parseDomains(value);
      else if (key === 'thumbprint') cert.thumbprint = /^[0-9A-Fa-f]{40}\b/.exec(value)?.[0].toUpperCase();
      else if (key) (cert as unknown as Record<string, string>)[key] = value;
    });
    if (cert.thumbprint && (cert.issuer || cert.services || cert.subject)) certs.push(cert);
  }
  return certs;
}

const INTERNAL_TRANSPORT = /^\s{0,8}InternalTransportCertificateThumbprint\s{0,40}:\s?([0-9A-Fa-f]{40})\s*$/;
const AUTH_CERTIFICATE = /Microsoft Exchange Server Auth Certificate/i;

/** Thumbprints that Get-TransportService output names as a server's internal transport certificate. */
function internalTransportThumbprints(lines: string[]): Array<{ thumbprint: string; line: string }> {
  const found: Array<{ thumbprint: string; line: string }> = [];
  for (const line of lines) {
    const m = line.length < 200 ? INTERNAL_TRANSPORT.exec(line) : null;
    if (m) found.push({ thumbprint: m[1].toUpperCase(), line: line.trim() });
  }
  return found;
}

/** Exchange's own certificates: self-signed, the Auth certificate, a server's internal transport certificate. */
function exchangeOwn(c: ListedCertificate, internalTransport: Set<string>): boolean {
  return (
    c.issuerKind === 'self-signed' ||
    /^true$/i.test(c.isSelfSigned?.trim() ?? '') ||
    AUTH_CERTIFICATE.test(c.subject ?? '') ||
    AUTH_CERTIFICATE.test(c.friendlyName ?? '') ||
    internalTransport.has(c.thumbprint!)
  );
}

/** Names a certificate covers: its subject CN and its CertificateDomains. */
function namesOf(cert: CertificateSummary): string[] {
  const names = new Set<string>(cert.domains ?? []);
  if (cert.subject) names.add(commonName(cert.subject).toLowerCase());
  return [...names].filter((n) => n.includes('.'));
}

const hasSmtp = (c: ListedCertificate) => (c.services ?? []).some((s) => s.toUpperCase() === 'SMTP');

/** NotAfter as Get-ExchangeCertificate prints it ("3/1/2026 12:00:00 PM", "01.03.2026 12:00:00", "2026-03-01"), or undefined. */
export function notAfterTime(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(v);
  if (german) return Date.UTC(Number(german[3]), Number(german[2]) - 1, Number(german[1]));
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(v);
  if (us) return Date.UTC(Number(us[3]), Number(us[1]) - 1, Number(us[2]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  return iso ? Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])) : undefined;
}

/**
 * What the listing says about the state of the certificates themselves: a certificate without its
 * private key (HasPrivateKey False: NoCredentials), an expired SMTP certificate (Status DateInvalid)
 * with no valid one beside it for the same name (an old one lying next to its
 * renewal is not the cause), and a listing of only Exchange's own and internal-CA certificates (no
 * publicly trusted certificate at all, which hybrid mail flow needs).
 */
function certificateStates(certs: ListedCertificate[], internalTransport: Set<string>): Finding[] {
  const out: Finding[] = [];
  const now = Date.now();
  // The Status the server printed decides (a paste is read later than it was made, so NotAfter alone
  // against today's date would turn yesterday's valid certificate into an expired one).
  const expired = (c: ListedCertificate) => {
    if (!/^DateInvalid$/i.test(c.status?.trim() ?? '')) return undefined;
    const end = notAfterTime(c.notAfter);
    return end === undefined || end < now ? 'expired' : 'not-yet-valid';
  };
  for (const c of certs) {
    const data = {
      thumbprint: c.thumbprint,
      subject: c.subject,
      issuer: c.issuer,
      services: c.services,
      notAfter: c.notAfter,
      status: c.status?.trim(),
    };
    if (c.hasPrivateKey && /^false$/i.test(c.hasPrivateKey.trim()))
      out.push(finding('private-key-missing', c.thumbprint!, `${c.excerpt} HasPrivateKey : False`, 'exchange-certificate', data));
    const state = expired(c);
    if (!state || exchangeOwn(c, internalTransport) || (c.services && !hasSmtp(c))) continue;
    const renewed = certs.some(
      (o) =>
        o !== c &&
        !expired(o) &&
        !exchangeOwn(o, internalTransport) &&
        namesOf(o).some((n) => namesOf(c).some((m) => covers(n, m) || covers(m, n))),
    );
    if (!renewed)
      out.push(
        finding(state, c.thumbprint!, `${c.excerpt} ${c.status ?? ''} ${c.notAfter ?? ''}`.trim(), 'exchange-certificate', {
          ...data,
          certificateStore: 'exchange',
        }),
      );
  }
  const judged = certs.filter((c) => c.issuer || c.isSelfSigned || c.issuerKind === 'self-signed');
  if (
    judged.length === certs.length &&
    certs.length > 0 &&
    certs.every((c) => c.issuerKind === 'internal' || exchangeOwn(c, internalTransport))
  )
    out.push(
      finding(
        'no-public-certificate',
        certs.some((c) => c.issuerKind === 'internal' && !exchangeOwn(c, internalTransport)) ? 'internal-ca' : 'self-signed-only',
        certs.map((c) => `${c.thumbprint} ${c.subject ?? ''} (${c.issuer ?? ''})`).join('\n'),
        'exchange-certificate',
        {
          thumbprints: certs.map((c) => c.thumbprint!),
          subject: certs.find((c) => c.issuerKind === 'internal')?.subject ?? certs[0].subject,
        },
      ),
    );
  return out;
}

export const exchangeCertificateExtractor: Extractor = {
  name: 'exchange-certificate',
  extract({ lines, lower }) {
    if (!lower.includes('thumbprint') && !lower.includes('fingerabdruck')) {
      return lower.includes('certificatedomains') || lower.includes('get-exchangecertificate')
        ? namesWithoutThumbprint(parseList(lines))
        : [];
    }
    const transport = lower.includes('internaltransportcertificatethumbprint') ? internalTransportThumbprints(lines) : [];
    const internalTransport = new Set(transport.map((t) => t.thumbprint));
    const listing = parseList(lines);
    const fromList = listing.certs;
    const listed = [...fromList.filter(hasThumbprint), ...parseTable(lines), ...parseInline(lines)];
    // The same certificate may appear twice (a table, then "| fl" of one of them): merge what each shows.
    const unique = new Map<string, ListedCertificate>();
    for (const c of listed) {
      const known = unique.get(c.thumbprint!);
      if (!known) unique.set(c.thumbprint!, { ...c });
      else
        for (const [k, v] of Object.entries(c))
          if ((known as unknown as Record<string, unknown>)[k] === undefined) (known as unknown as Record<string, unknown>)[k] = v;
    }
    const certs = [...unique.values()];
    const out: Finding[] = transport.map((t) =>
      finding('internal-transport-certificate', t.thumbprint, t.line, 'exchange-certificate', { thumbprint: t.thumbprint }),
    );
    for (const c of certs) {
      c.issuerKind = judgeIssuer(c.issuer, c.subject).kind;
      // Windows' own verdict on where the root lives, when the paste shows it.
      if (c.issuerKind === 'unknown' && c.rootCAType && /^(Enterprise|GroupPolicy)$/i.test(c.rootCAType.trim())) c.issuerKind = 'internal';
      if (c.issuerKind === 'unknown' && c.rootCAType && /^ThirdParty$/i.test(c.rootCAType.trim())) c.issuerKind = 'public';
      out.push(
        finding('certificate-listing', c.thumbprint!, c.excerpt, 'exchange-certificate', {
          thumbprint: c.thumbprint,
          subject: c.subject,
          issuer: c.issuer,
          friendlyName: c.friendlyName,
          services: c.services,
          domains: c.domains,
          notAfter: c.notAfter,
          issuerKind: c.issuerKind,
          ...(c.hasPrivateKey ? { hasPrivateKey: /^true$/i.test(c.hasPrivateKey.trim()) } : {}),
          ...(c.status ? { status: c.status.trim() } : {}),
        }),
      );
    }
    out.push(...certificateStates(certs, internalTransport));
    if (certs.length > 0) out.push(finding('input-format', 'get-exchangecertificate', certs[0].excerpt, 'exchange-certificate'));
    if (lower.includes('certificatedomains') || lower.includes('get-exchangecertificate')) out.push(...namesWithoutThumbprint(listing));

    const smtp = certs.filter((c) => (c.services ?? []).some((s) => s.toUpperCase() === 'SMTP'));
    // Candidates for "the untrusted certificate": an internal CA's, never one of Exchange's own.
    const untrustedCandidates = smtp.filter((c) => c.issuerKind === 'internal' && !exchangeOwn(c, internalTransport));
    for (const c of untrustedCandidates) {
      out.push(
        finding('internal-ca-on-smtp', c.thumbprint!, `${c.thumbprint} ${c.issuer ?? ''}`, 'exchange-certificate', {
          thumbprint: c.thumbprint,
          issuer: c.issuer,
          subject: c.subject,
          services: c.services,
        }),
      );
    }
    const reported = new Set<string>();
    for (const untrusted of untrustedCandidates) {
      for (const trusted of smtp.filter(
        (c) => (c.issuerKind === 'public' || c.issuerKind === 'unknown') && !exchangeOwn(c, internalTransport),
      )) {
        const shared = namesOf(untrusted).find((n) => namesOf(trusted).some((t) => covers(t, n) || covers(n, t)));
        if (!shared || reported.has(untrusted.thumbprint!)) continue;
        reported.add(untrusted.thumbprint!);
        out.push(
          finding(
            'smtp-bound-to-two-certificates',
            shared,
            `${trusted.thumbprint} (${trusted.issuer ?? '?'}) + ${untrusted.thumbprint} (${untrusted.issuer ?? '?'})`,
            'exchange-certificate',
            {
              fqdn: shared,
              trustedThumbprint: trusted.thumbprint,
              trustedIssuer: trusted.issuer,
              trustedSubject: trusted.subject,
              untrustedThumbprint: untrusted.thumbprint,
              untrustedIssuer: untrusted.issuer,
              untrustedSubject: untrusted.subject,
              untrustedServices: untrusted.services,
            },
          ),
        );
      }
    }
    // Two SMTP certificates for one name whose issuers the paste does not show (the default table).
    if (reported.size === 0) {
      for (let a = 0; a < smtp.length; a++) {
        for (let b = a + 1; b < smtp.length; b++) {
          if (smtp[a].issuerKind !== 'unknown' && smtp[b].issuerKind !== 'unknown') continue;
          if (exchangeOwn(smtp[a], internalTransport) || exchangeOwn(smtp[b], internalTransport)) continue;
          const shared = namesOf(smtp[a]).find((n) => namesOf(smtp[b]).some((t) => covers(t, n) || covers(n, t)));
          if (shared && !out.some((f) => f.kind === 'two-smtp-certificates-same-name')) {
            out.push(
              finding('two-smtp-certificates-same-name', shared, `${smtp[a].excerpt}\n${smtp[b].excerpt}`, 'exchange-certificate', {
                fqdn: shared,
                thumbprints: [smtp[a].thumbprint!, smtp[b].thumbprint!],
              }),
            );
          }
        }
      }
    }
    return out;
  },
};
