/**
 * Windows event log entries copied as text (Event Viewer "Copy details as text" or the
 * General tab), English and German field labels:
 *   Source: MSExchangeTransport / Quelle: MSExchangeTransport
 *   Event ID: 2004 / Ereignis-ID: 2004
 *   Task Category: SmtpSend / Aufgabenkategorie: SmtpSend
 * Also the result code of CAPI2 event 30 when it appears as text (800B0109).
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const EVENT_ID = /^\s*(?:Event ID|EventID|Ereignis-ID|Ereigniskennung|Ereignis-Id)\s*[:=]\s*(\d{1,5})\b/i;
const SOURCE = /^\s*(?:Source|Quelle)\s*:\s*([A-Za-z0-9 ._-]{1,80})/i;
const COMPUTER = /^\s*Computer\s*:\s*([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})\s*$/;
const CATEGORY = /^\s*(?:Task Category|Aufgabenkategorie)\s*:\s*([A-Za-z0-9 ._-]{1,60})/i;
const CHAIN_RESULT = /800B0109|0x800B0109|terminated in a root certificate which is not trusted/i;

export const eventLogTextExtractor: Extractor = {
  name: 'event-log-text',
  extract({ lines, lower }) {
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
    if (lower.includes('800b0109') || lower.includes('root certificate which is not trusted')) {
      if (!lower.includes('<event')) {
        const line = lines.find((l) => CHAIN_RESULT.test(l));
        if (line) out.push(finding('chain-error', '800B0109', line, 'event-log-text'));
      }
    }
    return out;
  },
};
