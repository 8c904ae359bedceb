/**
 * Issue 24, point 6: the webhook's address policy (a private or loopback address outside local
 * mode) refuses the call; that refusal is final, not retried as a transient failure, and its
 * reason is stored on the case and shown on the desk (API field `webhookRefused`, the desk page's
 * case line in English and German). HANDOFF_WEBHOOK_ALLOW_PRIVATE=false applies the production
 * policy in local mode.
 */
import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { loadEscalationConfig } from '../../bot/escalation/config';
import { chromiumOrSkip, launchChromium, type BrowserSession } from '../webchat/chromium';
import { ANNA, escalate, type Harness, startHarness, until } from './harness';

const SECRET = 'test-webhook-secret-0123456789';

async function startReceiver() {
  let calls = 0;
  const server = http.createServer((req, res) => {
    calls += 1;
    req.resume();
    res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook refused by the address policy: final, with its reason on the desk (issue 24, point 6)', function () {
  this.timeout(90_000);
  let harness: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  afterEach(async () => {
    await harness?.close();
    await receiver?.close();
    harness = undefined;
    receiver = undefined;
  });

  const start = async (host: string) => {
    receiver = await startReceiver();
    harness = await startHarness({
      HANDOFF_WEBHOOK_URL: `http://${host}:${receiver.port}/hooks/mailflow`,
      HANDOFF_WEBHOOK_SECRET: SECRET,
      HANDOFF_WEBHOOK_ALLOW_PRIVATE: 'false',
      HANDOFF_WEBHOOK_RETRY_SECONDS: '0.05',
      HANDOFF_WEBHOOK_MAX_ATTEMPTS: '5',
    });
    return { harness, receiver };
  };

  for (const [label, host] of [
    ['an IPv4 loopback literal', '127.0.0.1'],
    ['an IPv4-mapped IPv6 literal', '[::ffff:127.0.0.1]'],
    ['a name that resolves to loopback', 'localhost'],
  ] as const) {
    it(`${label}: one attempt, no retry, the reason on the case in the list and the case view`, async () => {
      const { harness, receiver } = await start(host);
      const caseId = await escalate(harness.user(`refused-${host}`));
      await until(
        async () => (await harness.desk('GET', `/cases/${caseId}`)).json.webhookRefused !== undefined,
        10_000,
        'the refusal on the case',
      );
      // Retries would come after 50, 100, 200, 400 ms: none may come.
      await pause(1_500);
      const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
      assert.equal(view.delivery?.webhook?.pending, 0, 'nothing left pending');
      assert.equal(view.delivery?.webhook?.lastFailure?.attempts, 1, 'refused once, never retried');
      assert.match(view.delivery?.webhook?.lastFailure?.error ?? '', /private or loopback/);
      assert.equal(view.webhookRefused?.reason, 'private-address');
      assert.equal(view.webhookRefused?.event, 'case.created');
      assert.match(view.webhookRefused?.message ?? '', /private or loopback/);
      assert.equal(receiver.calls(), 0, 'the receiver was never called');
      const list = (await harness.desk('GET', '/cases?status=queued')).json;
      assert.equal(list.cases?.find((item) => item.id === caseId)?.webhookRefused?.reason, 'private-address');

      // A later event of the same case is refused at once as well, never queued behind retries.
      await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
      await until(
        async () => (await harness.desk('GET', `/cases/${caseId}`)).json.webhookRefused?.event === 'case.assigned',
        10_000,
        'the second refusal',
      );
      await pause(500);
      const after = (await harness.desk('GET', `/cases/${caseId}`)).json;
      assert.equal(after.delivery?.webhook?.lastFailure?.attempts, 1);
      assert.equal(after.delivery?.webhook?.pending, 0);
    });
  }

  it('a transient failure (nobody listening on a public-policy-allowed address) is still retried', async () => {
    receiver = await startReceiver();
    const port = receiver.port;
    await receiver.close();
    harness = await startHarness({
      HANDOFF_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/mailflow`,
      HANDOFF_WEBHOOK_SECRET: SECRET,
      HANDOFF_WEBHOOK_RETRY_SECONDS: '0.05',
      HANDOFF_WEBHOOK_MAX_ATTEMPTS: '3',
    });
    receiver = undefined;
    const caseId = await escalate(harness.user('transient'));
    await until(
      async () => (await harness!.desk('GET', `/cases/${caseId}`)).json.delivery?.webhook?.lastFailure?.attempts === 3,
      10_000,
      'three attempts',
    );
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.webhookRefused, undefined);
  });

  it('HANDOFF_WEBHOOK_ALLOW_PRIVATE: on by default in local mode only, an explicit off holds in local mode', () => {
    const url = 'http://127.0.0.1:9/hook';
    assert.equal(loadEscalationConfig({ HANDOFF_WEBHOOK_URL: url, HANDOFF_WEBHOOK_SECRET: SECRET }, true).webhook?.allowPrivate, true);
    assert.equal(
      loadEscalationConfig({ HANDOFF_WEBHOOK_URL: url, HANDOFF_WEBHOOK_SECRET: SECRET, HANDOFF_WEBHOOK_ALLOW_PRIVATE: 'false' }, true)
        .webhook?.allowPrivate,
      false,
    );
    const https = 'https://10.0.0.5/hook';
    assert.equal(loadEscalationConfig({ HANDOFF_WEBHOOK_URL: https, HANDOFF_WEBHOOK_SECRET: SECRET }, false).webhook?.allowPrivate, false);
    assert.equal(
      loadEscalationConfig({ HANDOFF_WEBHOOK_URL: https, HANDOFF_WEBHOOK_SECRET: SECRET, HANDOFF_WEBHOOK_ALLOW_PRIVATE: 'true' }, false)
        .webhook?.allowPrivate,
      true,
    );
  });

  describe('the desk page in Chromium', () => {
    let browser: BrowserSession | undefined;
    afterEach(async () => {
      await browser?.close();
      browser = undefined;
    });

    for (const [locale, expected] of [
      ['en-US', /ticket system not notified: the webhook address is private or loopback/],
      ['de-DE', /Ticketsystem nicht benachrichtigt: Die Webhook-Adresse ist privat oder Loopback/],
    ] as const) {
      it(`shows the refusal next to the case (${locale})`, async function () {
        const executable = chromiumOrSkip(this);
        const { harness } = await start('127.0.0.1');
        const caseId = await escalate(harness.user(`page-${locale}`));
        await until(async () => (await harness.desk('GET', `/cases/${caseId}`)).json.webhookRefused !== undefined, 10_000, 'refusal');
        browser = await launchChromium(executable, locale);
        const page: Page = await browser.context.newPage();
        await page.goto(`${harness.app.url}/desk`);
        await page.locator(`[data-case-id="${caseId}"]`).click({ timeout: 15_000 });
        await page.locator('#case-meta', { hasText: expected }).waitFor({ timeout: 15_000 });
      });
    }
  });
});
