/**
 * The benchmark's baseline, built by the benchmark itself: a bare Bot Framework echo bot
 * (botbuilder CloudAdapter + ActivityHandler on restify, no state, no dialogs), run as a child
 * process like the bot it is compared with. Reports its port over IPC.
 */
import * as restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo: ${(context.activity.text ?? '').length} characters`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new EchoBot();
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 4 * 1024 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ type: 'ready', port: address.port });
});
process.on('message', (message) => {
  if (message === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
  if (message === 'close') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
