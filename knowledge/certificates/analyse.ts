/**
 * analyseCertificateFiles: every certificate the user gave in the conversation (one upload
 * set) becomes a report, every chain a verdict, and both become findings for the diagnosis.
 */
import type { Finding } from '../types';
import { buildChain, indexBySubject, type BuiltChain } from './buildChain';
import { localized } from './catalogue';
import { describeCertificate, looksLikeServerCertificate, type CertificateFacts } from './certificateFacts';
import {
  certificateNamesFinding,
  chainFinding,
  fileIssueFinding,
  internalIssuerFinding,
  internalWithoutTwinFinding,
  nameMismatchFinding,
  noServerAuthFinding,
  pairFinding,
  validityFindings,
  weakSignatureFinding,
} from './certificateFindings';
import { coversHost, normaliseHostName, sharedName } from './hostNames';
import { judgeIssuer } from '../evidence/issuerKind';
import { EXPIRES_SOON_DAYS, MAX_CERTIFICATES, MAX_FILE_BYTES, MAX_SET_BYTES, MAX_SIGNATURE_CHECKS } from './limits';
import { mayHaveIssued, SignatureChecks } from './signatureChecks';
import { formatBytes, readCertificateFile, type ParsedCertificate } from './readCertificateFile';
import { TrustStore } from './trustStore';
import type { CertificateAnalysis, CertificatePairReport, FileIssue, UploadedFile } from './types';

export interface AnalyseOptions {
  /** Host names the conversation is about (connector FQDN, server name); matched against SANs. */
  hostNames?: string[];
  /** "Now" for validity checks (tests pin it). */
  now?: Date;
  /** Roots considered publicly trusted; default Node's bundled Mozilla roots. */
  trustStore?: TrustStore;
  /** Signature checks allowed (default MAX_SIGNATURE_CHECKS). */
  maxSignatureChecks?: number;
  /** Milliseconds after which no signature check starts (default: no limit; the bot's worker sets one). */
  timeBudgetMs?: number;
}

/** Subjects listed in a message before "and N more". */
const SUBJECTS_LISTED = 5;

function subjectList(certificates: readonly CertificateFacts[]): string {
  const shown = certificates.slice(0, SUBJECTS_LISTED).map((c) => `${c.report.subject} [${c.report.thumbprint}]`);
  const more = certificates.length - shown.length;
  return more > 0 ? `${shown.join(', ')} (+${more})` : shown.join(', ');
}

/** One message per file for the certificates whose key is refused (keySanity.ts). */
function unusableKeyIssues(facts: readonly CertificateFacts[]): FileIssue[] {
  const byFile = new Map<string, CertificateFacts[]>();
  for (const c of facts) {
    if (!c.unusableKey) continue;
    const list = byFile.get(c.report.fileName);
    if (list) list.push(c);
    else byFile.set(c.report.fileName, [c]);
  }
  return [...byFile].map(([fileName, list]) => ({
    fileName,
    kind: 'unusable-key' as const,
    message: localized('analysis.unusableKey', { file: fileName, count: list.length, subjects: subjectList(list) }),
  }));
}

function checksStoppedIssue(
  checks: SignatureChecks,
  unfinished: readonly CertificateFacts[],
  timeBudgetMs: number | undefined,
): FileIssue | undefined {
  if (unfinished.length === 0) return undefined;
  const params = {
    performed: checks.performed,
    count: unfinished.length,
    subjects: subjectList(unfinished),
    seconds: Math.round((timeBudgetMs ?? 0) / 1000),
  };
  return {
    fileName: unfinished[0].report.fileName,
    kind: 'checks-stopped',
    message: localized(checks.stopped === 'time' ? 'analysis.checkTime' : 'analysis.checkLimit', params),
  };
}

/** RSA keys below this size are flagged. */
const MIN_RSA_BITS = 2048;

type TrustClass = 'public' | 'probably-public' | 'untrusted';

function trustClassOf(chain: BuiltChain): TrustClass {
  switch (chain.report.status) {
    case 'complete-public':
      return 'public';
    case 'incomplete':
      return chain.report.internalReasons.length > 0 ? 'untrusted' : 'probably-public';
    default:
      return 'untrusted';
  }
}

/** Reads all files within the set cap, de-duplicating certificates given twice. */
function readAll(files: readonly UploadedFile[]): { parsed: ParsedCertificate[]; issues: FileIssue[] } {
  const parsed: ParsedCertificate[] = [];
  const issues: FileIssue[] = [];
  let total = 0;
  let capped = false;
  for (const file of files) {
    const fileName = file.name || 'upload';
    // A file over the per-file cap is refused by the reader with its own message; it does not use up the set.
    if (file.bytes.length <= MAX_FILE_BYTES) total += file.bytes.length;
    if (total > MAX_SET_BYTES) {
      issues.push({
        fileName,
        kind: 'too-large',
        message: localized('file.setTooLarge', { file: fileName, limit: formatBytes(MAX_SET_BYTES) }),
      });
      continue;
    }
    const reading = readCertificateFile(file);
    issues.push(...reading.issues);
    for (const certificate of reading.certificates) {
      if (parsed.length >= MAX_CERTIFICATES) {
        if (!capped)
          issues.push({
            fileName,
            kind: 'too-many-certificates',
            message: localized('file.tooManyCertificates', { file: fileName, limit: MAX_CERTIFICATES }),
          });
        capped = true;
        break;
      }
      parsed.push(certificate);
    }
  }
  return { parsed, issues };
}

function describeAll(parsed: ParsedCertificate[], issues: FileIssue[]): CertificateFacts[] {
  const seen = new Set<string>();
  const facts: CertificateFacts[] = [];
  for (const p of parsed) {
    let described: CertificateFacts;
    try {
      described = describeCertificate(p);
    } catch {
      issues.push({ fileName: p.fileName, kind: 'truncated', message: localized('file.truncated', { file: p.fileName }) });
      continue;
    }
    if (seen.has(described.report.thumbprint)) continue;
    seen.add(described.report.thumbprint);
    facts.push(described);
  }
  return facts;
}

/** Server certificates start chains; when only CA certificates were given, the lowest ones do. */
function chainStarts(facts: CertificateFacts[]): CertificateFacts[] {
  const endEntities = facts.filter(looksLikeServerCertificate);
  if (endEntities.length > 0) return endEntities;
  const issuers = new Set(facts.filter((c) => !c.selfIssued).map((c) => c.issuerKey));
  const lowest = facts.filter((c) => !issuers.has(c.subjectKey));
  return lowest.length > 0 ? lowest : facts.slice(0, 1);
}

/** A self-signed certificate (Exchange's own "Microsoft Exchange" one, the Auth certificate) is never KB 2888788's untrusted twin. */
function internalServerChain(chain: BuiltChain): boolean {
  return trustClassOf(chain) === 'untrusted' && chain.report.status !== 'self-signed' && looksLikeServerCertificate(chain.certificates[0]);
}

function trustedChainOf(chain: BuiltChain): NonNullable<CertificatePairReport['trustedChain']> {
  if (trustClassOf(chain) === 'public') return 'verified';
  return judgeIssuer(chain.certificates[0].report.issuer).kind === 'public' ? 'issuer-looks-public' : 'not-verified';
}

function findPairs(
  chains: BuiltChain[],
  hostNames: string[],
): Array<{ pair: CertificatePairReport; trusted: CertificateFacts; untrusted: CertificateFacts }> {
  const trusted = chains.filter((c) => trustClassOf(c) !== 'untrusted');
  const untrusted = chains.filter(internalServerChain);
  const pairs: Array<{ pair: CertificatePairReport; trusted: CertificateFacts; untrusted: CertificateFacts }> = [];
  for (const bad of untrusted) {
    // Fully verified public twins first, then those whose intermediate was not given.
    const ordered = [...trusted].sort((a, b) => Number(trustClassOf(a) !== 'public') - Number(trustClassOf(b) !== 'public'));
    for (const good of ordered) {
      const a = good.certificates[0];
      const b = bad.certificates[0];
      const fqdn = sharedName(a.names, b.names, hostNames);
      if (!fqdn) continue;
      pairs.push({
        pair: {
          fqdn,
          trustedThumbprint: a.report.thumbprint,
          untrustedThumbprint: b.report.thumbprint,
          untrustedSubject: b.report.subject,
          untrustedIssuer: b.report.issuer,
          trustedSubject: a.report.subject,
          trustedIssuer: a.report.issuer,
          trustedChain: trustedChainOf(good),
        },
        trusted: a,
        untrusted: b,
      });
      break;
    }
  }
  return pairs;
}

// eslint-disable-next-line @typescript-eslint/require-await -- async like the worker pool's analyse(), so callers can use either
export async function analyseCertificateFiles(files: UploadedFile[], options: AnalyseOptions = {}): Promise<CertificateAnalysis> {
  const now = options.now ?? new Date();
  const hostNames = [...new Set((options.hostNames ?? []).map(normaliseHostName).filter((h) => h.length > 0))];
  const { parsed, issues } = readAll(files);
  const facts = describeAll(parsed, issues);
  const findings: Finding[] = [];

  const store = options.trustStore ?? (facts.length > 0 ? TrustStore.publicRoots() : undefined);
  const deadline = options.timeBudgetMs === undefined ? undefined : Date.now() + options.timeBudgetMs;
  const checks = new SignatureChecks(options.maxSignatureChecks ?? MAX_SIGNATURE_CHECKS, deadline);
  const chains: BuiltChain[] = [];
  /** Chain starts whose chain the checks could not finish: named in the report, no verdict guessed. */
  const unfinished: CertificateFacts[] = [];
  if (store) {
    const bySubject = indexBySubject(facts);
    for (const start of chainStarts(facts)) {
      const chain = buildChain(start, bySubject, store, checks);
      if (chain) chains.push(chain);
      else unfinished.push(start);
    }
  }
  issues.push(...unusableKeyIssues(facts));

  const pairs = findPairs(chains, hostNames);
  const trustedTwins = new Set(pairs.map((p) => p.trusted));
  const problems = new Map<CertificateFacts, Set<string>>(facts.map((c) => [c, new Set<string>()]));
  const addProblem = (c: CertificateFacts, kind: string) => problems.get(c)?.add(kind);

  for (const chain of chains) {
    const start = chain.certificates[0];
    const found = chainFinding(chain, trustedTwins.has(start));
    if (found) {
      findings.push(found);
      addProblem(start, found.kind);
    } else if (chain.report.status === 'incomplete') {
      addProblem(start, 'chain-incomplete');
    }
    const internal = internalIssuerFinding(chain);
    if (internal) {
      findings.push(internal);
      addProblem(start, internal.kind);
    }
  }
  for (const c of facts) {
    // Roots are self-signed too: the field says what the certificate is; the "self-signed"
    // problem (from the chain) is raised only for server certificates.
    c.report.selfSigned = c.selfIssued && mayHaveIssued(c, c) && checks.verify(c, c) === true;
    if (c.unusableKey) addProblem(c, 'unusable-key');
    c.report.internalIssuerReasons = chains.find((ch) => ch.certificates[0] === c)?.report.internalReasons ?? [];
    for (const f of validityFindings(c, now, EXPIRES_SOON_DAYS)) {
      findings.push(f);
      addProblem(c, f.kind);
    }
    // A root's own signature is never checked by anyone, so SHA-1 there is harmless.
    if (c.weakSignatureAlgorithm && !c.selfIssued) {
      findings.push(weakSignatureFinding(c, 'signature'));
      addProblem(c, 'weak-signature');
    } else if (c.report.keyAlgorithm.startsWith('RSA') && c.report.keySize !== undefined && c.report.keySize < MIN_RSA_BITS) {
      findings.push(weakSignatureFinding(c, 'key-size'));
      addProblem(c, 'weak-signature');
    }
  }
  const starts = chains.map((c) => c.certificates[0]).filter(looksLikeServerCertificate);
  for (const c of starts) findings.push(certificateNamesFinding(c));
  for (const c of starts) {
    if (!c.report.serverAuthEku) {
      findings.push(noServerAuthFinding(c));
      addProblem(c, 'no-server-auth-eku');
    }
  }
  if (starts.length > 0) {
    for (const host of hostNames) {
      if (starts.some((c) => coversHost(c.names, host))) continue;
      findings.push(nameMismatchFinding(host, starts));
      for (const c of starts) addProblem(c, 'name-mismatch');
    }
  }
  for (const { pair, untrusted } of pairs) findings.push(pairFinding(pair, untrusted));
  // An internal-CA server certificate with no public twin is not KB 2888788: it needs a public certificate.
  const paired = new Set(pairs.map((p) => p.untrusted));
  for (const chain of chains.filter(internalServerChain)) {
    if (!paired.has(chain.certificates[0])) findings.push(internalWithoutTwinFinding(chain.certificates[0]));
  }
  const stoppedIssue = checksStoppedIssue(checks, unfinished, options.timeBudgetMs);
  if (stoppedIssue) issues.push(stoppedIssue);
  for (const issue of issues) {
    // Refused keys and unfinished chains are said in the report; they are no evidence for the diagnosis.
    if (issue.kind === 'unusable-key' || issue.kind === 'checks-stopped') continue;
    const f = fileIssueFinding(issue);
    if (f) findings.push(f);
  }
  for (const c of facts) c.report.problems = [...(problems.get(c) ?? [])];

  return {
    certificates: facts.map((c) => c.report),
    chains: chains.map((c) => c.report),
    findings,
    fileIssues: issues,
    pairs: pairs.map((p) => p.pair),
    hostNames,
    analysedAt: now.toISOString(),
    signatureChecks: { performed: checks.performed, limit: checks.limit, ...(checks.stopped ? { stopped: checks.stopped } : {}) },
  };
}
