/**
 * Exchange SMTP send/receive protocol log (CSV):
 *   date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context
 *   2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,14,10.0.5.12:40112,52.101.40.17:25,*,,TLS negotiation failed with error UnknownCredentials
 * With verbose logging the send log lists the certificate it sends ("Sending certificate",
 * then "Certificate subject", "Certificate issuer name", "Certificate thumbprint"): when that
 * certificate comes from an internal CA, that is the decisive evidence for KB 2888788.
 * Exchange Online's greeting names the address it sees the connection from
 * ("250  BN8NAM11FT034.mail.protection.outlook.com Hello [192.0.2.200]"): the sending server's
 * public IP, which an IP-based inbound connector must list (KB 4051495).
 */
import { around, finding, type Extractor } from './extractor';
import { judgeIssuer } from './issuerKind';
import type { Finding } from '../types';

const LOG_LINE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,7})?Z,/;
const GREETING = /^250[ -]\s{0,2}([A-Za-z0-9.-]{1,253}) Hello \[(\d{1,3}(?:\.\d{1,3}){3})\]/;

/** Splits one CSV line (double-quoted fields with "" escapes); at most 12 fields. */
function splitCsv(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length && fields.length < 12) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i += 2; continue; }
        if (line[i] === '"') { i++; break; }
        value += line[i++];
      }
      fields.push(value);
      if (line[i] === ',') i++;
      else break;
    } else {
      const next = line.indexOf(',', i);
      if (next < 0) { fields.push(line.slice(i)); break; }
      fields.push(line.slice(i, next));
      i = next + 1;
    }
  }
  return fields;
}

interface SessionCertificate { subject?: string; issuer?: string; thumbprint?: string; line: string; issuerLine?: string }

export const smtpProtocolLogExtractor: Extractor = {
  name: 'smtp-protocol-log',
  extract({ lines, text }) {
    if (!/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(text)) return [];
    const out: Finding[] = [];
    const connectors = new Set<string>();
    const sending = new Map<string, SessionCertificate>();
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
      if (hello && /outlook\.com|office365\.com/i.test(hello[1])) greetings.set(hello[2], line);
      const ctx = context.trim().toLowerCase();
      if (ctx === 'sending certificate' || ctx === 'local certificate') { mode.set(session, 'sending'); sending.set(session, { line }); continue; }
      if (ctx === 'remote certificate' || ctx === 'received certificate') { mode.set(session, 'remote'); continue; }
      if (mode.get(session) !== 'sending') continue;
      const cert = sending.get(session)!;
      if (ctx === 'certificate subject') cert.subject = data;
      else if (ctx === 'certificate issuer name') { cert.issuer = data; cert.issuerLine = line; }
      else if (ctx === 'certificate thumbprint') { cert.thumbprint = data.replace(/\s/g, '').toUpperCase(); cert.line = line; }
    }
    if (!first) return out;
    out.push(finding('input-format', 'smtp-protocol-log', first, 'smtp-protocol-log'));
    for (const connector of connectors) {
      if (/office 365|microsoft 365|exchange online|o365|m365/i.test(connector)) {
        out.push(finding('route', 'hybrid', connector, 'smtp-protocol-log', { connector }));
      }
    }
    for (const [ip, line] of [...greetings].slice(0, 3)) {
      out.push(finding('sender-ip', ip, around(line, line.indexOf('Hello')), 'smtp-protocol-log', { role: 'seen-by-exchange-online' }));
    }
    for (const cert of sending.values()) {
      const cn = cert.subject ? /CN\s*=\s*([A-Za-z0-9.*-]{1,253})/i.exec(cert.subject)?.[1] : undefined;
      if (cn && cn.includes('.')) out.push(finding('host-name', cn.toLowerCase(), cert.line, 'smtp-protocol-log', { role: 'sending-certificate' }));
      if (!cert.issuer) continue;
      const judgement = judgeIssuer(cert.issuer, cert.subject);
      if (judgement.kind === 'internal' || judgement.kind === 'self-signed') {
        out.push(finding('sending-untrusted-certificate', cert.thumbprint ?? cert.issuer, around(cert.issuerLine ?? cert.line, (cert.issuerLine ?? cert.line).indexOf(cert.issuer)), 'smtp-protocol-log', {
          untrustedThumbprint: cert.thumbprint, untrustedIssuer: cert.issuer, untrustedSubject: cert.subject,
        }));
      }
    }
    return out;
  },
};
