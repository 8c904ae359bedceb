/**
 * Replies wait until the turn's state is saved: a user is never told something (an answer, "your
 * request was recorded") that a crash right after would forget, and a save that has to merge
 * with a parallel turn (412) never makes the bot say anything twice. Typing indicators go out at
 * once. Code that needs a real activity id back from the channel (to update a card later) sends
 * with `sendNow`.
 */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';

const SEND_NOW = Symbol('sendNow');

export interface HeldReplies {
  /** Sends what was held, in order; later sends go straight out. */
  release(): Promise<void>;
  /** Stops holding and forgets what was held (the turn failed: its replies must not go out). */
  drop(): void;
}

export function holdReplies(context: TurnContext): HeldReplies {
  let holding = true;
  let held: Array<Partial<Activity>> = [];
  context.onSendActivities(async (ctx, activities, next) => {
    if (!holding || ctx.turnState.get(SEND_NOW) || activities.every((activity) => activity.type === 'typing')) return next();
    const replies = activities.filter((activity) => activity.type !== 'typing');
    held.push(...replies);
    return activities.map((): ResourceResponse => ({ id: '' }));
  });
  return {
    async release() {
      holding = false;
      const replies = held;
      held = [];
      if (replies.length > 0) await context.sendActivities(replies);
    },
    drop() {
      holding = false;
      held = [];
    },
  };
}

/** Sends now, even while the turn's replies are held (the caller needs the channel's activity id). */
export async function sendNow(context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
  context.turnState.set(SEND_NOW, true);
  try {
    return await context.sendActivities(activities);
  } finally {
    context.turnState.delete(SEND_NOW);
  }
}
