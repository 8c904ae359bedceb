/**
 * Windows event XML (Event Viewer, Details tab, XML view; or Get-WinEvent ... ToXml()), whole or
 * as the few lines admins paste. Reads <EventID>, <Provider Name=...>, <Computer>; for CAPI2
 * event 30 also <Result value="800B0109">, <EventAuxInfo ProcessName="lsass.exe">,
 * <Policy type=...> and <Certificate subjectName=...>. Examples:
 *   <Event ...><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID>...
 *   <Certificate fileRef="EC53....cer" subjectName="smtp.contoso.com" />
 *   <Result value="800B0109">A certificate chain processed, but terminated in a root ...</Result>
 *
 * CAPI2 event 30 has a direction: `subjectName` and `ProcessName` say whose chain failed.
 * SChannel (lsass.exe) checking the server's own certificate is KB 3212877's event. A Microsoft
 * name (`*.outlook.com`, `mail.protection.outlook.com`) checked by EdgeTransport.exe is the
 * on-premises server failing to trust Exchange Online's chain: a local trust-store problem
 * (root missing, automatic root update blocked), not KB 3212877.
 * 800B0109 is CERT_E_UNTRUSTEDROOT, 800B010A is CERT_E_CHAINING.
 * Attribute values are read with bounded patterns; the XML is never parsed into a tree.
 */
import { finding, type Extractor } from './extractor';
import { isMicrosoftHost } from './prose';
import type { Finding } from '../types';

function attr(block: string, element: string, name: string): string | undefined {
  const re = new RegExp(`<${element}\\b[^>]{0,400}?\\b${name}="([^"]{0,200})"`, 'i');
  return re.exec(block)?.[1];
}

function elementText(block: string, element: string): string | undefined {
  const re = new RegExp(`<${element}\\b[^>]{0,200}>([^<]{0,200})</${element}>`, 'i');
  return re.exec(block)?.[1]?.trim();
}

const CHAIN_RESULTS = /^(?:0x)?(800B0109|800B010A)$/i;

/** The chain verdict of a CAPI2 event (whole or a fragment), with its direction. */
function chainFindings(block: string, computer: string | undefined): Finding[] {
  const out: Finding[] = [];
  const result = attr(block, 'Result', 'value');
  const code = result ? CHAIN_RESULTS.exec(result)?.[1].toUpperCase() : undefined;
  if (!code) return out;
  const process = attr(block, 'EventAuxInfo', 'ProcessName');
  const policy = attr(block, 'Policy', 'type');
  const subjectName = attr(block, 'Certificate', 'subjectName');
  const serverName = attr(block, 'SSLAdditionalPolicyInfo', 'serverName');
  const resultTag = /<Result\b[^>]{0,100}>[^<]{0,200}<\/Result>/i.exec(block)?.[0] ?? `Result ${result}`;
  const data = { process, policy, subjectName, computer, code };
  const remote = (subjectName && isMicrosoftHost(subjectName.replace(/^\*\./, 'x.'))) || (serverName && isMicrosoftHost(serverName));
  if (remote) {
    // On-premises checking Exchange Online's certificate: its own trust store lacks the root.
    out.push(finding('chain-error', 'exo-chain-untrusted', resultTag, 'event-log-xml', data));
    return out;
  }
  out.push(finding('chain-error', code, resultTag, 'event-log-xml', data));
  // SChannel (lsass.exe) checking a chain under the SSL policy: the server's own certificate for TLS.
  if (process && /lsass\.exe/i.test(process) && (!policy || /SSL/i.test(policy))) {
    out.push(finding('chain-error', 'schannel-own-chain', resultTag, 'event-log-xml', data));
  }
  if (subjectName && !subjectName.startsWith('*'))
    out.push(
      finding('host-name', subjectName.toLowerCase(), `subjectName="${subjectName}"`, 'event-log-xml', { role: 'sending-certificate' }),
    );
  else if (subjectName)
    out.push(
      finding('host-name', subjectName.toLowerCase(), `subjectName="${subjectName}"`, 'event-log-xml', { role: 'certificate-subject' }),
    );
  return out;
}

export const eventLogXmlExtractor: Extractor = {
  name: 'event-log-xml',
  extract({ text, lower }) {
    const out: Finding[] = [];
    if (lower.includes('<event') && lower.includes('eventid')) {
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
          out.push(
            finding('host-name', computer.toLowerCase(), `<Computer>${computer}</Computer>`, 'event-log-xml', { role: 'event-computer' }),
          );
        }
        out.push(...chainFindings(block, computer));
      }
      if (out.length > 0) return out;
    }
    // A fragment: a few lines of the event's UserData (no <Event> around them).
    if (lower.includes('<result') && lower.includes('value=')) {
      const start = Math.max(
        0,
        lower.indexOf('<certverifycertificatechainpolicy') >= 0 ? lower.indexOf('<certverifycertificatechainpolicy') : lower.indexOf('<'),
      );
      const fragment = text.slice(start, start + 20000);
      const found = chainFindings(fragment, elementText(fragment, 'Computer'));
      if (found.length > 0) out.push(finding('input-format', 'event-log-xml', found[0].excerpt, 'event-log-xml'), ...found);
    }
    return out;
  },
};
