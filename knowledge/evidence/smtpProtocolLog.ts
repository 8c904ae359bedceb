/**
 * Exchange SMTP send/receive protocol log (CSV):
 *   date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
 *   2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,14,10.0.5.12:40112,52.101.40.17:25,*,,TLS negotiation failed with error UnknownCredentials
 * With verbose logging the send log lists the certificate it sends ("Sending certificate",
 * then "Certificate subject", "Certificate issuer name", "Certificate thumbprint"): when that
 * certificate comes from an internal CA, that is the decisive evidence for KB 2888788.
 * Pastes are read as admins make them: the label may stand in the data or the context field,
 * the subject, issuer and thumbprint lines come in any order, and a fragment without the
 * "Sending certificate" line still counts on a connector to Office 365 (Exchange Online's own
 * certificate is public, so an internal issuer there can only be ours). A self-signed
 * certificate is not this article's "untrusted certificate".
 * Exchange Online's greeting names the address it sees the connection from
 * ("250  BN8NAM11FT034.mail.protection.outlook.com Hello [192.0.2.200]"): the sending server's
 * public IP, which an IP-based inbound connector must list (KB 4051495). Over IPv6 it is an IPv6
 * address, which SenderIPAddresses cannot list at all.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { around, finding, type Extractor } from './extractor';
import { isExchangeOnlineAddress } from './ipRange';
import { judgeIssuer } from './issuerKind';
import type { Finding } from '../types';

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,7})?Z,/;
// The address in brackets is IPv4 or, once the line has IPv6, IPv6 ("Hello [2001:db8:4a1:20::25]").
const GREETING = /^250[ -]\s{0,2}([A-Za-z0-9.-]{1,253}) Hello \[((?:IPv6:)?[0-9A-Fa-f:.]{2,45})\]/;

/** Splits one CSV line (double-quoted fields with "" escapes); at most 12 fields. */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length && fields.length < 12) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
          continue;
        }
        if (line[i] === '"') {
          i++;
          break;
        }
        value += line[i++];
      }
      fields.push(value);
      if (line[i] === ',') i++;
      else break;
    } else {
      const next = line.indexOf(',', i);
      if (next < 0) {
        fields.push(line.slice(i));
        break;
      }
      fields.push(line.slice(i, next));
      i = next + 1;
    }
  }
  return fields;
}

interface SessionCertificate {
  subject?: string;
  issuer?: string;
  thumbprint?: string;
  line: string;
  issuerLine?: string;
  connector: string;
}

const CERTIFICATE_FIELD = /^certificate (subject|issuer(?: name)?|thumbprint)$/;
/** Connectors to Exchange Online: the HCW's "Outbound to Office 365" and names like it. */
const CLOUD_CONNECTOR = /office 365|microsoft 365|exchange online|o365|m365/i;

/** The label ("Certificate subject") and the value of a certificate line, whichever field holds which. */
function certificateField(data: string, context: string): { field: string; value: string } | undefined {
  for (const [label, value] of [
    [context, data],
    [data, context],
  ]) {
    const m = CERTIFICATE_FIELD.exec(label.trim().toLowerCase());
    if (m && value.trim()) return { field: m[1].startsWith('issuer') ? 'issuer' : m[1], value: value.trim() };
  }
  return undefined;
}

// Exchange Online's greeting quoted outside a CSV log line ("Send log: 250  AM0P....mail.protection.outlook.com Hello [20.1.1.9]").
const QUOTED_GREETING = /(?:^|[\s,<>'"(:])250[ -]\s{0,2}([A-Za-z0-9.-]{1,253}) Hello \[((?:IPv6:)?[0-9A-Fa-f:.]{2,45})\]/;

/**
 * The address Exchange Online's greeting names, when it is Exchange Online's and a real IPv4 or IPv6 address
 * (never one of Exchange Online's own: that is no customer's sending server).
 */
function greetedAddress(host: string, bracket: string): string | undefined {
  const seen = bracket.replace(/^IPv6:/i, '');
  return ((isIPv4(seen) && !isExchangeOnlineAddress(seen)) || isIPv6(seen)) && /outlook\.com|office365\.com/i.test(host)
    ? seen.toLowerCase()
    : undefined;
}

/** Greetings quoted in prose or in a fragment of a log line. */
function quotedGreetings(lines: string[]): Finding[] {
  const out: Finding[] = [];
  for (const line of lines) {
    if (out.length >= 3 || LOG_LINE.test(line) || !line.includes('Hello [')) continue;
    const m = QUOTED_GREETING.exec(line);
    const ip = m ? greetedAddress(m[1], m[2]) : undefined;
    if (ip && !out.some((f) => f.value === ip))
      out.push(finding('sender-ip', ip, around(line, line.indexOf('Hello')), 'smtp-protocol-log', { role: 'seen-by-exchange-online' }));
  }
  return out;
}

export const smtpProtocolLogExtractor: Extractor = {
  name: 'smtp-protocol-log',
  extract({ lines, text }) {
    if (!/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(text)) return text.includes('Hello [') ? quotedGreetings(lines) : [];
    const out: Finding[] = [];
    const connectors = new Set<string>();
    const certificates = new Map<string, SessionCertificate>();
    const mode = new Map<string, 'sending' | 'remote'>();
    const greetings = new Map<string, string>();
    let first = '';
    for (const line of lines) {
      if (!LOG_LINE.test(line)) continue;
      const f = splitCsv(line);
      if (f.length < 8) continue;
      if (!first) first = line;
      const [, connector, session, , , , , data = '', context = ''] = f;
      if (connector) connectors.add(connector);
      const hello = f[6] === '<' ? GREETING.exec(data) : null;
      const seen = hello ? greetedAddress(hello[1], hello[2]) : undefined;
      if (seen) greetings.set(seen, line);
      const ctx = context.trim().toLowerCase();
      // A label in the data field ("Sending certificate", "Certificate subject") is short; long data is never one.
      const dataLabel = data.length < 40 ? data.trim().toLowerCase() : '';
      const marker = ctx || dataLabel;
      if (marker === 'sending certificate' || marker === 'local certificate') {
        mode.set(session, 'sending');
        if (!certificates.has(session)) certificates.set(session, { line, connector });
        continue;
      }
      if (marker === 'remote certificate' || marker === 'received certificate') {
        // What follows describes the other side's certificate; what came before stays ours.
        mode.set(session, 'remote');
        continue;
      }
      if (mode.get(session) === 'remote' || !(ctx.startsWith('certificate ') || dataLabel.startsWith('certificate '))) continue;
      const field = certificateField(data, context);
      if (!field) continue;
      const cert = certificates.get(session) ?? { line, connector };
      certificates.set(session, cert);
      if (field.field === 'subject') cert.subject = field.value;
      else if (field.field === 'issuer') {
        cert.issuer = field.value;
        cert.issuerLine = line;
      } else {
        cert.thumbprint = field.value.replace(/\s/g, '').toUpperCase();
        cert.line = line;
      }
    }
    if (!first) return quotedGreetings(lines);
    out.push(finding('input-format', 'smtp-protocol-log', first, 'smtp-protocol-log'));
    for (const connector of connectors) {
      if (CLOUD_CONNECTOR.test(connector)) {
        out.push(finding('route', 'hybrid', connector, 'smtp-protocol-log', { connector }));
      }
    }
    for (const [ip, line] of [...greetings].slice(0, 3)) {
      out.push(finding('sender-ip', ip, around(line, line.indexOf('Hello')), 'smtp-protocol-log', { role: 'seen-by-exchange-online' }));
    }
    if (greetings.size === 0) out.push(...quotedGreetings(lines));
    for (const [session, cert] of certificates) {
      // A fragment without its "Sending certificate" line is ours only on a connector to Exchange Online.
      if (mode.get(session) !== 'sending' && !CLOUD_CONNECTOR.test(cert.connector)) continue;
      // The certificate the session offered, for the commands that name it (NoCredentials, UnknownCredentials).
      if (cert.thumbprint && /^[0-9A-F]{40}$/.test(cert.thumbprint))
        out.push(
          finding('sending-certificate', cert.thumbprint, cert.line, 'smtp-protocol-log', {
            thumbprint: cert.thumbprint,
            subject: cert.subject,
            issuer: cert.issuer,
            connector: cert.connector,
          }),
        );
      const cn = cert.subject ? /CN\s*=\s*([A-Za-z0-9.*-]{1,253})/i.exec(cert.subject)?.[1] : undefined;
      if (cn && cn.includes('.'))
        out.push(finding('host-name', cn.toLowerCase(), cert.line, 'smtp-protocol-log', { role: 'sending-certificate' }));
      if (!cert.issuer) continue;
      const judgement = judgeIssuer(cert.issuer, cert.subject);
      if (judgement.kind === 'internal') {
        const line = cert.issuerLine ?? cert.line;
        out.push(
          finding(
            'sending-untrusted-certificate',
            cert.thumbprint ?? cert.issuer,
            around(line, line.indexOf(cert.issuer)),
            'smtp-protocol-log',
            {
              untrustedThumbprint: cert.thumbprint,
              untrustedIssuer: cert.issuer,
              untrustedSubject: cert.subject,
            },
          ),
        );
      }
    }
    return out;
  },
};
