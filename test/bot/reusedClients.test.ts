/**
 * The outbound clients kept across turns (bot/reusedClients.ts): one per app id, service URL and
 * audience, never another turn's client for a different channel endpoint or bot, never a failed
 * creation kept, and a bounded number of them.
 */
import { strict as assert } from 'assert';
import * as http from 'http';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Activity } from 'botbuilder';
import type { ClaimsIdentity } from 'botframework-connector';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { ClientCache, ReusingBotFrameworkAuthentication } from '../../bot/reusedClients';
import { NDR_5_7_64_EN } from './helpers/samples';
import { silentLogger } from './helpers/testBot';

function claims(values: Record<string, string>): ClaimsIdentity {
  const list = Object.entries(values).map(([type, value]) => ({ type, value }));
  return { claims: list, isAuthenticated: true, getClaimValue: (type: string) => list.find((claim) => claim.type === type)?.value ?? null };
}

const baseUri = (client: unknown) => (client as { baseUri?: string }).baseUri;

describe('outbound clients reused across turns', () => {
  describe('ClientCache', () => {
    it('makes a client once per key', async () => {
      const cache = new ClientCache<object>();
      let made = 0;
      const make = () => Promise.resolve({ n: ++made });
      const first = await cache.get('a', make);
      assert.equal(await cache.get('a', make), first);
      assert.notEqual(await cache.get('b', make), first);
      assert.equal(made, 2);
    });

    it('forgets a creation that failed, so the next turn tries again', async () => {
      const cache = new ClientCache<string>();
      await assert.rejects(
        cache.get('a', () => Promise.reject(new Error('Invalid appId.'))),
        /Invalid appId/,
      );
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(await cache.get('a', () => Promise.resolve('client')), 'client');
    });

    it('keeps at most its capacity, dropping the least recently used', async () => {
      const cache = new ClientCache<string>(2);
      await cache.get('a', () => Promise.resolve('a1'));
      await cache.get('b', () => Promise.resolve('b1'));
      await cache.get('a', () => Promise.resolve('a2')); // used again: b is now the oldest
      await cache.get('c', () => Promise.resolve('c1'));
      assert.equal(cache.size, 2);
      assert.equal(await cache.get('a', () => Promise.resolve('a3')), 'a1');
      assert.equal(await cache.get('b', () => Promise.resolve('b2')), 'b2');
    });
  });

  describe('ReusingBotFrameworkAuthentication (local mode)', () => {
    const activity = (serviceUrl: string) =>
      ({
        type: 'message',
        channelId: 'emulator',
        serviceUrl,
        conversation: { id: 'c' },
        from: { id: 'u' },
        recipient: { id: 'b' },
      }) as Activity;

    it('gives turns to the same endpoint the same connector client, with that endpoint', async () => {
      const auth = new ReusingBotFrameworkAuthentication({});
      const first = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
      const second = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
      const a = await first.connectorFactory!.create('http://127.0.0.1:1/', first.audience);
      assert.equal(await second.connectorFactory!.create('http://127.0.0.1:1/', second.audience), a);
      assert.equal(baseUri(a), 'http://127.0.0.1:1/');
    });

    it('never gives a turn the client of another endpoint, audience or bot', async () => {
      const auth = new ReusingBotFrameworkAuthentication({});
      const result = await auth.authenticateRequest(activity('http://127.0.0.1:1/'), '');
      const one = await result.connectorFactory!.create('http://127.0.0.1:1/', 'aud-1');
      const otherUrl = await result.connectorFactory!.create('http://127.0.0.1:2/', 'aud-1');
      const otherAudience = await result.connectorFactory!.create('http://127.0.0.1:1/', 'aud-2');
      assert.equal(baseUri(otherUrl), 'http://127.0.0.1:2/');
      assert.equal(new Set([one, otherUrl, otherAudience]).size, 3);
      const botA = await auth.createConnectorFactory(claims({ aud: 'bot-a' })).create('http://127.0.0.1:1/', 'aud-1');
      const botB = await auth.createConnectorFactory(claims({ aud: 'bot-b' })).create('http://127.0.0.1:1/', 'aud-1');
      assert.notEqual(botA, botB);
      assert.equal(await auth.createConnectorFactory(claims({ appid: 'bot-a' })).create('http://127.0.0.1:1/', 'aud-1'), botA);
    });

    it('reuses the user token client per bot', async () => {
      const auth = new ReusingBotFrameworkAuthentication({});
      const a = await auth.createUserTokenClient(claims({ aud: 'bot-a' }));
      assert.equal(await auth.createUserTokenClient(claims({ aud: 'bot-a' })), a);
      assert.notEqual(await auth.createUserTokenClient(claims({ aud: 'bot-b' })), a);
    });
  });

  describe('over HTTP', function () {
    this.timeout(60_000);
    let app: BotApp;
    let dataDir: string;
    const channels: Array<{ server: http.Server; url: string; received: Array<{ path: string; body: Partial<Activity> }> }> = [];

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reused-clients-'));
      app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }), { host: '127.0.0.1', logger: silentLogger });
      for (let i = 0; i < 2; i++) {
        const received: Array<{ path: string; body: Partial<Activity> }> = [];
        const server = http.createServer((req, res) => {
          let body = '';
          req.on('data', (chunk) => (body += chunk));
          req.on('end', () => {
            received.push({ path: req.url ?? '', body: JSON.parse(body || '{}') as Partial<Activity> });
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ id: `r-${received.length}` }));
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        channels.push({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`, received });
      }
    });

    after(async () => {
      await app?.close();
      for (const channel of channels) {
        channel.server.closeAllConnections();
        await new Promise<void>((resolve) => channel.server.close(() => resolve()));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it("sends each turn's replies to that turn's channel endpoint, turn after turn", async () => {
      const order = [0, 1, 1, 0, 1, 0];
      for (const [turn, which] of order.entries()) {
        const response = await fetch(`${app.url}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            type: 'message',
            id: `t-${turn}`,
            channelId: 'emulator',
            serviceUrl: channels[which].url,
            from: { id: 'user' },
            recipient: { id: 'bot' },
            conversation: { id: `conv-${which}` },
            locale: 'en-US',
            text: NDR_5_7_64_EN,
          }),
        });
        assert.equal(response.status, 200);
      }
      for (const [which, channel] of channels.entries()) {
        const turns = order.filter((w) => w === which).length;
        assert.ok(channel.received.length >= turns, `endpoint ${which} got ${channel.received.length} replies for ${turns} turns`);
        assert.ok(
          channel.received.every((reply) => reply.path.startsWith(`/v3/conversations/conv-${which}/activities`)),
          JSON.stringify(channel.received.map((reply) => reply.path)),
        );
        assert.deepEqual(
          new Set(channel.received.map((reply) => reply.body.replyToId)),
          new Set(order.flatMap((w, turn) => (w === which ? [`t-${turn}`] : []))),
        );
      }
    });
  });
});
