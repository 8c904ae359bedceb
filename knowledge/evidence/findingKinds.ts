/**
 * Every finding kind the extractors, the certificate analysis, the correlations and the questions
 * produce. A cause's evidence, conditions and question options may only name these kinds (or a
 * kind its own recognisers declare): the loader rejects any other, naming the file and the kind, so
 * a typo in a cause cannot silently never match. An extractor that adds a kind adds it here.
 */
export const FINDING_KINDS = [
  // extractors of pasted text (knowledge/evidence)
  'input-format',
  'smtp-reply',
  'non-tls-error',
  'tls-error',
  'auth-error',
  'event',
  'chain-error',
  'untrusted-root',
  'symptom',
  'route',
  'change',
  'pattern',
  'connector',
  // a Partner connector with RestrictDomainsToIPAddresses / RestrictDomainsToCertificate (connectorConfig.ts)
  'partner-connector',
  'host-name',
  'sender-ip',
  'sender-ip-ipv6',
  'certificate-listing',
  'certificate-issuer',
  'certificate-names',
  'certificate-domain-not-accepted',
  'internal-ca-on-smtp',
  'internal-ca-mentioned',
  'internal-ca-certificate-alone',
  'internal-certificate-without-public-twin',
  'internal-transport-certificate',
  'issuer-looks-internal',
  'send-connector-internal-certificate',
  'sending-untrusted-certificate',
  'smtp-bound-to-two-certificates',
  'two-smtp-certificates-same-name',
  'two-smtp-certificates-stated',
  'chain-complete',
  'chain-incomplete',
  'intermediate-file',
  'intermediate-imported-not-served',
  'wrong-intermediate-imported',
  'expired',
  'expires-soon',
  'not-yet-valid',
  // what the user says about TLS 1.2 on the sender (tlsError.ts)
  'tls-config',
  // the certificate's own state and who uses it (issue 20, family A)
  'private-key-missing',
  'no-public-certificate',
  'sending-certificate',
  'send-connector',
  'event-12014-connector',
  'queue',
  // certificate analysis of uploads (knowledge/certificates)
  'uploaded-certificate-pair',
  'ca-expired',
  'self-signed',
  'weak-signature',
  'no-server-auth-eku',
  'not-a-certificate',
  'private-key-present',
  // findings that need two inputs (knowledge/evidence/correlate.ts)
  'connector-certificate-name-match',
  'connector-certificate-name-mismatch',
  'connector-sender-ip-match',
  'connector-sender-ip-mismatch',
  'connector-matches-sender',
  'connector-unchanged',
  // answers to questions
  'answer',
  'answer-evidence',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

const KNOWN: ReadonlySet<string> = new Set(FINDING_KINDS);

export function isFindingKind(kind: string): kind is FindingKind {
  return KNOWN.has(kind);
}
