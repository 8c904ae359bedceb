/**
 * The ticket-system webhook against a local receiver: HMAC-SHA256 signature over timestamp and
 * body, one Idempotency-Key per event across retries, retries with backoff on 5xx, no retry on
 * 4xx, events in order, the last failure kept on the case; the reverse SSRF policy.
 */
import { strict as assert } from 'assert';
import { createHmac } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadEscalationConfig } from '../../bot/escalation/config';
import { postJson, webhookSignature } from '../../bot/escalation/webhook';
import { ANNA, escalate, type Harness, startHarness, until } from './harness';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: {
    id: string;
    event: string;
    attempt: number;
    case: { id: string; conversationReference?: unknown; rating?: { score: number }; summary: { verdict: string } };
  };
}

async function startReceiver(answer: (received: Received, index: number) => number) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const entry = { headers: req.headers, body, json: JSON.parse(body) as Received['json'] };
      received.push(entry);
      res.writeHead(answer(entry, received.length - 1));
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mailflow`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = 'test-webhook-secret-0123456789';

describe('handoff webhook (ticket systems)', function () {
  this.timeout(60_000);
  let harness: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;

  afterEach(async () => {
    await harness?.close();
    await receiver?.close();
    harness = undefined;
    receiver = undefined;
  });

  const start = async (answer: (received: Received, index: number) => number, maxAttempts = '4') => {
    receiver = await startReceiver(answer);
    harness = await startHarness({
      HANDOFF_WEBHOOK_URL: receiver.url,
      HANDOFF_WEBHOOK_SECRET: SECRET,
      HANDOFF_WEBHOOK_RETRY_SECONDS: '0.05',
      HANDOFF_WEBHOOK_MAX_ATTEMPTS: maxAttempts,
    });
    return { harness, receiver };
  };

  it('POSTs every case event in order, signed, each with its own idempotency key', async () => {
    const { harness, receiver } = await start(() => 200);
    const user = harness.user('hook-1');
    const caseId = await escalate(user);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await harness.desk('POST', `/cases/${caseId}/close`, { agent: ANNA });
    await user.say({ text: '', value: { action: 'rate', caseId, score: 5 } });
    await until(() => receiver.received.length >= 4, 10_000, 'four webhook calls');
    assert.deepEqual(
      receiver.received.map((entry) => entry.json.event),
      ['case.created', 'case.assigned', 'case.closed', 'case.rated'],
    );
    for (const entry of receiver.received) {
      const timestamp = String(entry.headers['x-mailflow-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${entry.body}`).digest('hex')}`;
      assert.equal(entry.headers['x-mailflow-signature'], expected, 'signature over timestamp and body');
      assert.ok(Math.abs(Date.now() / 1000 - Number(timestamp)) < 60);
      assert.equal(entry.headers['idempotency-key'], entry.json.id);
      assert.equal(entry.headers['x-mailflow-event'], entry.json.event);
      assert.equal(entry.json.case.id, caseId);
      assert.equal(entry.json.case.conversationReference, undefined, 'no conversation reference leaves the bot');
    }
    assert.equal(new Set(receiver.received.map((entry) => entry.json.id)).size, 4);
    assert.equal(receiver.received[3].json.case.rating?.score, 5);
    assert.equal(receiver.received[0].json.case.summary.verdict, 'no_match');
  });

  it('retries a 503 with the same idempotency key, and later events wait for it', async () => {
    const { harness, receiver } = await start((_entry, index) => (index < 2 ? 503 : 200));
    const caseId = await escalate(harness.user('hook-2'));
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await until(() => receiver.received.filter((entry) => entry.json.event === 'case.assigned').length === 1, 10_000, 'the assigned event');
    const created = receiver.received.filter((entry) => entry.json.event === 'case.created');
    assert.equal(created.length, 3, 'two refusals, then accepted');
    assert.equal(new Set(created.map((entry) => entry.headers['idempotency-key'])).size, 1, 'one key for every attempt');
    assert.deepEqual(
      created.map((entry) => entry.json.attempt),
      [1, 2, 3],
    );
    assert.deepEqual(
      receiver.received.map((entry) => entry.json.event),
      ['case.created', 'case.created', 'case.created', 'case.assigned'],
    );
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.delivery?.webhook?.pending, 0);
    assert.equal(view.delivery?.webhook.lastFailure, undefined);
  });

  it('keeps the last failure on the case: a 400 is not retried, a 503 stops after the last attempt', async () => {
    const { harness, receiver } = await start((entry) => (entry.json.event === 'case.created' ? 400 : 503), '3');
    const caseId = await escalate(harness.user('hook-3'));
    await until(
      async () => (await harness.desk('GET', `/cases/${caseId}`)).json.delivery?.webhook?.lastFailure !== undefined,
      10_000,
      'the failure on the case',
    );
    let view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.deepEqual(
      {
        event: view.delivery?.webhook?.lastFailure?.event,
        error: view.delivery?.webhook?.lastFailure?.error,
        attempts: view.delivery?.webhook?.lastFailure?.attempts,
      },
      { event: 'case.created', error: 'HTTP 400', attempts: 1 },
    );
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await until(
      async () => (await harness.desk('GET', `/cases/${caseId}`)).json.delivery?.webhook?.lastFailure?.event === 'case.assigned',
      10_000,
      'the second failure',
    );
    view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.delivery?.webhook?.lastFailure?.attempts, 3);
    assert.equal(view.delivery?.webhook.lastFailure.error, 'HTTP 503');
    assert.equal(receiver.received.filter((entry) => entry.json.event === 'case.assigned').length, 3);
  });

  it('refuses private addresses outside local mode, https only, and a secret of some length', async () => {
    const result = await postJson(
      'http://127.0.0.1:9/hook',
      '{}',
      {},
      { url: '', secret: '', maxAttempts: 1, retryBaseMs: 0, timeoutMs: 1000, allowPrivate: false },
    );
    assert.match(result.error ?? '', /private or loopback/);
    const production = loadEscalationConfig(
      { HANDOFF_WEBHOOK_URL: 'http://tickets.contoso.com/hook', HANDOFF_WEBHOOK_SECRET: SECRET },
      false,
    );
    assert.match(production.problems.join('\n'), /must be an https URL/);
    const noSecret = loadEscalationConfig(
      { HANDOFF_WEBHOOK_URL: 'https://tickets.contoso.com/hook', HANDOFF_WEBHOOK_SECRET: 'short' },
      false,
    );
    assert.match(noSecret.problems.join('\n'), /HANDOFF_WEBHOOK_SECRET must be set/);
    const good = loadEscalationConfig({ HANDOFF_WEBHOOK_URL: 'https://tickets.contoso.com/hook', HANDOFF_WEBHOOK_SECRET: SECRET }, false);
    assert.deepEqual(good.problems, []);
    assert.equal(good.webhook?.allowPrivate, false);
    assert.equal(webhookSignature('k', '1', 'b'), `sha256=${createHmac('sha256', 'k').update('1.b').digest('hex')}`);
  });
});
