import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannelRoutes, type ChannelOptions } from '../../bot/directline';

const SECRET = 'dl-secret-Zq8xW3vT9kLmN2pR7sYb.never-to-leak';

interface Running {
  url: string;
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<Running> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The channel routes alone on a bare node:http server (404 for anything they do not handle). */
async function channelHost(options: ChannelOptions): Promise<Running> {
  let self = '';
  const routes = createChannelRoutes({ log: () => undefined, ...options }, () => self);
  const running = await listen((req, res) => {
    void routes.handle(req, res).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  self = running.url;
  return running;
}

describe('POST /api/directline/token', () => {
  describe('production: exchanges DIRECT_LINE_SECRET at the Direct Line service', () => {
    let directLine: Running;
    let host: Running;
    const calls: Array<{ url: string; authorization?: string; body: string }> = [];
    let answer: (res: http.ServerResponse) => void;

    before(async () => {
      directLine = await listen((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          calls.push({ url: req.url ?? '', authorization: req.headers.authorization, body });
          answer(res);
        });
      });
      host = await channelHost({ directLineSecret: SECRET, directLineEndpoint: directLine.url, tokensPerMinute: 3 });
    });
    after(async () => {
      await host.close();
      await directLine.close();
    });

    it('returns a token bound to a fresh dl_ user id, and never the secret', async () => {
      answer = (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'conv-1', token: 'token-for-browser', expires_in: 1800 }));
      };
      const response = await fetch(`${host.url}/api/directline/token`, {
        method: 'POST',
        body: JSON.stringify({ user: { id: 'dl_admin' } }),
      });
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.ok(!text.includes(SECRET), 'the secret is not in the response');
      const grant = JSON.parse(text) as { token: string; userId: string; mode: string; domain: string; expiresIn: number };
      assert.equal(grant.token, 'token-for-browser');
      assert.equal(grant.mode, 'azure');
      assert.equal(grant.domain, `${directLine.url}/v3/directline`);
      assert.equal(grant.expiresIn, 1800);
      assert.match(grant.userId, /^dl_[A-Za-z0-9_-]{16}$/);
      assert.notEqual(grant.userId, 'dl_admin', 'the caller cannot choose the user id');
      const call = calls.at(-1);
      assert.equal(call?.url, '/v3/directline/tokens/generate');
      assert.equal(call?.authorization, `Bearer ${SECRET}`);
      assert.deepEqual(JSON.parse(call?.body ?? '{}'), { user: { id: grant.userId } });
    });

    it('says plainly that chat is unavailable when the service fails, without relaying its answer', async () => {
      answer = (res) => {
        res.writeHead(401, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `bad secret ${SECRET}` } }));
      };
      const response = await fetch(`${host.url}/api/directline/token`, { method: 'POST' });
      assert.equal(response.status, 502);
      const text = await response.text();
      assert.ok(!text.includes(SECRET));
      assert.match(text, /not available right now/);
    });

    it('refuses a token request from a foreign web site (forged from another origin)', async () => {
      const before = calls.length;
      const response = await fetch(`${host.url}/api/directline/token`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
      assert.equal(response.status, 403);
      assert.match(await response.text(), /may not start chats/);
      assert.equal(calls.length, before, 'the secret was not used');
    });

    it('rate-limits one address', async () => {
      answer = (res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ conversationId: 'c', token: 't' }));
      };
      // Three per minute in this host; two were spent by the tests above.
      const statuses: number[] = [];
      for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${host.url}/api/directline/token`, { method: 'POST' })).status);
      assert.deepEqual(statuses, [200, 429, 429]);
    });

    it('does not open the local development channel when a secret is set', async () => {
      const response = await fetch(`${host.url}/v3/directline/conversations`, { method: 'POST' });
      assert.equal(response.status, 404);
    });

    it('allows only POST', async () => {
      assert.equal((await fetch(`${host.url}/api/directline/token`)).status, 405);
    });
  });

  it('accepts the embedding origins that are configured', async () => {
    const host = await channelHost({ allowedOrigins: ['https://support.contoso.com'] });
    try {
      const allowed = await fetch(`${host.url}/api/directline/token`, {
        method: 'POST',
        headers: { Origin: 'https://support.contoso.com' },
      });
      assert.equal(allowed.status, 200);
      assert.equal(((await allowed.json()) as { mode: string }).mode, 'local');
      const foreign = await fetch(`${host.url}/api/directline/token`, {
        method: 'POST',
        headers: { Origin: 'https://support.contoso.com.evil.example' },
      });
      assert.equal(foreign.status, 403);
    } finally {
      await host.close();
    }
  });

  it('refuses tokens with a clear reason when the bot has an Azure identity but no secret', async () => {
    const host = await channelHost({ localChannel: false });
    try {
      const response = await fetch(`${host.url}/api/directline/token`, { method: 'POST' });
      assert.equal(response.status, 503);
      assert.match(await response.text(), /DIRECT_LINE_SECRET is missing/);
      assert.equal((await fetch(`${host.url}/v3/directline/conversations`, { method: 'POST' })).status, 404);
    } finally {
      await host.close();
    }
  });
});
