/**
 * The whole support conversation as one long-running dialog. Every turn is read fresh:
 * free text (and files) always go to the diagnosis, so a user can paste at any moment,
 * answer a question by button or by typing, or use "help", "restart", "auf Deutsch".
 * The case (findings, certificates, questions, language) lives in conversation state via an
 * accessor, not in the dialog stack, so it survives restarts and errors in a turn.
 *
 * This file routes a turn: language, commands, buttons, an open support case first
 * (escalation/escalationTurn.ts); new evidence goes to evidenceIntake.ts, questions, answers
 * and "still not working" to caseAnswers.ts; replies go out through turn.ts.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { DEFAULT_MAX_QUESTIONS, detectLanguage, type Language } from '../knowledge';
import { buttonPressText } from './buttonPressText';
import { CaseAnswers, typedOption } from './caseAnswers';
import { allFindings, type CaseState, lastCauseId, newCase, normaliseCase, recordTranscript } from './caseState';
import { uploadTranscriptText } from './uploadTranscript';
import { buildWelcomeCard } from './cards/welcomeCard';
import { buildCaseSummary } from './caseSummary';
import { EscalationTurn } from './escalation/escalationTurn';
import { EvidenceIntake } from './evidenceIntake';
import { restoreSetAside } from './caseContinuity';
import type { AttachmentFetcher, HandoffPort, HandoffTrigger } from './ports';
import { redactSecrets } from './redact';
import { cardActivity } from './replies';
import { languageFromLocale, t } from './strings';
import { parseSubmitValue, type SubmitValue } from './submitValues';
import { recogniseCommand, recogniseTyped } from './textCommands';
import { say, send, type Turn } from './turn';
import { sendCollectionScript } from './collectionScript';

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

export class SupportDialog extends Dialog {
  private readonly maxPasteChars: number;
  private readonly answers: CaseAnswers;
  private readonly evidence: EvidenceIntake;
  /** The user's side of a handoff to a person (dialogs/escalation). */
  private readonly escalation: EscalationTurn;

  constructor(private readonly options: SupportDialogOptions) {
    super(SUPPORT_DIALOG_ID);
    this.maxPasteChars = options.maxPasteChars ?? 200_000;
    const maxQuestions = options.maxQuestions ?? DEFAULT_MAX_QUESTIONS;
    this.answers = new CaseAnswers(maxQuestions);
    this.evidence = new EvidenceIntake(
      {
        attachments: options.attachments,
        maxPasteChars: this.maxPasteChars,
        maxQuestions,
        maxDownloadBytes: options.maxDownloadBytes ?? 2 * 1024 * 1024,
      },
      this.answers,
    );
    this.escalation = new EscalationTurn(options.handoff, {
      send,
      summary: (turn, trigger) =>
        buildCaseSummary(turn.context, turn.state, this.answers.currentDiagnosis(turn.state), turn.language, trigger),
      analyseUploads: (turn) => this.evidence.analyseUploadsForCase(turn),
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
    const language =
      state.languageLocked && state.language ? state.language : (languageFromLocale(context.activity.locale) ?? state.language ?? 'en');
    state.language = language;
    state.welcomed = true;
    await sendWelcome({ context, state, language });
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
    // (Leading blank space does not count: a paste that starts with a screen of it is still read.)
    const capped = totalChars > this.maxPasteChars ? rawText.trimStart().slice(0, this.maxPasteChars) : rawText;
    const { text, redacted } = redactSecrets(capped);
    // The words beside an uploaded file describe the file ("hier das Zertifikat"): no request.
    const withFiles = (activity.attachments?.length ?? 0) > 0;
    const command =
      text.trim() && !withFiles
        ? await recogniseTyped(text, state.language ?? languageFromLocale(activity.locale) ?? 'en')
        : recogniseCommand(text);
    const submitted = activity.value !== undefined && !text.trim() ? parseSubmitValue(activity.value) : undefined;
    const chosenLanguage =
      command?.kind === 'language' ? command.language : submitted?.action === 'language' ? submitted.language : undefined;

    if (chosenLanguage) {
      state.language = chosenLanguage;
      state.languageLocked = true;
      await this.options.userProfile?.set(context, { language: chosenLanguage });
      const turn = { context, state, language: chosenLanguage };
      // The agent reads words: the typed text, or the switch's label ("[Pressed: English]").
      recordTranscript(state, 'user', text || buttonPressText(submitted, state, chosenLanguage));
      await say(turn, 'language.switched');
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
    recordTranscript(
      state,
      'user',
      [
        text || (activity.value !== undefined ? buttonPressText(submitted, state, language) : ''),
        uploadTranscriptText(activity.attachments, language),
      ]
        .filter(Boolean)
        .join('\n'),
    );

    const isSubmit = activity.value !== undefined && !text.trim();
    // An open support case takes the turn: messages go to the agent, not to the diagnosis.
    const hasAttachments = (activity.attachments?.length ?? 0) > 0;
    if (await this.escalation.handle(turn, { text, redacted, command, submit: submitted, isSubmit, hasAttachments }))
      return this.save(turn);

    if (isSubmit) {
      if (!submitted) await say(turn, 'submit.forged');
      else await this.handleSubmit(turn, submitted);
      return this.save(turn);
    }

    switch (command?.kind) {
      case 'restart':
        await this.restart(turn);
        return this.save(turn);
      case 'help':
        await say(turn, 'help.text');
        if (state.pendingQuestion) await this.answers.diagnoseAndReply(turn);
        return this.save(turn);
      case 'handoff':
        await this.handOff(turn);
        return this.save(turn);
      case 'withdraw':
        // (An open request for a person was withdrawn by the escalation above.)
        await say(turn, 'withdraw.nothingOpen');
        return this.save(turn);
      case 'fixed':
        if (lastCauseId(state)) await this.answers.fixed(turn, lastCauseId(state)!);
        else await say(turn, 'thanks.welcome');
        return this.save(turn);
      case 'still-broken':
        await this.answers.stillBrokenTyped(turn);
        return this.save(turn);
      case 'same-problem':
        // Without a new case to undo, "the same problem" after an answer means it still fails.
        if (state.setAside) await this.sameProblem(turn);
        else await this.answers.stillBrokenTyped(turn);
        return this.save(turn);
      case 'collection-script':
        await sendCollectionScript(turn, text);
        if (state.pendingQuestion) await this.answers.diagnoseAndReply(turn);
        return this.save(turn);
      case 'greeting':
        // A greeting is not a problem description: answer with what the bot can do, not "no match".
        state.welcomed = true;
        await sendWelcome(turn);
        if (state.pendingQuestion) await this.answers.diagnoseAndReply(turn);
        return this.save(turn);
      case 'dont-know':
        if (state.pendingQuestion) {
          await this.answers.answer(turn, state.pendingQuestion.id, 'dont-know');
          return this.save(turn);
        }
        break;
      default:
        break;
    }

    if (state.pendingQuestion && text.trim()) {
      const optionId = typedOption(state, text, language);
      if (optionId) {
        await this.answers.answer(turn, state.pendingQuestion.id, optionId);
        return this.save(turn);
      }
    }

    await this.evidence.analyse(turn, text, totalChars, redacted);
    return this.save(turn);
  }

  private async handleSubmit(turn: Turn, submit: SubmitValue): Promise<void> {
    switch (submit.action) {
      case 'describe':
        return say(turn, 'prompt.describe');
      case 'paste':
        return say(turn, 'prompt.paste');
      case 'upload':
        return say(turn, 'prompt.upload');
      case 'help':
        return say(turn, 'help.text');
      case 'restart':
        return this.restart(turn, false);
      case 'same-problem':
        return this.sameProblem(turn);
      case 'handoff':
        return this.handOff(turn);
      case 'answer':
        return this.answers.answer(turn, submit.questionId, submit.optionId);
      case 'fixed':
        return this.answers.fixed(turn, submit.article);
      case 'rate':
      case 'cancel-case':
      case 'end-case':
        // Handled by the escalation when it belongs to this conversation's case.
        return say(turn, 'submit.forged');
      case 'still-broken':
        return this.answers.stillBroken(turn, submit.article);
      case 'still-broken-choice':
        return this.answers.stillBrokenChoice(turn, submit.choice);
    }
  }

  /** After a language switch: the welcome again when nothing happened yet, else the current reply. */
  private async resendInLanguage(turn: Turn): Promise<void> {
    if (!turn.state.last && allFindings(turn.state).length === 0) {
      await sendWelcome(turn);
      return;
    }
    if (turn.state.pendingQuestion || turn.state.last?.verdict === 'match') await this.answers.diagnoseAndReply(turn);
  }

  /** "That was the same problem": the evidence a new case set aside comes back, and the case is answered again. */
  private async sameProblem(turn: Turn): Promise<void> {
    if (!(await restoreSetAside(turn.state))) return say(turn, 'newCase.nothingSetAside');
    await say(turn, 'newCase.restored');
    await this.answers.diagnoseAndReply(turn);
  }

  /** "Talk to a person": the case is persisted first, then the user hears its number and place. */
  private async handOff(turn: Turn): Promise<void> {
    const { state } = turn;
    const trigger: HandoffTrigger =
      state.stillNotWorking.length > 0 ? 'still-not-working' : state.last?.verdict === 'no_match' ? 'no-match' : 'user-request';
    await this.escalation.open(turn, trigger);
  }

  /** Forgets the case (the caller saves turn.state), keeps the language choice. */
  private async restart(turn: Turn, confirm = true): Promise<void> {
    const { language } = turn;
    turn.state = newCase({ language, languageLocked: turn.state.languageLocked, welcomed: true });
    if (confirm) await say(turn, 'restart.done');
    await sendWelcome(turn);
  }

  private async save(turn: Turn): Promise<void> {
    await this.options.caseState.set(turn.context, turn.state);
  }
}

/** The welcome card: what the bot can do, and how to start. */
async function sendWelcome(turn: Turn): Promise<void> {
  await send(turn, [cardActivity(buildWelcomeCard(turn.language), t(turn.language, 'welcome.title'))], t(turn.language, 'welcome.title'));
}
