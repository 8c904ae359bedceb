/**
 * A local stand-in for a channel's connector service (the `serviceUrl` of Direct Line, the
 * Emulator or Teams): it accepts what the bot sends (replies, proactive messages, new Teams
 * threads, card updates), records it, and can refuse on demand, so tests see exactly what a user
 * or an agents' channel would receive.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChannelRequest {
  method: string;
  path: string;
  /** The conversation the activity went to (decoded), '' for POST /v3/conversations. */
  conversationId: string;
  /** For PUT: the activity updated. */
  activityId?: string;
  body: Record<string, unknown>;
  authorization?: string;
  /** The id the stand-in gave the new activity (or the new thread's post). */
  createdId?: string;
}

export interface ChannelServer {
  url: string;
  requests: ChannelRequest[];
  /** The next `count` activity requests (those matching `which`, if given) are answered with `status`. */
  refuse(count: number, status?: number, which?: (path: string, method: string) => boolean): void;
  /** Activities posted to one conversation (base id or exact), in order. */
  activitiesIn(conversationId: string): Array<Record<string, unknown>>;
  /** Texts (message text and card texts) posted to a conversation. */
  textsIn(conversationId: string): string[];
  /** Waits until a request matching `predicate` arrived. */
  waitFor(predicate: (request: ChannelRequest) => boolean, timeoutMs?: number): Promise<ChannelRequest>;
  close(): Promise<void>;
}

/** Every text a person would read in an activity: its text and the texts inside its cards. */
export function activityTexts(activity: Record<string, unknown>): string[] {
  const parts: string[] = [];
  if (typeof activity.text === 'string' && activity.text) parts.push(activity.text);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    for (const key of ['text', 'title']) if (typeof record[key] === 'string') parts.push(record[key]);
    for (const key of ['body', 'items', 'actions', 'columns', 'inlines', 'content']) if (record[key]) walk(record[key]);
  };
  walk(activity.attachments);
  return parts;
}

export async function startChannelServer(): Promise<ChannelServer> {
  const requests: ChannelRequest[] = [];
  const waiters: Array<{ predicate: (request: ChannelRequest) => boolean; resolve: (request: ChannelRequest) => void }> = [];
  let refusals = { count: 0, status: 503, which: (_path: string, _method: string): boolean => true };
  let nextId = 1;

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      const segments = path
        .split('/')
        .filter(Boolean)
        .map((segment) => decodeURIComponent(segment));
      let body: Record<string, unknown>;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = {};
      }
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (req.method === 'GET') return reply(200, []);
      if (refusals.count > 0 && refusals.which(path, req.method ?? 'POST')) {
        refusals.count--;
        return reply(refusals.status, { error: { code: 'Refused', message: 'refused by the test' } });
      }
      // /v3/conversations (a new Teams thread), /v3/conversations/{id}/activities[/{activityId}]
      const conversationId =
        segments.length === 2 ? ((body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? '') : (segments[2] ?? '');
      const request: ChannelRequest = {
        method: req.method ?? 'POST',
        path,
        conversationId,
        activityId: req.method === 'PUT' ? segments[4] : undefined,
        body,
        authorization: req.headers.authorization,
      };
      requests.push(request);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(request)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(request);
        }
      }
      if (segments.length === 2 && req.method === 'POST') {
        // A new conversation (a Teams channel thread): Teams answers with the thread and the post's ids.
        const activityId = `post-${nextId++}`;
        request.createdId = activityId;
        const channel = (body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id ?? 'conversation';
        return reply(201, { id: `${channel};messageid=${activityId}`, activityId });
      }
      request.createdId = req.method === 'PUT' ? segments[4] : `activity-${nextId++}`;
      return reply(200, { id: request.createdId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const activitiesIn = (conversationId: string) =>
    requests
      .filter((request) => request.conversationId === conversationId || request.conversationId.split(';')[0] === conversationId)
      .map((request) => (request.path.split('/').length === 3 ? ((request.body.activity ?? {}) as Record<string, unknown>) : request.body));

  return {
    url,
    requests,
    refuse(count, status = 503, which = () => true) {
      refusals = { count, status, which };
    },
    activitiesIn,
    textsIn: (conversationId) => activitiesIn(conversationId).flatMap(activityTexts),
    waitFor(predicate, timeoutMs = 10_000) {
      const found = requests.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { predicate, resolve: (request: ChannelRequest) => (clearTimeout(timer), resolve(request)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `no matching channel request within ${timeoutMs} ms; got:\n${requests.map((request) => `${request.method} ${request.path} ${activityTexts(request.body).join(' | ').slice(0, 200)}`).join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
