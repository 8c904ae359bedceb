/**
 * Diagnosis -> everything the user reads: cause, steps, filled commands, evidence, questions,
 * or a plain "this is not one of mine" with the look-alike named. German or English.
 */
import { findArticle, findCause, loadKnowledgeBase, type FindingCondition, type KnowledgeBase } from '../knowledgeBase';
import { causeRef } from '../causeCatalogue';
import { MATCH_THRESHOLD } from '../diagnose';
import { legacyArticleId } from '../causeIds';
import type {
  Diagnosis,
  Finding,
  Language,
  RenderedEvidence,
  RenderedMatch,
  RenderedNoMatch,
  RenderedQuestion,
  RenderedReply,
} from '../types';
import { fill, findingLabel, t } from './catalogue';
import { causeValues } from './commandValues';
import { valueRequests } from './valueSources';

export interface RenderOptions {
  /** Extra notices to show (e.g. from the caller's own checks). */
  notices?: string[];
  /** When the text was cut at the cap: sizes for the notice. */
  truncated?: { totalChars: number; analysedChars: number };
  knowledgeBase?: KnowledgeBase;
}

/** Kinds that describe the input rather than explain a cause. */
const CONTEXT_KINDS = new Set(['input-format', 'host-name', 'certificate-listing', 'answer']);
const MAX_EVIDENCE = 8;
/**
 * Findings that show something going wrong (as opposed to configuration or context). An answer
 * to a question is not one: answering "is one certificate internal?" shows no error either.
 */
const SYMPTOM_KINDS = new Set(['smtp-reply', 'tls-error', 'event', 'chain-error', 'symptom', 'auth-error']);

export function renderEvidence(findings: Finding[], language: Language): RenderedEvidence[] {
  const out: RenderedEvidence[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    if (CONTEXT_KINDS.has(f.kind)) continue;
    const label = findingLabel(f.kind, f.value, language);
    if (!label || seen.has(label)) continue;
    seen.add(label);
    // An answer's excerpt is the option the user picked: shown in the language of the reply.
    const picked = f.source === 'question' ? f.data?.[`option_${language}`] : undefined;
    out.push({ label, excerpt: typeof picked === 'string' ? picked : f.excerpt });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

function notices(diagnosis: Diagnosis, language: Language, options: RenderOptions): string[] {
  const list = [...(options.notices ?? [])];
  // A collection script's block that could not be read says why (knowledge/collect/parseCollected.ts).
  for (const f of diagnosis.findings)
    if (f.value === 'collected-output-unreadable' && typeof f.data?.[language] === 'string') list.push(f.data[language]);
  if (options.truncated) {
    list.push(
      t('notice.truncated', language, {
        total: options.truncated.totalChars.toLocaleString(language === 'de' ? 'de-DE' : 'en-US'),
        analysed: options.truncated.analysedChars.toLocaleString(language === 'de' ? 'de-DE' : 'en-US'),
      }),
    );
  }
  if (diagnosis.verdict === 'match' && diagnosis.article && !diagnosis.findings.some((f) => SYMPTOM_KINDS.has(f.kind))) {
    const kb = findArticle(diagnosis.article, options.knowledgeBase)?.kb ?? diagnosis.article;
    list.push(t('notice.configurationOnly', language, { kb }));
  }
  if (diagnosis.verdict === 'match' && diagnosis.confidence < MATCH_THRESHOLD) {
    list.push(t('notice.lowConfidence', language, { confidence: Math.round(diagnosis.confidence * 100) }));
  }
  return list;
}

function present(conditions: FindingCondition[] | undefined, findings: Finding[]): boolean {
  return (conditions ?? []).some((c) => findings.some((f) => f.kind === c.kind && (c.value === undefined || f.value === c.value)));
}

/** The article's steps and commands that fit the case: `when` needs one of its findings, `unless` rules one out. */
function applicable<T extends { when?: FindingCondition[]; unless?: FindingCondition[] }>(items: T[], findings: Finding[]): T[] {
  return items.filter((c) => (c.when === undefined || present(c.when, findings)) && !present(c.unless, findings));
}

/** "KB 2888788, KB 3212877 and KB 4051495" / "KB 2888788, KB 3212877 und KB 4051495". */
function articleList(kb: KnowledgeBase, language: Language): string {
  const names = kb.articles.map((a) => a.kb);
  if (names.length < 2) return names.join('');
  return `${names.slice(0, -1).join(', ')} ${language === 'de' ? 'und' : 'and'} ${names[names.length - 1]}`;
}

function renderMatch(diagnosis: Diagnosis, language: Language, kb: KnowledgeBase, options: RenderOptions): RenderedMatch {
  const article = findArticle(diagnosis.cause?.id ?? diagnosis.article, kb);
  if (!article) throw new Error(`unknown article ${diagnosis.article}`);
  const { values, unknown, inapplicable } = causeValues(article, diagnosis.findings, language);
  const uses = (template: string) => [...template.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]);
  // A command that needs a value this case does not have (no service left to keep) is left out, never half-filled.
  const commands = applicable(article.commands, diagnosis.findings)
    .filter((c) => !uses(c.template).some((n) => inapplicable.has(n)))
    .map((c) => ({
      label: c.label[language],
      script: fill(c.template, values),
      unfilled: uses(c.template).filter((n) => unknown.has(n)),
      ...(c.main ? { main: true as const } : {}),
    }));
  return {
    kind: 'match',
    causeRef: causeRef(article),
    article: legacyArticleId(article.id),
    kb: article.kb,
    title: article.title[language],
    confidence: diagnosis.confidence,
    scenario: article.scenario[language],
    cause: fill(article.cause[language], values),
    steps: applicable(article.steps, diagnosis.findings).map((s) => fill(s[language], values)),
    commands,
    verify: article.verify.map((v) => fill(v[language], values)),
    evidence: renderEvidence(diagnosis.supporting, language),
    ruleOut: article.ruleOut.map((r) => fill(r[language], values)),
    notices: notices(diagnosis, language, options),
    url: article.url,
    valueRequests: valueRequests(commands, (name) => values[name]),
  };
}

function renderQuestion(diagnosis: Diagnosis, language: Language, options: RenderOptions): RenderedQuestion {
  const q = diagnosis.question!;
  return {
    kind: 'ask',
    questionId: q.id,
    text: q.text[language],
    options: q.options.map((o) => ({
      id: o.id,
      text: o.text[language],
      label: (o.short ?? o.text)[language],
      ...(o.howToCheck ? { howToCheck: o.howToCheck[language] } : {}),
    })),
    evidence: renderEvidence(diagnosis.findings, language),
    notices: notices(diagnosis, language, options),
  };
}

/** Each cause still in the running, with the checks that confirm or rule it out (articles: their `checks`; look-alikes: their hint). */
function contenderChecks(diagnosis: Diagnosis, language: Language, kb: KnowledgeBase): RenderedNoMatch['checks'] {
  return (diagnosis.contenders ?? []).flatMap((id) => {
    const article = findArticle(id, kb);
    if (article) {
      const { values } = causeValues(article, diagnosis.findings, language);
      const checks = (article.checks ?? article.symptoms).map((c) => fill(c[language], values));
      return [{ title: article.title[language], reference: article.kb, checks }];
    }
    const found = findCause(id, kb);
    const lookalike = found?.level === 'hint' ? found : undefined;
    return lookalike ? [{ title: lookalike.title[language], reference: lookalike.reference, checks: [lookalike.hint[language]] }] : [];
  });
}

const NO_MATCH_TEXT: Record<NonNullable<Diagnosis['noMatchReason']>, string> = {
  neighbour: 'noMatch.neighbour',
  'questions-exhausted': 'noMatch.questionsExhausted',
  inconclusive: 'noMatch.inconclusive',
  'no-evidence': 'noMatch.noEvidence',
  undecided: 'noMatch.undecided',
  'out-of-scope': 'noMatch.outOfScope',
  'ruled-out': 'noMatch.ruledOut',
};

function renderNoMatch(diagnosis: Diagnosis, language: Language, options: RenderOptions): RenderedNoMatch {
  const knowledge = options.knowledgeBase ?? loadKnowledgeBase();
  const nothingLeft = diagnosis.noMatchReason === 'ruled-out' && (diagnosis.contenders ?? []).length === 0;
  const key = nothingLeft ? 'noMatch.ruledOutNothingLeft' : NO_MATCH_TEXT[diagnosis.noMatchReason ?? 'no-evidence'];
  const leading = diagnosis.ruledOut?.[0] ?? diagnosis.candidates[0]?.cause;
  const kb = findArticle(leading, knowledge)?.kb ?? '';
  const lookalikes = diagnosis.noMatchReason === 'neighbour' ? diagnosis.lookalikes : [];
  const code = diagnosis.findings.find((f) => f.kind === 'non-tls-error')?.value ?? '';
  const reply: RenderedNoMatch = {
    kind: 'no_match',
    text: t(key, language, {
      kb,
      articles: articleList(knowledge, language),
      code,
      ruledOut: (diagnosis.ruledOut ?? []).map((id) => findArticle(id, knowledge)?.kb ?? id).join(', '),
    }),
    lookalikes: lookalikes.map((l) => ({ title: l.title[language], reference: l.reference, hint: l.hint[language] })),
    evidence: renderEvidence(lookalikes.length > 0 ? lookalikes.flatMap((l) => l.findings) : diagnosis.findings, language),
    notices: notices(diagnosis, language, options),
  };
  if (diagnosis.noMatchReason === 'undecided' || diagnosis.noMatchReason === 'ruled-out')
    reply.checks = contenderChecks(diagnosis, language, knowledge);
  // Without a neighbouring problem to name, checks to run or an error outside TLS, say what to paste next.
  else if (lookalikes.length === 0 && diagnosis.noMatchReason !== 'out-of-scope') reply.pasteNext = t('noMatch.pasteNext', language);
  return reply;
}

export function render(diagnosis: Diagnosis, language: Language, options: RenderOptions = {}): RenderedReply {
  const kb = options.knowledgeBase ?? loadKnowledgeBase();
  if (diagnosis.verdict === 'match') return renderMatch(diagnosis, language, kb, options);
  if (diagnosis.verdict === 'ask' && diagnosis.question) return renderQuestion(diagnosis, language, options);
  return renderNoMatch(diagnosis, language, options);
}
