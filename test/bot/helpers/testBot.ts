/**
 * The real bot (dialogs, knowledge core, attachment fetcher) on a TestAdapter with MemoryStorage:
 * for conversation tests where persistence is not the point.
 */
import { type Activity, MemoryStorage, type Storage, TestAdapter } from 'botbuilder';
import { installTurnErrorHandler, type Logger } from '../../../bot/adapter';
import { loadConfig } from '../../../bot/config';
import { buildBot, type BotParts } from '../../../bot/index';
import type { CaseSummary, HandoffPort, TranscriptLine } from '../../../dialogs/ports';

export const silentLogger: Logger & { errors: unknown[] } = {
  errors: [],
  info: () => undefined,
  warn: () => undefined,
  error(_message: string, error?: unknown) {
    this.errors.push(error);
  },
};

export interface RecordedHandoff {
  summary: CaseSummary;
  transcript: TranscriptLine[];
}

export interface TestBot extends BotParts {
  adapter: TestAdapter;
  storage: Storage;
  handoffs: RecordedHandoff[];
  /** Sends one activity (or text) and returns every reply of that turn. */
  send(activity: Partial<Activity> | string): Promise<Array<Partial<Activity>>>;
}

export interface TestBotOptions {
  channelId?: string;
  locale?: string;
  conversationId?: string;
  env?: Record<string, string>;
  storage?: Storage;
  /** Replace the handoff with a recorder (default) or use the real Bot Framework handoff. */
  realHandoff?: boolean;
}

export function makeTestBot(options: TestBotOptions = {}): TestBot {
  const storage = options.storage ?? new MemoryStorage();
  const config = loadConfig({ PORT: '0', ...(options.env ?? {}) });
  const handoffs: RecordedHandoff[] = [];
  const recorder: HandoffPort = {
    async initiate(_context, summary, transcript) {
      handoffs.push({ summary, transcript });
    },
  };
  const parts = buildBot(config, { storage, description: 'memory', close: async () => undefined }, { logger: silentLogger, handoff: options.realHandoff ? undefined : recorder });
  // TestAdapter's template would override the activity, so everything goes into defaults instead.
  const defaults: Partial<Activity> = {
    locale: options.locale,
    channelId: options.channelId ?? 'emulator',
    conversation: { id: options.conversationId ?? 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Admin', role: 'user' },
    recipient: { id: 'bot-1', name: 'Mailflow bot', role: 'bot' },
  };
  const adapter = new TestAdapter(async (context) => parts.bot.run(context));
  installTurnErrorHandler(adapter, (context) => parts.dialog.languageFor(context), silentLogger);
  return {
    ...parts,
    adapter,
    storage,
    handoffs,
    async send(activity) {
      adapter.activeQueue.splice(0);
      const partial = typeof activity === 'string' ? { ...defaults, type: 'message', text: activity } : { ...defaults, type: 'message', ...activity };
      await adapter.processActivity(partial);
      return adapter.activeQueue.splice(0);
    },
  };
}

/** The Adaptive Cards among the replies. */
export function cardsIn(replies: Array<Partial<Activity>>): Array<Record<string, unknown>> {
  return replies.flatMap((reply) => (reply.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content as Record<string, unknown>));
}

/** Everything a user would read in these replies (texts and card texts), as one string. */
export function visibleText(replies: Array<Partial<Activity>>): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') parts.push(record[key] as string);
    for (const key of ['body', 'items', 'actions', 'facts', 'columns', 'inlines']) if (record[key]) walk(record[key]);
  };
  for (const reply of replies) {
    if (reply.text) parts.push(reply.text);
    for (const card of cardsIn(replies.filter((r) => r === reply))) walk(card);
  }
  return parts.join('\n');
}

/** Submit payloads of the buttons in the replies (card body first, then the card's actions), by title. */
export function buttons(replies: Array<Partial<Activity>>): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  const add = (actions: unknown) => {
    for (const action of (actions as Array<Record<string, unknown>>) ?? []) {
      if (action.type === 'Action.Submit') map.set(String(action.title), action.data as Record<string, unknown>);
    }
  };
  // In reading order: buttons inside the card body (ActionSets, e.g. a question's options), then the card's own.
  const walk = (elements: unknown) => {
    for (const element of (elements as Array<Record<string, unknown>>) ?? []) {
      if (element.type === 'ActionSet') add(element.actions);
      walk(element.items);
      for (const column of (element.columns as Array<Record<string, unknown>>) ?? []) walk(column.items);
    }
  };
  for (const card of cardsIn(replies)) {
    walk(card.body);
    add(card.actions);
  }
  return map;
}
