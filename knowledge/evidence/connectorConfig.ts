/**
 * Connector settings pasted from Exchange Online or Exchange Server PowerShell:
 *   Get-InboundConnector | fl   ->  ConnectorType : OnPremises, TlsSenderCertificateName : mail.contoso.com
 *   Get-SendConnector | fl      ->  SmartHosts : {contoso-com.mail.protection.outlook.com},
 *                                   TlsCertificateName : <I>CN=Issuer<S>CN=mail.contoso.com
 * An on-premises inbound connector that identifies the sender by certificate is the setting of
 * KB 3212877; a send connector whose smart host is Exchange Online is the hybrid route of KB 2888788.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const FIELD = /^\s{0,8}(ConnectorType|TlsSenderCertificateName|RestrictDomainsToCertificate|SmartHosts|TlsCertificateName|CloudServicesMailEnabled|TlsDomain)\s{0,30}:\s?(.{0,1000})$/i;
const HOST = /^(?:\*\.)?(?:[a-z0-9-]{1,63}\.){1,10}[a-z]{2,63}$/;

export const connectorConfigExtractor: Extractor = {
  name: 'connector-config',
  extract({ lines, lower }) {
    if (!lower.includes('tlssendercertificatename') && !lower.includes('smarthosts') && !lower.includes('connectortype')) return [];
    const out: Finding[] = [];
    const fields = new Map<string, { value: string; line: string }>();
    for (const line of lines) {
      const m = FIELD.exec(line);
      if (m && !fields.has(m[1].toLowerCase())) fields.set(m[1].toLowerCase(), { value: m[2].trim(), line });
    }
    const type = fields.get('connectortype');
    const senderName = fields.get('tlssendercertificatename');
    if (senderName && HOST.test(senderName.value.toLowerCase()) && (!type || /onpremises/i.test(type.value))) {
      out.push(finding('input-format', 'get-inboundconnector', senderName.line, 'connector-config'));
      out.push(finding('connector', 'inbound-certificate-validation', senderName.line, 'connector-config', { tlsSenderCertificateName: senderName.value }));
      const name = senderName.value.toLowerCase();
      if (HOST.test(name)) out.push(finding('host-name', name, senderName.line, 'connector-config', { role: 'connector-certificate-name' }));
    }
    const smartHosts = fields.get('smarthosts');
    const cloud = fields.get('cloudservicesmailenabled');
    if ((smartHosts && /mail\.protection\.outlook\.com|mail\.onmicrosoft\.com/i.test(smartHosts.value)) || (cloud && /true/i.test(cloud.value))) {
      out.push(finding('input-format', 'get-sendconnector', (smartHosts ?? cloud)!.line, 'connector-config'));
      out.push(finding('route', 'hybrid', (smartHosts ?? cloud)!.line, 'connector-config'));
    }
    return out;
  },
};
