/**
 * The certificate a send connector asks for, as `Get-SendConnector | fl Name,Fqdn,TlsCertificateName`
 * shows it:
 *   Name               : Outbound to Office 365 - 6f1d2c3b-...
 *   Fqdn               : mail.contoso.com
 *   TlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com
 * Since Exchange 2013 a send connector presents the certificate its TlsCertificateName names (or one
 * that matches its Fqdn when it is empty), not whatever has SMTP in its services. A connector to
 * Exchange Online that names a certificate from an internal CA sends exactly the untrusted
 * certificate of KB 2888788. A block without a Name line (only the field was pasted) counts too.
 */
import { finding, type Extractor } from './extractor';
import { judgeIssuer } from './issuerKind';
import type { Finding } from '../types';

const FIELD = /^\s{0,8}(Name|SmartHosts|AddressSpaces|TlsCertificateName|Fqdn)\s{0,30}:\s?(.{0,1200})$/i;
const PINNED = /^<I>(.{1,600}?)<S>(.{1,600})$/i;
const TO_EXCHANGE_ONLINE =
  /office 365|microsoft 365|exchange online|\bo365\b|\bm365\b|mail\.protection\.outlook\.com|mail\.onmicrosoft\.com/i;

interface Block {
  name?: string;
  routes: string[];
  tlsName?: { value: string; line: string };
  fqdn?: string;
}

export const sendConnectorCertificateExtractor: Extractor = {
  name: 'send-connector-certificate',
  extract({ lines, lower }) {
    if (!lower.includes('tlscertificatename')) return [];
    const blocks: Block[] = [];
    let block: Block = { routes: [] };
    for (const line of lines) {
      if (line.trim() === '') {
        if (block.tlsName || block.name) blocks.push(block);
        block = { routes: [] };
        continue;
      }
      const m = FIELD.exec(line);
      if (!m) continue;
      const key = m[1].toLowerCase();
      const value = m[2].trim();
      if (key === 'name') {
        if (block.name || block.tlsName) {
          blocks.push(block);
          block = { routes: [] };
        }
        block.name = value;
      } else if (key === 'tlscertificatename') block.tlsName = { value, line };
      else if (key === 'fqdn') block.fqdn = value;
      else block.routes.push(value);
    }
    if (block.tlsName || block.name) blocks.push(block);
    const out: Finding[] = [];
    for (const b of blocks) {
      const pinned = b.tlsName ? PINNED.exec(b.tlsName.value) : null;
      const toCloud = b.name === undefined || TO_EXCHANGE_ONLINE.test([b.name, ...b.routes].join(' '));
      // Every connector shown, with what it asks for: the send-side causes name it in their commands.
      if (b.name || pinned)
        out.push(
          finding('send-connector', b.name ?? '', b.tlsName?.line ?? b.name ?? '', 'send-connector-certificate', {
            connector: b.name,
            fqdn: b.fqdn,
            tlsIssuer: pinned?.[1].trim(),
            tlsSubject: pinned?.[2].trim(),
            toExchangeOnline: toCloud,
          }),
        );
      if (!pinned || !toCloud) continue;
      const [issuer, subject] = [pinned[1].trim(), pinned[2].trim()];
      if (judgeIssuer(issuer, subject).kind !== 'internal') continue;
      out.push(
        finding('send-connector-internal-certificate', issuer, b.tlsName!.line, 'send-connector-certificate', {
          connector: b.name,
          untrustedIssuer: issuer,
          untrustedSubject: subject,
        }),
      );
    }
    return out;
  },
};
