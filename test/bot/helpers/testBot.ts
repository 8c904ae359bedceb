/**
 * The real bot (dialogs, knowledge core, attachment fetcher) on a TestAdapter with MemoryStorage:
 * for conversation tests where persistence is not the point.
 */
import { type Activity, MemoryStorage, type Storage, TestAdapter } from 'botbuilder';
import { installTurnErrorHandler } from '../../../bot/turnErrorHandler';
import type { Logger } from '../../../bot/logging/logger';
import type { CaseStore } from '../../../bot/cases/caseStore';
import { loadConfig } from '../../../bot/config';
import { ContactCenterBridge } from '../../../bot/escalation/contactCenter';
import { EscalationService } from '../../../bot/escalation/escalationService';
import { EscalationTurnRouter } from '../../../bot/escalation/turnRouter';
import { buildBot, type BotParts } from '../../../bot/index';
import type { CaseSummary, HandoffPort, TranscriptLine } from '../../../dialogs/ports';
import { inMemoryCaseStore, RecordingSender } from '../../helpers/escalation';

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
  /** Cases opened through this bot (the real escalation service over an in-memory case store). */
  handoffs: RecordedHandoff[];
  cases: CaseStore;
  escalation: EscalationService;
  /** What the escalation sent proactively (agent messages, notices) instead of a channel. */
  proactive: RecordingSender;
  /** Sends one activity (or text) and returns every reply of that turn. */
  send(activity: Partial<Activity> | string): Promise<Array<Partial<Activity>>>;
}

export interface TestBotOptions {
  channelId?: string;
  locale?: string;
  conversationId?: string;
  env?: Record<string, string>;
  storage?: Storage;
  /** Share the case store of another test bot. */
  cases?: CaseStore;
  /** Also send the contact-center activities (handoff.initiate) into the conversation. */
  realHandoff?: boolean;
}

export function makeTestBot(options: TestBotOptions = {}): TestBot {
  const storage = options.storage ?? new MemoryStorage();
  const config = loadConfig({ PORT: '0', ...(options.env ?? {}) });
  const handoffs: RecordedHandoff[] = [];
  const cases = options.cases ?? inMemoryCaseStore();
  const proactive = new RecordingSender();
  const escalation = new EscalationService({
    store: cases,
    sender: proactive,
    config: config.escalation,
    logger: silentLogger,
    contactCenter: options.realHandoff
      ? new ContactCenterBridge({ d365Tags: config.escalation.d365Tags, logger: silentLogger })
      : undefined,
  });
  const recorder: HandoffPort = {
    open: async (context, request) => {
      const ticket = await escalation.open(context, request);
      if (ticket.created) handoffs.push({ summary: request.summary, transcript: request.transcript });
      return ticket;
    },
    ticket: (context, caseId) => escalation.ticket(context, caseId),
    openTicket: (context) => escalation.openTicket(context),
    userMessage: (context, caseId, text) => escalation.userMessage(context, caseId, text),
    uploadReport: (context, caseId, report, summary) => escalation.uploadReport(context, caseId, report, summary),
    cancel: (context, caseId) => escalation.cancel(context, caseId),
    setContact: (context, caseId, email) => escalation.setContact(context, caseId, email),
    rate: (context, caseId, score, comment) => escalation.rate(context, caseId, score, comment),
    setLanguage: (context, caseId, language) => escalation.setLanguage(context, caseId, language),
  };
  const parts = buildBot(
    config,
    { storage, description: 'memory', close: () => Promise.resolve() },
    { logger: silentLogger, handoff: recorder },
  );
  const router = new EscalationTurnRouter(parts.bot, escalation);
  // TestAdapter's template would override the activity, so everything goes into defaults instead.
  const defaults: Partial<Activity> = {
    locale: options.locale,
    channelId: options.channelId ?? 'emulator',
    conversation: { id: options.conversationId ?? 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Admin', role: 'user' },
    recipient: { id: 'bot-1', name: 'Mailflow bot', role: 'bot' },
  };
  const adapter = new TestAdapter(async (context) => router.run(context));
  installTurnErrorHandler(adapter, (context) => parts.dialog.languageFor(context), silentLogger);
  return {
    ...parts,
    adapter,
    storage,
    handoffs,
    cases,
    escalation,
    proactive,
    async send(activity) {
      adapter.activeQueue.splice(0);
      const partial =
        typeof activity === 'string' ? { ...defaults, type: 'message', text: activity } : { ...defaults, type: 'message', ...activity };
      await adapter.processActivity(partial);
      return adapter.activeQueue.splice(0);
    },
  };
}

/** The Adaptive Cards among the replies. */
export function cardsIn(replies: Array<Partial<Activity>>): Array<Record<string, unknown>> {
  return replies.flatMap((reply) =>
    (reply.attachments ?? [])
      .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
      .map((a) => a.content as Record<string, unknown>),
  );
}

/** Everything a user would read in these replies (texts and card texts), as one string. */
export function visibleText(replies: Array<Partial<Activity>>): string {
  const parts: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') parts.push(record[key]);
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
