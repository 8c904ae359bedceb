/**
 * In front of the support bot: activities that belong to the handoff rather than to a user's
 * support conversation.
 * - Everything from the Teams agents' conversation (AGENT_TEAMS_CONVERSATION_ID) goes to the
 *   Teams agent desk (take, relay, hand back, close).
 * - `handoff.status` events from a contact center (accepted, failed, completed).
 * - `mailflow.presence` events ({"state": "away" | "back"}) from the web chat: the local Direct
 *   Line sends them when the page stops or resumes polling, the page itself when it is hidden or
 *   resumes its conversation. Only noted on the conversation's open case; the bot never answers.
 * - "agent channel id" said to the bot in any Teams channel or group chat answers with the id to
 *   configure (how an operator finds AGENT_TEAMS_CONVERSATION_ID).
 * Everything else is the support bot's.
 */
import { ActivityHandler, MessageFactory, type TurnContext } from 'botbuilder';
import { t } from '../../dialogs/strings';
import { PRESENCE_EVENT } from '../directline/localDirectLine';
import { removeBotMention } from '../supportBot';
import type { EscalationService } from './escalationService';
import { baseConversationId, type TeamsAgentChannel } from './teamsAgentChannel';

const CHANNEL_ID_QUESTION = /^(agent channel id|channel id|kanal-?id)$/i;

/** An ActivityHandler only so the server takes it where it takes the bot; it overrides run(). */
export class EscalationTurnRouter extends ActivityHandler {
  constructor(
    private readonly bot: ActivityHandler,
    private readonly service: EscalationService,
    private readonly teams?: TeamsAgentChannel,
  ) {
    super();
  }

  override async run(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (this.teams?.matches(context)) return this.teams.handle(context);
    if (activity.type === 'event' && activity.name === 'handoff.status') {
      const value = (activity.value ?? {}) as { state?: unknown; message?: unknown };
      const state = typeof value.state === 'string' ? value.state.slice(0, 40) : '';
      const message = typeof value.message === 'string' ? value.message.slice(0, 500) : undefined;
      return this.service.contactCenterStatus(context, state, message);
    }
    if (activity.type === 'event' && activity.name === PRESENCE_EVENT) {
      const state = (activity.value as { state?: unknown } | undefined)?.state;
      if (state === 'away' || state === 'back') await this.service.customerPresence(context, state);
      return;
    }
    const type = activity.conversation?.conversationType;
    if (
      activity.type === 'message' &&
      activity.channelId === 'msteams' &&
      (type === 'channel' || type === 'groupChat') &&
      typeof activity.text === 'string'
    ) {
      const text = (textWithoutMention(context) ?? '').trim();
      if (CHANNEL_ID_QUESTION.test(text)) {
        await context.sendActivity(MessageFactory.text(t('en', 'agent.channelId', { id: baseConversationId(activity.conversation?.id) })));
        return;
      }
    }
    return this.bot.run(context);
  }
}

/** The message text without the bot's @mention, without changing the activity for the bot. */
function textWithoutMention(context: TurnContext): string | undefined {
  const original = context.activity.text;
  removeBotMention(context);
  const text = context.activity.text;
  context.activity.text = original;
  return text;
}
