/**
 * The signature checks of one analysis, with a bounded cost. Chain building asks here instead
 * of verifying directly:
 * - a check is keyed by the certificate and the issuer's key, so each pair costs at most once
 *   (a root checked as its own issuer, then as the top of three chains: one check);
 * - keys no CA issues (keySanity.ts) never verify anything, at no cost;
 * - after `limit` checks, or once the deadline has passed, nothing more is verified: the answer
 *   is "not checked" (undefined), and the caller reports the chain as not finished instead of
 *   guessing.
 */
import { isSignedBy, type CertificateFacts } from './certificateFacts';
import { MAX_SIGNATURE_CHECKS } from './limits';

export type ChecksStop = 'limit' | 'time';

/** How a certificate's signature is computed, by the algorithm OID's family. */
function signatureFamily(oid: string): string {
  if (oid.startsWith('1.2.840.113549.1.1.')) return 'RSA';
  if (oid.startsWith('1.2.840.10045.4.')) return 'ECC';
  if (oid === '1.2.840.10040.4.3' || oid.startsWith('2.16.840.1.101.3.4.3.')) return 'DSA';
  if (oid === '1.3.101.112') return 'Ed25519';
  if (oid === '1.3.101.113') return 'Ed448';
  return 'other';
}

/** The issuer's key cannot have made the signature (an RSA signature and an EC key): no check needed. */
function keyCannotSign(child: CertificateFacts, issuer: CertificateFacts): boolean {
  const family = signatureFamily(child.parsed.asn.signatureAlgorithm.algorithm);
  const key = issuer.report.keyAlgorithm;
  if (family === 'other' || key === 'unknown') return false;
  return family === 'RSA' ? !key.startsWith('RSA') : key !== family;
}

export class SignatureChecks {
  /** Signature verifications actually performed (each one an RSA/ECDSA/EdDSA operation). */
  performed = 0;
  /** Why checks stopped, once they did. */
  stopped?: ChecksStop;
  private readonly results = new Map<string, boolean>();

  constructor(
    readonly limit: number = MAX_SIGNATURE_CHECKS,
    /** Epoch milliseconds after which no check starts. */
    private readonly deadline: number = Number.POSITIVE_INFINITY,
    private readonly clock: () => number = Date.now,
  ) {}

  /** True or false when checked (now or before); undefined when the budget is spent. */
  verify(child: CertificateFacts, issuer: CertificateFacts): boolean | undefined {
    if (issuer.unusableKey || keyCannotSign(child, issuer)) return false;
    const key = `${child.report.sha256}|${issuer.spkiHex}`;
    const known = this.results.get(key);
    if (known !== undefined) return known;
    if (this.performed >= this.limit) {
      this.stopped ??= 'limit';
      return undefined;
    }
    if (this.clock() > this.deadline) {
      this.stopped ??= 'time';
      return undefined;
    }
    this.performed++;
    const result = isSignedBy(child, issuer);
    this.results.set(key, result);
    return result;
  }
}

/**
 * Could `issuer` have issued `child`, judged without any signature check: the key identifiers
 * must not contradict each other (RFC 5280 4.2.1.1: the AKI names the issuer's SKI; OpenSSL
 * treats a mismatch as "not the issuer" too) and the key must be usable.
 */
export function mayHaveIssued(issuer: CertificateFacts, child: CertificateFacts): boolean {
  if (issuer.unusableKey) return false;
  return !(child.authorityKeyId && issuer.subjectKeyId && child.authorityKeyId !== issuer.subjectKeyId);
}

/** Candidates with the issuer's name, contradicting key identifiers dropped, matching ones first. */
export function issuerCandidates(child: CertificateFacts, sameName: readonly CertificateFacts[]): CertificateFacts[] {
  const possible = sameName.filter((c) => mayHaveIssued(c, child));
  const aki = child.authorityKeyId;
  if (!aki) return possible;
  return [...possible.filter((c) => c.subjectKeyId === aki), ...possible.filter((c) => c.subjectKeyId !== aki)];
}
