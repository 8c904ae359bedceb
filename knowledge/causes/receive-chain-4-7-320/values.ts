/**
 * The untrusted-chain 4.7.320's values: the receiving server Exchange Online tried (its message
 * trace names it: the host to probe with openssl) and the thumbprint of the public SMTP certificate
 * a pasted Get-ExchangeCertificate lists. The intermediate's file path stays the example path.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { lastAttemptedServer, publicSmtpThumbprint } from '../../render/valueHelpers';

export const values: CauseValuesFunction = (findings: Finding[]) => ({
  receivingHost: lastAttemptedServer(findings),
  certificateThumbprint: publicSmtpThumbprint(findings),
  intermediateFile: undefined,
});
