/**
 * State and scale-out benchmark (issue: the embedded store must not degrade as it fills, and
 * two instances must lose nothing). Everything is measured in this run, each server in its own
 * child process, load from autocannon in this process:
 * - baseline: a bare botbuilder echo bot on restify, built here (bench/servers/echoBot.ts);
 * - this bot on the embedded store, empty, then after the store holds 100,000 conversations
 *   (copies of a real conversation document written straight into the file: filling it through
 *   the bot would take as long as the rest of the benchmark ten times over);
 * - for context, the previous default: BlobsStorage on Azurite;
 * - two instances on Azurite (Blob + Table) behind a round-robin proxy, 200 conversations x 10
 *   turns sent two at a time (parallel uploads and pastes), counting lost findings, lost
 *   uploads, duplicated replies and unanswered turns.
 * Same payload for every throughput figure: a 5.7.64 NDR paste, new conversation per request,
 * deliveryMode expectReplies.
 */
import autocannon from 'autocannon';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Activity } from 'botbuilder';
import { startAzurite } from '../bot/store/azuriteProcess';
import { databasePath, openDatabase } from '../bot/store/sqliteDatabase';
import { AzureBlobStateStorage } from '../bot/store/azureBlobStateStorage';
import { findingKey, normaliseCase } from '../dialogs/caseState';
import { extractFindings } from '../knowledge';
import { makeCertificates } from '../test/bot/helpers/certificates';
import { NDR_5_7_64_EN } from '../test/bot/helpers/samples';
import { startReplyCollector } from '../test/helpers/replyCollector';
import { type ServerChild, startServerChild } from './servers/child';
import type { BenchResult } from './types';

const LOAD_SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 8);
const FILL_CONVERSATIONS = Number(process.env.BENCH_FILL_CONVERSATIONS ?? 100_000);
const SCALE_CONVERSATIONS = Number(process.env.BENCH_SCALE_CONVERSATIONS ?? 200);
const SCALE_CONCURRENT = 8;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function turnBody(text: string): string {
  return JSON.stringify({
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'bench-user-[<id>]' },
    recipient: { id: 'bot' },
    conversation: { id: 'bench-[<id>]' },
    locale: 'en-US',
    text,
  });
}

interface Load {
  turnsPerSecond: number;
  p99: number;
  errors: number;
}

let requestCounter = 0;

/**
 * Load on `url`: by default a new conversation per request; `storedConversation` picks a
 * conversation the store already holds instead (its turn reads the document and updates it).
 */
async function load(url: string, connections: number, seconds = LOAD_SECONDS, storedConversation?: () => string): Promise<Load> {
  const body = turnBody(NDR_5_7_64_EN);
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // (autocannon's idReplacement keeps the old Content-Length.)
    requests: [
      {
        setupRequest: (request) => {
          const id = `${process.pid}-${requestCounter++}`;
          const withIds = body.replace(/\[<id>\]/g, id);
          return {
            ...request,
            body: storedConversation ? withIds.replace(`"bench-${id}"`, JSON.stringify(storedConversation())) : withIds,
          };
        },
      },
    ],
    connections,
    duration: seconds,
    timeout: 30,
  });
  return { turnsPerSecond: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

async function warm(url: string): Promise<void> {
  await load(url, 4, 2);
}

/** Copies of a real conversation document under new keys, until the store holds `target` conversations. */
function fillStore(dataDir: string, target: number): number {
  const db = openDatabase(databasePath(dataDir));
  try {
    const sample = db.prepare(`SELECT doc FROM state WHERE key LIKE '%/conversations/%' LIMIT 1`).get() as { doc: string } | undefined;
    if (!sample) throw new Error('no conversation to copy');
    const count = () => (db.prepare(`SELECT COUNT(*) AS n FROM state WHERE key LIKE '%/conversations/%'`).get() as { n: number }).n;
    const insert = db.prepare('INSERT INTO state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(key) DO NOTHING');
    let next = 0;
    for (let missing = target - count(); missing > 0; missing = target - count()) {
      db.transaction(() => {
        for (let i = 0; i < Math.min(missing, 10_000); i++, next++) {
          insert.run(
            `emulator/conversations/fill-${next}/`,
            `fill-${next}`,
            sample.doc.replace(/bench-[A-Za-z0-9_-]+/g, `fill-${next}`),
            Date.now(),
          );
        }
      })();
    }
    return count();
  } finally {
    db.close();
  }
}

/** A round-robin HTTP proxy in front of several instances, as a load balancer without affinity. */
async function startRoundRobin(targets: string[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', targets[next++ % targets.length]);
    const upstream = http.request(target, { method: req.method, headers: req.headers, agent }, (response) => {
      res.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(res);
    });
    upstream.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

interface ScaleOutResult {
  turns: number;
  seconds: number;
  lostFindings: number;
  lostUploads: number;
  duplicatedReplies: number;
  unansweredTurns: number;
  failedRequests: number;
}

export async function scaleOut(): Promise<ScaleOutResult> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-azurite-'));
  const azurite = await startAzurite(root, { blob: true, table: true });
  const collector = await startReplyCollector();
  const env = { BLOB_STORAGE_CONNECTION_STRING: azurite.connectionString, BLOB_STORAGE_CONTAINER: 'benchstate', CASES_TABLE: 'benchcases' };
  const instances = [
    await startServerChild('productBot', [JSON.stringify(env)]),
    await startServerChild('productBot', [JSON.stringify(env)]),
  ];
  const proxy = await startRoundRobin(instances.map((instance) => instance.url));
  const pairs = [await makeCertificates('relay.woodgrove.com'), await makeCertificates('mail.woodgrove.com')];
  const pem = (name: string, text: string) => ({
    name,
    contentType: 'application/x-pem-file',
    contentUrl: `data:application/x-pem-file;base64,${Buffer.from(text).toString('base64')}`,
  });
  const log = (name: string, text: string) => ({
    name,
    contentType: 'text/plain',
    contentUrl: `data:text/plain;base64,${Buffer.from(text).toString('base64')}`,
  });
  // Ten turns, sent two at a time: every second turn runs in parallel with its partner. Every paste
  // points to the same article (KB 3212877, a 5.7.64 NDR from another server each time, so each
  // turn adds findings of its own): a paste pointing to another article would start a new case
  // by design, which is not a loss.
  const ndr = (k: number) => NDR_5_7_64_EN.replace('SMTP01', `SMTP${10 + k}`).replace('orders@', `orders${k}@`);
  const rounds: Array<[Partial<Activity>, Partial<Activity>]> = [
    [{ attachments: [pem('leaf-a.pem', pairs[0].leafPem)] }, { attachments: [pem('ca-a.pem', pairs[0].caPem)] }],
    [{ text: ndr(1) }, { text: ndr(2) }],
    [{ attachments: [pem('leaf-b.pem', pairs[1].leafPem)] }, { attachments: [log('queue.log', ndr(3))] }],
    [{ text: ndr(4) }, { attachments: [pem('ca-b.pem', pairs[1].caPem)] }],
    [{ text: 'help' }, { text: ndr(5) }],
  ];
  const texts = [ndr(1), ndr(2), ndr(3), ndr(4), ndr(5)];
  const expectedFindings = new Set(texts.flatMap((text) => extractFindings(text).findings.map(findingKey)));
  const expectedFiles = rounds
    .flat()
    .flatMap((activity) => (activity.attachments ?? []).map((attachment) => attachment.name ?? ''))
    .filter((name) => name.endsWith('.pem'));

  let failedRequests = 0;
  let nextId = 0;
  const sent: string[] = [];
  const send = async (conversation: string, activity: Partial<Activity>) => {
    const id = `turn-${nextId++}`;
    sent.push(id);
    const response = await fetch(`${proxy.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id,
        channelId: 'webchat',
        serviceUrl: collector.url,
        from: { id: `u-${conversation}` },
        recipient: { id: 'bot' },
        conversation: { id: conversation },
        locale: 'en-US',
        ...activity,
      }),
    }).catch(() => undefined);
    if (!response || response.status >= 300) failedRequests++;
    await response?.arrayBuffer();
  };

  const started = Date.now();
  let nextConversation = 0;
  await Promise.all(
    Array.from({ length: SCALE_CONCURRENT }, async () => {
      for (let c = nextConversation++; c < SCALE_CONVERSATIONS; c = nextConversation++) {
        for (const [first, second] of rounds) await Promise.all([send(`scale-${c}`, first), send(`scale-${c}`, second)]);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 500));

  const state = new AzureBlobStateStorage(azurite.connectionString, env.BLOB_STORAGE_CONTAINER);
  let lostFindings = 0;
  let lostUploads = 0;
  for (let c = 0; c < SCALE_CONVERSATIONS; c++) {
    const key = `webchat/conversations/scale-${c}/`;
    const stored = normaliseCase(((await state.read([key]))[key] as { case?: unknown } | undefined)?.case);
    const storedFindings = new Set(stored.textFindings.map(findingKey));
    for (const finding of expectedFindings) if (!storedFindings.has(finding)) lostFindings++;
    const storedFiles = new Set(stored.certificateFiles.map((file) => file.name));
    for (const name of expectedFiles) if (!storedFiles.has(name)) lostUploads++;
  }
  let duplicatedReplies = 0;
  let unansweredTurns = 0;
  for (const id of sent) {
    const replies = collector.repliesTo(id).filter((reply) => reply.type === 'message');
    if (replies.length === 0) unansweredTurns++;
    const contents = replies.map((reply) => JSON.stringify({ text: reply.text, attachments: reply.attachments }));
    duplicatedReplies += contents.length - new Set(contents).size;
  }

  await proxy.close();
  for (const instance of instances) await instance.close();
  await collector.close();
  await azurite.close();
  fs.rmSync(root, { recursive: true, force: true });
  return { turns: sent.length, seconds, lostFindings, lostUploads, duplicatedReplies, unansweredTurns, failedRequests };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

export async function benchState(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-empty-'));
  const fullDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-full-'));
  const children: ServerChild[] = [];
  try {
    // The store to fill gets one real conversation through the bot first: the document copied.
    const seeding = await startServerChild('productBot', [JSON.stringify({ BOT_DATA_DIR: fullDir })]);
    await load(seeding.url, 1, 1);
    await seeding.close();
    const conversations = fillStore(fullDir, FILL_CONVERSATIONS);
    const dbBytes = fs.statSync(databasePath(fullDir)).size;

    // All three servers run side by side and are loaded in turn, round after round: the machine
    // is shared, so each ratio compares measurements taken seconds apart, and the median of the
    // rounds is reported.
    const echo = await startServerChild('echoBot');
    const empty = await startServerChild('productBot', [JSON.stringify({ BOT_DATA_DIR: emptyDir })]);
    const full = await startServerChild('productBot', [JSON.stringify({ BOT_DATA_DIR: fullDir })]);
    children.push(echo, empty, full);
    for (const child of children) await warm(child.url);
    const rounds: Array<{ echo16: Load; empty16: Load; full16: Load; echo64: Load; empty64: Load }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push({
        echo16: await load(echo.url, 16),
        empty16: await load(empty.url, 16),
        full16: await load(full.url, 16),
        echo64: await load(echo.url, 64),
        empty64: await load(empty.url, 64),
      });
    }
    const [emptyRss, fullRss] = [await empty.rss(), await full.rss()];
    // Context: the same paste into conversations the full store already holds (read, then a conditional update).
    const stored = await load(full.url, 16, LOAD_SECONDS, () => `fill-${Math.floor(Math.random() * conversations)}`);
    const storedErrors = stored.errors;
    for (const child of children.splice(0)) await child.close();
    const errors = rounds.reduce((sum, r) => sum + r.empty16.errors + r.full16.errors + r.empty64.errors, 0);
    const note = `median of ${ROUNDS} rounds`;
    const medianOf = (pick: (r: (typeof rounds)[number]) => number) => median(rounds.map(pick));
    results.push({
      name: 'baseline: echo bot turns/s, 16 connections',
      value: round(
        medianOf((r) => r.echo16.turnsPerSecond),
        0,
      ),
      unit: 'turns/s',
      note,
    });
    results.push({ name: 'baseline: echo bot p99, 64 connections', value: medianOf((r) => r.echo64.p99), unit: 'ms', note });
    results.push({
      name: 'embedded, empty store: turns/s, 16 connections',
      value: round(
        medianOf((r) => r.empty16.turnsPerSecond),
        0,
      ),
      unit: 'turns/s',
      note: `${note}; ${errors} errors in all runs`,
    });
    results.push({ name: 'embedded, empty store: p99, 64 connections', value: medianOf((r) => r.empty64.p99), unit: 'ms', note });
    results.push({
      name: 'ratio: turns/s bot / echo bot, 16 connections (target >= 0.5)',
      value: round(medianOf((r) => r.empty16.turnsPerSecond / r.echo16.turnsPerSecond)),
      unit: 'x',
      note: `per round: ${rounds.map((r) => round(r.empty16.turnsPerSecond / r.echo16.turnsPerSecond)).join(', ')}`,
    });
    results.push({
      name: 'ratio: p99 bot / echo bot, 64 connections (target <= 3)',
      value: round(medianOf((r) => r.empty64.p99 / r.echo64.p99)),
      unit: 'x',
      note: `per round: ${rounds.map((r) => round(r.empty64.p99 / r.echo64.p99)).join(', ')}`,
    });
    results.push({
      name: 'embedded store filled: conversations held',
      value: conversations,
      unit: '',
      note: `file ${round(dbBytes / 1024 / 1024, 0)} MB`,
    });
    results.push({
      name: 'embedded, full store: turns/s, 16 connections',
      value: round(
        medianOf((r) => r.full16.turnsPerSecond),
        0,
      ),
      unit: 'turns/s',
      note,
    });
    results.push({
      name: 'ratio: turns/s full / empty store (target >= 0.8)',
      value: round(medianOf((r) => r.full16.turnsPerSecond / r.empty16.turnsPerSecond)),
      unit: 'x',
      note: `per round: ${rounds.map((r) => round(r.full16.turnsPerSecond / r.empty16.turnsPerSecond)).join(', ')}`,
    });
    results.push({
      name: 'context: full store, the paste into stored conversations, 16 conn.',
      value: round(stored.turnsPerSecond, 0),
      unit: 'turns/s',
      note: `${round(stored.turnsPerSecond / medianOf((r) => r.full16.turnsPerSecond))} x new conversations on the full store; ${storedErrors} errors`,
    });
    results.push({ name: 'embedded, empty store: resident memory after the rounds', value: round(emptyRss / 1024 / 1024, 0), unit: 'MB' });
    results.push({ name: 'embedded, full store: resident memory after the rounds', value: round(fullRss / 1024 / 1024, 0), unit: 'MB' });
    results.push({ name: 'ratio: resident memory full / empty store (target <= 1.5)', value: round(fullRss / emptyRss), unit: 'x' });

    // Context, one run each: where the time goes, and what the previous default did.
    const echoContext = await startServerChild('echoBot');
    children.push(echoContext);
    await warm(echoContext.url);
    const echoNow = await load(echoContext.url, 16);
    const context = async (name: string, env: Record<string, string>) => {
      const child = await startServerChild('productBot', [JSON.stringify(env)]);
      children.push(child);
      await warm(child.url);
      const measured = await load(child.url, 16);
      await child.close();
      results.push({
        name,
        value: round(measured.turnsPerSecond, 0),
        unit: 'turns/s',
        note: `${round(measured.turnsPerSecond / echoNow.turnsPerSecond)} x the echo bot measured just before (${round(echoNow.turnsPerSecond, 0)})`,
      });
    };
    await context('context: this bot on botbuilder MemoryStorage, 16 conn.', { BENCH_MEMORY_STORAGE: '1' });
    const syncDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-sync-'));
    await context('context: embedded with BOT_DATA_SYNC=full (fsync per commit), 16 conn.', {
      BOT_DATA_DIR: syncDir,
      BOT_DATA_SYNC: 'full',
    });
    fs.rmSync(syncDir, { recursive: true, force: true });
    const azuriteRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-old-default-'));
    const azurite = await startAzurite(azuriteRoot, { blob: true, table: true });
    await context('context: previous default (BlobsStorage on Azurite, empty), 16 conn.', {
      BLOB_STORAGE_CONNECTION_STRING: azurite.connectionString,
    });
    await azurite.close();
    fs.rmSync(azuriteRoot, { recursive: true, force: true });
    await echoContext.close();

    const scale = await scaleOut();
    results.push({
      name: `scale-out: 2 instances on Azurite, round-robin, turns`,
      value: scale.turns,
      unit: '',
      note: `${SCALE_CONVERSATIONS} conversations x 10 turns, two at a time, ${round(scale.seconds, 1)} s`,
    });
    results.push({ name: 'scale-out: lost findings', value: scale.lostFindings, unit: '' });
    results.push({ name: 'scale-out: lost uploads', value: scale.lostUploads, unit: '' });
    results.push({ name: 'scale-out: duplicated replies', value: scale.duplicatedReplies, unit: '' });
    results.push({
      name: 'scale-out: unanswered turns',
      value: scale.unansweredTurns,
      unit: '',
      note: `${scale.failedRequests} failed requests`,
    });
  } finally {
    for (const child of children) await child.close().catch(() => undefined);
    fs.rmSync(emptyDir, { recursive: true, force: true });
    fs.rmSync(fullDir, { recursive: true, force: true });
  }
  return results;
}
