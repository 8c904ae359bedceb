/**
 * KB 4051495's values: the inbound connector's name and current TlsSenderCertificateName, the name
 * the certificate in use really has, the sending server's public IP now (never one of Exchange
 * Online's own addresses), and a public name of the server to test with openssl.
 */
import { isIPv6 } from 'node:net';
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { isInternalOnlyHost } from '../../evidence/prose';
import { isExchangeOnlineAddress } from '../../evidence/ipRange';
import { connectorName, hostsByRole, ofKind, ownHost, publicHost, senderIpEntry, str } from '../../render/valueHelpers';

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const nameMismatch = findings.find((f) => f.kind === 'connector-certificate-name-mismatch' && f.source === 'correlation');
  const ipMismatch = findings.find((f) => f.kind === 'connector-sender-ip-mismatch');
  const connectors = ofKind(findings, 'connector');
  const certificateName =
    ownHost(str(nameMismatch, 'certificateName')) ??
    [...hostsByRole(findings, 'sending-certificate'), ...hostsByRole(findings, 'certificate-subject')]
      .map(ownHost)
      .find((h) => h !== undefined && !isInternalOnlyHost(h));
  const expected = ownHost(
    str(nameMismatch, 'expected') ?? connectors.map((c) => str(c, 'tlsSenderCertificateName')).find((n) => n !== undefined),
  );
  const ips = [str(ipMismatch, 'senderIp'), ...ofKind(findings, 'sender-ip').map((f) => f.value)];
  const ipv6 = str(ofKind(findings, 'sender-ip-ipv6')[0], 'senderIpv6');
  return {
    connectorName: connectorName(findings),
    certificateName,
    expectedCertificateName: expected,
    publicHost: publicHost(findings),
    senderIp: ips.find((ip) => ip !== undefined && senderIpEntry(ip) && !isExchangeOnlineAddress(ip)),
    senderIpv6: ipv6 && isIPv6(ipv6) ? ipv6 : undefined,
  };
};
