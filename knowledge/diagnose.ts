/**
 * Findings -> verdict. Every article and every look-alike (neighbouring problem) declares the
 * findings that support it, with weights; scores combine as a noisy-OR, so independent pieces
 * of evidence add up without ever passing 1. An article's excluding findings cut its score.
 *
 *  - match:    an article is clearly ahead (confidence and margin over the runner-up).
 *  - ask:      several candidates are close; ask the question whose answers best separate them.
 *  - no_match: nothing relevant, or a neighbouring problem leads (it is named as a look-alike,
 *              never claimed as an article); or several causes stay close after the questions
 *              ("undecided": the answer lists the checks that separate them instead of guessing);
 *              or the error has nothing to do with TLS certificates ("out-of-scope").
 */
import { findArticle, loadKnowledgeBase, type Cause, type EvidenceRule, type ExcludeRule, type KnowledgeBase } from './knowledgeBase';
import { causeRef } from './causeCatalogue';
import { legacyArticleId, sameCause } from './causeIds';
import { catalogues } from './render/catalogue';
import { correlate, withoutDerived, withoutRefutedFix } from './evidence/correlate';
import { withoutExchangeOwnCertificates } from './evidence/exchangeOwnCertificates';
import type { CandidateScore, Diagnosis, Finding, Lookalike, Question } from './types';

/** The confidence an answer needs to be claimed; below it an answer carries the low-confidence notice. The one place of this number. */
export const MATCH_THRESHOLD = 0.7;

export const THRESHOLDS = {
  /** Below this nothing is considered relevant at all. */
  relevant: 0.3,
  /** An article needs this confidence for a match... */
  match: MATCH_THRESHOLD,
  /** ...and this lead over the best other candidate. */
  margin: 0.2,
  /** When questions run out, an article this strong is answered (with its rule-out notes). */
  fallbackMatch: 0.5,
  /** Candidates this close to the leader take part in the question choice. */
  window: 0.35,
  /** An excluding finding without its own weight multiplies the article's score by this. */
  excludedFactor: 0.2,
  /** An article whose strongest evidence is below this is only context (route, "mail stopped"). */
  specific: 0.5,
};

/** Findings of errors that are not about TLS certificates at all (5.1.1 recipient not found ...). */
const NOT_TLS_KIND = 'non-tls-error';

export const DEFAULT_MAX_QUESTIONS = 3;

/** An `answer` cause competes as an article; a `hint` cause is a look-alike, named but never claimed. */
function typeOf(cause: Cause): Scored['type'] {
  return cause.level === 'answer' ? 'article' : 'lookalike';
}

interface Scored {
  id: string;
  type: 'article' | 'lookalike';
  score: number;
  supporting: Finding[];
  /** Weight of the strongest rule that matched: context alone (renewal, "mail stopped") stays low. */
  strongest: number;
  /** The score before excluding findings cut it. */
  unexcluded: number;
}

function ruleMatches(rule: { kind: string; value?: string }, f: Finding): boolean {
  return f.kind === rule.kind && (rule.value === undefined || f.value === rule.value);
}

/**
 * Per rule list (fixed data of the knowledge base): for each kind, the values that rules of that
 * kind name. A rule without a value leaves findings with one of these values to those rules.
 */
const claimedValuesCache = new WeakMap<EvidenceRule[], Map<string, Set<string>>>();

function claimedValues(rules: EvidenceRule[]): Map<string, Set<string>> {
  let claimed = claimedValuesCache.get(rules);
  if (!claimed) {
    claimed = new Map();
    for (const rule of rules) {
      if (rule.value === undefined) continue;
      const values = claimed.get(rule.kind) ?? new Set<string>();
      values.add(rule.value);
      claimed.set(rule.kind, values);
    }
    claimedValuesCache.set(rules, claimed);
  }
  return claimed;
}

/** The findings of each kind, in their order: most rules have no finding of their kind at all. */
type FindingsByKind = Map<string, Finding[]>;

function byKind(findings: Finding[]): FindingsByKind {
  const index: FindingsByKind = new Map();
  for (const f of findings) {
    const list = index.get(f.kind);
    if (list) list.push(f);
    else index.set(f.kind, [f]);
  }
  return index;
}

/** Noisy-OR over the rules; a rule without a value does not count findings that a value rule of the same kind already counted. */
function score(rules: EvidenceRule[], findings: FindingsByKind): { score: number; supporting: Finding[]; strongest: number } {
  const claimed = claimedValues(rules);
  let missing = 1;
  let strongest = 0;
  const supporting: Finding[] = [];
  for (const rule of rules) {
    const ofKind = findings.get(rule.kind);
    if (!ofKind) continue;
    const taken = rule.value === undefined ? claimed.get(rule.kind) : undefined;
    const hits = ofKind.filter((f) => (rule.value === undefined ? !taken?.has(f.value) : f.value === rule.value));
    if (hits.length === 0) continue;
    missing *= 1 - rule.weight;
    strongest = Math.max(strongest, rule.weight);
    supporting.push(...hits.filter((h) => !supporting.includes(h)));
  }
  return { score: 1 - missing, supporting, strongest };
}

/** The factor by which excluding findings cut a score: each matching rule multiplies by (1 - its weight). */
function exclusionFactor(rules: ExcludeRule[], findings: FindingsByKind): number {
  let factor = 1;
  for (const r of rules) {
    if (findings.get(r.kind)?.some((f) => ruleMatches(r, f))) factor *= 1 - (r.weight ?? 1 - THRESHOLDS.excludedFactor);
  }
  return factor;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

export function scoreAll(findings: Finding[], kb: KnowledgeBase = loadKnowledgeBase()): Scored[] {
  return scoreSome(findings, kb);
}

/** scoreAll, restricted to the candidates `only` names (in the same order as scoreAll would list them). */
function scoreSome(given: Finding[], kb: KnowledgeBase, only?: ReadonlySet<string>): Scored[] {
  const findings = byKind(given);
  const scored: Scored[] = [];
  for (const c of kb.causes) {
    // Out-of-scope causes compete with nothing: they only name a non-TLS error (outOfScopeCauses).
    if (c.level === 'out-of-scope' || (only && !only.has(c.id))) continue;
    // A cause with distinctive evidence of its own is not considered at all without it.
    if (c.evidence.requires && !c.evidence.requires.some((r) => findings.get(r.kind)?.some((f) => ruleMatches(r, f)))) {
      scored.push({ id: c.id, type: typeOf(c), score: 0, supporting: [], strongest: 0, unexcluded: 0 });
      continue;
    }
    const s = score(c.evidence.supports, findings);
    const factor = exclusionFactor(c.evidence.excludes, findings);
    scored.push({
      id: c.id,
      type: typeOf(c),
      score: s.score * factor,
      supporting: s.supporting,
      strongest: s.strongest,
      unexcluded: s.score,
    });
  }
  // Ties: an answer before a hint, then the cause with the more specific evidence (folder order after that).
  const rank = (x: Scored) => (x.type === 'article' ? 0 : 1);
  return scored.sort((x, y) => y.score - x.score || rank(x) - rank(y) || y.strongest - x.strongest);
}

/** Ids of questions already answered (each answer leaves an `answer` finding). */
export function answeredQuestions(findings: Finding[]): Set<string> {
  return new Set(findings.filter((f) => f.kind === 'answer').map((f) => String(f.data?.question ?? f.value.split('=')[0])));
}

/** More than the tie-breaks of chooseQuestion (0.1 + 0.05), less than one more cause told apart. */
const DECISIVE_BONUS = 0.2;

/**
 * How well a question separates the candidates: for each option, which candidate would lead
 * after that answer; a question whose options lead to more different candidates (weighted by
 * how likely they are now) separates better. Questions that change nothing score 0.
 */
function separation(q: Question, findings: Finding[], window: Scored[], kb: KnowledgeBase): number {
  const leaders = new Set<string>();
  const answered = new Set<string>();
  // Only the window's candidates are compared, so only they are scored.
  const windowIds = new Set(window.map((w) => w.id));
  let weight = 0;
  for (const option of q.options) {
    if (option.adds.length === 0) continue;
    const added = option.adds.map((a) => ({ kind: a.kind, value: a.value, excerpt: '', source: 'question' }));
    const after = scoreSome([...findings, ...added], kb, windowIds);
    const leader = after[0];
    // A look-alike only counts when the answer is evidence for it, not merely against the article;
    // an answer after which nothing is relevant any more is an outcome of its own ("none").
    const before = window.find((w) => w.id === leader?.id);
    const earned = leader && (leader.type === 'article' || leader.score > (before?.score ?? 0));
    const outcome = !leader || leader.score < THRESHOLDS.relevant ? 'none' : earned ? leader.id : undefined;
    if (outcome && !leaders.has(outcome)) {
      leaders.add(outcome);
      weight += window.find((w) => w.id === outcome)?.score ?? 0;
    }
    if (leader?.type === 'article' && leader.score >= THRESHOLDS.match) answered.add(option.id);
  }
  const informative = q.options.filter((o) => o.adds.length > 0);
  // A question whose every informative answer ends in an answer beats one that only leads to the next question.
  const decisive = informative.length > 1 && answered.size === informative.length;
  if (leaders.size > 1) return leaders.size + weight + (decisive ? DECISIVE_BONUS : 0);
  // One cause left whatever the answer, but not answerable yet: a question whose every informative
  // answer makes it one (which connector setting changed, say) still turns "cannot tell" into an answer.
  const undecided = (window[0]?.score ?? 0) < THRESHOLDS.match;
  return undecided && decisive ? 1 + weight : 0;
}

function lookalikesOf(scored: Scored[], kb: KnowledgeBase): Lookalike[] {
  return scored
    .filter((s) => s.type === 'lookalike' && s.score >= 0.5)
    .map((s) => {
      const entry = kb.lookalikes.find((l) => l.id === s.id)!;
      return { id: entry.id, title: entry.title, reference: entry.reference, hint: entry.hint, findings: s.supporting };
    });
}

export interface DiagnoseOptions {
  maxQuestions?: number;
  knowledgeBase?: KnowledgeBase;
}

/** A decision names its cause by id; the diagnosis carries the cause itself and the id in its previous form. */
type Decision = Omit<Diagnosis, 'cause'>;

function named(decision: Decision, kb: KnowledgeBase): Diagnosis {
  const article = decision.article ? findArticle(decision.article, kb) : undefined;
  return { ...decision, cause: article ? causeRef(article) : null, article: article ? legacyArticleId(article.id) : null };
}

export function diagnose(given: Finding[], options: DiagnoseOptions = {}): Diagnosis {
  const kb = options.knowledgeBase ?? loadKnowledgeBase();
  return named(decide(given, kb, options), kb);
}

function decide(given: Finding[], kb: KnowledgeBase, options: DiagnoseOptions): Decision {
  const inputs = withoutDerived(given);
  const findings = withoutRefutedFix(withoutExchangeOwnCertificates([...inputs, ...correlate(inputs)]));
  const maxQuestions = options.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
  const scored = scoreAll(findings, kb);
  const candidates: CandidateScore[] = scored
    .filter((s) => s.type === 'article')
    .map((s) => ({ cause: s.id, article: legacyArticleId(s.id), confidence: round(s.score) }));
  const lookalikes = lookalikesOf(scored, kb);
  const base = { candidates, findings, lookalikes, supporting: [] as Finding[] };

  const top = scored[0];
  if (!top || top.score < THRESHOLDS.relevant) {
    // The error fits an answer whose cause the evidence rules out, and nothing else is left.
    const ruledOut = ruledOutArticles(scored);
    if (ruledOut.some((s) => s.unexcluded >= THRESHOLDS.fallbackMatch) && answeredQuestions(findings).size === 0) {
      return {
        ...base,
        verdict: 'no_match',
        article: null,
        confidence: round(top?.score ?? 0),
        noMatchReason: 'ruled-out',
        contenders: [],
        ruledOut: ruledOut.map((r) => r.id),
        lookalikes: [],
      };
    }
    // After answered questions "no evidence" would contradict the conversation: say it cannot tell.
    const reason = answeredQuestions(findings).size > 0 ? 'questions-exhausted' : 'no-evidence';
    return { ...base, verdict: 'no_match', article: null, confidence: round(top?.score ?? 0), noMatchReason: reason, lookalikes: [] };
  }
  const bestArticle = scored.find((s) => s.type === 'article')!;
  const runnerUp = scored.find((s) => s !== bestArticle);
  const lead = bestArticle.score - (runnerUp?.score ?? 0);

  // "550 5.1.1 recipient not found" in a hybrid: no certificate article has evidence of its own.
  const notTls = findings.find((f) => f.kind === NOT_TLS_KIND);
  if (notTls && bestArticle.strongest < THRESHOLDS.specific && !scored.some((s) => s.type === 'lookalike' && s.score >= 0.5)) {
    return {
      ...base,
      verdict: 'no_match',
      article: null,
      confidence: round(bestArticle.score),
      noMatchReason: 'out-of-scope',
      lookalikes: [],
    };
  }

  if (bestArticle.score >= THRESHOLDS.match && lead >= THRESHOLDS.margin) {
    return { ...base, verdict: 'match', article: bestArticle.id, confidence: round(bestArticle.score), supporting: bestArticle.supporting };
  }
  if (top.type === 'lookalike' && top.score >= 0.5 && top.score - bestArticle.score >= THRESHOLDS.margin) {
    return { ...base, verdict: 'no_match', article: null, confidence: round(bestArticle.score), noMatchReason: 'neighbour' };
  }

  const answered = answeredQuestions(findings);
  const question = answered.size < maxQuestions ? chooseQuestion(findings, scored, answered, kb) : undefined;
  if (question) return { ...base, verdict: 'ask', article: null, confidence: round(top.score), question };
  // Out of questions: answer the leader only when no other cause is still in the running; otherwise
  // say which causes remain and how to tell them apart, rather than guess one at 55 % (with a restart).
  const contenders = scored.filter(
    (s) => s !== bestArticle && s.score >= THRESHOLDS.relevant && s.score >= bestArticle.score - THRESHOLDS.window,
  );
  if (bestArticle.score >= THRESHOLDS.fallbackMatch && bestArticle.score >= top.score && !contenders.some((c) => c.type === 'article')) {
    return { ...base, verdict: 'match', article: bestArticle.id, confidence: round(bestArticle.score), supporting: bestArticle.supporting };
  }
  // Undecided needs another article in the running; close look-alikes are then listed with it.
  if (
    bestArticle.score >= THRESHOLDS.relevant &&
    contenders.some((c) => c.type === 'article') &&
    (top.type === 'article' || top.score < 0.5)
  ) {
    return {
      ...base,
      verdict: 'no_match',
      article: null,
      confidence: round(bestArticle.score),
      noMatchReason: 'undecided',
      contenders: [bestArticle, ...contenders].map((c) => c.id),
    };
  }
  if (top.type === 'lookalike' && top.score >= 0.5) {
    return { ...base, verdict: 'no_match', article: null, confidence: round(bestArticle.score), noMatchReason: 'neighbour' };
  }
  // The error fits an article, but the evidence against its cause rules it out (the connector matches,
  // the chain verifies): say so, and list the causes that remain, rather than "no sign of a problem".
  const ruledOut = ruledOutArticles(scored);
  const fits = ruledOut.some((s) => s.unexcluded >= THRESHOLDS.fallbackMatch);
  const remaining = scored.filter((s) => s.type === 'lookalike' && s.score >= THRESHOLDS.relevant);
  if (bestArticle.score < THRESHOLDS.relevant && fits) {
    return {
      ...base,
      verdict: 'no_match',
      article: null,
      confidence: round(bestArticle.score),
      noMatchReason: 'ruled-out',
      contenders: remaining.map((r) => r.id),
      ruledOut: ruledOut.map((r) => r.id),
    };
  }
  const reason = answered.size > 0 ? 'questions-exhausted' : bestArticle.score >= THRESHOLDS.relevant ? 'inconclusive' : 'no-evidence';
  return { ...base, verdict: 'no_match', article: null, confidence: round(bestArticle.score), noMatchReason: reason };
}

/** Answers whose symptom fits but whose cause the evidence rules out (the connector matches, the chain verifies). */
function ruledOutArticles(scored: Scored[]): Scored[] {
  return scored.filter(
    (s) => s.type === 'article' && s.unexcluded >= THRESHOLDS.relevant && s.score < THRESHOLDS.relevant && s.score <= s.unexcluded / 2,
  );
}

/**
 * The question whose answers best separate the candidates close to the leader, among those the
 * input has not already answered (`impliedBy`), that fit it (`askedWhen`), and that could help an
 * article with some evidence already; undefined when no question would change the outcome.
 */
function chooseQuestion(findings: Finding[], scored: Scored[], answered: Set<string>, kb: KnowledgeBase): Question | undefined {
  const top = scored[0];
  const close = scored.filter((s) => s.score >= THRESHOLDS.relevant && s.score >= top.score - THRESHOLDS.window);
  // Articles without evidence yet can still win after an answer (a weak lone candidate is not a match).
  const window = [...close, ...scored.filter((s) => s.type === 'article' && !close.includes(s))];
  const present = (rules: Question['impliedBy']) => (rules ?? []).some((r) => findings.some((f) => ruleMatches(r, f)));
  let best: { q: Question; value: number } | undefined;
  for (const candidate of kb.questions) {
    if (answered.has(candidate.id) || present(candidate.impliedBy)) continue;
    // The input already answers it when it implies exactly one option; two implied options
    // (say, hybrid and an IIS relay) are the very thing to ask about.
    const implied = candidate.options.filter((o) => present(o.impliedBy)).length;
    if (implied === 1) continue;
    if (candidate.askedWhen && !present(candidate.askedWhen)) continue;
    if (!helpedArticles(candidate, kb).some((id) => scored.find((x) => x.id === id)!.score > 0)) continue;
    const q = withoutContradicted(candidate, findings);
    if (q.options.length < 2) continue;
    const separates = separation(q, findings, window, kb);
    if (separates === 0) continue;
    // Ties: first a question the input answers both ways (it settles a contradiction), then the leader's own.
    const value = separates + (implied > 1 ? 0.1 : 0) + (ownedByLeader(candidate, scored, kb) ? 0.05 : 0);
    if (!best || value > best.value) best = { q, value };
  }
  return best ? withDontKnow(best.q) : undefined;
}

const helpedCache = new WeakMap<KnowledgeBase, WeakMap<Question, string[]>>();

/** The articles one of the question's answers would add evidence for (fixed data of the knowledge base). */
function helpedArticles(question: Question, kb: KnowledgeBase): string[] {
  let byQuestion = helpedCache.get(kb);
  if (!byQuestion) {
    byQuestion = new WeakMap();
    helpedCache.set(kb, byQuestion);
  }
  let helped = byQuestion.get(question);
  if (!helped) {
    helped = kb.articles
      .filter((a) =>
        question.options.some((o) =>
          o.adds.some((add) =>
            a.evidence.supports.some((r) => ruleMatches(r, { kind: add.kind, value: add.value, excerpt: '', source: '' })),
          ),
        ),
      )
      .map((a) => a.id);
    byQuestion.set(question, helped);
  }
  return helped;
}

/** Options the input already contradicts are not offered. */
function withoutContradicted(q: Question, findings: Finding[]): Question {
  const options = q.options.filter((o) => !(o.contradictedBy ?? []).some((r) => findings.some((f) => ruleMatches(r, f))));
  return options.length === q.options.length ? q : { ...q, options };
}

/** Ties go to the question of the article that leads. */
function ownedByLeader(q: Question, scored: Scored[], kb: KnowledgeBase): boolean {
  const leader = scored.find((s) => s.type === 'article');
  return !!leader && !!kb.articles.find((a) => a.id === leader.id)?.questions.some((x) => x.id === q.id);
}

/**
 * "Still not working" after an answer: the best other article that the evidence supports on its
 * own (at least THRESHOLDS.relevant after its excluding findings, and at least one piece of
 * specific evidence, not just context), with its own supporting findings, or undefined.
 * Never a look-alike, never a guess.
 */
export function nextBestAnswer(given: Finding[], triedArticles: string[], options: DiagnoseOptions = {}): Diagnosis | undefined {
  const kb = options.knowledgeBase ?? loadKnowledgeBase();
  const full = diagnose(given, options);
  const next = scoreAll(full.findings, kb).find(
    (s) =>
      s.type === 'article' &&
      !triedArticles.some((tried) => sameCause(tried, s.id)) &&
      s.score >= THRESHOLDS.relevant &&
      s.strongest >= 0.4,
  );
  if (!next) return undefined;
  return named(
    {
      ...full,
      verdict: 'match',
      article: next.id,
      confidence: round(next.score),
      supporting: next.supporting,
      question: undefined,
      noMatchReason: undefined,
    },
    kb,
  );
}

export const DONT_KNOW_OPTION = 'dont-know';

/** Every question offers "I don't know", which adds no evidence but marks the question as asked. */
function withDontKnow(q: Question): Question {
  if (q.options.some((o) => o.id === DONT_KNOW_OPTION)) return q;
  return {
    ...q,
    options: [...q.options, { id: DONT_KNOW_OPTION, text: catalogues.strings.dontKnow, short: catalogues.strings.dontKnow, adds: [] }],
  };
}

/** The findings to add when the user picks an option; an unknown option adds nothing. */
export function answerQuestion(question: Question, optionId: string): Finding[] {
  const option = withDontKnow(question).options.find((o) => o.id === optionId);
  if (!option) return [];
  const texts = { option_en: option.text.en, option_de: option.text.de };
  const answer: Finding = {
    kind: 'answer',
    value: `${question.id}=${option.id}`,
    excerpt: option.text.en,
    source: 'question',
    data: { question: question.id, option: option.id, ...texts },
  };
  return [
    answer,
    ...option.adds.map((a) => ({
      kind: a.kind,
      value: a.value,
      excerpt: option.text.en,
      source: 'question',
      data: { question: question.id, ...texts },
    })),
  ];
}

/** Finds a question of the knowledge base by id (for answers that arrive in a later turn). */
export function findQuestion(id: string, kb: KnowledgeBase = loadKnowledgeBase()): Question | undefined {
  const q = kb.questions.find((x) => x.id === id);
  return q ? withDontKnow(q) : undefined;
}
