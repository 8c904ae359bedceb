/** The case summary a human agent receives on handoff: evidence and verdict, never secrets. */
import type { TurnContext } from 'botbuilder';
import type { Diagnosis, Language } from '../knowledge';
import { allFindings, type CaseState } from './caseState';
import type { CaseSummary } from './ports';
import { redactSecrets } from './redact';

const MAX_FINDINGS = 40;
const MAX_EXCERPT = 300;

export function buildCaseSummary(context: TurnContext, state: CaseState, diagnosis: Diagnosis, language: Language): CaseSummary {
  return {
    conversationId: context.activity.conversation?.id ?? '',
    channelId: context.activity.channelId ?? '',
    language,
    verdict: diagnosis.verdict,
    article: diagnosis.article,
    confidence: diagnosis.confidence,
    candidates: diagnosis.candidates.map(({ article, confidence }) => ({ article, confidence })),
    findings: allFindings(state)
      .filter((finding) => finding.kind !== 'answer')
      .slice(0, MAX_FINDINGS)
      .map((finding) => ({
        kind: finding.kind,
        value: finding.value,
        excerpt: redactSecrets(finding.excerpt.slice(0, MAX_EXCERPT)).text,
        source: finding.source,
      })),
    certificates: state.certificateReports.map((report) => ({
      subject: report.subject,
      issuer: report.issuer,
      thumbprint: report.thumbprint,
      notAfter: report.notAfter,
      problems: report.problems,
    })),
    questionsAnswered: allFindings(state)
      .filter((finding) => finding.kind === 'answer')
      .map((finding) => finding.value),
    stillNotWorking: [...state.stillNotWorking],
    requestedAt: new Date().toISOString(),
  };
}
