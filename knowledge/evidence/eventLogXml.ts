/**
 * Windows event XML (Event Viewer, Details tab, XML view; or Get-WinEvent ... ToXml()).
 * Reads <EventID>, <Provider Name=...>, <Computer>; for CAPI2 event 30 also
 * <Result value="800B0109">, <EventAuxInfo ProcessName="lsass.exe">, <Policy type=...>
 * and <Certificate subjectName=...>. Example:
 *   <Event ...><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID>...
 * Attribute values are read with bounded patterns; the XML is never parsed into a tree.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

function attr(block: string, element: string, name: string): string | undefined {
  const re = new RegExp(`<${element}\\b[^>]{0,400}?\\b${name}="([^"]{0,200})"`, 'i');
  return re.exec(block)?.[1];
}

function elementText(block: string, element: string): string | undefined {
  const re = new RegExp(`<${element}\\b[^>]{0,200}>([^<]{0,200})</${element}>`, 'i');
  return re.exec(block)?.[1]?.trim();
}

export const eventLogXmlExtractor: Extractor = {
  name: 'event-log-xml',
  extract({ text, lower }) {
    if (!lower.includes('<event') || !lower.includes('eventid')) return [];
    const out: Finding[] = [];
    // Each <Event ...> ... </Event> (or to the end of the text when the paste is cut off).
    let from = 0;
    for (let count = 0; count < 1000; count++) {
      const start = lower.indexOf('<event', from);
      if (start < 0) break;
      const endTag = lower.indexOf('</event>', start);
      const end = endTag < 0 ? Math.min(text.length, start + 20000) : endTag + 8;
      const block = text.slice(start, end);
      from = end;
      const id = elementText(block, 'EventID');
      if (!id || !/^\d{1,5}$/.test(id)) continue;
      const provider = attr(block, 'Provider', 'Name');
      const computer = elementText(block, 'Computer');
      const idLine = /<EventID\b[^>]{0,100}>[^<]{0,20}<\/EventID>/i.exec(block)?.[0] ?? block.slice(0, 200);
      out.push(finding('event', id, idLine, 'event-log-xml', { provider, computer }));
      out.push(finding('input-format', 'event-log-xml', idLine, 'event-log-xml'));
      if (computer && /^[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10}$/.test(computer)) {
        out.push(finding('host-name', computer.toLowerCase(), `<Computer>${computer}</Computer>`, 'event-log-xml', { role: 'event-computer' }));
      }
      const result = attr(block, 'Result', 'value');
      if (result && /^(0x)?800B0109$/i.test(result)) {
        const process = attr(block, 'EventAuxInfo', 'ProcessName');
        const policy = attr(block, 'Policy', 'type');
        const subjectName = attr(block, 'Certificate', 'subjectName');
        const resultTag = /<Result\b[^>]{0,100}>[^<]{0,200}<\/Result>/i.exec(block)?.[0] ?? `Result ${result}`;
        out.push(finding('chain-error', '800B0109', resultTag, 'event-log-xml', { process, policy, subjectName, computer }));
        // SChannel (lsass.exe) checking a chain under the SSL policy: the server's own certificate for TLS.
        if (process && /lsass\.exe/i.test(process) && policy && /SSL/i.test(policy)) {
          out.push(finding('chain-error', 'schannel-own-chain', resultTag, 'event-log-xml', { process, policy, subjectName }));
        }
        if (subjectName) out.push(finding('host-name', subjectName.toLowerCase(), `subjectName="${subjectName}"`, 'event-log-xml', { role: 'sending-certificate' }));
      }
    }
    return out;
  },
};
