/** Handoff parts for tests: a case store in memory (the real SQLite store), a recording sender. */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { SqliteCaseStore } from '../../bot/cases/sqliteCaseStore';
import { DeliveryError, type ProactiveSender } from '../../bot/escalation/proactive';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import type { HandoffPort } from '../../dialogs/ports';

/** The embedded case store on an in-memory SQLite database (gone when closed). */
export function inMemoryCaseStore(): SqliteCaseStore {
  return new SqliteCaseStore(openDatabase(':memory:'), true);
}

export interface SentProactively {
  reference: Partial<ConversationReference>;
  activities: Array<Partial<Activity>>;
}

/** Records proactive sends; `failNext` makes the next sends fail like a refusing channel. */
export class RecordingSender implements ProactiveSender {
  readonly sent: SentProactively[] = [];
  failNext = 0;

  send(reference: Partial<ConversationReference>, activities: Array<Partial<Activity>>): Promise<string[]> {
    if (this.failNext > 0) {
      this.failNext--;
      return Promise.reject(new DeliveryError('the channel answered HTTP 503', 503));
    }
    this.sent.push({ reference, activities });
    return Promise.resolve(activities.map((_, index) => `sent-${this.sent.length}-${index}`));
  }

  run(_reference: Partial<ConversationReference>, _logic: (context: TurnContext) => Promise<void>): Promise<void> {
    return Promise.reject(new DeliveryError('not available in this test'));
  }

  /** Every text sent so far, in order. */
  texts(): string[] {
    return this.sent.flatMap((entry) => entry.activities.map((activity) => activity.text ?? '')).filter(Boolean);
  }
}

/** For dialog tests that never hand over: the conversation has no case; opening one fails the test. */
export const unusedHandoff: HandoffPort = new Proxy({} as HandoffPort, {
  get: (_target, name) =>
    name === 'openTicket' || name === 'ticket'
      ? () => Promise.resolve(undefined)
      : () => {
          throw new Error(`the handoff was not expected to be used (${String(name)})`);
        },
});
