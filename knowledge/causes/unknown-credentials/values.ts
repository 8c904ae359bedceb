/**
 * UnknownCredentials' values: the certificate the failing session offered (the send log's
 * "Certificate thumbprint"), else the listed public certificate without SMTP, else the server's
 * current public certificate; the send connector.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { currentCertificate, publicWithoutSmtp, sendConnectorName, sendingThumbprint, thumbprintValue } from '../../render/sendSideValues';

export const values: CauseValuesFunction = (findings: Finding[]) => ({
  thumbprint: sendingThumbprint(findings) ?? thumbprintValue(publicWithoutSmtp(findings)) ?? thumbprintValue(currentCertificate(findings)),
  sendConnector: sendConnectorName(findings),
});
