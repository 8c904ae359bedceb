/**
 * The values of "TlsCertificateName ... could not be found": the send connector, the name it still
 * gives (from a pasted Get-SendConnector), and the current certificate to name instead, from a
 * pasted Get-ExchangeCertificate (valid, public, newest expiry; one with the old subject first):
 * its "<I>issuer<S>subject" as Get-ExchangeCertificate shows them, else read by its thumbprint.
 */
import type { Finding } from '../../types';
import type { CauseValuesFunction } from '../../knowledgeBase';
import { ofKind, safeName, str, tlsCertificateName } from '../../render/valueHelpers';
import { currentCertificate, sendConnectorName, thumbprintValue } from '../../render/sendSideValues';

export const values: CauseValuesFunction = (findings: Finding[]) => {
  const connector = ofKind(findings, 'send-connector').find((f) => str(f, 'tlsSubject') !== undefined);
  const staleIssuer = str(connector, 'tlsIssuer');
  const staleSubject = str(connector, 'tlsSubject');
  const stale = staleIssuer && staleSubject ? safeName(`<I>${staleIssuer}<S>${staleSubject}`.replace(/[<>]/g, ' ')) : undefined;
  // The current certificate is not the one the connector still names.
  const current = currentCertificate(
    findings.filter((f) => !(f.kind === 'certificate-listing' && str(f, 'issuer') === staleIssuer && str(f, 'subject') === staleSubject)),
    staleSubject,
  );
  const thumbprint = thumbprintValue(current);
  return {
    sendConnector: sendConnectorName(findings),
    thumbprint,
    tlsCertificateName: tlsCertificateName(str(current, 'issuer'), str(current, 'subject'), thumbprint),
    staleName: stale && staleIssuer && staleSubject ? `<I>${safeName(staleIssuer)}<S>${safeName(staleSubject)}` : undefined,
  };
};
