/**
 * Values the causes of the server's own certificate share (NoCredentials, UnknownCredentials,
 * event 12014, TlsCertificateName not found, an expired certificate): the certificate the server
 * offered or should offer, the send connector, the server. Read from the findings and checked
 * against strict character sets before they go into PowerShell, like every other value.
 */
import type { Finding } from '../types';
import { exchangeThumbprint } from '../certificates/exchangeCommands';
import { notAfterTime } from '../evidence/exchangeCertificate';
import { CONNECTOR_NAME, hostsByRole, ofKind, str } from './valueHelpers';

const THUMBPRINT = /^[0-9A-F]{40}$/;

function thumbprintOf(v: string | undefined): string | undefined {
  const t = v ? exchangeThumbprint(v) : undefined;
  return t && THUMBPRINT.test(t) ? t : undefined;
}

/** The certificate the failing session offered ("Certificate thumbprint" of the send protocol log). */
export function sendingThumbprint(findings: Finding[]): string | undefined {
  return ofKind(findings, 'sending-certificate')
    .map((f) => thumbprintOf(str(f, 'thumbprint')))
    .find((t) => t !== undefined);
}

const servicesOf = (f: Finding) => (Array.isArray(f.data?.services) ? f.data.services.map((s) => String(s).toUpperCase()) : undefined);

/** The listed certificates of one kind of state, newest expiry first. */
function listed(findings: Finding[], keep: (f: Finding) => boolean): Finding[] {
  return ofKind(findings, 'certificate-listing')
    .filter(keep)
    .sort((a, b) => (notAfterTime(str(b, 'notAfter')) ?? 0) - (notAfterTime(str(a, 'notAfter')) ?? 0));
}

/** Valid as the server printed it (or no Status shown): never judged by today's date against a paste made earlier. */
const valid = (f: Finding) => {
  const status = str(f, 'status');
  return !status || /^valid$/i.test(status);
};

/**
 * The server's current public certificate in a pasted Get-ExchangeCertificate: valid, from a public
 * (or not judged) CA, not self-signed, newest expiry; one whose subject is `subject` first.
 */
export function currentCertificate(findings: Finding[], subject?: string): Finding | undefined {
  const candidates = listed(
    findings,
    (f) => valid(f) && (f.data?.issuerKind === 'public' || f.data?.issuerKind === 'unknown') && f.data?.hasPrivateKey !== false,
  );
  const same = subject ? candidates.find((f) => sameName(str(f, 'subject'), subject)) : undefined;
  return same ?? candidates[0];
}

/** Two subjects name the same certificate name when their CNs are equal (case-insensitive). */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  const cn = (dn: string | undefined) =>
    /CN\s*=\s*([^,]{1,200})/i
      .exec(dn ?? '')?.[1]
      .trim()
      .toLowerCase() ?? dn?.trim().toLowerCase();
  return !!a && !!b && cn(a) === cn(b);
}

/** A listed certificate by thumbprint. */
export function listedCertificate(findings: Finding[], thumbprint: string | undefined): Finding | undefined {
  return thumbprint ? ofKind(findings, 'certificate-listing').find((f) => thumbprintOf(f.value) === thumbprint) : undefined;
}

/** A listed certificate without its private key (HasPrivateKey False). */
export function keylessThumbprint(findings: Finding[]): string | undefined {
  return ofKind(findings, 'private-key-missing')
    .map((f) => thumbprintOf(f.value))
    .find((t) => t !== undefined);
}

/** A listed public certificate that lacks SMTP in its services (UnknownCredentials). */
export function publicWithoutSmtp(findings: Finding[]): Finding | undefined {
  return listed(findings, (f) => valid(f) && f.data?.issuerKind === 'public' && (servicesOf(f) ?? ['SMTP']).every((s) => s !== 'SMTP'))[0];
}

/** The certificate's thumbprint, checked. */
export function thumbprintValue(f: Finding | undefined): string | undefined {
  return f ? thumbprintOf(str(f, 'thumbprint') ?? f.value) : undefined;
}

/**
 * The send connector the paste names: the send protocol log's connector id, a pasted
 * Get-SendConnector's connector to Exchange Online, event 12014's send connector, a queue's
 * smart-host NextHopDomain (the connector's name); only names that are safe between double quotes.
 */
export function sendConnectorName(findings: Finding[]): string | undefined {
  const names = [
    ...ofKind(findings, 'event-12014-connector')
      .filter((f) => f.value === 'send')
      .map((f) => str(f, 'connector')),
    ...ofKind(findings, 'sending-certificate').map((f) => str(f, 'connector')),
    ...ofKind(findings, 'route')
      .filter((f) => f.value === 'hybrid')
      .map((f) => str(f, 'connector')),
    ...ofKind(findings, 'send-connector')
      .filter((f) => f.data?.toExchangeOnline === true)
      .map((f) => str(f, 'connector')),
    ...ofKind(findings, 'queue').map((f) => str(f, 'connector')),
  ];
  return names.find((n) => n !== undefined && CONNECTOR_NAME.test(n) && !n.includes('\\'));
}

const SERVER = /^[A-Za-z0-9][A-Za-z0-9-]{0,14}$/;

/** The Exchange server's short name: the event's Computer, a queue identity ("EX01\8"), else undefined. */
export function serverName(findings: Finding[]): string | undefined {
  const fromEvent = hostsByRole(findings, 'event-computer').map((h) => h.split('.')[0]);
  const fromConnector = ofKind(findings, 'event-12014-connector').map((f) => str(f, 'server'));
  const fromQueue = ofKind(findings, 'queue').map((f) => str(f, 'server'));
  return [...fromConnector, ...fromEvent, ...fromQueue].find((s) => s !== undefined && SERVER.test(s))?.toUpperCase();
}
