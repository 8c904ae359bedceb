/**
 * Issue 24, point 9, with real sockets against the running host: a request body trickled one
 * byte at a time is cut off with 408 once REQUEST_BODY_TIMEOUT_MS have passed (on /api/messages
 * and on a desk POST, which reads its own body), a prompt body is not; a client with
 * MAX_CONNECTIONS_PER_CLIENT connections open gets a 429 on the next one, which is closed, and
 * may connect again once one of its connections is closed.
 */
import { strict as assert } from 'node:assert';
import * as net from 'node:net';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { silentLogger } from '../bot/helpers/testBot';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { localMessage } from '../helpers/localTurn';

interface RawClient {
  socket: net.Socket;
  /** Everything received so far. */
  received(): string;
  closed: Promise<void>;
}

function connect(port: number): Promise<RawClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

describe('request body deadline and per-client connection cap, real sockets (issue 24, point 9)', function () {
  this.timeout(60_000);
  let dir: string;
  let app: BotApp | undefined;
  const clients: RawClient[] = [];

  beforeEach(() => (dir = makeTempDir('connection-limits')));
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      client.socket.destroy();
      await client.closed;
    }
    await app?.close();
    app = undefined;
    removeTempDir(dir);
  });

  const start = (env: Record<string, string>) =>
    startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir, ...env }), { host: '127.0.0.1', logger: silentLogger });

  /** Sends headers and the first bytes of `body`, then one more byte every `everyMs` until the socket closes. */
  async function trickle(port: number, path: string, body: string, everyMs: number): Promise<string> {
    const client = await connect(port);
    clients.push(client);
    client.socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length && !client.socket.destroyed) client.socket.write(body[sent++]);
    }, everyMs);
    await client.closed;
    clearInterval(timer);
    assert.ok(sent < body.length, 'cut off before the body was complete');
    return client.received();
  }

  for (const path of ['/api/messages', '/api/desk/cases/ABCDEFGH/take']) {
    it(`a body trickling one byte at a time to ${path} gets 408 at the deadline and the connection is closed`, async () => {
      app = await start({ REQUEST_BODY_TIMEOUT_MS: '1500' });
      const answer = await trickle(app.port, path, JSON.stringify(localMessage('trickle', { text: 'hello' })), 400);
      assert.match(answer, /^HTTP\/1\.1 408 /);
      assert.match(answer, /"error":"request-timeout"/);
      // The host goes on serving others.
      assert.equal((await fetch(`${app.url}/healthz`)).status, 200);
    });
  }

  it('one byte every 5 s: cut off with 408 at the deadline (not after minutes)', async () => {
    app = await start({ REQUEST_BODY_TIMEOUT_MS: '2000' });
    const answer = await trickle(app.port, '/api/messages', JSON.stringify(localMessage('slow', { text: 'hello' })), 5_000);
    assert.match(answer, /^HTTP\/1\.1 408 /);
  });

  it('a body that arrives in time is served as before', async () => {
    app = await start({ REQUEST_BODY_TIMEOUT_MS: '1500' });
    const response = await fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(localMessage('prompt', { text: 'hello' })),
    });
    assert.equal(response.status, 200);
  });

  it('MAX_CONNECTIONS_PER_CLIENT: the connection beyond the cap gets 429 and is closed; after one closes, a new one is served', async () => {
    app = await start({ MAX_CONNECTIONS_PER_CLIENT: '3' });
    for (let i = 0; i < 3; i++) clients.push(await connect(app.port));
    const extra = await connect(app.port);
    clients.push(extra);
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    await extra.closed;
    assert.match(extra.received(), /^HTTP\/1\.1 429 /);
    assert.match(extra.received(), /too-many-connections/);

    // The held connections still work.
    const held = clients[0];
    held.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    await held.closed;
    assert.match(held.received(), /^HTTP\/1\.1 200 /);
    // One closed: a new connection is served.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await connect(app.port);
    clients.push(again);
    again.socket.write(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
    await again.closed;
    assert.match(again.received(), /^HTTP\/1\.1 200 /);
  });

  it('defaults: a 20 s body deadline and 256 connections per client; no cap behind a trusted proxy', () => {
    const plain = loadConfig({});
    assert.equal(plain.bodyTimeoutMs, 20_000);
    assert.equal(plain.maxConnectionsPerClient, 256);
    assert.equal(loadConfig({ WEBCHAT_TRUST_PROXY: 'true' }).maxConnectionsPerClient, 0);
    assert.equal(loadConfig({ WEBCHAT_TRUST_PROXY: 'true', MAX_CONNECTIONS_PER_CLIENT: '200' }).maxConnectionsPerClient, 200);
  });
});
