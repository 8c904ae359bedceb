/**
 * 5.7.51's values: the restricting partner connector (from a pasted Get-InboundConnector), the
 * sender's public IPv4 address as the user states it (never Exchange Online's own address from the
 * {IP=...} of a tracking log, never a private one), the sender's certificate name and, for a hybrid
 * server, the thumbprint of the public SMTP certificate the send connector should present.
 */
import { isIPv4 } from 'node:net';
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { isExchangeOnlineAddress, isPrivateAddress } from '../../evidence/ipRange';
import { ipv4sIn } from '../../evidence/prose';
import { CONNECTOR_NAME, hostsByRole, ofKind, ownHost, publicSmtpThumbprint, senderIpEntry, str } from '../../render/valueHelpers';

function usableIp(ip: string): boolean {
  const address = ip.split('/')[0];
  return isIPv4(address) && senderIpEntry(ip) && !isPrivateAddress(address) && !isExchangeOnlineAddress(address);
}

/** An address the connector does not list yet: one the user states, or one on a line that says it is the sender's public address. */
function senderIp(findings: Finding[], listed: string[]): string | undefined {
  const stated = findings.filter((f) => f.kind === 'sender-ip' && f.data?.role === 'stated-now').map((f) => f.value);
  const publicLines = findings
    .filter((f) => f.kind === 'input-format' && f.value === 'public-address-line')
    .flatMap((f) => ipv4sIn(f.excerpt).map((l) => l.value));
  return [...stated, ...publicLines].find((ip) => usableIp(ip) && !listed.includes(ip));
}

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const partner = ofKind(findings, 'partner-connector')[0];
  const name = str(partner, 'connectorName');
  const listed = Array.isArray(partner?.data?.senderIpAddresses) ? partner.data.senderIpAddresses : [];
  return {
    partnerConnectorName: name && CONNECTOR_NAME.test(name) ? name : undefined,
    senderIp: senderIp(findings, listed),
    senderCertificateName: hostsByRole(findings, 'certificate-subject', 'sending-certificate')
      .map(ownHost)
      .find((h) => h !== undefined),
    certificateThumbprint: publicSmtpThumbprint(findings),
  };
};
