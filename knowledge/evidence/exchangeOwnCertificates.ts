/**
 * Exchange's own certificates are never "the untrusted certificate" of KB 2888788. Within one
 * paste the Get-ExchangeCertificate extractor already leaves them out; across pastes (the
 * certificate list in one message, `Get-TransportService | fl Name,InternalTransportCertificateThumbprint`
 * in the next) the evidence that names a server's internal transport certificate as the
 * untrusted one is dropped here, before scoring.
 */
import type { Finding } from '../types';

/** Findings that name an untrusted certificate, and the data field holding its thumbprint. */
const UNTRUSTED_THUMBPRINT: Record<string, string> = {
  'smtp-bound-to-two-certificates': 'untrustedThumbprint',
  'uploaded-certificate-pair': 'untrustedThumbprint',
  'sending-untrusted-certificate': 'untrustedThumbprint',
  'internal-ca-on-smtp': 'thumbprint',
};

export function withoutExchangeOwnCertificates(findings: Finding[]): Finding[] {
  const internalTransport = new Set(findings.filter((f) => f.kind === 'internal-transport-certificate').map((f) => f.value.toUpperCase()));
  if (internalTransport.size === 0) return findings;
  return findings.filter((f) => {
    const field = UNTRUSTED_THUMBPRINT[f.kind];
    const thumbprint = field ? f.data?.[field] : undefined;
    return !(typeof thumbprint === 'string' && internalTransport.has(thumbprint.replace(/\s/g, '').toUpperCase()));
  });
}
