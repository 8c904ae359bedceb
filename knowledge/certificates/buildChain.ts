/**
 * Builds the chain of one certificate towards a root, from the certificates the user gave
 * plus the trust store, verifying each signature (a matching name alone proves nothing).
 *
 * Like Exchange Online (and unlike Windows), it never downloads missing issuers via AIA:
 * a chain the user's files cannot complete is reported as incomplete, with the AIA address
 * where the missing certificate can be fetched by the admin.
 *
 * Candidates are found by name and key identifier before any signature is checked, and every
 * check goes through the analysis' SignatureChecks (each pair once, a cap per analysis). When
 * the checks run out, the chain is not finished rather than guessed: buildChain returns
 * undefined and the analysis names the certificate in its report.
 */
import { looksLikeServerCertificate, type CertificateFacts } from './certificateFacts';
import { internalNameReasons, internalUrlReasons, type InternalReason } from './internalCa';
import { MAX_CHAIN_LENGTH } from './limits';
import { issuerCandidates, mayHaveIssued, type SignatureChecks } from './signatureChecks';
import type { TrustStore } from './trustStore';
import type { ChainReport } from './types';

export interface BuiltChain {
  report: ChainReport;
  /** The certificates of the path, start first (store root included when used). */
  certificates: CertificateFacts[];
  /** The certificate whose issuer is missing, when incomplete. */
  top: CertificateFacts;
}

/** Index of the user's certificates by subject, so each step is a lookup, not a scan. */
export function indexBySubject(pool: readonly CertificateFacts[]): Map<string, CertificateFacts[]> {
  const index = new Map<string, CertificateFacts[]>();
  for (const certificate of pool) {
    const list = index.get(certificate.subjectKey);
    if (list) list.push(certificate);
    else index.set(certificate.subjectKey, [certificate]);
  }
  return index;
}

function finish(path: CertificateFacts[], status: ChainReport['status'], extra: Partial<ChainReport> = {}): BuiltChain {
  const top = path[path.length - 1];
  return {
    report: {
      path: path.map((c) => c.report.thumbprint),
      subjects: path.map((c) => c.report.subject),
      status,
      internalReasons: [],
      ...extra,
    },
    certificates: path,
    top,
  };
}

export function buildChain(
  start: CertificateFacts,
  bySubject: Map<string, CertificateFacts[]>,
  store: TrustStore,
  checks: SignatureChecks,
): BuiltChain | undefined {
  const path: CertificateFacts[] = [start];
  const visited = new Set<CertificateFacts>([start]);
  let current = start;
  for (let step = 0; step < MAX_CHAIN_LENGTH; step++) {
    const selfSigned = current.selfIssued && mayHaveIssued(current, current) ? checks.verify(current, current) : false;
    if (selfSigned === undefined) return undefined;
    if (selfSigned) {
      if (store.contains(current)) return finish(path, 'complete-public', { root: current.report.subject, rootFromStore: false });
      if (path.length === 1 && looksLikeServerCertificate(current)) return finish(path, 'self-signed', { root: current.report.subject });
      const reasons: InternalReason[] = ['root-not-public', ...internalNameReasons(current.report.subject)];
      return finish(path, 'untrusted-root', { root: current.report.subject, internalReasons: reasons });
    }
    const storeIssuer = firstIssuer(current, store.candidateIssuers(current), checks);
    if (storeIssuer === undefined) return undefined;
    if (storeIssuer) {
      // Prefer the user's copy of the root when they supplied it: the path then lists their file.
      const supplied = (bySubject.get(storeIssuer.subjectKey) ?? []).find((c) => c.report.sha256 === storeIssuer.report.sha256);
      return finish([...path, supplied ?? storeIssuer], 'complete-public', { root: storeIssuer.report.subject, rootFromStore: !supplied });
    }
    const candidates = issuerCandidates(current, bySubject.get(current.issuerKey) ?? []).filter((c) => !visited.has(c));
    const next = firstIssuer(current, candidates, checks);
    if (next === undefined) return undefined;
    if (!next) break;
    path.push(next);
    visited.add(next);
    current = next;
  }
  const missing = current.report.issuer;
  return finish(path, 'incomplete', {
    missingIssuer: missing,
    missingIssuerUrls: current.report.aiaIssuerUrls,
    root: current.report.subject,
    internalReasons: [...internalNameReasons(missing), ...internalUrlReasons([...current.report.aiaIssuerUrls, ...current.report.crlUrls])],
  });
}

/** The first candidate whose key verifies the signature; null when none does, undefined when the checks ran out. */
function firstIssuer(
  child: CertificateFacts,
  candidates: readonly CertificateFacts[],
  checks: SignatureChecks,
): CertificateFacts | null | undefined {
  for (const candidate of candidates) {
    const verified = checks.verify(child, candidate);
    if (verified === undefined) return undefined;
    if (verified) return candidate;
  }
  return null;
}
