/**
 * NoCredentials' values: the certificate the failing session offered (the send protocol log's
 * "Certificate thumbprint"), else the listed certificate without its key, else the server's current
 * public certificate; the send connector; the .pfx path is always an example (never from the chat).
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { currentCertificate, keylessThumbprint, sendConnectorName, sendingThumbprint, thumbprintValue } from '../../render/sendSideValues';

export const values: CauseValuesFunction = (findings: Finding[]) => ({
  thumbprint: sendingThumbprint(findings) ?? keylessThumbprint(findings) ?? thumbprintValue(currentCertificate(findings)),
  sendConnector: sendConnectorName(findings),
  pfxPath: undefined,
});
