/**
 * The evidence a support case already holds, as findings the knowledge core can diagnose again:
 * agent assist on a case starts from what the customer gave the bot (the 550 5.7.64 NDR, the
 * answered questions, the certificate reports' findings) and adds what the agent pastes, so the
 * answer uses both. The case stores findings as plain JSON (`CaseSummary.findings`); a case from an
 * older build has no `data` on them, which the commands are filled from: it is recovered by
 * extracting the finding's own excerpt again (the line that produced it).
 */
import { answerQuestion, extractFindings, findQuestion, type Finding, type FindingData } from '../../knowledge';
import type { CaseSummary } from '../../dialogs/ports';

const MAX_CASE_FINDINGS = 400;

/** The same finding twice (the agent pastes the NDR the case already has) counts once. */
export function findingKey(finding: Pick<Finding, 'kind' | 'value' | 'excerpt'>): string {
  return `${finding.kind}\u0000${finding.value}\u0000${finding.excerpt}`;
}

function isFindingData(value: unknown): value is FindingData {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.values(value as Record<string, unknown>).every(
    (item) =>
      item === undefined ||
      ['string', 'number', 'boolean'].includes(typeof item) ||
      (Array.isArray(item) && item.every((entry) => typeof entry === 'string')),
  );
}

/** The data of a stored finding without any: the extractors run over its excerpt again. */
function recoveredData(kind: string, value: string, excerpt: string): FindingData | undefined {
  if (!excerpt.trim()) return undefined;
  return extractFindings(excerpt).findings.find((candidate) => candidate.kind === kind && candidate.value === value && candidate.data)
    ?.data;
}

/** The case's findings (stored evidence and answered questions), without duplicates. */
export function caseFindings(summary: Partial<CaseSummary> | undefined): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (finding: Finding) => {
    const key = findingKey(finding);
    if (seen.has(key) || findings.length >= MAX_CASE_FINDINGS) return;
    seen.add(key);
    findings.push(finding);
  };
  for (const raw of Array.isArray(summary?.findings) ? summary.findings : []) {
    const entry = (raw ?? {}) as Partial<Finding>;
    if (typeof entry.kind !== 'string' || typeof entry.value !== 'string') continue;
    const excerpt = typeof entry.excerpt === 'string' ? entry.excerpt : '';
    const data = isFindingData(entry.data) ? entry.data : recoveredData(entry.kind, entry.value, excerpt);
    add({
      kind: entry.kind,
      value: entry.value,
      excerpt,
      source: typeof entry.source === 'string' ? entry.source : 'case',
      ...(data ? { data } : {}),
    });
  }
  // Answers are stored as "question=option": the answer finding itself tells diagnose() the question was asked.
  for (const answered of Array.isArray(summary?.questionsAnswered) ? summary.questionsAnswered : []) {
    if (typeof answered !== 'string') continue;
    const [questionId, optionId] = answered.split('=');
    const question = questionId ? findQuestion(questionId) : undefined;
    const answer = question && optionId ? answerQuestion(question, optionId)[0] : undefined;
    if (answer) add(answer);
  }
  return findings;
}
