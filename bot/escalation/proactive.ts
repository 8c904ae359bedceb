/**
 * Proactive messages: into the user's conversation (agent messages, "has joined", the rating)
 * and into the Teams agents' channel, through the adapter's continueConversationAsync and the
 * stored ConversationReference. Resolves only when the channel accepted the activities; a refusal
 * becomes a DeliveryError whose message is safe to show (never the serviceUrl: the local Direct
 * Line's carries its key).
 */
import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { type Reason, reasonText } from './reason';

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    /** The same in catalogue terms, when it is one of the known refusals (for the agents' language). */
    readonly reason?: Reason,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

function known(reason: Reason, status?: number): DeliveryError {
  return new DeliveryError(reasonText('en', reason), status, reason);
}

export interface ProactiveSender {
  /** Activities into the conversation; resolves with their ids once the channel accepted them. */
  send(reference: Partial<ConversationReference>, activities: Array<Partial<Activity>>): Promise<string[]>;
  /** Any proactive work (card updates, new Teams threads), with the same error mapping. */
  run(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** A channel's refusal in words an agent or operator can act on. */
export function deliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const candidate = error as { statusCode?: number; status?: number; code?: string; cause?: { code?: string } };
  const status = candidate?.statusCode ?? candidate?.status;
  if (typeof status === 'number') {
    const key =
      status === 403 || status === 401 ? 'agent.delivery.forbidden' : status === 404 ? 'agent.delivery.gone' : 'agent.delivery.http';
    return known({ key, params: { status } }, status);
  }
  const code = candidate?.code ?? candidate?.cause?.code;
  return known({
    key: 'agent.delivery.unreachable',
    params: { code: typeof code === 'string' && /^[A-Z_]{2,30}$/.test(code) ? ` (${code})` : '' },
  });
}

export class AdapterProactiveSender implements ProactiveSender {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id; empty in local mode. */
    private readonly appId: string,
  ) {}

  async send(reference: Partial<ConversationReference>, activities: Array<Partial<Activity>>): Promise<string[]> {
    let ids: string[] = [];
    await this.run(reference, async (context) => {
      const responses = await context.sendActivities(activities);
      ids = responses.map((response) => response?.id ?? '');
    });
    return ids;
  }

  async run(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    // The adapter hands errors inside the logic to onTurnError (which would try to apologise into
    // this very conversation and swallow the error): catch them here and report them to the caller.
    let failure: unknown;
    let ran = false;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        ran = true;
        // A proactive message is not a reply (to the stored activity, or to the continuation event's
        // made-up id): Web Chat holds a reply for seconds while it waits for the activity it answers.
        context.activity.id = undefined;
        try {
          await logic(context);
        } catch (error) {
          failure = error ?? new Error('failed');
        }
      });
    } catch (error) {
      failure ??= error;
    }
    if (failure !== undefined) throw deliveryError(failure);
    if (!ran) throw known({ key: 'agent.delivery.noTurn' });
  }
}
