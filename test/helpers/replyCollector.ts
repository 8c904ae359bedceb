/**
 * A fake Bot Connector: collects the replies a bot POSTs to `serviceUrl`, as Web Chat and Teams
 * get them, grouped by the activity they answer (replyToId).
 */
import * as http from 'node:http';
import type { Activity } from 'botbuilder';

export interface ReplyCollector {
  /** serviceUrl to put into activities. */
  url: string;
  replies: Array<Partial<Activity>>;
  repliesTo(activityId: string): Array<Partial<Activity>>;
  /** Called with each reply before the connector answers it (crash tests kill the bot here). */
  onReply: (activity: Partial<Activity>) => Promise<void>;
  close(): Promise<void>;
}

export async function startReplyCollector(): Promise<ReplyCollector> {
  let counter = 0;
  const collector: ReplyCollector = {
    url: '',
    replies: [],
    repliesTo: (activityId) => collector.replies.filter((reply) => reply.replyToId === activityId),
    onReply: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const activity = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Partial<Activity>;
      collector.replies.push(activity);
      void collector.onReply(activity).then(() => {
        // Two statements: restify, loaded in the same test process, patches writeHead to return nothing.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `reply-${++counter}` }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  collector.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  collector.close = () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return collector;
}
