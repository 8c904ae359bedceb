/**
 * Windows event log entries copied as text (Event Viewer "Copy details as text" or the
 * General tab), English and German field labels:
 *   Source: MSExchangeTransport / Quelle: MSExchangeTransport
 *   Event ID: 2004 / Ereignis-ID: 2004
 *   Task Category: SmtpSend / Aufgabenkategorie: SmtpSend
 * Also the result code of CAPI2 event 30 when it appears as text: 800B0109 (CERT_E_UNTRUSTEDROOT,
 * "terminated in a root certificate which is not trusted") or 800B010A (CERT_E_CHAINING, "could
 * not be built to a trusted root"), unless the sentence says the errors are gone. Event XML, whole
 * or in pieces, is the XML extractor's (it knows whose chain failed).
 */
import { finding, type Extractor } from './extractor';
import { isMicrosoftHost } from './prose';
import type { Finding } from '../types';

const EVENT_ID = /^\s*(?:Event ID|EventID|Ereignis-ID|Ereigniskennung|Ereignis-Id)\s*[:=]\s*(\d{1,5})\b/i;
const SOURCE = /^\s*(?:Source|Quelle)\s*:\s*([A-Za-z0-9 ._-]{1,80})/i;
const COMPUTER = /^\s*Computer\s*:\s*([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})\s*$/;
const CATEGORY = /^\s*(?:Task Category|Aufgabenkategorie)\s*:\s*([A-Za-z0-9 ._-]{1,60})/i;
const CHAIN_RESULTS: Array<{ code: string; test: RegExp }> = [
  { code: '800B0109', test: /800B0109|terminated in a root certificate which is not trusted/i },
  { code: '800B010A', test: /800B010A|could not be built to a trusted root/i },
];
// "the 800B0109 errors are gone", "keine CAPI2-Fehler mehr": history, not evidence.
// The event's details as text: "ProcessName: lsass.exe", "Prozessname: lsass.exe", "subjectName relay.contoso.com".
const PROCESS =
  /\b(?:ProcessName|Prozessname)\b\s{0,4}[:=]?\s{0,4}"?([A-Za-z0-9_.-]{1,60}\.exe)|\b(lsass|EdgeTransport|MSExchangeFrontendTransport)(?:\.exe)?\b/i;
const SUBJECT_NAME = /\bsubjectName\b\s{0,4}[:=]?\s{0,4}"?((?:\*\.)?[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})/i;
const GONE = /\b(?:gone|no longer|not anymore|anymore|fixed|resolved|verschwunden|nicht mehr|keine[nr]? [^.\n]{0,30}mehr|behoben)\b/i;

export const eventLogTextExtractor: Extractor = {
  name: 'event-log-text',
  extract({ text, lines, lower }) {
    const out: Finding[] = [];
    if (/event ?id|ereignis-?id|ereigniskennung/.test(lower)) {
      let source: string | undefined;
      let category: string | undefined;
      const ids: Array<{ id: string; line: string }> = [];
      for (const line of lines) {
        const id = EVENT_ID.exec(line);
        if (id) ids.push({ id: id[1], line });
        const s = SOURCE.exec(line);
        if (s) source = s[1].trim();
        const c = CATEGORY.exec(line);
        if (c) category = c[1].trim();
        const computer = COMPUTER.exec(line);
        if (computer) out.push(finding('host-name', computer[1].toLowerCase(), line, 'event-log-text', { role: 'event-computer' }));
      }
      for (const { id, line } of ids) {
        const data: Record<string, string> = {};
        if (source) data.provider = source;
        if (category) data.category = category;
        out.push(finding('event', id, line, 'event-log-text', data));
      }
      if (ids.length > 0) out.push(finding('input-format', 'event-log-text', ids[0].line, 'event-log-text'));
    }
    // certutil -verify output reports the same codes about a file: the certutil extractor reads it.
    const chainResult =
      lower.includes('800b010') || lower.includes('root certificate which is not trusted') || lower.includes('trusted root authority');
    const certutil = chainResult && (lower.includes('certutil') || lower.includes('dwerrorstatus'));
    if (chainResult && !certutil && !lower.includes('<result') && !lower.includes('<event')) {
      const process = PROCESS.exec(text);
      const processName = process ? (process[1] ?? `${process[2]}.exe`) : undefined;
      const subject = SUBJECT_NAME.exec(text)?.[1];
      // Whose chain failed: Exchange Online's (a Microsoft name, or EdgeTransport checking the remote side) or the server's own.
      const remote =
        (subject && isMicrosoftHost(subject.replace(/^\*\./, 'x.'))) ||
        (processName && /EdgeTransport|FrontendTransport/i.test(processName));
      for (const { code, test } of CHAIN_RESULTS) {
        const line = lines.find((l) => test.test(l) && !GONE.test(l));
        if (!line) continue;
        const data = { process: processName, subjectName: subject, code };
        if (remote) {
          out.push(finding('chain-error', 'exo-chain-untrusted', line, 'event-log-text', data));
          break;
        }
        out.push(finding('chain-error', code, line, 'event-log-text', data));
        if (processName && /lsass/i.test(processName)) out.push(finding('chain-error', 'schannel-own-chain', line, 'event-log-text', data));
      }
      if (subject && !remote)
        out.push(finding('host-name', subject.toLowerCase(), `subjectName ${subject}`, 'event-log-text', { role: 'sending-certificate' }));
    }
    return out;
  },
};
