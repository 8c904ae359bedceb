/**
 * The user's side of a handoff, turn by turn. Opening: the case is persisted (by the port) before
 * the user hears its number, place in the queue and what happens next. While it is open, the
 * user's messages go to the case (and to the agent who has it) instead of the diagnosis; files are
 * analysed as usual and their reports go to both; "cancel" withdraws it; an e-mail address is
 * taken when nobody is available. After an agent closes it: the rating.
 */
import { type Activity, MessageFactory } from 'botbuilder';
import { cardActivity } from '../replies';
import type { CaseSummary, HandoffTrigger } from '../ports';
import { type StringKey, t } from '../strings';
import type { SubmitValue } from '../submitValues';
import type { TextCommand } from '../textCommands';
import type { Turn } from '../turn';
import { buildCaseOpenedCard, buildEndConfirmCard } from './cards';
import type { CaseTicket, HandoffPort } from './ports';
import { isCancelCommand, looksLikeEmailAttempt, typedConfirmation, typedRating, validEmail } from './userInput';

/** What the escalation needs from the support dialog. */
export interface EscalationHost {
  send(turn: Turn, activities: Array<Partial<Activity>>, transcriptLine?: string): Promise<void>;
  /** The worked-up summary of the case as it stands. */
  summary(turn: Turn, trigger?: HandoffTrigger): CaseSummary;
  /** Analyses the turn's files as usual (the user gets the reports); the report text for the agent, if any. */
  analyseUploads(turn: Turn): Promise<string | undefined>;
}

export interface TurnInput {
  /** Redacted text of the message. */
  text: string;
  redacted: boolean;
  command?: TextCommand;
  /** The card action, when the message is a button press (undefined: forged or none). */
  submit?: SubmitValue;
  isSubmit: boolean;
  hasAttachments: boolean;
}

export class EscalationTurn {
  constructor(
    private readonly port: HandoffPort,
    private readonly host: EscalationHost,
  ) {}

  /** "Talk to a person": opens the case, or says where the open one stands. */
  async open(turn: Turn, trigger: HandoffTrigger): Promise<void> {
    const { context, state, language } = turn;
    const current = state.escalation ? await this.port.ticket(context, state.escalation.caseId) : await this.port.openTicket(context);
    if (current && current.status !== 'closed') return this.sayAlready(turn, current);
    const ticket = await this.port.open(context, {
      summary: this.host.summary(turn, trigger),
      transcript: state.transcript,
      language,
      trigger,
    });
    state.escalation = { caseId: ticket.caseId };
    if (!ticket.created) return this.sayAlready(turn, ticket);
    const message = ticket.outsideOfficeHours
      ? t(language, 'case.openedNobody', { caseId: ticket.caseId, hours: ticket.officeHours ?? '' })
      : t(language, 'case.opened', { caseId: ticket.caseId, position: ticket.position ?? 1 });
    await this.host.send(turn, [cardActivity(buildCaseOpenedCard(language, message, ticket.caseId), message)], message);
  }

  /** The user chose a language while a case is open: agents and later messages follow. */
  async languageChanged(turn: Turn): Promise<void> {
    const pointer = turn.state.escalation;
    if (pointer) await this.port.setLanguage(turn.context, pointer.caseId, turn.language);
  }

  /** Handles the turn when the conversation has a case; false: the bot's usual handling goes on. */
  async handle(turn: Turn, input: TurnInput): Promise<boolean> {
    const { context, state, language } = turn;
    if (input.submit?.action === 'rate') {
      await this.rate(turn, input.submit.caseId, input.submit.score, input.submit.comment);
      return true;
    }
    if (input.submit?.action === 'cancel-case') {
      await this.cancel(turn, input.submit.caseId);
      return true;
    }
    if (input.submit?.action === 'end-case') {
      await this.confirmEnd(turn, input.submit.caseId, input.submit.confirm);
      return true;
    }
    // The pointer in the conversation state is the quick way; the store is the truth (a parallel
    // turn may have saved the state without the pointer).
    const pointer = state.escalation;
    const ticket = pointer ? await this.port.ticket(context, pointer.caseId) : await this.port.openTicket(context);
    if (!ticket) {
      state.escalation = undefined;
      return false;
    }
    const askedToEnd = state.escalation?.caseId === ticket.caseId && state.escalation.confirmEnd === true;
    state.escalation = { caseId: ticket.caseId };
    if (ticket.status === 'closed') {
      const score = input.isSubmit || input.hasAttachments ? undefined : typedRating(input.text);
      if (score !== undefined && !ticket.rated && ticket.closedBy !== 'user') {
        await this.rate(turn, ticket.caseId, score);
        return true;
      }
      // The case is over: the bot answers again.
      state.escalation = undefined;
      return false;
    }
    if (ticket.language !== language) await this.port.setLanguage(context, ticket.caseId, language);

    // "End the chat with <agent>?" was asked: yes / no typed answer it; anything else goes to the agent as usual.
    const typedAnswer = askedToEnd && !input.isSubmit && !input.hasAttachments ? typedConfirmation(input.text) : undefined;
    if (typedAnswer !== undefined) {
      await this.confirmEnd(turn, ticket.caseId, typedAnswer);
      return true;
    }
    if (!input.isSubmit && (isCancelCommand(input.text) || input.command?.kind === 'withdraw')) {
      await this.cancel(turn, ticket.caseId);
      return true;
    }
    if (input.submit?.action === 'handoff' || input.command?.kind === 'handoff') {
      await this.sayAlready(turn, ticket);
      return true;
    }
    if (input.isSubmit) {
      await this.say(turn, 'case.buttonsPaused', { caseId: ticket.caseId });
      return true;
    }
    if (input.command?.kind === 'help') {
      const caseHelp =
        ticket.status === 'assigned'
          ? t(language, 'case.helpAssigned', { caseId: ticket.caseId, agent: ticket.agentName ?? '' })
          : t(language, 'case.help', { caseId: ticket.caseId });
      await this.sayText(turn, `${t(language, 'help.text')}\n\n${caseHelp}`);
      return true;
    }
    if (input.command?.kind === 'restart') {
      await this.say(turn, 'case.restartBlocked', { caseId: ticket.caseId });
      return true;
    }
    if (ticket.nobodyAvailable && !ticket.contactEmail && !input.hasAttachments && looksLikeEmailAttempt(input.text)) {
      const email = validEmail(input.text);
      if (email && (await this.port.setContact(context, ticket.caseId, email))) {
        await this.say(turn, 'case.contactSaved', { caseId: ticket.caseId, email });
      } else {
        await this.say(turn, 'case.contactInvalid');
      }
      return true;
    }
    await this.relay(turn, ticket, input);
    return true;
  }

  /** Text to the case (and the agent), files analysed as usual with the report to the case. */
  private async relay(turn: Turn, ticket: CaseTicket, input: TurnInput): Promise<void> {
    const { context, language } = turn;
    const agent = ticket.agentName ?? '';
    let undelivered = false;
    if (input.text.trim()) {
      const outcome = await this.port.userMessage(context, ticket.caseId, input.text);
      undelivered ||= !outcome.deliveredToAgent;
    }
    if (input.redacted) await this.say(turn, 'notice.redacted');
    let reported = false;
    if (input.hasAttachments) {
      const report = await this.host.analyseUploads(turn);
      if (report) {
        const outcome = await this.port.uploadReport(context, ticket.caseId, report, this.host.summary(turn));
        undelivered ||= !outcome.deliveredToAgent;
        reported = true;
      }
    }
    if (!input.text.trim() && !input.hasAttachments) {
      await this.say(turn, 'empty.message');
      return;
    }
    if (undelivered && ticket.status === 'assigned') {
      await this.say(turn, 'case.notDelivered', { caseId: ticket.caseId, agent });
      return;
    }
    if (ticket.status === 'queued') {
      if (reported) await this.say(turn, 'case.fileAdded', { caseId: ticket.caseId });
      else if (input.text.trim()) {
        const position = (await this.port.ticket(context, ticket.caseId))?.position ?? ticket.position ?? 1;
        await this.sayText(turn, t(language, 'case.added', { caseId: ticket.caseId, position }));
      }
    }
    // Assigned: the agent answers; the bot stays quiet.
  }

  /**
   * "cancel" typed or the card's button: a queued request is withdrawn at once (as before); once a
   * person has joined, ending the chat with them is asked first ("End the chat with Anna?").
   */
  private async cancel(turn: Turn, caseId: string): Promise<void> {
    const { context, state } = turn;
    const before = await this.port.ticket(context, caseId);
    if (!before || before.status === 'closed') {
      // A stale "withdraw" button: nothing open to withdraw.
      if (state.escalation?.caseId === caseId) state.escalation = undefined;
      await this.say(turn, 'submit.forged');
      return;
    }
    if (before.status === 'assigned') {
      state.escalation = { caseId, confirmEnd: true };
      const message = t(turn.language, 'case.endConfirm', { caseId, agent: before.agentName ?? '' });
      await this.host.send(turn, [cardActivity(buildEndConfirmCard(turn.language, message, caseId), message)], message);
      return;
    }
    await this.port.cancel(context, caseId);
    state.escalation = undefined;
    await this.say(turn, 'case.cancelled', { caseId });
  }

  /** The answer to "End the chat with <agent>?" (a button or a typed yes / no). */
  private async confirmEnd(turn: Turn, caseId: string, confirm: boolean): Promise<void> {
    const { context, state } = turn;
    const before = await this.port.ticket(context, caseId);
    if (!before || before.status === 'closed') {
      if (state.escalation?.caseId === caseId) state.escalation = undefined;
      await this.say(turn, 'submit.forged');
      return;
    }
    if (!confirm) {
      state.escalation = { caseId };
      await this.say(turn, before.status === 'assigned' ? 'case.endKept' : 'case.already', {
        caseId,
        agent: before.agentName ?? '',
        position: before.position ?? 1,
      });
      return;
    }
    await this.port.cancel(context, caseId);
    state.escalation = undefined;
    await this.say(turn, before.status === 'assigned' ? 'case.ended' : 'case.cancelled', { caseId });
  }

  private async rate(turn: Turn, caseId: string, score: number, comment?: string): Promise<void> {
    const outcome = await this.port.rate(turn.context, caseId, score, comment);
    if (outcome === 'stored') {
      if (turn.state.escalation?.caseId === caseId) turn.state.escalation = undefined;
      await this.say(turn, 'case.rate.thanks');
    } else if (outcome === 'already-rated') {
      await this.say(turn, 'case.rate.already');
    } else {
      await this.say(turn, 'submit.forged');
    }
  }

  private async sayAlready(turn: Turn, ticket: CaseTicket): Promise<void> {
    if (ticket.status === 'assigned')
      await this.say(turn, 'case.alreadyAssigned', { caseId: ticket.caseId, agent: ticket.agentName ?? '' });
    else await this.say(turn, 'case.already', { caseId: ticket.caseId, position: ticket.position ?? 1 });
  }

  private async say(turn: Turn, key: StringKey, params: Record<string, string | number> = {}): Promise<void> {
    await this.sayText(turn, t(turn.language, key, params));
  }

  private async sayText(turn: Turn, message: string): Promise<void> {
    await this.host.send(turn, [MessageFactory.text(message)], message);
  }
}
