/**
 * HANDOFF_WEBHOOK_TIMEOUT_SECONDS bounds a whole attempt, not only silence: a receiver that
 * trickles its answer a byte at a time used to hold the request open for as long as it liked,
 * and the case's later events (which go out in order) waited behind it.
 */
import { strict as assert } from 'assert';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { postJson } from '../../bot/escalation/webhook';
import { ANNA, escalate, type Harness, startHarness, until } from './harness';

const SECRET = 'test-webhook-secret-0123456789';

/** A receiver whose `trickle(index)` answers dribble a space every 50 ms and never end; the others answer 200. */
async function startTrickler(trickle: (index: number) => boolean, delayMs = 0) {
  const events: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const index = events.push((JSON.parse(body) as { event: string }).event) - 1;
      if (!trickle(index)) {
        setTimeout(() => {
          res.writeHead(200);
          res.end();
        }, delayMs);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write(' '), 50);
      timers.add(timer);
      res.on('close', () => clearInterval(timer));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/mailflow`,
    events,
    close: () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('handoff webhook: an overall deadline per attempt', function () {
  this.timeout(30_000);
  let harness: Harness | undefined;
  let receiver: Awaited<ReturnType<typeof startTrickler>> | undefined;

  afterEach(async () => {
    await receiver?.close();
    await harness?.close();
    harness = undefined;
    receiver = undefined;
  });

  const config = (timeoutMs: number) => ({ url: '', secret: '', maxAttempts: 1, retryBaseMs: 0, timeoutMs, allowPrivate: true });

  it('gives up on a trickling answer when the time is up, with a clear error', async () => {
    receiver = await startTrickler(() => true);
    const started = Date.now();
    const result = await Promise.race([
      postJson(receiver.url, JSON.stringify({ event: 'case.created' }), {}, config(400)),
      new Promise<{ status?: number; error?: string }>((resolve) => setTimeout(() => resolve({ error: 'still waiting after 5 s' }), 5_000)),
    ]);
    const took = Date.now() - started;
    assert.equal(result.status, undefined);
    assert.match(result.error ?? '', /no complete answer within 400 ms/);
    assert.ok(took < 2_000, `gave up after ${took} ms`);
  });

  it("a trickled event is retried and the case's later events are not held up", async () => {
    receiver = await startTrickler((index) => index === 0);
    harness = await startHarness({
      HANDOFF_WEBHOOK_URL: receiver.url,
      HANDOFF_WEBHOOK_SECRET: SECRET,
      HANDOFF_WEBHOOK_RETRY_SECONDS: '0.05',
      HANDOFF_WEBHOOK_TIMEOUT_SECONDS: '0.5',
    });
    const caseId = await escalate(harness.user('hook-trickle'));
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await until(() => receiver!.events.includes('case.assigned'), 8_000, 'the assigned event');
    assert.deepEqual(receiver.events, ['case.created', 'case.created', 'case.assigned']);
  });

  it('near miss: a slow answer that completes in time is delivered at the first attempt', async () => {
    receiver = await startTrickler(() => false, 200);
    const result = await postJson(receiver.url, JSON.stringify({ event: 'case.created' }), {}, config(2_000));
    assert.deepEqual(result, { status: 200 });
    assert.deepEqual(receiver.events, ['case.created']);
  });
});
