/**
 * New evidence into the case: the text of a message (PEM certificates in it are read like an
 * uploaded .pem file) and its files, then the reply to what they changed (caseAnswers.ts). After
 * an answer, a paste that on its own points to another article starts a new case. Files sent while
 * a support case is open are analysed the same way, and their report goes to the agent as well.
 */
import { type Activity, MessageFactory } from 'botbuilder';
import {
  certificateHostNames,
  describeCertificateAnalysis,
  diagnose,
  extractFindings,
  hypothesisNotices,
  type Diagnosis,
  type Finding,
  type Language,
  renderEvidence,
} from '../knowledge';
import type { EvidenceSource } from './answerUpdate';
import type { CaseAnswers } from './caseAnswers';
import { addFindings, allFindings, type CaseState, replaceWithNewCase } from './caseState';
import { sameCause } from '../knowledge';
import { buildCertificateReportCard } from './cards/certificateReportCard';
import { buildNewCaseCard, newCaseSummary, withdrawContradictedAnswers } from './caseContinuity';
import type { AttachmentFetcher, ReceivedAttachments } from './ports';
import { redactSecrets } from './redact';
import { cardActivity } from './replies';
import { t } from './strings';
import { say, send, type Turn } from './turn';
import { processUploads, type UploadOutcome } from './uploads';

export interface EvidenceIntakeOptions {
  attachments: AttachmentFetcher;
  /** Characters of one paste (or text file) that are analysed. */
  maxPasteChars: number;
  /** Separating questions asked before answering, for the diagnosis of a paste on its own. */
  maxQuestions: number;
  /** Download size cap, for the "file too large" message. */
  maxDownloadBytes: number;
}

export class EvidenceIntake {
  constructor(
    private readonly options: EvidenceIntakeOptions,
    private readonly answers: CaseAnswers,
  ) {}

  /**
   * A message that is neither a command nor an answer: its text (capped and redacted by the
   * caller; `totalChars` is the length before the cap) and its files, then the reply.
   */
  async analyse(turn: Turn, text: string, totalChars: number, redacted: boolean): Promise<void> {
    const { context, state, language } = turn;
    const received = context.activity.attachments?.length ? await this.options.attachments.fetch(context) : { files: [], problems: [] };
    // Certificates pasted as PEM text are read like an uploaded .pem file.
    const pasted = pastedCertificates(text);
    // (Named for the user: there is no file they could look for.)
    if (pasted.length > 0)
      received.files.push({ name: t(language, 'upload.pastedCertificate'), bytes: new TextEncoder().encode(pasted.join('\n')) });
    const hasInput = text.trim().length > 0 || received.files.length > 0 || received.problems.length > 0;
    if (!hasInput) {
      await say(turn, 'empty.message');
      return;
    }
    // What the user has on screen before this message: the reply then says what it changes.
    let before = this.answers.shownSnapshot(state, language);
    const notices: string[] = [];
    let newFindings = 0;
    let guesses: Finding[] = [];
    if (text.trim()) {
      const extraction = extractFindings(text, { maxChars: this.options.maxPasteChars });
      if (this.startsNewCase(state, extraction.findings)) {
        // What was kept and what was set aside, with the undo, above the new case's reply.
        const setAside = replaceWithNewCase(state);
        await send(turn, [cardActivity(buildNewCaseCard(setAside, language), newCaseSummary(language))], newCaseSummary(language));
        before = undefined;
      }
      newFindings += addFindings(state, extraction.findings);
      guesses = extraction.findings.filter((finding) => finding.kind === 'hypothesis');
      if (totalChars > extraction.analysedChars) {
        notices.push(t(language, 'notice.truncated', { analysed: extraction.analysedChars, total: totalChars }));
      }
    }
    const uploads = await this.readUploads(state, received, language);
    newFindings += uploads.newTextFindings;
    // Output outweighs an earlier answer it contradicts: that answer no longer counts, and the user hears so.
    const withdrawn = withdrawContradictedAnswers(state, language);
    if (withdrawn.length > 0) notices.push(t(language, 'answers.withdrawn', { answers: withdrawn.join('", "') }));
    if (redacted || uploads.redacted) notices.push(t(language, 'notice.redacted'));
    const { fileLines, report } = uploadActivities(uploads, language);
    const gotEvidence = newFindings > 0 || uploads.analysis !== undefined;
    // Nothing usable and no case yet: the notes about the files say it all (no "no match" on top).
    if (!gotEvidence && allFindings(state).length === 0 && (!text.trim() || received.problems.length > 0 || received.files.length > 0)) {
      if (fileLines.length || report.length) await send(turn, [...fileLines, ...report], t(language, 'cert.title'));
      return;
    }
    state.awaitingStillBrokenChoice = false;
    // A guess weighs nothing: say so, and what would confirm it (unless the evidence already does).
    if (guesses.length > 0) {
      const now = this.diagnose(allFindings(state));
      notices.push(
        ...hypothesisNotices(guesses, allFindings(state), language, { answered: now.verdict === 'match' ? (now.cause?.id ?? null) : null }),
      );
    }
    const source: EvidenceSource = uploads.analysis ? 'certificate' : received.files.length > 0 ? 'file' : 'message';
    await this.answers.replyToEvidence(turn, notices, { before, fileLines, report, source, newEvidence: gotEvidence });
  }

  /**
   * Files sent while a case is open: analysed as usual (the user gets the report), and the report
   * as text for the agent, in the case's language.
   */
  async analyseUploadsForCase(turn: Turn): Promise<string | undefined> {
    const { context, state, language } = turn;
    const received: ReceivedAttachments = await this.options.attachments.fetch(context);
    const before = state.textFindings.length;
    const uploads = await this.readUploads(state, received, language);
    if (uploads.redacted) await say(turn, 'notice.redacted');
    await showUploads(turn, uploads);
    const lines: string[] = [];
    if (uploads.readNames.length)
      lines.push(t(language, 'upload.read', { count: uploads.readNames.length, names: uploads.readNames.join(', ') }));
    if (uploads.analysis) lines.push(...describeCertificateAnalysis(uploads.analysis, language));
    for (const evidence of renderEvidence(state.textFindings.slice(before), language))
      lines.push(`- ${evidence.label}: ${evidence.excerpt.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!uploads.analysis) lines.push(...uploads.notes);
    return lines.length ? redactSecrets(lines.join('\n')).text : undefined;
  }

  private readUploads(state: CaseState, received: ReceivedAttachments, language: Language): Promise<UploadOutcome> {
    return processUploads(state, received, {
      language,
      maxTextChars: this.options.maxPasteChars,
      maxDownloadBytes: this.options.maxDownloadBytes,
      hostNames: certificateHostNames(state.textFindings),
    });
  }

  /**
   * Evidence is never lost (docs/conversation.md, "A new problem or the same case"): a paste starts
   * a new case only when it names a different error and the case's evidence cannot belong to it.
   * - A paste without an error (a connector, a certificate listing, openssl, a story) always belongs
   *   to the case, and so does one that repeats an error the case has (another 5.7.64 NDR, ATTR36
   *   added to a 5.7.64).
   * - A different error belongs to the case when the case and the paste together still lead to
   *   what the paste points to on its own (certificates sent before the error message); otherwise
   *   the old evidence would drown it (a chain that verifies, a look-alike's error) and the case
   *   starts anew, with the old evidence set aside for "that was the same problem".
   * - During an open question the paste always belongs to the case.
   */
  private startsNewCase(state: CaseState, findings: Finding[]): boolean {
    const last = state.last;
    if (!last || last.verdict === 'ask' || state.pendingQuestion || findings.length === 0) return false;
    const errorsNow = findings.filter(isReportedError);
    if (errorsNow.length === 0) return false;
    const before = allFindings(state);
    const errorsBefore = new Set(before.filter(isReportedError).map(errorKey));
    if (errorsNow.some((finding) => errorsBefore.has(errorKey(finding)))) return false;
    const pointsTo = this.pointsTo(this.diagnose(findings));
    if (pointsTo === null) return false;
    const merged = this.diagnose([...before, ...findings]);
    if (merged.verdict === 'match') return !sameCause(merged.cause?.id, pointsTo);
    return !(merged.verdict === 'ask' && merged.candidates.some((candidate) => candidate.cause === pointsTo && candidate.confidence > 0));
  }

  private diagnose(findings: Finding[]): Diagnosis {
    return diagnose(findings, { maxQuestions: this.options.maxQuestions });
  }

  /** What a diagnosis points to: the id of its answer, or of the cause its question would be about; null for neither. */
  private pointsTo(diagnosis: Diagnosis): string | null {
    if (diagnosis.verdict === 'match') return diagnosis.cause?.id ?? null;
    return diagnosis.verdict === 'ask' && diagnosis.candidates[0]?.confidence > 0 ? diagnosis.candidates[0].cause : null;
  }
}

/** PEM certificate blocks in pasted text, found with indexOf (linear even for hostile pastes). */
function pastedCertificates(text: string): string[] {
  const blocks: string[] = [];
  let from = 0;
  while (blocks.length < 50) {
    const begin = text.indexOf('-----BEGIN CERTIFICATE-----', from);
    if (begin < 0) break;
    const end = text.indexOf('-----END CERTIFICATE-----', begin);
    if (end < 0) break;
    blocks.push(text.slice(begin, end + 25));
    from = end + 25;
  }
  return blocks;
}

/** What the user sees of an upload: the files read, then the certificate report or the notes about the files. */
function uploadActivities(
  uploads: UploadOutcome,
  language: Language,
): { fileLines: Array<Partial<Activity>>; report: Array<Partial<Activity>> } {
  const fileLines: Array<Partial<Activity>> = [];
  if (uploads.readNames.length)
    fileLines.push(
      MessageFactory.text(t(language, 'upload.read', { count: uploads.readNames.length, names: uploads.readNames.join(', ') })),
    );
  const report: Array<Partial<Activity>> = [];
  if (uploads.analysis)
    report.push(cardActivity(buildCertificateReportCard(uploads.analysis, language, uploads.notes), t(language, 'cert.title')));
  else if (uploads.notes.length) report.push(MessageFactory.text(uploads.notes.join('\n\n')));
  return { fileLines, report };
}

/** An upload's activities on their own (no answer beside them): the files read, then the report. */
async function showUploads(turn: Turn, uploads: UploadOutcome): Promise<void> {
  const { fileLines, report } = uploadActivities(uploads, turn.language);
  if (fileLines.length) await send(turn, fileLines);
  if (report.length) await send(turn, report, uploads.analysis ? t(turn.language, 'cert.title') : undefined);
}

/** What reports an error (an SMTP reply's code, an event id, a TLS or authentication error, ATTR36), not context around it. */
const ERROR_KINDS = new Set(['smtp-reply', 'event', 'tls-error', 'auth-error', 'attr36']);

/** Errors told in words: "the relay is denied" is the 5.7.64 of an NDR, "TLS handshake fails" a TLS error. */
const ERRORS_IN_WORDS: Record<string, string> = {
  'symptom/relay-access-denied': 'smtp-reply/5.7.64',
  'symptom/tls-channel-failure': 'tls-error/tls-channel-failure',
};

function isReportedError(finding: Finding): boolean {
  return ERROR_KINDS.has(finding.kind) || `${finding.kind}/${finding.value}` in ERRORS_IN_WORDS;
}

/** The same error reported again (another NDR of the same code, the same event id from another server, the NDR's words). */
function errorKey(finding: Finding): string {
  const key = `${finding.kind}/${finding.value}`;
  return ERRORS_IN_WORDS[key] ?? key;
}
