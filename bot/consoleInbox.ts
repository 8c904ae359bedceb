/**
 * Agents' messages for `npm run chat`. The terminal has no address a channel could call, so a
 * message to a console conversation is not sent anywhere: it waits in the case store (shared by
 * `npm start` and `npm run chat`, the embedded SQLite file) and the console chat reads it from
 * there (ConsoleInbox.poll), the same store the desk writes to.
 */
import type { Activity, ConversationReference, Storage, TurnContext } from 'botbuilder';
import { t } from '../dialogs/strings';
import type { CaseStore, RelayMessage } from './cases/caseStore';
import { DeliveryError, type ProactiveSender } from './escalation/proactive';

export const CONSOLE_CHANNEL = 'console';

/**
 * A sender that takes messages to a console conversation as delivered (they wait in the case
 * store for the console chat) and passes every other conversation to `inner`.
 */
export function consoleAwareSender(inner?: ProactiveSender): ProactiveSender {
  const isConsole = (reference: Partial<ConversationReference>) => reference.channelId === CONSOLE_CHANNEL;
  return {
    send: (reference, activities: Array<Partial<Activity>>) =>
      isConsole(reference) || !inner ? Promise.resolve(activities.map(() => '')) : inner.send(reference, activities),
    run: (reference, logic: (context: TurnContext) => Promise<void>) =>
      isConsole(reference) || !inner
        ? Promise.reject(new DeliveryError('the console chat shows messages only'))
        : inner.run(reference, logic),
  };
}

interface InboxMark {
  caseId?: string;
  seq?: number;
}

/** What the console chat has shown of its case's messages, kept between runs. */
const MARK_KEY = 'console/inbox/console';

export class ConsoleInbox {
  private mark: InboxMark | undefined;

  constructor(
    private readonly cases: CaseStore,
    private readonly storage: Storage,
    private readonly conversationId = 'console',
  ) {}

  /**
   * The agents' and support's messages to this conversation not shown yet, as the user reads them
   * ("Anna Berger (support): ..."), oldest first; notes for agents only and the user's own are left out.
   */
  async poll(): Promise<string[]> {
    this.mark ??= ((await this.storage.read([MARK_KEY]))[MARK_KEY] as InboxMark | undefined) ?? {};
    const open = await this.cases.openCaseFor(CONSOLE_CHANNEL, this.conversationId);
    // A case that closed since the last look still has its last words (the closing notice) to show.
    const caseId = open?.id ?? this.mark.caseId;
    if (!caseId) return [];
    const record = open ?? (await this.cases.get(caseId));
    if (!record) return [];
    const after = this.mark.caseId === caseId ? (this.mark.seq ?? 0) : 0;
    const messages = await this.cases.messages(caseId, after);
    const shown = messages.filter((message) => (message.from === 'agent' || message.from === 'system') && !message.note);
    const last = messages.length > 0 ? messages[messages.length - 1].seq : after;
    if (caseId !== this.mark.caseId || last !== after) {
      this.mark = { caseId, seq: last };
      await this.storage.write({ [MARK_KEY]: { ...this.mark } });
    }
    const lines = shown.map((message) => this.line(record.language, message));
    // Closed by the agent: the rating card is not shown in a terminal, a typed digit rates.
    if (record.status === 'closed' && (record.details as { closedBy?: string }).closedBy === 'agent' && shown.length > 0)
      lines.push(t(record.language, 'console.ratePrompt', { caseId }));
    return lines;
  }

  private line(language: 'de' | 'en', message: RelayMessage): string {
    return message.from === 'agent' ? t(language, 'case.agentSays', { agent: message.authorName ?? '', text: message.text }) : message.text;
  }
}
