/**
 * `npm run chat`: the same bot (same dialogs, same embedded storage) in the terminal.
 * Cards are printed as text; type #N to press button N, "/upload PATH" to send a file,
 * "quit" to leave. Lines pasted together arrive as one message.
 */
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as readline from 'readline';
import { type Activity, ActivityTypes, BotAdapter, type ConversationReference, type ResourceResponse, TurnContext } from 'botbuilder';
import type { AdaptiveCard } from '../dialogs/cards/adaptive';
import { cardToText } from '../dialogs/cards/cardToText';
import { languageFromLocale, t } from '../dialogs/strings';
import { consoleLogger } from './adapter';
import { loadConfig } from './config';
import { chooseCaseStore } from './escalation/caseStoreChoice';
import { EscalationService } from './escalation/escalationService';
import { DeliveryError, type ProactiveSender } from './escalation/proactive';
import { buildBot } from './index';
import { createStorage } from './storage';

class ConsoleAdapter extends BotAdapter {
  submits: Array<{ title: string; data: unknown }> = [];

  constructor(private readonly print: (text: string) => void) {
    super();
  }

  async sendActivities(_context: TurnContext, activities: Array<Partial<Activity>>): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type && activity.type !== ActivityTypes.Message) {
        if (activity.name === 'handoff.initiate') this.print('[handoff.initiate sent to the support team]');
        continue;
      }
      if (activity.text) this.print(activity.text);
      for (const attachment of activity.attachments ?? []) {
        if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
        const card = cardToText(attachment.content as AdaptiveCard);
        const first = this.submits.length;
        this.submits.push(...card.submits);
        this.print(
          [
            ...card.lines,
            ...card.submits.map((submit, index) => `  [#${first + index + 1}] ${submit.title}`),
            ...card.links.map((link) => `  ${link.title}: ${link.url}`),
          ].join('\n'),
        );
      }
    }
    return activities.map((_, index) => ({ id: `${Date.now()}-${index}` }));
  }

  async updateActivity(): Promise<ResourceResponse | void> {
    throw new Error('not supported in the console');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('not supported in the console');
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

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const storage = await createStorage(config.storage);
  const print = (text: string) => process.stdout.write(`\nbot> ${text.replace(/\n/g, '\n     ')}\n`);
  const adapter = new ConsoleAdapter(print);
  // Cases go to the same store as `npm start`'s desk. The terminal has no address an agent's
  // message could be sent to later: the desk shows such messages as not delivered.
  const cases = await chooseCaseStore(storage, config.storage);
  const unreachable: ProactiveSender = {
    send: async () => {
      throw new DeliveryError('the console chat cannot receive messages from agents');
    },
    run: async () => {
      throw new DeliveryError('the console chat cannot receive messages from agents');
    },
  };
  const handoff = new EscalationService({ store: cases.store, sender: unreachable, config: config.escalation, logger: consoleLogger });
  const { bot } = buildBot(config, storage, { handoff });
  adapter.onTurnError = async (context, error) => {
    console.error('Turn failed:', error.message);
    await context.sendActivity(t(languageFromLocale(context.activity.locale) ?? 'en', 'error.turn'));
  };
  const run = (activity: Partial<Activity>) => adapter.receive(activity, (context) => bot.run(context));

  console.log(t(languageFromLocale(consoleLocale()) ?? 'en', 'console.intro'));
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
      const button = /^#(\d+)$/.exec(trimmed);
      if (button) {
        const submit = adapter.submits[Number(button[1]) - 1];
        if (submit) await run({ type: ActivityTypes.Message, value: submit.data, text: '' });
        else print(`#${button[1]}?`);
      } else if (/^\/upload\s+/.test(trimmed)) {
        const file = trimmed.replace(/^\/upload\s+/, '');
        try {
          const bytes = fs.readFileSync(file);
          await run({
            type: ActivityTypes.Message,
            text: '',
            attachments: [{ name: path.basename(file), contentType: 'application/octet-stream', contentUrl: `data:application/octet-stream;base64,${bytes.toString('base64')}` }],
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

  rl.on('line', (line) => {
    buffer.push(line);
    // Lines that arrive together are one paste.
    clearTimeout(timer);
    timer = setTimeout(flush, 60);
  });
  rl.on('close', () => {
    void queue
      .then(async () => {
        if (cases.owned) await cases.store.close();
        await storage.close();
      })
      .then(() => process.exit(0));
  });
  rl.prompt();
}

main().catch((error) => {
  console.error('Console chat failed to start:', error);
  process.exit(1);
});
