/**
 * Recognises the kind of paste, for the answer's "what I read" line and for context:
 * NDR ("Remote Server returned '...'" / "Remoteserver hat '...' zurückgegeben", "Generating
 * server: X" / "Generierender Server: X"), message trace detail ({LED=...};{FQDN=...}),
 * queue LastError ("LastError: 451 4.4.0 ..."), IIS SMTP W3C log (#Software: Microsoft Internet
 * Information Services / SMTPSVC1 fields with '+' for spaces).
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const NDR =
  /Remote Server returned '|Remoteserver hat '|Diagnostic information for administrators|Diagnoseinformationen für Administratoren/i;
const GENERATING = /^\s*(?:Generating server|Generierender Server)\s*:\s*([A-Za-z0-9.-]{1,253})/i;
const LED = /\{LED=/;
const FQDN = /\{FQDN=([A-Za-z0-9.-]{1,253})\}/;
const LAST_ERROR = /^\s*LastError\s*:/i;
const IIS = /SMTPSVC\d|#Software: Microsoft Internet Information Services/i;

export const pasteFormatExtractor: Extractor = {
  name: 'paste-format',
  extract({ lines, lower }) {
    if (!/returned|zurückgegeben|diagnos|led=|lasterror|smtpsvc|internet information/.test(lower)) return [];
    const out: Finding[] = [];
    const seen = new Set<string>();
    const once = (value: string, line: string) => {
      if (seen.has(value)) return;
      seen.add(value);
      out.push(finding('input-format', value, line, 'paste-format'));
    };
    for (const line of lines) {
      if (NDR.test(line)) once('ndr', line);
      const g = GENERATING.exec(line);
      if (g) out.push(finding('host-name', g[1].toLowerCase(), line, 'paste-format', { role: 'generating-server' }));
      if (LED.test(line)) {
        once('message-trace', line);
        const f = FQDN.exec(line);
        if (f) out.push(finding('host-name', f[1].toLowerCase(), f[0], 'paste-format', { role: 'remote-server' }));
      }
      if (LAST_ERROR.test(line)) once('queue-last-error', line);
      if (IIS.test(line)) {
        once('iis-smtp-log', line);
        if (!seen.has('route-iis')) {
          seen.add('route-iis');
          out.push(finding('route', 'iis-smtp', line, 'paste-format'));
        }
      }
    }
    return out;
  },
};
