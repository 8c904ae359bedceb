/**
 * Malformed and hostile requests against the real host (issue 13): every one gets a 4xx with a
 * short JSON body (no stack, no internal message, nothing of the request echoed), forged tokens
 * get 401 against a local stand-in of the login metadata, local mode answers only loopback Host
 * names, and each rejected request is one log line, rate-limited.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { memoryLog, type MemoryLog } from '../bot/helpers/memoryLog';
import { startOpenIdStandIn, type OpenIdStandIn } from '../bot/helpers/openIdStandIn';

const activity = (overrides: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'a-1',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1:9',
  deliveryMode: 'expectReplies',
  from: { id: 'user-1' },
  recipient: { id: 'bot' },
  conversation: { id: 'hardening-1' },
  text: 'help',
  ...overrides,
});

interface Answer {
  status: number;
  body: string;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'POST', headers: { 'content-type': 'application/json', ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A short JSON body that says what is wrong and nothing about the inside. */
function assertShortBody(answer: Answer, status: number, context: string): void {
  assert.equal(answer.status, status, `${context}: ${answer.body}`);
  assert.ok(answer.body.length < 200, `${context}: long body ${answer.body}`);
  const parsed = JSON.parse(answer.body) as { error: string; message: string };
  assert.equal(typeof parsed.error, 'string');
  assert.equal(typeof parsed.message, 'string');
  assert.doesNotMatch(
    answer.body,
    /\bat [\w.<>]+ \(|node_modules|Error:|ZodError|validateAndFixActivity|Unexpected token|Hunter2/,
    context,
  );
}

describe('hostile requests against the host', function () {
  this.timeout(60_000);
  const dataDirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-hardening-'));
    dataDirs.push(dir);
    return dir;
  };
  after(() => {
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('local mode', function () {
    let app: BotApp;
    let log: MemoryLog;

    before(async () => {
      log = memoryLog();
      app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: tempDir() }), { host: '127.0.0.1', logger: log.logger });
    });
    after(() => app?.close());

    const post = (body: unknown, raw?: string, headers?: Record<string, string>) =>
      request(`${app.url}/api/messages`, { body: raw ?? JSON.stringify(body), headers });

    const malformed: Array<[string, unknown]> = [
      ['type missing', activity({ type: undefined })],
      ['type a number', activity({ type: 42 })],
      ['type an object', activity({ type: { message: true } })],
      ['type empty', activity({ type: '' })],
      ['serviceUrl a number', activity({ serviceUrl: 7 })],
      ['serviceUrl missing', activity({ serviceUrl: undefined })],
      ['serviceUrl not a URL', activity({ serviceUrl: 'not a url' })],
      ['serviceUrl ftp', activity({ serviceUrl: 'ftp://127.0.0.1/' })],
      ['serviceUrl javascript:', activity({ serviceUrl: 'javascript:alert(1)' })],
      ['conversation missing', activity({ conversation: undefined })],
      ['conversation.id a number', activity({ conversation: { id: 5 } })],
      ['channelId missing', activity({ channelId: undefined })],
      ['id an object', activity({ id: { x: 1 } })],
      ['from a string', activity({ from: 'user-1' })],
      ['recipient.id a number', activity({ recipient: { id: 1 } })],
      ['text an object', activity({ text: { password: 'Hunter2' } })],
      ['attachments a string', activity({ attachments: 'x' })],
      ['a JSON array', [activity()]],
      ['a JSON string', 'message'],
      ['JSON null', null],
    ];
    for (const [name, body] of malformed) {
      it(`answers 400 with a short body: ${name}`, async function () {
        assertShortBody(await post(body), 400, name);
      });
    }

    it('answers broken JSON and non-JSON bodies with 400 and without echoing them', async function () {
      assertShortBody(await post(undefined, '{"type":"message","text":"password=Hunter2", '), 400, 'broken JSON');
      assertShortBody(await post(undefined, 'password=Hunter2', { 'content-type': 'text/plain' }), 400, 'text body');
    });

    it('answers an oversize body with 413 and a short body', async function () {
      const big = JSON.stringify(activity({ text: 'x'.repeat(app.config.maxBodyBytes + 10) }));
      assertShortBody(await post(undefined, big), 413, 'oversize');
    });

    it('answers unknown routes and methods with short bodies', async function () {
      assertShortBody(await request(`${app.url}/nothing-here`, { method: 'GET' }), 404, 'unknown route');
      assertShortBody(await request(`${app.url}/api/messages`, { method: 'GET' }), 405, 'GET on messages');
    });

    it('still answers a well-formed activity', async function () {
      const answer = await post(activity());
      assert.equal(answer.status, 200, answer.body);
      assert.match(answer.body, /"activities"/);
    });

    it('refuses a Host that is not loopback (DNS rebinding), on every route', async function () {
      for (const route of ['/api/messages', '/healthz']) {
        const answer = await request(`${app.url}${route}`, {
          method: route === '/healthz' ? 'GET' : 'POST',
          headers: { host: `rebind.attacker.example:${app.port}` },
          body: route === '/healthz' ? undefined : JSON.stringify(activity()),
        });
        assertShortBody(answer, 403, `foreign Host on ${route}`);
      }
      assertShortBody(
        await request(`${app.url}/healthz`, { method: 'GET', headers: { host: '10.0.0.5' } }),
        403,
        'private IP Host while bound to loopback',
      );
      for (const host of [`localhost:${app.port}`, `127.0.0.1:${app.port}`, `[::1]:${app.port}`, 'app.localhost']) {
        const answer = await request(`${app.url}/healthz`, { method: 'GET', headers: { host } });
        assert.equal(answer.status, 200, `${host}: ${answer.body}`);
      }
    });

    it('logs each rejected request as one JSON line without a stack, and at most 20 a minute', async function () {
      const fresh = memoryLog();
      const other = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: tempDir() }), { host: '127.0.0.1', logger: fresh.logger });
      try {
        for (let i = 0; i < 60; i++) await request(`${other.url}/api/messages`, { body: JSON.stringify(activity({ type: 42 })) });
      } finally {
        await other.close();
      }
      const rejected = fresh.entries().filter((entry) => entry.event === 'request-rejected');
      assert.equal(rejected.length, 20);
      for (const entry of rejected) {
        assert.equal(entry.level, 'warn');
        assert.equal(entry.status, 400);
        assert.equal(entry.reason, 'bad-activity');
        assert.equal(entry.stack, undefined);
      }
      assert.ok(fresh.lines.every((line) => !line.includes('\n') && !/\bat [\w.<>]+ \(/.test(line)));
    });
  });

  describe('with a MicrosoftAppId (authenticated)', function () {
    const appId = '11111111-2222-3333-4444-555555555555';
    let standIn: OpenIdStandIn;
    let app: BotApp;
    let log: MemoryLog;
    const consoleErrors: string[] = [];
    const originalWrite = process.stderr.write.bind(process.stderr);

    before(async () => {
      standIn = await startOpenIdStandIn();
      log = memoryLog();
      // What reaches standard error while forged requests come in (the SDK used to print each with a stack).
      process.stderr.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
        consoleErrors.push(String(chunk));
        return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
      app = await startServer(
        loadConfig({
          PORT: '0',
          BOT_DATA_DIR: tempDir(),
          MicrosoftAppId: appId,
          MicrosoftAppPassword: 'not-used',
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: '99999999-8888-7777-6666-555555555555',
        }),
        {
          host: '127.0.0.1',
          logger: log.logger,
          authentication: standIn.authentication,
        },
      );
    });
    after(async () => {
      process.stderr.write = originalWrite;
      await app?.close();
      await standIn?.close();
    });

    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const post = (authorization: string | undefined, overrides: Record<string, unknown> = {}) =>
      request(`${app.url}/api/messages`, {
        body: JSON.stringify(activity({ channelId: 'msteams', serviceUrl, ...overrides })),
        headers: authorization ? { authorization } : {},
      });

    it('accepts a token signed by the published key (the stand-in works)', async function () {
      const answer = await post(`Bearer ${standIn.sign({ aud: appId, serviceurl: serviceUrl })}`);
      assert.equal(answer.status, 200, answer.body);
      assert.match(answer.body, /"activities"/);
    });

    const forged: Array<[string, () => string | undefined]> = [
      ['no Authorization header', () => undefined],
      ['not a JWT', () => 'Bearer not-a-token'],
      ['a Basic header', () => 'Basic dXNlcjpwYXNz'],
      [
        'accepted issuer, key the login metadata does not publish',
        () => `Bearer ${standIn.sign({ aud: appId, serviceurl: serviceUrl }, { key: 'unknown', kid: 'stand-in' })}`,
      ],
      [
        'accepted issuer, unknown key id',
        () => `Bearer ${standIn.sign({ aud: appId, serviceurl: serviceUrl }, { key: 'unknown', kid: 'forged-kid' })}`,
      ],
      ['published key, token for another bot', () => `Bearer ${standIn.sign({ aud: 'another-bot', serviceurl: serviceUrl })}`],
      [
        'published key, another issuer',
        () => `Bearer ${standIn.sign({ aud: appId, iss: 'https://evil.example', serviceurl: serviceUrl })}`,
      ],
      ['published key, expired', () => `Bearer ${standIn.sign({ aud: appId, serviceurl: serviceUrl, nbf: 1, iat: 1, exp: 2 })}`],
      ['published key, serviceUrl of another host', () => `Bearer ${standIn.sign({ aud: appId, serviceurl: 'https://evil.example/' })}`],
    ];
    for (const [name, header] of forged) {
      it(`answers 401 with a short body: ${name}`, async function () {
        assertShortBody(await post(header()), 401, name);
      });
    }

    it('answers 401 when the login metadata cannot be fetched', async function () {
      const log2 = memoryLog();
      const unreachable = {
        ...standIn.authentication,
        ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration',
        ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:9/.well-known/openidconfiguration',
      };
      const other = await startServer(
        loadConfig({ PORT: '0', BOT_DATA_DIR: tempDir(), MicrosoftAppId: appId, MicrosoftAppPassword: 'not-used' }),
        { host: '127.0.0.1', logger: log2.logger, authentication: unreachable },
      );
      try {
        const answer = await request(`${other.url}/api/messages`, {
          body: JSON.stringify(activity({ channelId: 'msteams', serviceUrl })),
          headers: { authorization: `Bearer ${standIn.sign({ aud: appId, serviceurl: serviceUrl })}` },
        });
        assertShortBody(answer, 401, 'metadata unreachable');
      } finally {
        await other.close();
      }
    });

    it('writes no stack to the console and one warn line per rejected request', function () {
      assert.deepEqual(
        consoleErrors.filter((chunk) => !chunk.includes('DeprecationWarning')),
        [],
      );
      const rejected = log.entries().filter((entry) => entry.event === 'request-rejected');
      assert.equal(rejected.length, forged.length);
      assert.ok(rejected.every((entry) => entry.status === 401 && entry.reason === 'unauthorized' && entry.stack === undefined));
      assert.ok(
        log.lines.every((line) => !/Bearer |eyJ/.test(line)),
        'no token in the log',
      );
    });
  });
});
