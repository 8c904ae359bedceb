/**
 * The set of publicly trusted roots that decides "public" versus "internal".
 *
 * Default: Node's bundled `tls.rootCertificates` (Mozilla's CA list). Exchange Online
 * follows the Microsoft Trusted Root Program, which overlaps Mozilla's list almost
 * entirely; this is a documented approximation, not Microsoft's store. Tests and callers
 * pass their own store. The default is parsed once, on first use, and cached.
 */
import * as tls from 'tls';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate } from '@peculiar/asn1-x509';
import { describeCertificate, isSignedBy, type CertificateFacts } from './certificateFacts';
import { x509 } from './cryptoSetup';
import { BER_LIMITS } from './limits';

export const TRUST_STORE_FILE_NAME = '(public root store)';

export class TrustStore {
  private readonly bySubject = new Map<string, CertificateFacts[]>();
  private readonly byKeyId = new Map<string, CertificateFacts[]>();
  private readonly bySha256 = new Set<string>();
  private readonly bySubjectAndKey = new Set<string>();
  readonly roots: readonly CertificateFacts[];

  private constructor(roots: CertificateFacts[]) {
    this.roots = roots;
    for (const root of roots) {
      push(this.bySubject, root.subjectKey, root);
      if (root.subjectKeyId) push(this.byKeyId, root.subjectKeyId, root);
      this.bySha256.add(root.report.sha256);
      this.bySubjectAndKey.add(`${root.subjectKey}|${root.spkiHex}`);
    }
  }

  /** A store from PEM or DER certificates; unreadable entries are skipped. */
  static fromCertificates(certificates: ReadonlyArray<string | Uint8Array>): TrustStore {
    const roots: CertificateFacts[] = [];
    for (const entry of certificates) {
      try {
        const der = typeof entry === 'string' ? new Uint8Array(x509.PemConverter.decodeFirst(entry)) : entry.slice();
        const asn = AsnConvert.parse(der, AsnCertificate, { berOptions: { ...BER_LIMITS } });
        const certificate = new x509.X509Certificate(asn);
        roots.push(describeCertificate({ certificate, asn, der, fileName: TRUST_STORE_FILE_NAME }));
      } catch {
        // A damaged entry in a custom store must not break the analysis.
      }
    }
    return new TrustStore(roots);
  }

  /** Node's bundled Mozilla roots, parsed on first call. */
  static publicRoots(): TrustStore {
    if (!cachedPublicRoots) cachedPublicRoots = TrustStore.fromCertificates(tls.rootCertificates);
    return cachedPublicRoots;
  }

  get size(): number {
    return this.roots.length;
  }

  /** True when this very certificate, or a root with the same name and key, is in the store. */
  contains(certificate: CertificateFacts): boolean {
    return (
      this.bySha256.has(certificate.report.sha256) ||
      this.bySubjectAndKey.has(`${certificate.subjectKey}|${certificate.spkiHex}`)
    );
  }

  /** Store roots whose key verifies this certificate's signature. */
  findIssuer(child: CertificateFacts): CertificateFacts | undefined {
    const candidates = [
      ...(child.authorityKeyId ? this.byKeyId.get(child.authorityKeyId) ?? [] : []),
      ...(this.bySubject.get(child.issuerKey) ?? []),
    ];
    const seen = new Set<CertificateFacts>();
    for (const candidate of candidates) {
      if (seen.has(candidate)) continue;
      seen.add(candidate);
      if (isSignedBy(child, candidate)) return candidate;
    }
    return undefined;
  }
}

let cachedPublicRoots: TrustStore | undefined;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
