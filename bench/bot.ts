/**
 * The bot end to end over HTTP: the real server, embedded store in a temp dir, deliveryMode
 * "expectReplies". Medians of several turns; sizes of what a channel receives.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadConfig } from '../bot/config';
import { type BotApp, startServer } from '../bot/index';
import { makeCertificates } from '../test/bot/helpers/certificates';
import { NDR_5_7_64_EN, TWO_SMTP_CERTIFICATES } from '../test/bot/helpers/samples';
import { postLocalTurn } from '../test/helpers/localTurn';
import type { BenchResult } from './types';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round = (value: number) => Math.round(value * 10) / 10;

export async function benchBot(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-bench-'));
  const config = loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir });
  const results: BenchResult[] = [];
  let t0 = performance.now();
  let app: BotApp = await startServer(config, { host: '127.0.0.1', logger: quiet });
  results.push({ name: 'start (server + embedded SQLite store)', value: Math.round(performance.now() - t0), unit: 'ms' });

  let conversation = 0;
  const turn = async (activity: Record<string, unknown>, conversationId = `bench-${conversation++}`) => {
    const started = performance.now();
    const response = await postLocalTurn(app.url, conversationId, activity);
    const body = await response.text();
    return { ms: performance.now() - started, bytes: Buffer.byteLength(body), body };
  };

  try {
    const runs = 15;
    // Baseline in the same run: an HTTP round trip that does no bot work at all.
    const healthTimes: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const started = performance.now();
      await (await fetch(`${app.url}/healthz`)).text();
      if (i >= 3) healthTimes.push(performance.now() - started);
    }
    const baseline = median(healthTimes);
    results.push({ name: 'baseline: GET /healthz round trip', value: round(baseline), unit: 'ms', note: `median of ${runs}` });
    for (const [name, text] of [
      ['turn: NDR 5.7.64 paste -> question', NDR_5_7_64_EN],
      ['turn: Get-ExchangeCertificate paste -> KB 2888788 answer', TWO_SMTP_CERTIFICATES],
    ] as const) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        const result = await turn({ text });
        times.push(result.ms);
        bytes = result.bytes;
      }
      results.push({ name, value: round(median(times)), unit: 'ms', note: `median of ${runs}, new conversation each` });
      results.push({ name: `${name}: / baseline`, value: round(median(times) / baseline), unit: 'x' });
      results.push({ name: `${name}: reply bytes`, value: bytes, unit: 'B' });
    }

    const big = `${TWO_SMTP_CERTIFICATES}\n${'x'.repeat(1024 * 1024)}`;
    const bigTimes: number[] = [];
    for (let i = 0; i < 5; i++) bigTimes.push((await turn({ text: big })).ms);
    results.push({
      name: 'turn: 1 MB paste (read up to the 200 000-character cap)',
      value: round(median(bigTimes)),
      unit: 'ms',
      note: 'median of 5',
    });

    const certs = await makeCertificates('relay.example.com');
    const uploadTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      uploadTimes.push(
        (
          await turn({
            attachments: [
              {
                name: 'leaf.pem',
                contentType: 'application/x-pem-file',
                contentUrl: `data:application/x-pem-file;base64,${Buffer.from(certs.leafPem + certs.caPem).toString('base64')}`,
              },
            ],
          })
        ).ms,
      );
    }
    results.push({
      name: 'turn: certificate upload (leaf + CA) -> report',
      value: round(median(uploadTimes)),
      unit: 'ms',
      note: 'median of 5',
    });

    const sameConversation: number[] = [];
    for (let i = 0; i < 10; i++) sameConversation.push((await turn({ text: i % 2 ? 'help' : TWO_SMTP_CERTIFICATES }, 'bench-long')).ms);
    results.push({
      name: 'turn: 10 turns in one conversation (state read + write)',
      value: round(median(sameConversation)),
      unit: 'ms',
      note: 'median',
    });
    results.push({ name: 'turn in a long conversation / baseline', value: round(median(sameConversation) / baseline), unit: 'x' });

    t0 = performance.now();
    await app.close();
    app = await startServer(config, { host: '127.0.0.1', logger: quiet });
    results.push({ name: 'restart (close + start, same store)', value: Math.round(performance.now() - t0), unit: 'ms' });
    const resumed = await turn({ text: 'help' }, 'bench-long');
    results.push({ name: 'first turn after restart', value: round(resumed.ms), unit: 'ms' });
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
