/**
 * Diagnosis of a generated 1 MB mixed log (protocol log, NDRs, events, cmdlet output, prose),
 * as MB/s and as a ratio to one regular-expression pass over the same text.
 * Target: 1 MB in under 50 ms.
 */
import { diagnose, extractFindings } from '../knowledge';
import { medianMs, type BenchResult } from './types';

export function generateMixedLog(bytes: number): string {
  const samples = [
    (i: number) =>
      `2024-02-09T11:20:${String(i % 60).padStart(2, '0')}.442Z,Outbound to Office 365,08DC29A1B2C3D4E5,${i},10.0.5.12:40112,52.101.40.17:25,>,EHLO mail.contoso.com,`,
    (i: number) =>
      `2024-02-09T11:20:${String(i % 60).padStart(2, '0')}.443Z,Outbound to Office 365,08DC29A1B2C3D4E5,${i},10.0.5.12:40112,52.101.40.17:25,<,250-DM6NAM12FT011.mail.protection.outlook.com Hello [198.51.100.25] SIZE 157286400 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS 8BITMIME BINARYMIME CHUNKING SMTPUTF8,`,
    () => "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [CY4PEPF0000EE3A.namprd03.prod.outlook.com]'",
    () =>
      'Event ID: 2004\nSource: MSExchangeTransport\nTask Category: SmtpSend\nDescription: Send connector Outbound to Office 365: 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied.',
    () =>
      'FriendlyName : Microsoft Exchange\nSubject      : CN=mail.litware.com\nIssuer       : CN=Litware Issuing CA 01, DC=litware, DC=local\nThumbprint   : D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607\nServices     : IMAP, POP, IIS, SMTP',
    () => 'Seit dem Zertifikatstausch kommen keine Mails mehr in Exchange Online an, die Warteschlange hängt.',
    (i: number) =>
      `2024-11-03 14:22:${String(i % 60).padStart(2, '0')} 104.47.20.36 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 250+2.6.0+<${i}@contoso.com>+Queued+mail+for+delivery 0 0 98 0 312 SMTP - - - -`,
  ];
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = samples[i % 7 < 4 ? i % 2 : i % samples.length](i);
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join('\n').slice(0, bytes);
}

export function benchDiagnosis(): BenchResult[] {
  const text = generateMixedLog(1024 * 1024);
  const mb = text.length / (1024 * 1024);
  const baselineRe = /[245]\d\d[ +-][245]\.\d{1,3}\.\d{1,3}/g;
  const baseline = medianMs(() => text.match(baselineRe));
  const full = medianMs(() => diagnose(extractFindings(text).findings));
  return [
    { name: 'diagnosis of a 1 MB mixed log (extract + diagnose)', value: round(full), unit: 'ms', note: 'target < 50 ms' },
    { name: 'diagnosis throughput', value: round(mb / (full / 1000)), unit: 'MB/s' },
    { name: 'baseline: one regular-expression pass over the same text', value: round(baseline), unit: 'ms' },
    { name: 'diagnosis / baseline', value: round(full / baseline), unit: 'x' },
  ];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
