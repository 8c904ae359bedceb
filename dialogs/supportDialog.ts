/**
 * The whole support conversation as one long-running dialog. Every turn is read fresh:
 * free text (and files) always go to the diagnosis, so a user can paste at any moment,
 * answer a question by button or by typing, or use "help", "restart", "auf Deutsch".
 * The case (findings, certificates, questions, language) lives in conversation state via an
 * accessor, not in the dialog stack, so it survives restarts and errors in a turn.
 */
import { type Activity, type StatePropertyAccessor, type TurnContext, MessageFactory } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { certificateHostNames, nextBestAnswer, type Diagnosis, type Finding, DEFAULT_MAX_QUESTIONS, detectLanguage, diagnose, answerQuestion, extractFindings, type Language, render, describeCertificateAnalysis, renderEvidence } from '../knowledge';
import { caseSnapshot, type CaseSnapshot, compareSnapshots, describeUpdate, type EvidenceSource, kbOf, type Update } from './answerUpdate';
import { addFindings, allFindings, type CaseState, newCase, normaliseCase, recordTranscript } from './caseState';
import { buildCertificateReportCard } from './cards/certificateReportCard';
import { buildHandoffOfferCard, buildStillBrokenCard } from './cards/stillBrokenCard';
import { buildWelcomeCard } from './cards/welcomeCard';
import { buildCaseSummary } from './caseSummary';
import { EscalationTurn } from './escalation/escalationTurn';
import type { AttachmentFetcher, HandoffPort, HandoffTrigger, ReceivedAttachments } from './ports';
import { redactSecrets } from './redact';
import { buttonPressText } from './buttonPressText';
import { cardActivity, type ReplyBundle, replyFor } from './replies';
import { languageFromLocale, type StringKey, t } from './strings';
import { parseSubmitValue, type SubmitValue } from './submitValues';
import { recogniseCommand } from './textCommands';
import { processUploads, type UploadOutcome } from './uploads';

export const SUPPORT_DIALOG_ID = 'support';

export interface UserProfile {
  language?: Language;
}

export interface SupportDialogOptions {
  caseState: StatePropertyAccessor<CaseState>;
  /** User state: a language the user chose explicitly follows them into new conversations. */
  userProfile?: StatePropertyAccessor<UserProfile>;
  attachments: AttachmentFetcher;
  handoff: HandoffPort;
  /** Characters of one paste that are analysed (the rest is reported as not read). */
  maxPasteChars?: number;
  /** Separating questions asked before answering with what is known. */
  maxQuestions?: number;
  /** Download size cap, for the "file too large" message. */
  maxDownloadBytes?: number;
}

/** Minimum confidence for "the other candidate" after "still not working". */

interface Turn {
  context: TurnContext;
  state: CaseState;
  language: Language;
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

export class SupportDialog extends Dialog {
  private readonly maxPasteChars: number;
  private readonly maxQuestions: number;
  private readonly maxDownloadBytes: number;
  /** The user's side of a handoff to a person (dialogs/escalation). */
  private readonly escalation: EscalationTurn;

  constructor(private readonly options: SupportDialogOptions) {
    super(SUPPORT_DIALOG_ID);
    this.maxPasteChars = options.maxPasteChars ?? 200_000;
    this.maxQuestions = options.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
    this.maxDownloadBytes = options.maxDownloadBytes ?? 2 * 1024 * 1024;
    this.escalation = new EscalationTurn(options.handoff, {
      send: (turn, activities, transcriptLine) => this.send(turn, activities, transcriptLine),
      summary: (turn, trigger) => buildCaseSummary(turn.context, turn.state, this.currentDiagnosis(turn.state), turn.language, trigger),
      analyseUploads: (turn) => this.analyseUploadsForCase(turn),
    });
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.handleTurn(dc.context);
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    await this.handleTurn(dc.context);
    return Dialog.EndOfTurn;
  }

  /** Sends the welcome once per conversation (Teams sends both installationUpdate and conversationUpdate). */
  async welcome(context: TurnContext): Promise<void> {
    const state = await this.loadState(context);
    if (state.welcomed) return;
    const language = state.languageLocked && state.language ? state.language : languageFromLocale(context.activity.locale) ?? state.language ?? 'en';
    state.language = language;
    state.welcomed = true;
    await this.send({ context, state, language }, [cardActivity(buildWelcomeCard(language), t(language, 'welcome.title'))], t(language, 'welcome.title'));
    await this.options.caseState.set(context, state);
  }

  /** The language for a reply when the turn failed (used by the adapter's error handler). */
  async languageFor(context: TurnContext): Promise<Language> {
    try {
      const state = await this.loadState(context);
      if (state.languageLocked && state.language) return state.language;
      return languageFromLocale(context.activity.locale) ?? state.language ?? detectLanguage(context.activity.text ?? '') ?? 'en';
    } catch {
      return languageFromLocale(context.activity.locale) ?? 'en';
    }
  }

  private async loadState(context: TurnContext): Promise<CaseState> {
    const state = normaliseCase(await this.options.caseState.get(context, newCase()));
    if (!state.languageLocked && this.options.userProfile) {
      // No default: reading must not create a user document (a write on every new conversation).
      const profile = (await this.options.userProfile.get(context)) ?? {};
      if (profile.language === 'de' || profile.language === 'en') {
        state.language = profile.language;
        state.languageLocked = true;
      }
    }
    return state;
  }

  /** One message of the conversation (the bot calls this directly; as a Dialog it runs on begin and continue). */
  async handleTurn(context: TurnContext): Promise<void> {
    const state = await this.loadState(context);
    const activity = context.activity;
    const rawText = typeof activity.text === 'string' ? activity.text : '';
    const totalChars = rawText.length;
    // Cap before anything else touches the text: a 1 MB paste is read up to the cap, not rejected.
    const capped = totalChars > this.maxPasteChars ? rawText.slice(0, this.maxPasteChars) : rawText;
    const { text, redacted } = redactSecrets(capped);
    const command = recogniseCommand(text);
    const submitted = activity.value !== undefined && !text.trim() ? parseSubmitValue(activity.value) : undefined;
    const chosenLanguage = command?.kind === 'language' ? command.language : submitted?.action === 'language' ? submitted.language : undefined;

    if (chosenLanguage) {
      state.language = chosenLanguage;
      state.languageLocked = true;
      await this.options.userProfile?.set(context, { language: chosenLanguage });
      const turn = { context, state, language: chosenLanguage };
      recordTranscript(state, 'user', text || `[language] ${chosenLanguage}`);
      await this.say(turn, 'language.switched');
      await this.escalation.languageChanged(turn);
      if (!state.escalation) await this.resendInLanguage(turn);
      return this.save(turn);
    }

    const language: Language =
      (state.languageLocked ? state.language : undefined) ??
      languageFromLocale(activity.locale) ??
      (text.trim() ? detectLanguage(text) : undefined) ??
      state.language ??
      'en';
    state.language = language;
    const turn: Turn = { context, state, language };
    // A card value is client input as well: a forged one may carry anything.
    recordTranscript(state, 'user', text || (activity.value !== undefined ? buttonPressText(submitted, state, language) : ''));

    const isSubmit = activity.value !== undefined && !text.trim();
    // An open support case takes the turn: messages go to the agent, not to the diagnosis.
    const hasAttachments = (activity.attachments?.length ?? 0) > 0;
    if (await this.escalation.handle(turn, { text, redacted, command, submit: submitted, isSubmit, hasAttachments })) return this.save(turn);

    if (isSubmit) {
      if (!submitted) await this.say(turn, 'submit.forged');
      else await this.handleSubmit(turn, submitted);
      return this.save(turn);
    }

    switch (command?.kind) {
      case 'restart':
        await this.restart(turn);
        return this.save(turn);
      case 'help':
        await this.say(turn, 'help.text');
        if (state.pendingQuestion) await this.diagnoseAndReply(turn, []);
        return this.save(turn);
      case 'handoff':
        await this.handOff(turn);
        return this.save(turn);
      case 'greeting':
        // A greeting is not a problem description: answer with what the bot can do, not "no match".
        state.welcomed = true;
        await this.send(turn, [cardActivity(buildWelcomeCard(language), t(language, 'welcome.title'))], t(language, 'welcome.title'));
        if (state.pendingQuestion) await this.diagnoseAndReply(turn, []);
        return this.save(turn);
      case 'dont-know':
        if (state.pendingQuestion) {
          await this.answer(turn, state.pendingQuestion.id, 'dont-know');
          return this.save(turn);
        }
        break;
      default:
        break;
    }

    if (state.pendingQuestion && text.trim()) {
      const optionId = typedOption(state, text, language);
      if (optionId) {
        await this.answer(turn, state.pendingQuestion.id, optionId);
        return this.save(turn);
      }
    }

    await this.analyseEvidence(turn, text, totalChars, redacted);
    return this.save(turn);
  }

  private async analyseEvidence(turn: Turn, text: string, totalChars: number, redacted: boolean): Promise<void> {
    const { context, state, language } = turn;
    const received = context.activity.attachments?.length ? await this.options.attachments.fetch(context) : { files: [], problems: [] };
    // Certificates pasted as PEM text are read like an uploaded .pem file.
    const pasted = pastedCertificates(text);
    if (pasted.length > 0) received.files.push({ name: 'pasted-certificate.pem', bytes: new TextEncoder().encode(pasted.join('\n')) });
    const hasInput = text.trim().length > 0 || received.files.length > 0 || received.problems.length > 0;
    if (!hasInput) {
      await this.say(turn, 'empty.message');
      return;
    }
    // What the user has on screen before this message: the reply then says what it changes.
    let before = this.shownSnapshot(state, language);
    const notices: string[] = [];
    let newFindings = 0;
    if (text.trim()) {
      const extraction = extractFindings(text, { maxChars: this.maxPasteChars });
      if (this.startsNewCase(state, extraction.findings)) {
        Object.assign(state, newCase(state), { transcript: state.transcript, escalation: state.escalation });
        notices.push(t(language, 'notice.newCase'));
        before = undefined;
      }
      newFindings += addFindings(state, extraction.findings);
      if (totalChars > extraction.analysedChars) {
        notices.push(t(language, 'notice.truncated', { analysed: extraction.analysedChars, total: totalChars }));
      }
    }
    const uploads = await processUploads(state, received, {
      language,
      maxTextChars: this.maxPasteChars,
      maxDownloadBytes: this.maxDownloadBytes,
      hostNames: certificateHostNames(state.textFindings),
    });
    newFindings += uploads.newTextFindings;
    if (redacted || uploads.redacted) notices.push(t(language, 'notice.redacted'));
    const fileLines: Array<Partial<Activity>> = [];
    if (uploads.readNames.length) fileLines.push(MessageFactory.text(t(language, 'upload.read', { count: uploads.readNames.length, names: uploads.readNames.join(', ') })));
    const report: Array<Partial<Activity>> = [];
    if (uploads.analysis) report.push(cardActivity(buildCertificateReportCard(uploads.analysis, language, uploads.notes), t(language, 'cert.title')));
    else if (uploads.notes.length) report.push(MessageFactory.text(uploads.notes.join('\n\n')));
    const gotEvidence = newFindings > 0 || uploads.analysis !== undefined;
    // Nothing usable and no case yet: the notes about the files say it all (no "no match" on top).
    if (!gotEvidence && allFindings(state).length === 0 && (!text.trim() || received.problems.length > 0 || received.files.length > 0)) {
      if (fileLines.length || report.length) await this.send(turn, [...fileLines, ...report], t(language, 'cert.title'));
      return;
    }
    state.awaitingStillBrokenChoice = false;
    const source: EvidenceSource = uploads.analysis ? 'certificate' : received.files.length > 0 ? 'file' : 'message';
    await this.replyToEvidence(turn, notices, { before, fileLines, report, source, newEvidence: gotEvidence });
  }

  /** The case as the user last saw it, when that is still the diagnosis of its findings. */
  private shownSnapshot(state: CaseState, language: Language): CaseSnapshot | undefined {
    if (!state.last) return undefined;
    const snapshot = caseSnapshot(this.currentDiagnosis(state), language);
    // After "still not working" the user sees the other candidate, not the diagnosis: answer in full.
    return snapshot.verdict === state.last.verdict && snapshot.article === state.last.article ? snapshot : undefined;
  }

  /**
   * The reply to new evidence (a paste, a log, a certificate). When it changes nothing the user
   * sees, one line says so instead of a repeated card; when it fills names, thumbprints, URLs or
   * file names into the answer, a line names them above the updated answer; an upload's
   * certificate report then follows the answer instead of pushing it off screen.
   */
  private async replyToEvidence(turn: Turn, notices: string[], change: { before?: CaseSnapshot; fileLines: Array<Partial<Activity>>; report: Array<Partial<Activity>>; source: EvidenceSource; newEvidence: boolean }): Promise<void> {
    const { state, language } = turn;
    const diagnosis = this.currentDiagnosis(state);
    const after = caseSnapshot(diagnosis, language);
    const update: Update = change.before ? compareSnapshots(change.before, after) : { kind: 'changed' };
    const line = describeUpdate(update, after, language, change.source, change.newEvidence);
    if ((update.kind === 'unchanged' || (update.kind === 'supports' && !update.resend)) && line) {
      const activities = [...change.fileLines, ...change.report, ...notices.map((notice) => MessageFactory.text(notice)), MessageFactory.text(line)];
      await this.send(turn, activities, line);
      return;
    }
    let intro: string | undefined;
    if (update.kind === 'changed' && change.before && after.verdict === 'match') {
      intro = change.before.verdict === 'match' ? t(language, 'update.newAnswer', { kb: kbOf(after.article) }) : t(language, 'update.nowAnswer');
    }
    const reply = this.replyForDiagnosis(turn, diagnosis, notices, intro);
    const filled = (update.kind === 'filled' || update.kind === 'supports') && line ? [MessageFactory.text(line)] : [];
    // With a case on screen the updated answer comes first; a first upload shows its report first.
    const activities = change.before && after.verdict === 'match'
      ? [...change.fileLines, ...filled, ...reply.activities, ...change.report]
      : [...change.fileLines, ...change.report, ...reply.activities];
    await this.send(turn, activities, [line, reply.transcriptLine].filter(Boolean).join('\n'));
  }

  /** After a language switch: the welcome again when nothing happened yet, else the current reply. */
  private async resendInLanguage(turn: Turn): Promise<void> {
    if (!turn.state.last && allFindings(turn.state).length === 0) {
      await this.send(turn, [cardActivity(buildWelcomeCard(turn.language), t(turn.language, 'welcome.title'))], t(turn.language, 'welcome.title'));
      return;
    }
    if (turn.state.pendingQuestion || turn.state.last?.verdict === 'match') await this.diagnoseAndReply(turn, []);
  }

  /**
   * After an answer, a paste that on its own clearly points to another article is a new problem:
   * mixing it with the old case's findings would only blur both.
   */
  private startsNewCase(state: CaseState, findings: Finding[]): boolean {
    const last = state.last;
    if (!last || last.verdict === 'ask' || state.pendingQuestion || findings.length === 0) return false;
    const alone = diagnose(findings, { maxQuestions: this.maxQuestions });
    // What the new paste points to on its own: an answer, or the article a question would be about.
    const pointsTo = alone.verdict === 'match' ? alone.article : alone.verdict === 'ask' && alone.candidates[0]?.confidence > 0 ? alone.candidates[0].article : null;
    return pointsTo !== null && pointsTo !== last.article;
  }

  private currentDiagnosis(state: CaseState): Diagnosis {
    return diagnose(allFindings(state), { maxQuestions: this.maxQuestions });
  }

  private async diagnoseAndReply(turn: Turn, notices: string[], intro?: string): Promise<void> {
    const reply = this.replyForDiagnosis(turn, this.currentDiagnosis(turn.state), notices, intro);
    await this.send(turn, reply.activities, reply.transcriptLine);
  }

  /** Records what the user is shown (pending question, last verdict) and builds the reply. */
  private replyForDiagnosis(turn: Turn, diagnosis: Diagnosis, notices: string[], intro?: string): ReplyBundle {
    const { state, language } = turn;
    if (diagnosis.verdict === 'ask' && diagnosis.question) {
      state.pendingQuestion = diagnosis.question;
      if (!state.questionsAsked.includes(diagnosis.question.id)) state.questionsAsked.push(diagnosis.question.id);
    } else {
      state.pendingQuestion = undefined;
    }
    state.last = { verdict: diagnosis.verdict, article: diagnosis.article };
    return replyFor(render(diagnosis, language, { notices }), language, { intro, channelId: turn.context.activity.channelId });
  }

  private async answer(turn: Turn, questionId: string, optionId: string): Promise<void> {
    const { state } = turn;
    const pending = state.pendingQuestion;
    if (!pending || pending.id !== questionId) {
      if (state.questionsAsked.includes(questionId)) {
        await this.say(turn, 'submit.staleQuestion');
        await this.diagnoseAndReply(turn, []);
      } else {
        await this.say(turn, 'submit.forged');
      }
      return;
    }
    const added = answerQuestion(pending, optionId);
    if (added.length === 0) {
      await this.say(turn, 'submit.forged');
      return;
    }
    addFindings(state, added);
    state.pendingQuestion = undefined;
    await this.diagnoseAndReply(turn, []);
  }

  private async handleSubmit(turn: Turn, submit: SubmitValue): Promise<void> {
    const { state, language } = turn;
    switch (submit.action) {
      case 'describe':
        return this.say(turn, 'prompt.describe');
      case 'paste':
        return this.say(turn, 'prompt.paste');
      case 'upload':
        return this.say(turn, 'prompt.upload');
      case 'help':
        return this.say(turn, 'help.text');
      case 'restart':
        return this.restart(turn, false);
      case 'handoff':
        return this.handOff(turn);
      case 'answer':
        return this.answer(turn, submit.questionId, submit.optionId);
      case 'fixed':
        if (!this.isShownArticle(state, submit.article)) return this.say(turn, 'submit.forged');
        state.fixed = [...new Set([...(state.fixed ?? []), submit.article])];
        return this.say(turn, 'fixed.thanks');
      case 'rate':
      case 'cancel-case':
        // Handled by the escalation when it belongs to this conversation's case.
        return this.say(turn, 'submit.forged');
      case 'still-broken':
        if (!this.isShownArticle(state, submit.article)) return this.say(turn, 'submit.forged');
        if (!state.stillNotWorking.includes(submit.article)) state.stillNotWorking.push(submit.article);
        state.awaitingStillBrokenChoice = true;
        return this.send(turn, [cardActivity(buildStillBrokenCard(language), t(language, 'stillBroken.ask'))], t(language, 'stillBroken.ask'));
      case 'still-broken-choice':
        if (!state.awaitingStillBrokenChoice) return this.say(turn, 'submit.forged');
        state.awaitingStillBrokenChoice = false;
        if (submit.choice === 'different') return this.say(turn, 'stillBroken.pasteNew');
        return this.offerNextCandidate(turn);
    }
  }

  /** A fixed/still-broken click must be about the answer the user actually got. */
  private isShownArticle(state: CaseState, article: string): boolean {
    return state.last?.article === article || state.stillNotWorking.includes(article);
  }

  private async offerNextCandidate(turn: Turn): Promise<void> {
    const { state, language } = turn;
    // The other article only when the evidence supports it on its own, explained by its own findings.
    const alternative = nextBestAnswer(allFindings(state), state.stillNotWorking, { maxQuestions: this.maxQuestions });
    if (!alternative || !alternative.article) {
      const message = t(language, 'stillBroken.noOther');
      await this.send(turn, [cardActivity(buildHandoffOfferCard(language, message), message)], message);
      return;
    }
    state.pendingQuestion = undefined;
    state.last = { verdict: 'match', article: alternative.article };
    const reply = replyFor(render(alternative, language), language, { intro: t(language, 'stillBroken.next'), channelId: turn.context.activity.channelId });
    await this.send(turn, reply.activities, reply.transcriptLine);
  }

  /** "Talk to a person": the case is persisted first, then the user hears its number and place. */
  private async handOff(turn: Turn): Promise<void> {
    const { state } = turn;
    const trigger: HandoffTrigger = state.stillNotWorking.length > 0 ? 'still-not-working' : state.last?.verdict === 'no_match' ? 'no-match' : 'user-request';
    await this.escalation.open(turn, trigger);
  }

  /** What the user sees of an upload: the files read, the certificate report or the notes about the files. */
  private async showUploads(turn: Turn, uploads: UploadOutcome): Promise<void> {
    const { language } = turn;
    if (uploads.readNames.length) {
      await this.send(turn, [MessageFactory.text(t(language, 'upload.read', { count: uploads.readNames.length, names: uploads.readNames.join(', ') }))]);
    }
    if (uploads.analysis) {
      await this.send(turn, [cardActivity(buildCertificateReportCard(uploads.analysis, language, uploads.notes), t(language, 'cert.title'))], t(language, 'cert.title'));
    } else if (uploads.notes.length) {
      await this.send(turn, [MessageFactory.text(uploads.notes.join('\n\n'))]);
    }
  }

  /**
   * Files sent while a case is open: analysed as usual (the user gets the report), and the report
   * as text for the agent, in the case's language.
   */
  private async analyseUploadsForCase(turn: Turn): Promise<string | undefined> {
    const { context, state, language } = turn;
    const received: ReceivedAttachments = await this.options.attachments.fetch(context);
    const before = state.textFindings.length;
    const uploads = await processUploads(state, received, {
      language,
      maxTextChars: this.maxPasteChars,
      maxDownloadBytes: this.maxDownloadBytes,
      hostNames: certificateHostNames(state.textFindings),
    });
    if (uploads.redacted) await this.say(turn, 'notice.redacted');
    await this.showUploads(turn, uploads);
    const lines: string[] = [];
    if (uploads.readNames.length) lines.push(t(language, 'upload.read', { count: uploads.readNames.length, names: uploads.readNames.join(', ') }));
    if (uploads.analysis) lines.push(...describeCertificateAnalysis(uploads.analysis, language));
    for (const evidence of renderEvidence(state.textFindings.slice(before), language)) lines.push(`- ${evidence.label}: ${evidence.excerpt.replace(/\s+/g, ' ').slice(0, 300)}`);
    if (!uploads.analysis) lines.push(...uploads.notes);
    return lines.length ? redactSecrets(lines.join('\n')).text : undefined;
  }

  /** Forgets the case (the caller saves turn.state), keeps the language choice. */
  private async restart(turn: Turn, confirm = true): Promise<void> {
    const { language } = turn;
    turn.state = newCase({ language, languageLocked: turn.state.languageLocked, welcomed: true });
    if (confirm) await this.say(turn, 'restart.done');
    await this.send(turn, [cardActivity(buildWelcomeCard(language), t(language, 'welcome.title'))], t(language, 'welcome.title'));
  }

  private async say(turn: Turn, key: StringKey): Promise<void> {
    const message = t(turn.language, key);
    await this.send(turn, [MessageFactory.text(message)], message);
  }

  private async send(turn: Turn, activities: Array<Partial<Activity>>, transcriptLine?: string): Promise<void> {
    for (const activity of activities) activity.locale = turn.language === 'de' ? 'de-DE' : 'en-US';
    await turn.context.sendActivities(activities);
    recordTranscript(turn.state, 'bot', transcriptLine ?? activities.map((activity) => activity.text ?? '').join('\n'));
  }

  private async save(turn: Turn): Promise<void> {
    await this.options.caseState.set(turn.context, turn.state);
  }
}

/** "2", "2.", or the option's own text typed instead of pressing the button. */
function typedOption(state: CaseState, text: string, language: Language): string | undefined {
  const question = state.pendingQuestion;
  if (!question) return undefined;
  const typed = text.trim().toLowerCase().replace(/[.)]$/, '');
  const number = /^\d{1,2}$/.test(typed) ? Number(typed) : NaN;
  if (Number.isInteger(number) && number >= 1 && number <= question.options.length) return question.options[number - 1].id;
  const match = question.options.find((option) => option.text[language].toLowerCase() === typed || option.text.en.toLowerCase() === typed || option.text.de.toLowerCase() === typed);
  return match?.id;
}
