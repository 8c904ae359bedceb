/**
 * The worked-up case a human agent receives on handoff: verdict, candidates with confidence,
 * findings with short excerpts, certificate reports (subject, issuer, thumbprint, chain status,
 * problems), the questions and answers, the answer given with its filled commands, and the user's
 * feedback. Evidence only: never file content, keys or secrets (every text is redacted again).
 */
import type { TurnContext } from 'botbuilder';
import { type Diagnosis, findQuestion, type Language, loadKnowledgeBase, render } from '../knowledge';
import { allFindings, type CaseState } from './caseState';
import type { CaseSummary, HandoffTrigger } from './ports';
import { redactSecrets } from './redact';

const MAX_FINDINGS = 40;
const MAX_EXCERPT = 300;
const MAX_CERTIFICATES = 20;
const MAX_DATA_CHARS = 2000;

const clean = (text: string, max: number) => redactSecrets(text.length > max ? `${text.slice(0, max)}…` : text).text;

function articleTitles(language: Language): Map<string, { kb: string; title: string }> {
  return new Map(loadKnowledgeBase().articles.map((article) => [article.id, { kb: article.kb, title: article.title[language] }]));
}

export function buildCaseSummary(
  context: TurnContext,
  state: CaseState,
  diagnosis: Diagnosis,
  language: Language,
  trigger?: HandoffTrigger,
): CaseSummary {
  const titles = articleTitles(language);
  const findings = allFindings(state);
  const rendered = render(diagnosis, language);
  const summary: CaseSummary = {
    conversationId: context.activity.conversation?.id ?? '',
    channelId: context.activity.channelId ?? '',
    language,
    verdict: diagnosis.verdict,
    cause: diagnosis.cause,
    article: diagnosis.article,
    confidence: diagnosis.confidence,
    candidates: diagnosis.candidates.map(({ cause, article, confidence }) => ({ cause, article, confidence, ...titles.get(cause) })),
    findings: findings
      .filter((finding) => finding.kind !== 'answer')
      .slice(0, MAX_FINDINGS)
      .map((finding) => ({
        kind: finding.kind,
        value: clean(finding.value, MAX_EXCERPT),
        excerpt: clean(finding.excerpt, MAX_EXCERPT),
        source: finding.source,
        // Agent assist diagnoses the case again from these: the data fills the commands (thumbprints, names).
        ...(finding.data && JSON.stringify(finding.data).length <= MAX_DATA_CHARS ? { data: finding.data } : {}),
      })),
    certificates: state.certificateReports.slice(0, MAX_CERTIFICATES).map((report) => {
      const chain = state.chains.find((candidate) => candidate.path[0] === report.thumbprint);
      return {
        fileName: clean(report.fileName, 120),
        subject: report.subject,
        issuer: report.issuer,
        thumbprint: report.thumbprint,
        notAfter: report.notAfter,
        problems: report.problems,
        ...(chain ? { chainStatus: chain.status, ...(chain.missingIssuer ? { missingIssuer: chain.missingIssuer } : {}) } : {}),
      };
    }),
    questionsAnswered: findings.filter((finding) => finding.kind === 'answer').map((finding) => finding.value),
    questions: findings
      .filter((finding) => finding.kind === 'answer')
      .map((finding) => {
        const question = findQuestion(String(finding.data?.question ?? ''));
        const answer = String(finding.data?.[`option_${language}`] ?? finding.excerpt);
        return { question: question?.text[language] ?? String(finding.data?.question ?? finding.value), answer };
      }),
    fixed: [...(state.fixed ?? [])],
    stillNotWorking: [...state.stillNotWorking],
    requestedAt: new Date().toISOString(),
  };
  if (trigger) summary.trigger = trigger;
  if (rendered.kind === 'match') {
    summary.answer = {
      article: rendered.article,
      kb: rendered.kb,
      title: rendered.title,
      cause: rendered.cause,
      commands: rendered.commands.map((command) => ({ label: command.label, script: command.script })),
    };
  } else if (rendered.kind === 'no_match' && rendered.lookalikes.length) {
    summary.lookalikes = rendered.lookalikes.map(({ title, reference }) => ({ title, reference }));
  }
  return summary;
}
