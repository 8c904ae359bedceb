/**
 * A restify host like the real one (global bodyParser, CloudAdapter on /api/messages, no app id)
 * with a tiny bot, plus the channel routes: tests the local Direct Line against real botbuilder
 * replies while staying independent of the product bot.
 * The fake bot welcomes members, echoes text with the activity locale, and for attachments
 * downloads `contentUrl` and reports name, size and the first bytes it got.
 */
import * as restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { mountChannelRoutes, type ChannelOptions, type ChannelRoutes } from '../../bot/directline';

export interface FakeBotServer {
  url: string;
  routes: ChannelRoutes;
  received: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

class FakeBot extends ActivityHandler {
  constructor(received: Array<Record<string, unknown>>) {
    super();
    this.onTurn(async (context, next) => {
      received.push(JSON.parse(JSON.stringify(context.activity)) as Record<string, unknown>);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) {
          await context.sendActivity(`welcome ${context.activity.locale ?? 'no-locale'}`);
        }
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.reply(context);
      await next();
    });
  }

  private async reply(context: TurnContext): Promise<void> {
    const attachments = context.activity.attachments ?? [];
    if (attachments.length === 0) {
      await context.sendActivity(`echo[${context.activity.locale ?? ''}]: ${context.activity.text ?? ''}`);
      return;
    }
    for (const attachment of attachments) {
      const response = await fetch(attachment.contentUrl as string);
      const bytes = Buffer.from(await response.arrayBuffer());
      await context.sendActivity(
        `file ${attachment.name} ${attachment.contentType} ${bytes.length} bytes starts ${bytes.subarray(0, 8).toString('hex')}`,
      );
    }
  }
}

export async function startFakeBotServer(options: ChannelOptions = {}): Promise<FakeBotServer> {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const received: Array<Record<string, unknown>> = [];
  const bot = new FakeBot(received);
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  const routes = mountChannelRoutes(server, { log: () => undefined, ...options });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}`,
    routes,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}
