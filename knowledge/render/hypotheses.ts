/**
 * What would confirm what the user only thinks (issue 22, point 3). A guess ("I think the
 * intermediate is missing?") is a `hypothesis` finding that weighs nothing; the answer names it as
 * a guess and says which check would confirm it: the checks of the cause it would be evidence for
 * (the cause whose rule gives its claim the most weight), from the catalogue, so a cause added
 * later brings its own checks.
 */
import { loadKnowledgeBase, type Cause, type KnowledgeBase } from '../knowledgeBase';
import type { Finding, Language } from '../types';
import { sameCause } from '../causeIds';
import { fill, findingLabel, t } from './catalogue';
import { causeValues } from './commandValues';

/** The cause the claim would be evidence for, with the weight the claim would have there. */
function causeOfClaim(kind: string, value: string, kb: KnowledgeBase): Cause | undefined {
  let best: { cause: Cause; weight: number } | undefined;
  for (const cause of kb.causes) {
    for (const rule of cause.evidence.supports) {
      if (rule.kind !== kind || (rule.value !== undefined && rule.value !== value)) continue;
      // An answer before a hint at the same weight.
      const weight = rule.weight + (cause.level === 'answer' ? 0.001 : 0);
      if (!best || weight > best.weight) best = { cause, weight };
    }
  }
  return best?.cause;
}

/** How to confirm a cause: its checks; a hint's own words otherwise. */
function checksOf(cause: Cause, findings: Finding[], language: Language): string {
  const { values } = causeValues(cause, findings, language);
  if (cause.checks?.length) return cause.checks.map((c) => fill(c[language], values)).join(' ');
  if (cause.level === 'hint') return cause.hint[language];
  if (cause.level === 'out-of-scope') return cause.firstCheck[language];
  return cause.symptoms.map((s) => fill(s[language], values)).join(' ');
}

export interface HypothesisOptions {
  /** The article the case is answered with now: a guess the evidence already confirms needs no check. */
  answered?: string | null;
  knowledgeBase?: KnowledgeBase;
}

/**
 * One sentence per guess among `guesses` whose claim the case (`findings`) does not show as
 * evidence: what the user thinks, that it does not count yet, and what would confirm it.
 */
export function hypothesisNotices(guesses: Finding[], findings: Finding[], language: Language, options: HypothesisOptions = {}): string[] {
  const kb = options.knowledgeBase ?? loadKnowledgeBase();
  const out: string[] = [];
  const seen = new Set<string>();
  for (const guess of guesses) {
    if (guess.kind !== 'hypothesis' || seen.has(guess.value)) continue;
    seen.add(guess.value);
    const kind = String(guess.data?.kind ?? '');
    const value = String(guess.data?.value ?? '');
    if (findings.some((f) => f.kind === kind && f.value === value)) continue;
    const cause = causeOfClaim(kind, value, kb);
    const claim = findingLabel(kind, value, language);
    if (!cause) {
      out.push(t('hypothesis.general', language, { guess: guess.excerpt }));
      continue;
    }
    if (sameCause(cause.id, options.answered)) continue;
    const reference = cause.level === 'answer' ? cause.kb : cause.reference || cause.title[language];
    out.push(
      t('hypothesis.confirm', language, {
        guess: claim ?? guess.excerpt,
        reference,
        checks: checksOf(cause, findings, language),
      }),
    );
  }
  return out;
}
