/**
 * 4.7.320's values: the receiving server Exchange Online tried (its message trace names it), the
 * thumbprint of the public SMTP certificate a pasted Get-ExchangeCertificate lists and, for a
 * renewed certificate with other names, the name it has and the outbound connector to change.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { hostsByRole, lastAttemptedServer, ownHost, publicSmtpThumbprint } from '../../render/valueHelpers';

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const receivingHost = lastAttemptedServer(findings);
  return {
    receivingHost,
    certificateThumbprint: publicSmtpThumbprint(findings),
    certificateName: hostsByRole(findings, 'certificate-subject')
      .map(ownHost)
      .find((h) => h !== undefined && h !== receivingHost),
    outboundConnectorName: undefined,
  };
};
