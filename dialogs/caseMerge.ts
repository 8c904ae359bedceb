/**
 * Three-way merge of a conversation's case when two turns of it ran at the same time on two
 * instances and the second save met the first one's write (ETag conflict, HTTP 412).
 * `base` is what the losing turn read, `mine` what it wants to write, `theirs` what is stored now.
 * - Additive parts are united: findings, certificate files, questions asked, "still not
 *   working" history and transcript lines (by content; the transcript in time order, capped as
 *   usual). When the certificate files changed, their analysis is redone over all of them, so a
 *   leaf and its intermediate uploaded in parallel still form one chain.
 * - Every other field: this turn's value if this turn changed it, otherwise the stored one.
 * - A welcome sent stays so. The pointer to a support case is a scalar: the store holds the case.
 * Nothing is re-run and no reply is sent again: the turn's replies were based on its own view.
 */
import { analyseCertificateFiles, certificateHostNames } from '../knowledge';
import {
  type CaseState,
  findingKey,
  MAX_STORED_CERTIFICATE_BYTES,
  MAX_TEXT_FINDINGS,
  MAX_TRANSCRIPT_LINES,
  normaliseCase,
  type StoredCertificateFile,
} from './caseState';
import type { TranscriptLine } from './ports';

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `mine` plus what `theirs` added since `base`, in `mine`'s order, then theirs. */
function unite<T>(base: T[], mine: T[], theirs: T[], key: (item: T) => string): T[] {
  const known = new Set([...base, ...mine].map(key));
  const result = [...mine];
  for (const item of theirs) {
    const itemKey = key(item);
    if (known.has(itemKey)) continue;
    known.add(itemKey);
    result.push(item);
  }
  return result;
}

const SCALAR_FIELDS = [
  'language',
  'languageLocked',
  'pendingQuestion',
  'last',
  'awaitingStillBrokenChoice',
  'escalation',
  'setAside',
] as const;

const transcriptKey = (line: TranscriptLine) => `${line.from}\u0000${line.at}\u0000${line.text}`;
const fileKey = (file: StoredCertificateFile) => file.base64;

function capCertificateFiles(files: StoredCertificateFile[]): StoredCertificateFile[] {
  const kept: StoredCertificateFile[] = [];
  let bytes = 0;
  for (const file of files) {
    if (bytes + file.base64.length > MAX_STORED_CERTIFICATE_BYTES) continue;
    bytes += file.base64.length;
    kept.push(file);
  }
  return kept;
}

export async function mergeCase(baseValue: unknown, mineValue: unknown, theirsValue: unknown): Promise<CaseState> {
  const base = normaliseCase(baseValue);
  const mine = normaliseCase(mineValue);
  const theirs = normaliseCase(theirsValue);
  const merged: CaseState = { ...mine };
  for (const field of SCALAR_FIELDS) {
    if (same(mine[field], base[field])) (merged as unknown as Record<string, unknown>)[field] = theirs[field];
  }
  merged.welcomed = mine.welcomed || theirs.welcomed || undefined;

  merged.textFindings = unite(base.textFindings, mine.textFindings, theirs.textFindings, findingKey).slice(0, MAX_TEXT_FINDINGS);
  merged.questionsAsked = unite(base.questionsAsked, mine.questionsAsked, theirs.questionsAsked, String);
  merged.stillNotWorking = unite(base.stillNotWorking, mine.stillNotWorking, theirs.stillNotWorking, String);
  if (mine.fixed || theirs.fixed) merged.fixed = unite(base.fixed ?? [], mine.fixed ?? [], theirs.fixed ?? [], String);
  merged.transcript = unite(base.transcript, mine.transcript, theirs.transcript, transcriptKey)
    .map((line, index) => ({ line, index }))
    .sort((a, b) => (a.line.at < b.line.at ? -1 : a.line.at > b.line.at ? 1 : a.index - b.index))
    .map(({ line }) => line)
    .slice(-MAX_TRANSCRIPT_LINES);

  merged.certificateFiles = capCertificateFiles(unite(base.certificateFiles, mine.certificateFiles, theirs.certificateFiles, fileKey));
  if (!same(merged.certificateFiles.map(fileKey), mine.certificateFiles.map(fileKey))) {
    const analysis = await analyseCertificateFiles(
      merged.certificateFiles.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
      { hostNames: certificateHostNames(merged.textFindings) },
    );
    merged.certificateFindings = analysis.findings;
    merged.certificateReports = analysis.certificates;
    merged.chains = analysis.chains;
  }
  return merged;
}
