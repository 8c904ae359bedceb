/**
 * Hostile uploads against the running host: how long GET /healthz takes while the 200-certificate
 * chain bomb of issue 13 is analysed, against /healthz on an idle host (the baseline, same run),
 * and how long the bomb's own turn takes.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { loadConfig } from '../bot/config';
import { startServer } from '../bot/index';
import { chainBomb, chainBombP7b, ISSUE_BOMB, ORDINARY_RSA } from '../test/certificates/chainBomb';
import { postLocalTurn } from '../test/helpers/localTurn';
import type { BenchResult } from './types';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const round = (value: number) => Math.round(value * 10) / 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function benchHostile(): Promise<BenchResult[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-bench-hostile-'));
  const app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }), { host: '127.0.0.1', logger: quiet });
  const results: BenchResult[] = [];
  const health = async () => {
    const started = performance.now();
    await (await fetch(`${app.url}/healthz`)).text();
    return performance.now() - started;
  };
  const turn = (conversation: string, activity: Record<string, unknown>) =>
    postLocalTurn(app.url, conversation, activity).then((response) => response.text());
  const upload = (name: string, bytes: Uint8Array | string) => ({
    attachments: [
      {
        name,
        contentType: 'application/octet-stream',
        contentUrl: `data:application/octet-stream;base64,${Buffer.from(bytes).toString('base64')}`,
      },
    ],
  });
  try {
    // One-time costs (knowledge base, worker start) are not what is measured: warm up first.
    await turn('warm-up', { text: 'help' });
    await turn('warm-up', upload('warm-up.pem', chainBomb({ leaves: 1, issuers: 1, issuerKey: ORDINARY_RSA })));
    const idle: number[] = [];
    for (let i = 0; i < 23; i++) idle.push(await health());
    const baseline = percentile(idle.slice(3), 0.5);
    results.push({ name: 'baseline: GET /healthz on an idle host', value: round(baseline), unit: 'ms', note: 'median of 20' });
    const bombs: Array<[string, string, Uint8Array | string]> = [
      ["the issue's .p7b: 120 leaves, 80 CAs with 3070-bit exponents", 'bomb.p7b', chainBombP7b(ISSUE_BOMB)],
      ['100 leaves, 100 CAs with ordinary 2048-bit keys', 'bomb.pem', chainBomb({ leaves: 100, issuers: 100, issuerKey: ORDINARY_RSA })],
      [
        '100 leaves, 100 CAs with 16,384-bit moduli',
        'bomb.pem',
        chainBomb({ leaves: 100, issuers: 100, issuerKey: { modulusBits: 16384, exponentBits: 32 } }),
      ],
    ];
    for (const [label, name, bytes] of bombs) {
      const started = performance.now();
      let done = false;
      const bombTurn = turn(`bomb-${label}`, upload(name, bytes)).then(() => {
        done = true;
        return performance.now() - started;
      });
      const during: number[] = [];
      while (!done) during.push(await health());
      const turnMs = await bombTurn;
      results.push({ name: `turn: chain bomb, ${label} (${Math.round(bytes.length / 1024)} KB)`, value: Math.round(turnMs), unit: 'ms' });
      results.push({
        name: `  GET /healthz meanwhile: worst / baseline`,
        value: round(Math.max(...during) / baseline),
        unit: 'x',
        note: `${during.length} requests, worst ${round(Math.max(...during))} ms, median ${round(percentile(during, 0.5))} ms`,
      });
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
