/**
 * The set of publicly trusted roots that decides "public" versus "internal".
 *
 * Default: Node's bundled `tls.rootCertificates` (Mozilla's CA list). Exchange Online
 * follows the Microsoft Trusted Root Program, which overlaps Mozilla's list almost
 * entirely; this is a documented approximation, not Microsoft's store. Tests and callers
 * pass their own store.
 *
 * Indexing only walks DER headers (subject, key, key identifier); a root is fully parsed
 * only when it is a candidate issuer. The default store is built once, on first use.
 */
import { createHash } from 'crypto';
import * as tls from 'tls';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate } from '@peculiar/asn1-x509';
import { describeCertificate, isSignedBy, type CertificateFacts } from './certificateFacts';
import { mayHaveIssued } from './signatureChecks';
import { x509 } from './cryptoSetup';
import { readTbsParts } from './derSniff';
import { BER_LIMITS } from './limits';

export const TRUST_STORE_FILE_NAME = '(public root store)';

interface StoreEntry {
  der: Uint8Array;
  sha256: string;
  subjectHex: string;
  spkiHex: string;
  subjectKeyId?: string;
  /** Full analysis, made when the root is first needed. */
  facts?: CertificateFacts | null;
}

export class TrustStore {
  private readonly bySubject = new Map<string, StoreEntry[]>();
  private readonly byKeyId = new Map<string, StoreEntry[]>();
  private readonly bySha256 = new Set<string>();
  private readonly bySubjectAndKey = new Set<string>();
  readonly size: number;

  private constructor(private readonly entries: StoreEntry[]) {
    this.size = entries.length;
    for (const entry of entries) {
      push(this.bySubject, entry.subjectHex, entry);
      if (entry.subjectKeyId) push(this.byKeyId, entry.subjectKeyId, entry);
      this.bySha256.add(entry.sha256);
      this.bySubjectAndKey.add(`${entry.subjectHex}|${entry.spkiHex}`);
    }
  }

  /** A store from PEM or DER certificates; unreadable entries are skipped. */
  static fromCertificates(certificates: ReadonlyArray<string | Uint8Array>): TrustStore {
    const entries: StoreEntry[] = [];
    for (const certificate of certificates) {
      try {
        const der = typeof certificate === 'string' ? new Uint8Array(x509.PemConverter.decodeFirst(certificate)) : certificate.slice();
        const parts = readTbsParts(der);
        if (!parts) continue;
        entries.push({ der, sha256: createHash('sha256').update(der).digest('hex').toUpperCase(), ...parts });
      } catch {
        // A damaged entry in a custom store must not break the analysis.
      }
    }
    return new TrustStore(entries);
  }

  /** Node's bundled Mozilla roots, indexed on first call. */
  static publicRoots(): TrustStore {
    if (!cachedPublicRoots) cachedPublicRoots = TrustStore.fromCertificates(tls.rootCertificates);
    return cachedPublicRoots;
  }

  /** True when this very certificate, or a root with the same name and key, is in the store. */
  contains(certificate: CertificateFacts): boolean {
    return this.bySha256.has(certificate.report.sha256) || this.bySubjectAndKey.has(`${certificate.subjectKey}|${certificate.spkiHex}`);
  }

  /**
   * Store roots that may have issued this certificate, judged without a signature check: same
   * key identifier or same name, key identifiers not contradicting each other.
   */
  candidateIssuers(child: CertificateFacts): CertificateFacts[] {
    const aki = child.authorityKeyId;
    const entries = new Set<StoreEntry>([...(aki ? (this.byKeyId.get(aki) ?? []) : []), ...(this.bySubject.get(child.issuerKey) ?? [])]);
    const roots: CertificateFacts[] = [];
    for (const entry of entries) {
      if (aki && entry.subjectKeyId && entry.subjectKeyId !== aki) continue;
      const root = materialise(entry);
      if (root && mayHaveIssued(root, child)) roots.push(root);
    }
    return roots;
  }

  /** The store root whose key verifies this certificate's signature. */
  findIssuer(child: CertificateFacts): CertificateFacts | undefined {
    return this.candidateIssuers(child).find((root) => isSignedBy(child, root));
  }

  /** The store's certificates as DER, to rebuild the same store elsewhere (a worker thread). */
  certificates(): Uint8Array[] {
    return this.entries.map((entry) => entry.der);
  }
}

function materialise(entry: StoreEntry): CertificateFacts | undefined {
  if (entry.facts === undefined) {
    try {
      const asn = AsnConvert.parse(entry.der, AsnCertificate, { berOptions: { ...BER_LIMITS } });
      entry.facts = describeCertificate({
        certificate: new x509.X509Certificate(asn),
        asn,
        der: entry.der,
        fileName: TRUST_STORE_FILE_NAME,
      });
    } catch {
      entry.facts = null;
    }
  }
  return entry.facts ?? undefined;
}

let cachedPublicRoots: TrustStore | undefined;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
