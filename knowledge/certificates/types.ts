import type { Finding, LocalizedText } from '../types';

/** A file the user gave (upload, CLI argument). */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

/** What a file is, judged from its bytes (the name is only a hint). */
export type FileClass = 'certificate' | 'text' | 'private-key' | 'unknown';

/** One certificate, as the report card and `--json` show it. */
export interface CertificateReport {
  fileName: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  /** SHA-1, 40 upper-case hex digits, no spaces: as Exchange cmdlets want it. */
  thumbprint: string;
  sha256: string;
  notBefore: string;
  notAfter: string;
  /** DNS names (and IP addresses) of the SAN extension; at most REPORT_SAN_LIMIT of them. */
  subjectAltNames: string[];
  /** How many SAN entries the certificate really has (can exceed the list above). */
  subjectAltNameCount: number;
  /** Common name of the subject, if any. */
  commonName?: string;
  keyAlgorithm: string;
  keySize?: number;
  /** Curve name for EC keys, e.g. "prime256v1". */
  keyCurve?: string;
  signatureAlgorithm: string;
  isCA: boolean;
  selfSigned: boolean;
  serverAuthEku: boolean;
  aiaIssuerUrls: string[];
  ocspUrls: string[];
  crlUrls: string[];
  /** Finding kinds that apply to this certificate (e.g. "expired", "weak-signature"). */
  problems: string[];
  /** Why the issuer looks like an internal (enterprise) CA; empty when it does not. */
  internalIssuerReasons: string[];
}

/** A chain built from one end-entity certificate towards a root. */
export interface ChainReport {
  /** Thumbprints, end-entity first (certificates the user gave, then a store root if one was used). */
  path: string[];
  /** Subjects in the same order as `path`. */
  subjects: string[];
  status: 'complete-public' | 'incomplete' | 'untrusted-root' | 'self-signed';
  /** Subject of the missing issuer when incomplete. */
  missingIssuer?: string;
  /** AIA "CA Issuers" URL(s) to download the missing issuer from. */
  missingIssuerUrls?: string[];
  /** Subject of the root (or top certificate) the chain ends in. */
  root?: string;
  /** True when the root came from the public trust store rather than from the user's files. */
  rootFromStore?: boolean;
  /**
   * Why the chain is judged internal (enterprise CA): 'root-not-public', 'dc-components',
   * 'internal-domain-name', 'ad-cs-ca-name', 'ad-cs-ldap-url'. Empty for public chains.
   */
  internalReasons: string[];
}

/** A problem with a file as a whole (not a certificate, private key, too large ...). */
export interface FileIssue {
  fileName: string;
  kind:
    | 'private-key-present'
    | 'not-a-certificate'
    | 'too-large'
    | 'empty'
    | 'truncated'
    | 'too-many-certificates'
    /** Certificates whose RSA key no CA issues (exponent above 2^32, modulus above 16,384 bits). */
    | 'unusable-key'
    /** The signature checks ran out (cap or time budget): the chains named were not finished. */
    | 'checks-stopped'
    /** The whole analysis was stopped (time budget, too many analyses at once, worker failure). */
    | 'analysis-stopped';
  message: LocalizedText;
}

/**
 * Two end-entity certificates for one FQDN: one from a public CA, one from an internal CA
 * (KB 2888788). Files carry no service assignment: whether both are enabled for SMTP is for
 * Get-ExchangeCertificate to say.
 */
export interface CertificatePairReport {
  fqdn: string;
  trustedThumbprint: string;
  untrustedThumbprint: string;
  untrustedSubject: string;
  untrustedIssuer: string;
  /** Subject and issuer of the public certificate, in Windows order (for the send connector's TlsCertificateName). */
  trustedSubject?: string;
  trustedIssuer?: string;
  /**
   * How "public" the public one is: 'verified' when its chain was verified to a public root;
   * 'issuer-looks-public' when its issuer was not supplied but its name looks like a public
   * CA's; 'not-verified' otherwise.
   */
  trustedChain?: 'verified' | 'issuer-looks-public' | 'not-verified';
}

export interface CertificateAnalysis {
  certificates: CertificateReport[];
  chains: ChainReport[];
  findings: Finding[];
  fileIssues: FileIssue[];
  /** KB 2888788 pairs found among the certificates. */
  pairs: CertificatePairReport[];
  /** Host names the certificates were checked against. */
  hostNames: string[];
  /** The "now" of the validity checks (ISO 8601). */
  analysedAt: string;
  /** Signature verifications performed, the cap, and why they stopped when they did. */
  signatureChecks?: { performed: number; limit: number; stopped?: 'limit' | 'time' };
  /**
   * Set when the analysis did not run to its end (the worker thread was stopped): nothing in it
   * describes the files, and callers keep what they knew before.
   */
  stopped?: 'time-budget' | 'busy' | 'failed';
}
