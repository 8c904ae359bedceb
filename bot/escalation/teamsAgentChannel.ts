/**
 * Microsoft Teams as an agent desk: the agents' channel (or group chat) named by
 * AGENT_TEAMS_CONVERSATION_ID, where the bot is installed.
 *
 * - New cases arrive as a card (a new thread in a channel) with the summary and *Take case*.
 * - The agent who takes it relays through the card's thread: their messages there that mention
 *   the bot go to the customer, the customer's messages and the bot's upload reports appear
 *   there. In a group chat (no threads) the agent starts the message with the case number.
 * - The card is updated to "Taken by <name>" (and later "Closed"), so nobody takes it twice; the
 *   claim itself is atomic in the store, so two agents clicking at once get one winner.
 * Posting and updating cards is an outbox: what a card owes is derived from the case, so after a
 * failure or a restart the sweep brings every card up to date.
 */
import { type Activity, type CloudAdapter, type ConversationReference, MessageFactory, type TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { Language } from '../../knowledge/types';
import { cardActivity } from '../../dialogs/replies';
import { type StringKey, t } from '../../dialogs/strings';
import { removeBotMention } from '../supportBot';
import type { Logger } from '../logging/logger';
import type { AgentRef, CaseRecord, CaseStore, RelayMessage } from '../cases/caseStore';
import type { TeamsAgentConfig } from './config';
import { detailsOf, type TeamsCardState } from './details';
import { type AgentRelay, EscalationError, type EscalationService } from './escalationService';
import type { CaseOutbox } from './events';
import { mutateCase } from './mutateCase';
import { type Reason, reasonText } from './reason';
import { deliveryError, type ProactiveSender } from './proactive';
import { buildAgentCaseCard, cardStateKey, parseAgentAction } from './teamsCards';

const MAX_ATTEMPTS = 6;
const LEASE_MS = 30_000;

export interface TeamsAgentChannelOptions {
  config: TeamsAgentConfig;
  store: CaseStore;
  service: EscalationService;
  sender: ProactiveSender;
  adapter: CloudAdapter;
  /** The bot's app id (empty in local mode). */
  appId: string;
  logger: Logger;
  deskUrl?: (caseId: string) => string | undefined;
  now?: () => Date;
}

/** The channel part of a Teams conversation id ("19:x@thread.tacv2;messageid=1" -> "19:x@thread.tacv2"). */
export function baseConversationId(id: string | undefined): string {
  return (id ?? '').split(';')[0];
}

export function isTeamsChannel(conversationId: string): boolean {
  return /@thread\.(tacv2|skype)$/.test(conversationId);
}

export class TeamsAgentChannel implements CaseOutbox, AgentRelay {
  readonly name = 'teams';
  private readonly now: () => Date;
  private serviceUrl: string;
  private readonly flushing = new Map<string, Promise<void>>();

  constructor(private readonly options: TeamsAgentChannelOptions) {
    this.now = options.now ?? (() => new Date());
    this.serviceUrl = options.config.serviceUrl;
  }

  private get language(): Language {
    return this.options.config.language;
  }

  private get isChannel(): boolean {
    return isTeamsChannel(this.options.config.conversationId);
  }

  /** Whether an incoming activity comes from the agents' conversation. */
  matches(context: TurnContext): boolean {
    return (
      context.activity.channelId === 'msteams' &&
      baseConversationId(context.activity.conversation?.id) === this.options.config.conversationId
    );
  }

  // ------------------------------------------------------------------ outbox: the case cards

  owes(record: CaseRecord, now: Date): boolean {
    const card = detailsOf(record).teams;
    if (!card) return record.status !== 'closed';
    const time = now.toISOString();
    if ((card.leaseUntil && card.leaseUntil > time) || (card.nextAttemptAt && card.nextAttemptAt > time)) return false;
    if (card.state === 'failed' && card.attempts >= MAX_ATTEMPTS) return false;
    if (!card.activityId) return record.status !== 'closed';
    return card.shows !== cardStateKey(record);
  }

  flush(caseId: string): Promise<void> {
    const running = this.flushing.get(caseId);
    if (running) return running;
    const work = this.flushOnce(caseId).finally(() => this.flushing.delete(caseId));
    this.flushing.set(caseId, work);
    return work;
  }

  private async flushOnce(caseId: string): Promise<void> {
    const leased = await mutateCase(this.options.store, caseId, (record, details) => {
      if (!this.owes(record, this.now())) return 'skip';
      const card: TeamsCardState = (details.teams ??= { state: 'pending', attempts: 0 });
      card.leaseUntil = new Date(this.now().getTime() + LEASE_MS).toISOString();
      return undefined;
    });
    if (!leased?.written) return;
    const record = leased.record;
    const current = detailsOf(record).teams as TeamsCardState;
    const shows = cardStateKey(record);
    try {
      const posted = current.activityId ? await this.updateCard(record, current) : await this.postCard(record);
      await mutateCase(this.options.store, caseId, (_record, details) => {
        details.teams = { ...posted, state: 'posted', shows, attempts: 0 };
      });
    } catch (error) {
      const reason = deliveryError(error).message;
      this.options.logger.warn(`handoff: Teams card of case ${caseId} not ${current.activityId ? 'updated' : 'posted'}: ${reason}`);
      await mutateCase(this.options.store, caseId, (_record, details) => {
        const card: TeamsCardState = (details.teams ??= { state: 'pending', attempts: 0 });
        delete card.leaseUntil;
        card.attempts += 1;
        card.lastError = reason;
        card.state = card.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
        card.nextAttemptAt = new Date(this.now().getTime() + this.options.config.retryBaseMs * 2 ** (card.attempts - 1)).toISOString();
      });
    }
  }

  private reference(conversationId: string, serviceUrl = this.serviceUrl): Partial<ConversationReference> {
    const { tenantId } = this.options.config;
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: conversationId,
        isGroup: true,
        conversationType: this.isChannel ? 'channel' : 'groupChat',
        name: '',
        ...(tenantId ? { tenantId } : {}),
      },
      bot: { id: this.options.appId || 'bot', name: 'Mailflow TLS bot' },
    };
  }

  private cardActivity(record: CaseRecord): Partial<Activity> {
    return cardActivity(
      buildAgentCaseCard(record, this.language, this.options.deskUrl?.(record.id)),
      t(this.language, 'agent.card.title', { caseId: record.id }),
    );
  }

  /** A new thread in the channel (or a message in the group chat) with the case card. */
  private async postCard(record: CaseRecord): Promise<Omit<TeamsCardState, 'state' | 'attempts'>> {
    const channel = this.options.config.conversationId;
    const activity = this.cardActivity(record);
    if (!this.isChannel) {
      const [id] = await this.options.sender.send(this.reference(channel), [activity]);
      return { conversationId: channel, activityId: id, serviceUrl: this.serviceUrl };
    }
    let created: { id?: string; activityId?: string } = {};
    await this.options.sender.run(this.reference(channel), async (context) => {
      const client = context.turnState.get<ConnectorClient>(this.options.adapter.ConnectorClientKey);
      const { tenantId } = this.options.config;
      created = await client.conversations.createConversation({
        isGroup: true,
        bot: { id: this.options.appId || 'bot', name: 'Mailflow TLS bot' },
        channelData: { channel: { id: channel }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
        activity: { ...activity, type: 'message' } as Activity,
        ...(tenantId ? { tenantId } : {}),
      });
    });
    const activityId = created.activityId ?? /;messageid=(.+)$/.exec(created.id ?? '')?.[1];
    if (!activityId) throw new Error('Teams did not return the id of the new post');
    return {
      conversationId: created.id?.includes(';messageid=') ? created.id : `${channel};messageid=${activityId}`,
      activityId,
      serviceUrl: this.serviceUrl,
    };
  }

  private async updateCard(record: CaseRecord, card: TeamsCardState): Promise<Omit<TeamsCardState, 'state' | 'attempts'>> {
    const activity = { ...this.cardActivity(record), id: card.activityId, type: 'message' };
    await this.options.sender.run(
      this.reference(card.conversationId ?? this.options.config.conversationId, card.serviceUrl),
      async (context) => {
        await context.updateActivity(activity);
      },
    );
    return { conversationId: card.conversationId, activityId: card.activityId, serviceUrl: card.serviceUrl };
  }

  // ------------------------------------------------------------------ relay: customer -> thread

  async relay(record: CaseRecord, message: RelayMessage): Promise<boolean | undefined> {
    const details = detailsOf(record);
    const card = details.teams;
    if (details.surface !== 'teams' || !card?.activityId) return undefined;
    const text =
      message.from === 'user'
        ? t(this.language, 'agent.userSaid', { text: message.text })
        : t(this.language, 'agent.botNote', { text: message.text });
    try {
      await this.options.sender.send(this.reference(card.conversationId ?? this.options.config.conversationId, card.serviceUrl), [
        this.plain(this.isChannel ? text : `#${record.id} ${text}`),
      ]);
      if (message.delivery !== 'delivered') await this.options.store.setDelivery(record.id, message.seq, 'delivered');
      return true;
    } catch (error) {
      const reason = deliveryError(error).message;
      this.options.logger.warn(`handoff: message ${message.seq} of case ${record.id} not relayed to Teams: ${reason}`);
      await this.options.store.setDelivery(record.id, message.seq, 'failed', `Teams: ${reason}`);
      return false;
    }
  }

  // ------------------------------------------------------------------ incoming: agents act

  async handle(context: TurnContext): Promise<void> {
    if (context.activity.serviceUrl) this.serviceUrl = context.activity.serviceUrl;
    if (context.activity.type !== 'message') return;
    const agent: AgentRef = {
      id: String(context.activity.from?.aadObjectId ?? context.activity.from?.id ?? ''),
      name: (context.activity.from?.name ?? '').trim().slice(0, 100) || 'Agent',
    };
    const action = parseAgentAction(context.activity.value);
    if (action) return this.act(context, action.action, action.caseId, agent);
    removeBotMention(context);
    const text = (context.activity.text ?? '').trim();
    if (!text) return;
    if (/^(agent channel id|channel id|kanal-?id)$/i.test(text)) {
      await this.say(context, 'agent.channelId', { id: baseConversationId(context.activity.conversation?.id) });
      return;
    }
    const target = await this.caseForMessage(context, agent, text);
    if (!target) {
      await this.say(context, 'agent.noCase');
      return;
    }
    try {
      await this.options.service.agentMessage(target.record.id, agent, target.text);
    } catch (error) {
      await this.reportFailure(context, error, target.record.id);
    }
  }

  private async act(
    context: TurnContext,
    action: 'desk-take' | 'desk-release' | 'desk-close',
    caseId: string,
    agent: AgentRef,
  ): Promise<void> {
    const { service } = this.options;
    try {
      if (action === 'desk-take') {
        await service.take(caseId, agent, 'teams');
        await this.say(context, this.isChannel ? 'agent.taken' : 'agent.takenGroupChat', { agent: agent.name, caseId });
      } else if (action === 'desk-release') {
        await service.release(caseId, agent);
        await this.say(context, 'agent.released', { caseId });
      } else {
        await service.close(caseId, agent);
        await this.say(context, 'agent.closed', { caseId });
      }
    } catch (error) {
      await this.reportFailure(context, error, caseId);
    }
  }

  /** The case an agent's message is for: the card's thread (channel) or "#CASE ..." (group chat). */
  private async caseForMessage(
    context: TurnContext,
    agent: AgentRef,
    text: string,
  ): Promise<{ record: CaseRecord; text: string } | undefined> {
    const root = /;messageid=(.+)$/.exec(context.activity.conversation?.id ?? '')?.[1];
    const assigned = await this.options.store.list('assigned', { limit: 1000 });
    const prefixed = /^#([A-Za-z0-9-]{4,40})\s+([\s\S]+)$/.exec(text);
    if (prefixed) {
      const record =
        assigned.find((candidate) => candidate.id.toUpperCase() === prefixed[1].toUpperCase()) ??
        (await this.options.store.get(prefixed[1].toUpperCase()));
      if (record) return { record, text: prefixed[2] };
    }
    if (root) {
      const record = assigned.find((candidate) => detailsOf(candidate).teams?.activityId === root);
      return record ? { record, text } : undefined;
    }
    const mine = assigned.filter((candidate) => candidate.assignedTo?.id === agent.id && detailsOf(candidate).surface === 'teams');
    return mine.length === 1 ? { record: mine[0], text } : undefined;
  }

  private async reportFailure(context: TurnContext, error: unknown, caseId: string): Promise<void> {
    if (!(error instanceof EscalationError)) throw error;
    const holder = (error.details.assignedTo as AgentRef | undefined)?.name ?? '?';
    // The reason in the agents' language, inside a frame in the same language.
    const reason = error.details.reason as Reason | undefined;
    const said = reason ? reasonText(this.language, reason) : error.message;
    if (error.code === 'taken') await this.say(context, 'agent.alreadyTaken', { caseId, agent: holder });
    else if (error.code === 'not-assigned' && error.details.assignedTo)
      await this.say(context, 'agent.notYours', { caseId, agent: holder });
    else if (error.code === 'not-delivered') await this.say(context, 'agent.notDelivered', { error: said });
    else if (error.code === 'bad-request') await this.say(context, 'agent.rejected', { reason: said });
    else if (error.code === 'closed') await this.say(context, 'agent.closed', { caseId });
    else await this.say(context, 'agent.noCase');
  }

  private plain(text: string): Partial<Activity> {
    const activity = MessageFactory.text(text);
    activity.textFormat = 'plain';
    return activity;
  }

  private async say(context: TurnContext, key: StringKey, params: Record<string, string | number> = {}): Promise<void> {
    await context.sendActivity(this.plain(t(this.language, key, params)));
  }
}
