/**
 * `npm run chat`: the same bot (same dialogs, same embedded storage) in the terminal.
 * Cards are printed as text; type #N (or just N) to press button N, "/upload PATH" to send a
 * file, "quit" to leave. Lines pasted together arrive as one message. The conversation is kept
 * between runs and the chat says so when it continues one; `npm run chat -- --new` starts fresh.
 */
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  type Storage,
  TurnContext,
} from 'botbuilder';
import type { AdaptiveCard } from '../dialogs/cards/adaptive';
import { cardToText } from '../dialogs/cards/cardToText';
import type { CaseState } from '../dialogs/caseState';
import { languageFromLocale, t } from '../dialogs/strings';
import pino from 'pino';
import { createJsonLogger } from './logging/jsonLogger';
import type { Logger } from './logging/logger';
import { ConsoleInbox, consoleAwareSender } from './consoleInbox';
import { loadConfig } from './config';
import { chooseCaseStore } from './escalation/caseStoreChoice';
import { EscalationService } from './escalation/escalationService';
import { buildBot } from './index';
import { createStorage } from './storage';

class ConsoleAdapter extends BotAdapter {
  submits: Array<{ title: string; data: unknown }> = [];

  constructor(private readonly print: (text: string) => void) {
    super();
  }

  sendActivities(_context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type && activity.type !== 'message') {
        if (activity.name === 'handoff.initiate') this.print('[handoff.initiate sent to the support team]');
        continue;
      }
      if (activity.text) this.print(activity.text);
      for (const attachment of activity.attachments ?? []) {
        if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
        const first = this.submits.length;
        const card = cardToText(attachment.content as AdaptiveCard, first + 1);
        this.submits.push(...card.submits);
        this.print(
          [
            ...card.lines,
            ...card.submits
              .slice(card.shownInLines)
              .map((submit, index) => `  [#${first + card.shownInLines + index + 1}] ${submit.title}`),
            ...card.links.map((link) => `  ${link.title}: ${link.url}`),
          ].join('\n'),
        );
      }
    }
    return Promise.resolve(activities.map((_, index) => ({ id: `${Date.now()}-${index}` })));
  }

  updateActivity(): Promise<ResourceResponse | void> {
    return Promise.reject(new Error('not supported in the console'));
  }

  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('not supported in the console'));
  }

  async continueConversation(_reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.receive({ type: ActivityTypes.Event, name: 'continue' }, logic);
  }

  async receive(partial: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity: Partial<Activity> = {
      channelId: 'console',
      serviceUrl: 'console://',
      conversation: { id: 'console', isGroup: false, conversationType: 'personal', name: 'console' },
      from: { id: 'console-user', name: 'You', role: 'user' },
      recipient: { id: 'mailflow-tls-bot', name: 'Bot', role: 'bot' },
      timestamp: new Date(),
      locale: consoleLocale(),
      ...partial,
    };
    // Button numbers refer to the cards of the latest reply.
    this.submits = [];
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}

function consoleLocale(): string | undefined {
  const lang = (process.env.LC_ALL || process.env.LANG || '').split('.')[0].replace('_', '-');
  return languageFromLocale(lang) ? lang : undefined;
}

/** Where ConversationState keeps the console conversation (channel/conversations/id). */
const CONVERSATION_KEY = 'console/conversations/console';

/**
 * Forgets the stored console conversation when asked to (--new), otherwise reports how much of
 * it there is: the user should know whether a paste joins an old case.
 */
export async function startOrContinue(storage: Storage, fresh: boolean): Promise<{ continued: boolean; findings: number }> {
  if (fresh) {
    await storage.delete([CONVERSATION_KEY]);
    return { continued: false, findings: 0 };
  }
  const stored = (await storage.read([CONVERSATION_KEY]))[CONVERSATION_KEY] as { case?: Partial<CaseState> } | undefined;
  const state = stored?.case;
  if (!state) return { continued: false, findings: 0 };
  return { continued: true, findings: (state.textFindings?.length ?? 0) + (state.certificateFindings?.length ?? 0) };
}

/** A bare number presses that button when the latest reply has one ("2" instead of "#2"). */
export function buttonNumber(text: string, buttons: number): number | undefined {
  const match = /^#?(\d{1,2})\.?$/.exec(text.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return number >= 1 && number <= buttons ? number : undefined;
}

/**
 * Log lines never appear inside the chat: none by default; `--log FILE` appends them to a file,
 * `--verbose` writes them to standard error.
 */
export function chatLogger(args: readonly string[]): Logger {
  const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const at = args.indexOf('--log');
  if (at >= 0 && args[at + 1]) return createJsonLogger({ destination: pino.destination({ dest: args[at + 1], sync: true, append: true }) });
  if (args.includes('--verbose')) return createJsonLogger({ destination: pino.destination({ dest: 2, sync: true }) });
  return silent;
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const args = process.argv.slice(2);
  const logger = chatLogger(args);
  const config = loadConfig();
  const storage = await createStorage(config.storage);
  const print = (text: string) => process.stdout.write(`\nbot> ${text.replace(/\n/g, '\n     ')}\n`);
  const adapter = new ConsoleAdapter(print);
  // Cases go to the same store as `npm start`'s desk. The terminal has no address an agent's
  // message could be sent to: the message waits in that store and the chat shows it (ConsoleInbox).
  const cases = await chooseCaseStore(storage, config.storage);
  const handoff = new EscalationService({ store: cases.store, sender: consoleAwareSender(), config: config.escalation, logger });
  const { bot } = buildBot(config, storage, { handoff, logger });
  const inbox = new ConsoleInbox(cases.store, storage.storage);
  const language = languageFromLocale(consoleLocale()) ?? 'en';
  const session = await startOrContinue(storage.storage, args.includes('--new'));
  adapter.onTurnError = async (context, error) => {
    console.error('Turn failed:', error.message);
    await context.sendActivity(t(languageFromLocale(context.activity.locale) ?? 'en', 'error.turn'));
  };
  const run = (activity: Partial<Activity>) => adapter.receive(activity, (context) => bot.run(context));

  console.log(t(language, 'console.intro'));
  console.log(
    session.continued ? t(language, 'console.continued', { findings: session.findings }) : t(language, 'console.newConversation'),
  );
  await run({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'console-user', name: 'You' }] });

  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: 'you> ' });
  let buffer: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();

  const flush = () => {
    const text = buffer.join('\n');
    buffer = [];
    queue = queue.then(async () => {
      const trimmed = text.trim();
      if (/^(quit|exit)$/i.test(trimmed)) {
        rl.close();
        return;
      }
      const number = buttonNumber(trimmed, adapter.submits.length);
      if (number !== undefined) {
        const submit = adapter.submits[number - 1];
        console.log(t(language, 'console.pressed', { number, title: submit.title }));
        await run({ type: ActivityTypes.Message, value: submit.data, text: '' });
      } else if (/^#\d+$/.test(trimmed)) {
        print(`${trimmed}?`);
      } else if (/^\/upload\s+/.test(trimmed)) {
        const file = trimmed.replace(/^\/upload\s+/, '');
        try {
          const bytes = fs.readFileSync(file);
          await run({
            type: ActivityTypes.Message,
            text: '',
            attachments: [
              {
                name: path.basename(file),
                contentType: 'application/octet-stream',
                contentUrl: `data:application/octet-stream;base64,${bytes.toString('base64')}`,
              },
            ],
          });
        } catch (error) {
          print(`${file}: ${(error as Error).message}`);
        }
      } else {
        await run({ type: ActivityTypes.Message, text });
      }
      rl.prompt();
    });
  };

  // Agents answer from the desk (another process, the same store): their messages appear here.
  const showInbox = (): void => {
    queue = queue.then(async () => {
      const lines = await inbox.poll().catch(() => []);
      if (lines.length === 0) return;
      for (const line of lines) print(line);
      rl.prompt(true);
    });
  };
  const inboxTimer = setInterval(showInbox, 1000);

  rl.on('line', (line) => {
    buffer.push(line);
    // Lines that arrive together are one paste.
    clearTimeout(timer);
    timer = setTimeout(flush, 60);
  });
  rl.on('close', () => {
    clearInterval(inboxTimer);
    void queue
      .then(async () => {
        if (cases.owned) await cases.store.close();
        await storage.close();
      })
      .then(() => process.exit(0));
  });
  rl.prompt();
}

if (require.main === module)
  main().catch((error) => {
    console.error('Console chat failed to start:', error);
    process.exit(1);
  });
