/**
 * The human handoff's one place of truth: cases in the CaseStore, changed only here, by the user's
 * turns (HandoffPort), by agents (desk API, Teams agents' channel) and by contact-center events.
 *
 * - A case is persisted before the user hears of it; every change is a conditional write (eTag),
 *   re-read and retried on conflict, so several bot instances never overwrite each other.
 * - Messages to the user are stored first (delivery "pending"), then sent through the stored
 *   conversation reference; the outcome is recorded on the message. An agent gets an error when
 *   the channel refused; pending messages left by a crash are sent again at start.
 * - Outboxes (Teams card, webhook) note what they owe in the same write as the change.
 * - Everything stored is redacted; the user's side only ever sees its own conversation's case.
 */
import { type Activity, MessageFactory, TurnContext } from 'botbuilder';
import type { Language } from '../../knowledge/types';
import type { CaseSummary } from '../../dialogs/ports';
import type { CaseTicket, HandoffPort, OpenCaseRequest, RatingOutcome, RelayOutcome } from '../../dialogs/escalation/ports';
import { buildAgentJoinedCard, buildRatingCard } from '../../dialogs/escalation/cards';
import { cardActivity } from '../../dialogs/replies';
import { MAX_RATING_COMMENT } from '../../dialogs/submitValues';
import { type StringKey, t } from '../../dialogs/strings';
import type { Logger } from '../logging/logger';
import { unreadableIds } from '../cases/unreadableCases';
import type { AgentRef, CaseRecord, CaseStatus, CaseStore, RelayMessage } from '../cases/caseStore';
import { caseListItem, type CaseListItem, caseView, ticketOf } from './caseView';
import type { EscalationConfig } from './config';
import type { ContactCenterBridge } from './contactCenter';
import { type AgentSurface, detailsOf, type EscalationDetails } from './details';
import { type CaseChange, mutateCase } from './mutateCase';
import type { CaseEvent, CaseEventKind, CaseListener, CaseOutbox } from './events';
import { type ProactiveSender, deliveryError } from './proactive';
import { caseText, redactDeep } from './redactDeep';
import { cleanAgentText } from './relayText';

export type EscalationErrorCode = 'not-found' | 'taken' | 'not-assigned' | 'closed' | 'bad-request' | 'not-delivered';

const STATUS_OF: Record<EscalationErrorCode, number> = {
  'not-found': 404,
  taken: 409,
  'not-assigned': 409,
  closed: 409,
  'bad-request': 400,
  'not-delivered': 502,
};

export class EscalationError extends Error {
  readonly status: number;
  constructor(
    readonly code: EscalationErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'EscalationError';
    this.status = STATUS_OF[code];
  }
}

/** Relays the user's messages to an agent surface that is not the desk (a Teams thread). */
export interface AgentRelay {
  /** True when this surface has the case and took the message; false when it refused it. */
  relay(record: CaseRecord, message: RelayMessage): Promise<boolean | undefined>;
}

export interface EscalationServiceOptions {
  store: CaseStore;
  sender: ProactiveSender;
  config: EscalationConfig;
  logger: Logger;
  contactCenter?: ContactCenterBridge;
  now?: () => Date;
}

export const MAX_USER_MESSAGE_CHARS = 4000;
const MAX_REPORT_CHARS = 6000;
const MAX_TRANSCRIPT_LINE_CHARS = 1500;
/** A message still "pending" after this long was interrupted (a crash, a restart): send it again. */
const STALE_PENDING_MS = 60_000;

export class EscalationService implements HandoffPort {
  private readonly store: CaseStore;
  private readonly outboxes: CaseOutbox[] = [];
  private readonly relays: AgentRelay[] = [];
  private readonly listeners = new Set<CaseListener>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly now: () => Date;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: EscalationServiceOptions) {
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
  }

  get config(): EscalationConfig {
    return this.options.config;
  }

  addOutbox(outbox: CaseOutbox): void {
    this.outboxes.push(outbox);
  }

  addRelay(relay: AgentRelay): void {
    this.relays.push(relay);
  }

  /** In-process change events (the desk's live updates add the store's changedSince for other instances). */
  onEvent(listener: CaseListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once background deliveries started so far have finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  // ---------------------------------------------------------------- the user's side (HandoffPort)

  async open(context: TurnContext, request: OpenCaseRequest): Promise<CaseTicket & { created: boolean }> {
    const channelId = context.activity.channelId ?? '';
    const conversationId = context.activity.conversation?.id ?? '';
    const existing = await this.store.openCaseFor(channelId, conversationId);
    if (existing) return { ...(await this.ticketFor(existing)), created: false };
    const now = this.now();
    const at = now.toISOString();
    const outside = this.config.officeHours ? !this.config.officeHours.isOpen(now) : false;
    const details: EscalationDetails = { trigger: request.trigger };
    const userName = context.activity.from?.name?.trim();
    if (userName && userName !== context.activity.from?.id) details.userName = caseText(userName, 100);
    if (outside) {
      details.outsideOfficeHours = true;
      // The reply that tells the user about the case says so: that is the notice.
      details.nobodyNotice = { at, delivered: true };
    }
    this.mark(details, 'created', at);
    const record = await this.store.create({
      channelId,
      conversationId,
      conversationReference: TurnContext.getConversationReference(context.activity),
      language: request.language,
      summary: redactDeep(request.summary) as unknown as Record<string, unknown>,
      transcript: request.transcript.map((line) => ({
        from: line.from,
        text: caseText(line.text, MAX_TRANSCRIPT_LINE_CHARS),
        at: line.at,
      })),
      details: details as unknown as Record<string, unknown>,
    });
    this.options.logger.info(`handoff: case ${record.id} opened (channel ${channelId}, trigger ${request.trigger})`);
    await this.options.contactCenter?.announce(context, record.id, request.summary, request.transcript);
    this.changed('created', record);
    return { ...(await this.ticketFor(record)), created: true };
  }

  async ticket(context: TurnContext, caseId: string): Promise<CaseTicket | undefined> {
    const record = await this.owned(context, caseId);
    return record ? this.ticketFor(record) : undefined;
  }

  async openTicket(context: TurnContext): Promise<CaseTicket | undefined> {
    const record = await this.store.openCaseFor(context.activity.channelId ?? '', context.activity.conversation?.id ?? '');
    return record ? this.ticketFor(record) : undefined;
  }

  async userMessage(context: TurnContext, caseId: string, text: string): Promise<RelayOutcome> {
    const record = await this.owned(context, caseId);
    if (!record || record.status === 'closed') return { stored: false, deliveredToAgent: false };
    const message = await this.appendAndTouch(record, {
      from: 'user',
      text: caseText(text, MAX_USER_MESSAGE_CHARS),
      delivery: 'delivered',
    });
    return { stored: true, deliveredToAgent: await this.relayToAgent(record, message) };
  }

  async uploadReport(context: TurnContext, caseId: string, report: string, summary: CaseSummary): Promise<RelayOutcome> {
    const record = await this.owned(context, caseId);
    if (!record || record.status === 'closed') return { stored: false, deliveredToAgent: false };
    const message = await this.store.appendMessage({
      caseId,
      from: 'bot',
      text: caseText(report, MAX_REPORT_CHARS),
      at: this.now().toISOString(),
      delivery: 'delivered',
    });
    const saved = await this.mutate(
      caseId,
      (current, details) => {
        current.summary = redactDeep({ ...summary, trigger: (current.summary as Partial<CaseSummary>).trigger ?? details.trigger });
        this.noteMessage(details, message);
      },
      'summary',
    );
    if (saved) this.emit({ kind: 'message', record: saved, message });
    return { stored: true, deliveredToAgent: saved ? await this.relayToAgent(saved, message) : true };
  }

  async cancel(context: TurnContext, caseId: string): Promise<CaseTicket | undefined> {
    const record = await this.owned(context, caseId);
    if (!record) return undefined;
    if (record.status === 'closed') return this.ticketFor(record);
    const closed = await this.closeRecord(caseId, 'user');
    return closed ? this.ticketFor(closed) : undefined;
  }

  async setContact(context: TurnContext, caseId: string, email: string): Promise<boolean> {
    const record = await this.owned(context, caseId);
    if (!record || record.status === 'closed') return false;
    const saved = await this.mutate(
      caseId,
      (_current, details) => {
        details.contact = { email: email.slice(0, 254), at: this.now().toISOString() };
      },
      'contact',
    );
    return saved !== undefined;
  }

  /**
   * The user's web chat page left or came back (a `mailflow.presence` event from the local Direct
   * Line, or from the page itself). Noted on the open case and, for agents only, in its messages:
   * what the desk says about a message written meanwhile ("the customer is not connected").
   */
  async customerPresence(context: TurnContext, state: 'away' | 'back'): Promise<void> {
    const record = await this.store.openCaseFor(context.activity.channelId ?? '', context.activity.conversation?.id ?? '');
    if (!record) return;
    let changed = false;
    const saved = await this.mutate(record.id, (_current, details) => {
      if ((details.presence?.state ?? 'back') === state) return 'skip';
      details.presence = { state, at: this.now().toISOString() };
      changed = true;
      return undefined;
    });
    if (!changed || !saved) return;
    const key = state === 'away' ? 'agent.customerAway' : 'agent.customerBack';
    await this.appendAndTouch(saved, {
      from: 'system',
      text: t(saved.language, key),
      delivery: 'delivered',
      note: state === 'away' ? 'customer-away' : 'customer-back',
    });
  }

  async rate(context: TurnContext, caseId: string, score: number, comment?: string): Promise<RatingOutcome> {
    const record = await this.owned(context, caseId);
    if (!record) return 'not-found';
    if (record.status !== 'closed') return 'not-closed';
    if (detailsOf(record).rating) return 'already-rated';
    let outcome: RatingOutcome = 'stored';
    await this.mutate(
      caseId,
      (_current, details) => {
        if (details.rating) {
          outcome = 'already-rated';
          return 'skip';
        }
        const cleaned = comment ? caseText(comment.trim(), MAX_RATING_COMMENT) : '';
        details.rating = { score, ...(cleaned ? { comment: cleaned } : {}), at: this.now().toISOString() };
        return undefined;
      },
      'rated',
    );
    return outcome;
  }

  async setLanguage(context: TurnContext, caseId: string, language: Language): Promise<void> {
    const record = await this.owned(context, caseId);
    if (!record || record.status === 'closed' || record.language === language) return;
    await this.mutate(
      caseId,
      (current) => {
        if (current.language === language) return 'skip';
        current.language = language;
        return undefined;
      },
      'language',
    );
  }

  // ---------------------------------------------------------------- the agents' side

  /** The cases of a status, and how many of its rows could not be read (skipped and logged with their ids). */
  async list(status: CaseStatus, limit = 200): Promise<{ cases: CaseListItem[]; unreadable: number }> {
    if (status === 'closed') {
      // The store lists oldest first; agents want the latest closed cases: those changed in the last two weeks, newest first.
      const since = new Date(this.now().getTime() - 14 * 24 * 3600_000).toISOString();
      const changed = await this.store.changedSince(since, { limit: 2000 });
      const recent = changed.filter((record) => record.status === 'closed');
      recent.sort((a, b) => (b.closedAt ?? b.updatedAt).localeCompare(a.closedAt ?? a.updatedAt));
      return { cases: recent.slice(0, limit).map((record) => caseListItem(record)), unreadable: this.noteUnreadable(changed) };
    }
    const records = await this.store.list(status, { limit });
    // Queued cases are listed oldest first: the place in the queue is the index.
    const cases = records.map((record, index) => caseListItem(record, status === 'queued' ? index + 1 : undefined));
    return { cases, unreadable: this.noteUnreadable(records) };
  }

  private noteUnreadable(records: readonly CaseRecord[]): number {
    const ids = unreadableIds(records);
    if (ids.length > 0) this.options.logger.error(`case store: ${ids.length} case row(s) could not be read, skipped: ${ids.join(', ')}`);
    return ids.length;
  }

  async view(caseId: string): Promise<Record<string, unknown>> {
    const record = await this.required(caseId);
    const [messages, position] = await Promise.all([
      this.store.messages(caseId),
      record.status === 'queued' ? this.store.queuePosition(caseId) : undefined,
    ]);
    return caseView(record, messages, position);
  }

  async listItem(record: CaseRecord): Promise<CaseListItem> {
    return caseListItem(record, record.status === 'queued' ? await this.store.queuePosition(record.id) : undefined);
  }

  async messages(caseId: string, afterSeq?: number): Promise<RelayMessage[]> {
    await this.required(caseId);
    return this.store.messages(caseId, afterSeq);
  }

  /** queued -> assigned to this agent; the same agent taking it again is no error. */
  async take(caseId: string, agent: AgentRef, surface: AgentSurface): Promise<CaseRecord> {
    const claim = await this.store.claim(caseId, agent);
    if (!claim.ok) {
      if (claim.reason === 'not-found') throw new EscalationError('not-found', `There is no case ${caseId}.`);
      if (claim.reason === 'closed') throw new EscalationError('closed', `Case ${caseId} is closed.`);
      const holder = claim.record?.assignedTo;
      if (holder && holder.id === agent.id) return claim.record as CaseRecord;
      throw new EscalationError('taken', `Case ${caseId} is already taken by ${holder?.name ?? 'another agent'}.`, { assignedTo: holder });
    }
    const saved =
      (await this.mutate(
        caseId,
        (_current, details) => {
          details.surface = surface;
        },
        'assigned',
      )) ?? claim.record;
    this.options.logger.info(`handoff: case ${caseId} taken (${surface})`);
    // The notice carries "End the chat with the agent" (asked before it ends), instead of the queued card's "Withdraw".
    await this.tellUser(saved, 'case.agentJoined', { agent: agent.name }, [], (text) =>
      cardActivity(buildAgentJoinedCard(saved.language, text, caseId), text),
    );
    return saved;
  }

  async agentMessage(caseId: string, agent: AgentRef, text: unknown): Promise<RelayMessage> {
    const cleaned = cleanAgentText(text);
    if (!cleaned.ok) throw new EscalationError('bad-request', cleaned.reason, { reason: cleaned.problem });
    const record = await this.assignedTo(caseId, agent);
    const message = await this.store.appendMessage({
      caseId,
      from: 'agent',
      authorName: record.assignedTo?.name ?? agent.name,
      text: cleaned.text,
      at: this.now().toISOString(),
      delivery: 'pending',
      ...this.heldFlag(record),
    });
    const activity = this.plainText(
      record.language,
      t(record.language, 'case.agentSays', { agent: message.authorName ?? agent.name, text: cleaned.text }),
    );
    return this.deliverToUser(record, message, [activity]);
  }

  /** The bot's answer card, chosen by the agent in agent assist, sent as the agent's message. */
  async agentAnswer(
    caseId: string,
    agent: AgentRef,
    build: (language: Language) => { activities: Array<Partial<Activity>>; text: string },
  ): Promise<RelayMessage> {
    const record = await this.assignedTo(caseId, agent);
    const answer = build(record.language);
    const agentName = record.assignedTo?.name ?? agent.name;
    const intro = this.plainText(record.language, t(record.language, 'case.agentAnswer', { agent: agentName }));
    const message = await this.store.appendMessage({
      caseId,
      from: 'agent',
      authorName: agentName,
      text: caseText(answer.text, MAX_REPORT_CHARS),
      at: this.now().toISOString(),
      delivery: 'pending',
      ...this.heldFlag(record),
    });
    return this.deliverToUser(record, message, [intro, ...answer.activities]);
  }

  /**
   * An agent's internal note: stored with the case and listed with its messages for agents, never
   * sent to the user (no delivery, not relayed, not in the webhook). Any agent may add one, on a
   * case in any state, so a colleague taking over or reading later sees it.
   */
  async agentNote(caseId: string, agent: AgentRef, text: unknown): Promise<RelayMessage> {
    if (typeof text !== 'string' || !text.trim()) throw new EscalationError('bad-request', 'Write the note first ("text").');
    if (text.length > MAX_USER_MESSAGE_CHARS)
      throw new EscalationError('bad-request', `A note is at most ${MAX_USER_MESSAGE_CHARS} characters.`);
    const record = await this.required(caseId);
    return this.appendAndTouch(record, {
      from: 'agent',
      authorName: agent.name,
      text: caseText(text.trim(), MAX_USER_MESSAGE_CHARS),
      delivery: 'delivered',
      internal: true,
    });
  }

  /**
   * Hands an assigned case from the agent who has it to another agent: the case stays assigned
   * (no trip through the queue), the outboxes hear "assigned" (the Teams card and the webhook name
   * the new agent) and the user is told who continues. Handing it to the queue is `release`.
   */
  async transfer(caseId: string, from: AgentRef, to: AgentRef): Promise<CaseRecord> {
    await this.assignedTo(caseId, from);
    if (to.id === from.id) throw new EscalationError('bad-request', 'You already have this case.');
    const saved = await this.mutate(
      caseId,
      (current, details) => {
        if (current.status !== 'assigned' || current.assignedTo?.id !== from.id) return 'skip';
        current.assignedTo = { id: to.id, name: to.name };
        current.assignedAt = this.now().toISOString();
        details.surface = 'desk';
        return undefined;
      },
      'assigned',
    );
    if (!saved || saved.assignedTo?.id !== to.id) throw new EscalationError('not-assigned', `Case ${caseId} is not assigned to you.`);
    this.options.logger.info(`handoff: case ${caseId} transferred to another agent`);
    await this.tellUser(saved, 'case.agentTransferred', { from: from.name, agent: to.name });
    return saved;
  }

  async release(caseId: string, agent: AgentRef): Promise<CaseRecord> {
    await this.assignedTo(caseId, agent);
    const saved = await this.mutate(
      caseId,
      (current, details) => {
        if (current.status !== 'assigned' || current.assignedTo?.id !== agent.id) return 'skip';
        current.status = 'queued';
        delete current.assignedTo;
        delete current.assignedAt;
        delete details.surface;
        return undefined;
      },
      'released',
    );
    if (!saved || saved.status !== 'queued') throw new EscalationError('not-assigned', `Case ${caseId} is not assigned to you.`);
    const position = (await this.store.queuePosition(caseId)) ?? 1;
    await this.tellUser(saved, 'case.agentReleased', { agent: agent.name, position });
    return saved;
  }

  /** Closes a case: the agent who has it, or any agent while it is still queued. */
  async close(caseId: string, agent: AgentRef): Promise<CaseRecord> {
    const record = await this.required(caseId);
    if (record.status === 'closed') return record;
    if (record.status === 'assigned' && record.assignedTo?.id !== agent.id) {
      throw new EscalationError('not-assigned', `Case ${caseId} is handled by ${record.assignedTo?.name ?? 'another agent'}.`, {
        assignedTo: record.assignedTo,
      });
    }
    const closed = await this.closeRecord(caseId, 'agent', agent);
    if (!closed) throw new EscalationError('not-found', `There is no case ${caseId}.`);
    return closed;
  }

  // ---------------------------------------------------------------- contact centers

  /** A `handoff.status` event from an agent hub (accepted, failed, completed), in the user's conversation. */
  async contactCenterStatus(context: TurnContext, state: string, message?: string): Promise<void> {
    const record = await this.store.openCaseFor(context.activity.channelId ?? '', context.activity.conversation?.id ?? '');
    if (!record) {
      this.options.logger.warn(`handoff.status "${state}" for a conversation without an open case (channel ${context.activity.channelId})`);
      return;
    }
    // Direct Line lets a client send events too: a status "from" the user's own account is not a contact center's.
    const userId = (record.conversationReference as { user?: { id?: string } }).user?.id;
    if (userId && context.activity.from?.id === userId) {
      this.options.logger.warn(`handoff.status from the user's own account ignored (case ${record.id})`);
      return;
    }
    const language = record.language;
    const at = this.now().toISOString();
    const reason = message ? caseText(message, 300) : undefined;
    const note = (details: EscalationDetails) => {
      details.contactCenter = { state, ...(reason ? { message: reason } : {}), at };
    };
    const reply = async (key: StringKey, params: Record<string, string | number> = {}, extra: Array<Partial<Activity>> = []) => {
      const text = t(language, key, { caseId: record.id, ...params });
      await context.sendActivities([this.plainText(language, text), ...extra]);
      await this.appendAndTouch(record, { from: 'system', text, delivery: 'delivered' });
    };
    if (state === 'accepted') {
      const agent = {
        id: `contact-center:${caseText(context.activity.from?.id ?? 'hub', 80)}`,
        name: caseText(context.activity.from?.name?.trim() || 'Support', 100),
      };
      const claim = await this.store.claim(record.id, agent);
      await this.mutate(
        record.id,
        (_current, details) => {
          note(details);
          if (claim.ok) details.surface = 'contact-center';
        },
        claim.ok ? 'assigned' : 'summary',
      );
      // Only a claim that succeeded is news to the user: when a desk agent already has the case,
      // the user is talking to them (and heard so); the desk sees the contact center's state.
      if (claim.ok) await reply('case.contactCenterAccepted');
      else
        this.options.logger.warn(
          `handoff.status "accepted" for case ${record.id}, which is ${claim.reason === 'closed' ? 'closed' : 'already taken'}: not announced to the user`,
        );
    } else if (state === 'failed') {
      await this.mutate(record.id, (_current, details) => note(details), 'summary');
      await reply('case.contactCenterFailed', { reason: reason ? ` (${reason})` : '' });
    } else if (state === 'completed') {
      await this.mutate(record.id, (_current, details) => note(details), 'summary');
      await this.closeRecord(record.id, 'contact-center');
      await reply('case.contactCenterCompleted', {}, [
        cardActivity(buildRatingCard(language, record.id), t(language, 'case.rate.prompt', { caseId: record.id })),
      ]);
    } else {
      this.options.logger.info(`handoff.status "${caseText(state, 40)}" ignored (case ${record.id})`);
    }
  }

  // ---------------------------------------------------------------- timeouts, retries, recovery

  /**
   * One pass over what time or failures left to do: the "nobody is free" notice for cases queued
   * longer than HANDOFF_WAIT_MINUTES, and whatever an outbox is still owed. Never runs twice at once.
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce().finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  /** At start: messages a crash left pending are sent again, then a sweep over the last week. */
  async recover(): Promise<void> {
    const now = this.now().getTime();
    const open = [...(await this.store.list('queued', { limit: 1000 })), ...(await this.store.list('assigned', { limit: 1000 }))];
    for (const record of open) {
      for (const message of await this.store.messages(record.id)) {
        if (message.delivery !== 'pending' || now - Date.parse(message.at) < STALE_PENDING_MS) continue;
        if (message.from === 'user') {
          const delivered = await this.relayToAgent(record, message);
          if (delivered) await this.store.setDelivery(record.id, message.seq, 'delivered');
        } else {
          await this.deliverToUser(record, message, [
            this.plainText(
              record.language,
              message.from === 'agent'
                ? t(record.language, 'case.agentSays', { agent: message.authorName ?? '', text: message.text })
                : message.text,
            ),
          ]).catch(() => undefined);
        }
      }
    }
    await this.sweepOnce(7 * 24 * 3600_000);
  }

  private async sweepOnce(windowMs = 3600_000): Promise<void> {
    const now = this.now();
    if (this.config.waitMinutes >= 0) {
      for (const record of await this.store.list('queued', { limit: 1000 })) {
        const details = detailsOf(record);
        if (details.nobodyNotice || now.getTime() - Date.parse(record.createdAt) < this.config.waitMinutes * 60_000) continue;
        await this.noticeNobody(record.id).catch((error) =>
          this.options.logger.warn(`handoff: notice for case ${record.id} failed: ${deliveryError(error).message}`),
        );
      }
    }
    if (this.outboxes.length === 0) return;
    const seen = new Map<string, CaseRecord>();
    for (const record of await this.store.changedSince(new Date(now.getTime() - windowMs).toISOString(), { limit: 2000 }))
      seen.set(record.id, record);
    for (const status of ['queued', 'assigned'] as const)
      for (const record of await this.store.list(status, { limit: 1000 })) seen.set(record.id, record);
    for (const record of seen.values()) {
      for (const outbox of this.outboxes) if (outbox.owes(record, now)) await outbox.flush(record.id);
    }
  }

  private async noticeNobody(caseId: string): Promise<void> {
    let claimed = false;
    const record = await this.mutate(
      caseId,
      (current, details) => {
        if (current.status !== 'queued' || details.nobodyNotice) return 'skip';
        details.nobodyNotice = { at: this.now().toISOString(), delivered: false };
        claimed = true;
        return undefined;
      },
      'summary',
    );
    if (!claimed || !record) return;
    const message = await this.tellUser(record, 'case.nobody', { minutes: Math.round(this.config.waitMinutes) });
    await this.mutate(
      caseId,
      (_current, details) => {
        if (!details.nobodyNotice) return 'skip';
        details.nobodyNotice.delivered = message.delivery === 'delivered';
        if (message.error) details.nobodyNotice.error = message.error;
        return undefined;
      },
      'summary',
    );
  }

  // ---------------------------------------------------------------- internals

  private async ticketFor(record: CaseRecord): Promise<CaseTicket> {
    const position = record.status === 'queued' ? await this.store.queuePosition(record.id) : undefined;
    return ticketOf(record, position, this.config.officeHours?.text);
  }

  /** The case if it belongs to the turn's conversation: nobody else's case is ever reachable. */
  private async owned(context: TurnContext, caseId: string): Promise<CaseRecord | undefined> {
    const record = await this.store.get(caseId);
    if (!record) return undefined;
    if (record.channelId !== (context.activity.channelId ?? '') || record.conversationId !== (context.activity.conversation?.id ?? ''))
      return undefined;
    return record;
  }

  private async required(caseId: string): Promise<CaseRecord> {
    const record = await this.store.get(caseId);
    if (!record) throw new EscalationError('not-found', `There is no case ${caseId}.`);
    return record;
  }

  private async assignedTo(caseId: string, agent: AgentRef): Promise<CaseRecord> {
    const record = await this.required(caseId);
    if (record.status === 'closed') throw new EscalationError('closed', `Case ${caseId} is closed.`);
    if (record.status !== 'assigned') throw new EscalationError('not-assigned', `Take case ${caseId} first.`);
    if (record.assignedTo?.id !== agent.id) {
      throw new EscalationError('not-assigned', `Case ${caseId} is handled by ${record.assignedTo?.name ?? 'another agent'}.`, {
        assignedTo: record.assignedTo,
      });
    }
    return record;
  }

  private async closeRecord(
    caseId: string,
    by: NonNullable<EscalationDetails['closedBy']>,
    agent?: AgentRef,
  ): Promise<CaseRecord | undefined> {
    let closedNow = false;
    const saved = await this.mutate(
      caseId,
      (current, details) => {
        if (current.status === 'closed') return 'skip';
        current.status = 'closed';
        current.closedAt = this.now().toISOString();
        details.closedBy = by;
        closedNow = true;
        return undefined;
      },
      'closed',
    );
    if (!saved || !closedNow) return saved;
    this.options.logger.info(`handoff: case ${caseId} closed by ${by}`);
    if (by === 'agent') {
      const name = agent?.name ?? saved.assignedTo?.name ?? '';
      const rating = cardActivity(buildRatingCard(saved.language, caseId), t(saved.language, 'case.rate.prompt', { caseId }));
      await this.tellUser(saved, 'case.closedByAgent', { agent: name }, [rating]);
    } else if (by === 'user') {
      await this.appendAndTouch(saved, { from: 'system', text: t(saved.language, 'agent.cancelled', { caseId }), delivery: 'delivered' });
    }
    return saved;
  }

  /** A notice to the user (stored first, then sent; the outcome is on the message). */
  private async tellUser(
    record: CaseRecord,
    key: StringKey,
    params: Record<string, string | number>,
    extra: Array<Partial<Activity>> = [],
    /** The notice as a card (its text is what is stored); plain text otherwise. */
    asCard?: (text: string) => Partial<Activity>,
  ): Promise<RelayMessage> {
    const text = t(record.language, key, { caseId: record.id, ...params });
    const message = await this.store.appendMessage({
      caseId: record.id,
      from: 'system',
      text,
      at: this.now().toISOString(),
      delivery: 'pending',
      ...this.heldFlag(record),
    });
    const notice = asCard ? asCard(text) : this.plainText(record.language, text);
    return this.deliverToUser(record, message, [notice, ...extra]).catch((error: unknown) => {
      // A notice that did not arrive is recorded on the message (the desk shows it), never thrown at whoever changed the case.
      if (error instanceof EscalationError && error.code === 'not-delivered')
        return { ...message, delivery: 'failed' as const, error: error.message };
      throw error;
    });
  }

  /** Sends a stored message to the user; records delivered/failed; throws not-delivered on a refusal. */
  private async deliverToUser(record: CaseRecord, message: RelayMessage, activities: Array<Partial<Activity>>): Promise<RelayMessage> {
    let delivered: RelayMessage;
    try {
      await this.options.sender.send(record.conversationReference, activities);
      await this.store.setDelivery(record.id, message.seq, 'delivered');
      delivered = { ...message, delivery: 'delivered' };
    } catch (error) {
      const refusal = deliveryError(error);
      const reason = refusal.message;
      await this.store.setDelivery(record.id, message.seq, 'failed', reason);
      this.options.logger.warn(`handoff: message ${message.seq} of case ${record.id} not delivered: ${reason}`);
      const failed: RelayMessage = { ...message, delivery: 'failed', error: reason };
      await this.touch(record.id, failed);
      throw new EscalationError('not-delivered', `Not delivered to the customer: ${reason}.`, {
        message: failed,
        reason: refusal.reason ?? { key: 'agent.delivery.other', params: { reason } },
      });
    }
    await this.touch(record.id, delivered);
    return delivered;
  }

  /** Marks a message to a user who is not connected now: the channel keeps it, the agent is told. */
  private heldFlag(record: CaseRecord): { heldForCustomer?: true } {
    return detailsOf(record).presence?.state === 'away' ? { heldForCustomer: true } : {};
  }

  private async appendAndTouch(
    record: CaseRecord,
    message: Pick<RelayMessage, 'from' | 'text' | 'delivery'> & { authorName?: string; note?: RelayMessage['note']; internal?: true },
  ): Promise<RelayMessage> {
    const stored = await this.store.appendMessage({ caseId: record.id, at: this.now().toISOString(), ...message });
    await this.touch(record.id, stored);
    return stored;
  }

  /** Notes the newest message on the case, so other instances' desks see the change (changedSince). */
  private async touch(caseId: string, message: RelayMessage): Promise<void> {
    const saved = await this.mutate(caseId, (_current, details) => {
      if ((details.lastMessageSeq ?? 0) > message.seq) return 'skip';
      this.noteMessage(details, message);
      return undefined;
    });
    if (saved) this.emit({ kind: 'message', record: saved, message });
  }

  private noteMessage(details: EscalationDetails, message: RelayMessage): void {
    if (message.seq < (details.lastMessageSeq ?? 0)) return;
    details.lastMessageSeq = message.seq;
    details.lastMessageAt = message.at;
    details.lastMessageFrom = message.internal ? 'note' : message.from;
  }

  private async relayToAgent(record: CaseRecord, message: RelayMessage): Promise<boolean> {
    if (record.status !== 'assigned') return true;
    for (const relay of this.relays) {
      const outcome = await relay.relay(record, message).catch(() => false);
      if (outcome === false) return false;
    }
    return true;
  }

  private plainText(language: Language, text: string): Partial<Activity> {
    const activity = MessageFactory.text(text);
    activity.textFormat = 'plain';
    activity.locale = language === 'de' ? 'de-DE' : 'en-US';
    return activity;
  }

  private mark(details: EscalationDetails, kind: CaseEventKind, at: string): void {
    for (const outbox of this.outboxes) outbox.mark?.(details, kind, at);
  }

  /**
   * Re-reads the case, applies the change and writes it conditionally, again on a conflict.
   * `kind` names the change for the outboxes (noted in the same write) and the listeners.
   */
  async mutate(caseId: string, change: CaseChange, kind?: CaseEventKind): Promise<CaseRecord | undefined> {
    const result = await mutateCase(this.store, caseId, change, (_record, details) => {
      if (kind) this.mark(details, kind, this.now().toISOString());
    });
    if (result?.written && kind) this.changed(kind, result.record);
    return result?.record;
  }

  /** After a write: listeners hear of it, outboxes deliver what it owes them (in the background). */
  private changed(kind: CaseEventKind, record: CaseRecord): void {
    this.emit({ kind, record });
    const now = this.now();
    for (const outbox of this.outboxes) {
      if (outbox.owes(record, now)) this.track(outbox.flush(record.id));
    }
  }

  private emit(event: CaseEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn(`handoff: a case listener failed: ${(error as Error).message}`);
      }
    }
  }

  /** Work that runs after the answer (outbox deliveries): kept so shutdown and tests can wait for it. */
  track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error) => this.options.logger.warn(`handoff: background delivery failed: ${deliveryError(error).message}`))
      .finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }
}
