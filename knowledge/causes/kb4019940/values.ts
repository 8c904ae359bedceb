/**
 * KB 4019940's values: the name on the certificate the server presents (or that the connector
 * expects), its domain (the one that must be an accepted domain of the tenant), and the connector.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { connectorName, hostsByRole, ofKind, ownHost, str } from '../../render/valueHelpers';

/** The domain a certificate name is in: "*.contoso.com" and "mail.contoso.com" are in contoso.com. */
export function domainOf(name: string): string {
  const bare = name.startsWith('*.') ? name.slice(2) : name;
  const labels = bare.split('.');
  return labels.length > 2 ? labels.slice(1).join('.') : bare;
}

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const notAccepted = ofKind(findings, 'certificate-domain-not-accepted');
  const certificateName = [
    ...hostsByRole(findings, 'sending-certificate', 'certificate-subject'),
    ...notAccepted.map((f) => str(f, 'name')),
    ...ofKind(findings, 'connector').map((c) => str(c, 'tlsSenderCertificateName')),
    ...hostsByRole(findings, 'connector-certificate-name'),
  ]
    .map(ownHost)
    .find((h) => h !== undefined);
  return {
    certificateName,
    certificateDomain: certificateName ? domainOf(certificateName) : undefined,
    connectorName: connectorName(findings),
    acceptedCertificateName: undefined,
  };
};
