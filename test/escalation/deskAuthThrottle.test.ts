/**
 * Issue 24, point 8: failed desk authentications are limited per client. After
 * DESK_AUTH_MAX_FAILURES wrong or missing keys within DESK_AUTH_WINDOW_SECONDS, every desk API
 * request from that client gets 429 with Retry-After (the right key too), other clients are not
 * affected, each failure is logged without the key, and the right key works once the window is over.
 * The desk page tells the agent in English and German.
 */
import { strict as assert } from 'node:assert';
import type { Logger } from '../../bot/logging/logger';
import { chromiumOrSkip, launchChromium, type BrowserSession } from '../webchat/chromium';
import { type Harness, startHarness } from './harness';

const KEY = 'desk-key-0123456789-abcdef';
const WRONG = ['desk-key-0123456789-abcdeX', 'guess-number-two-0000000', 'Bearer-in-the-key-itself'];

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string, fields?: unknown) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return {
    lines,
    info: keep,
    warn: keep,
    error: (message, error, fields) => keep(`${message} ${String(error)}`, fields),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('failed desk authentications are rate-limited per client (issue 24, point 8)', function () {
  this.timeout(60_000);
  let harness: Harness | undefined;
  let logger: ReturnType<typeof memoryLogger>;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const start = async (env: Record<string, string> = {}) => {
    logger = memoryLogger();
    harness = await startHarness({ AGENT_DESK_KEY: KEY, DESK_AUTH_MAX_FAILURES: '3', DESK_AUTH_WINDOW_SECONDS: '2', ...env }, { logger });
    return harness;
  };
  const asClient = (key: string | undefined, client?: string) => ({
    ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
    ...(client ? { 'x-forwarded-for': `203.0.113.250, ${client}` } : {}),
  });

  it('429 with Retry-After after N failures in the window, the right key included; logged without the key; the right key works after the window', async () => {
    const harness = await start();
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY))).status, 200);
    for (const wrong of WRONG) assert.equal((await harness.desk('GET', '/cases', undefined, asClient(wrong))).status, 401);
    const locked = await fetch(`${harness.app.url}/api/desk/cases`, { headers: asClient(WRONG[0]) });
    assert.equal(locked.status, 429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 2, `Retry-After: ${locked.headers.get('retry-after')}`);
    assert.equal(((await locked.json()) as { error: { code: string } }).error.code, 'TooManyFailedAuthentications');
    // Locked: not even the right key is tried (else the lock would not stop guessing), nor a missing one.
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY))).status, 429);
    assert.equal((await harness.desk('POST', `/cases/ABCDEFGH/take`, { agent: { id: 'a', name: 'A' } }, asClient(KEY))).status, 429);
    assert.equal((await harness.desk('GET', '/me', undefined, asClient(undefined))).status, 429);

    const log = logger.lines.join('\n');
    assert.equal(logger.lines.filter((line) => line.includes('desk-auth-failed')).length, 2);
    assert.equal(logger.lines.filter((line) => line.includes('desk-auth-locked')).length, 1, 'the lock-out is logged once');
    assert.match(log, /"remote":"(127\.0\.0\.1|::ffff:127\.0\.0\.1)"/);
    for (const secret of [KEY, ...WRONG]) assert.ok(!log.includes(secret), `the log holds ${secret}`);

    await pause(2_100);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY))).status, 200, 'the right key after the window');
  });

  it('missing keys count as failures; a success ends the count; X-Forwarded-For is ignored unless WEBCHAT_TRUST_PROXY', async () => {
    const harness = await start();
    // Two failures, then the right key: the count starts again.
    for (let i = 0; i < 2; i++) assert.equal((await harness.desk('GET', '/cases', undefined, asClient(undefined))).status, 401);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY))).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await harness.desk('GET', '/cases', undefined, asClient(WRONG[1]))).status, 401);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY))).status, 200);
    // A forged X-Forwarded-For does not make a new client when the proxy is not trusted.
    for (let i = 0; i < 3; i++)
      assert.equal((await harness.desk('GET', '/cases', undefined, asClient(WRONG[2], `198.51.100.${i}`))).status, 401);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY, '198.51.100.99'))).status, 429);
  });

  it('behind a trusted proxy, clients are told apart by X-Forwarded-For: one locked client does not lock another', async () => {
    const harness = await start({ WEBCHAT_TRUST_PROXY: 'true' });
    for (const wrong of WRONG) assert.equal((await harness.desk('GET', '/cases', undefined, asClient(wrong, '198.51.100.7'))).status, 401);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY, '198.51.100.7'))).status, 429);
    assert.equal((await harness.desk('GET', '/cases', undefined, asClient(KEY, '198.51.100.8'))).status, 200);
    assert.match(logger.lines.join('\n'), /"remote":"198\.51\.100\.7"/);
  });

  describe('the desk page in Chromium', () => {
    let browser: BrowserSession | undefined;
    afterEach(async () => {
      await browser?.close();
      browser = undefined;
    });
    for (const [locale, expected] of [
      ['en-US', /Too many wrong keys from this computer: try again in \d+ seconds/],
      ['de-DE', /Zu viele falsche Schlüssel von diesem Computer: Versuchen Sie es in \d+ Sekunden erneut/],
    ] as const) {
      it(`says that the agent must wait (${locale})`, async function () {
        const executable = chromiumOrSkip(this);
        // A long window: starting Chromium on a busy machine can take longer than the short one.
        const harness = await start({ DESK_AUTH_WINDOW_SECONDS: '120' });
        for (const wrong of WRONG) await harness.desk('GET', '/cases', undefined, asClient(wrong));
        browser = await launchChromium(executable, locale);
        const page = await browser.context.newPage();
        await page.goto(`${harness.app.url}/desk`);
        await page.locator('#key-error', { hasText: expected }).waitFor({ timeout: 15_000 });
      });
    }
  });
});
