/**
 * Evidence is never lost (issue 22, point 2). A message starts a new case only when the user says
 * so ("restart", "a different problem") or when it names a different error and the case's
 * evidence cannot belong to it (see `startsNewCase` in evidenceIntake.ts); then the user is told
 * what was kept and what was set aside, with an undo: "That was the same problem" (button, or typed
 * in either language) brings the set-aside evidence back into the case.
 *
 * An earlier answer to a question that later output contradicts (the catalogue's own
 * `contradictedBy` of the option: "CAPI2 event 30 / no intermediate", then openssl shows the full
 * chain) is set aside as well, and the user is told: output outweighs a recollection.
 */
import { analyseCertificateFiles, certificateHostNames, findQuestion, type Finding, type Language, renderEvidence } from '../knowledge';
import { type CaseState, findingKey, MAX_STORED_CERTIFICATE_BYTES, MAX_TEXT_FINDINGS, type SetAsideCase } from './caseState';
import { type AdaptiveCard, card, submit, text } from './cards/adaptive';
import { t } from './strings';

/** Labels of set-aside evidence named in the notice; the rest is counted. */
const MAX_NAMED = 5;

/** What the notice of a new case says: the new error, what stays, what was set aside, and the undo. */
export function buildNewCaseCard(setAside: SetAsideCase, language: Language): AdaptiveCard {
  const labels = renderEvidence([...setAside.textFindings, ...setAside.certificateFindings], language).map((e) => e.label);
  const named = labels.slice(0, MAX_NAMED);
  const parts = [...named];
  if (labels.length > named.length) parts.push(t(language, 'newCase.more', { count: labels.length - named.length }));
  if (setAside.certificateFiles.length > 0) parts.push(t(language, 'newCase.files', { count: setAside.certificateFiles.length }));
  const answers = setAside.textFindings.filter((f) => f.kind === 'answer').length;
  if (answers > 0) parts.push(t(language, 'newCase.answers', { count: answers }));
  const body = [
    text(t(language, 'newCase.started'), { weight: 'Bolder' }),
    text(t(language, 'newCase.kept')),
    text(t(language, 'newCase.setAside', { list: parts.length ? parts.map((p) => `- ${p}`).join('\n') : '-' })),
    text(t(language, 'newCase.undo'), { isSubtle: true }),
  ];
  return card(body, [submit(t(language, 'newCase.undoButton'), { action: 'same-problem' })], language);
}

/** The plain-text form of the notice (transcript, channels without cards). */
export function newCaseSummary(language: Language): string {
  return `${t(language, 'newCase.started')} ${t(language, 'newCase.undo')}`;
}

function unite<T>(first: T[], second: T[], key: (item: T) => string): T[] {
  const seen = new Set(first.map(key));
  return [...first, ...second.filter((item) => !seen.has(key(item)) && seen.add(key(item)))];
}

/**
 * "That was the same problem": the set-aside evidence back in the case, before this case's own
 * (certificates of both analysed together, so a leaf and its intermediate still form one chain).
 * Returns false when nothing is set aside.
 */
export async function restoreSetAside(state: CaseState): Promise<boolean> {
  const old = state.setAside;
  if (!old) return false;
  state.textFindings = unite(old.textFindings, state.textFindings, findingKey).slice(0, MAX_TEXT_FINDINGS);
  state.questionsAsked = unite(old.questionsAsked, state.questionsAsked, String);
  state.stillNotWorking = unite(old.stillNotWorking, state.stillNotWorking, String);
  if (old.fixed?.length) state.fixed = unite(old.fixed, state.fixed ?? [], String);
  if (state.certificateFiles.length === 0) {
    Object.assign(state, {
      certificateFiles: old.certificateFiles,
      certificateFindings: old.certificateFindings,
      certificateReports: old.certificateReports,
      chains: old.chains,
    });
  } else if (old.certificateFiles.length > 0) {
    let bytes = 0;
    const files = unite(old.certificateFiles, state.certificateFiles, (file) => file.base64).filter(
      (file) => (bytes += file.base64.length) <= MAX_STORED_CERTIFICATE_BYTES,
    );
    const analysis = await analyseCertificateFiles(
      files.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
      { hostNames: certificateHostNames(state.textFindings) },
    );
    Object.assign(state, {
      certificateFiles: files,
      certificateFindings: analysis.findings,
      certificateReports: analysis.certificates,
      chains: analysis.chains,
    });
  }
  state.setAside = undefined;
  state.pendingQuestion = undefined;
  return true;
}

/** Sources of findings that are what the user said rather than output (answers, prose, guesses). */
const SAID = new Set(['question', 'free-text', 'hypothesis']);

/**
 * Answers that output now contradicts (an option's `contradictedBy` met by a finding that is not
 * itself what the user said): removed with the findings they added. Returns the options' texts.
 */
export function withdrawContradictedAnswers(state: CaseState, language: Language): string[] {
  const observed = [...state.textFindings, ...state.certificateFindings].filter((f) => !SAID.has(f.source));
  const withdrawn: string[] = [];
  const questions = new Set<string>();
  for (const answer of state.textFindings.filter((f) => f.kind === 'answer')) {
    const question = findQuestion(String(answer.data?.question ?? ''));
    const option = question?.options.find((o) => o.id === answer.data?.option);
    const contradicted = (option?.contradictedBy ?? []).some((rule) =>
      observed.some((f) => f.kind === rule.kind && (rule.value === undefined || f.value === rule.value)),
    );
    if (!question || !option || !contradicted) continue;
    questions.add(question.id);
    withdrawn.push((option.short ?? option.text)[language]);
  }
  if (questions.size === 0) return [];
  const fromWithdrawn = (f: Finding) => f.source === 'question' && questions.has(String(f.data?.question ?? ''));
  state.textFindings = state.textFindings.filter((f) => !fromWithdrawn(f));
  return withdrawn;
}
