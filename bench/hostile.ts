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
import { ABSURD_EXPONENT, chainBomb, ORDINARY_RSA, type RsaShape } from '../test/certificates/chainBomb';
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
    fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        channelId: 'emulator',
        serviceUrl: 'http://127.0.0.1:9',
        deliveryMode: 'expectReplies',
        from: { id: 'u' },
        recipient: { id: 'b' },
        conversation: { id: conversation },
        ...activity,
      }),
    }).then((response) => response.text());
  const pemUpload = (pem: string) => ({
    attachments: [{ name: 'bomb.pem', contentType: 'application/x-pem-file', contentUrl: `data:application/x-pem-file;base64,${Buffer.from(pem).toString('base64')}` }],
  });
  try {
    // One-time costs (knowledge base, worker start) are not what is measured: warm up first.
    await turn('warm-up', { text: 'help' });
    await turn('warm-up', pemUpload(chainBomb({ leaves: 1, issuers: 1, issuerKey: ORDINARY_RSA })));
    const idle: number[] = [];
    for (let i = 0; i < 23; i++) idle.push(await health());
    const baseline = percentile(idle.slice(3), 0.5);
    results.push({ name: 'baseline: GET /healthz on an idle host', value: round(baseline), unit: 'ms', note: 'median of 20' });
    const shapes: Array<[string, RsaShape]> = [
      ['3070-bit exponents', ABSURD_EXPONENT],
      ['ordinary 2048-bit keys', ORDINARY_RSA],
      ['16,384-bit moduli', { modulusBits: 16384, exponentBits: 32 }],
    ];
    for (const [label, issuerKey] of shapes) {
      const pem = chainBomb({ leaves: 100, issuers: 100, issuerKey });
      const started = performance.now();
      let done = false;
      const bombTurn = turn(`bomb-${label}`, pemUpload(pem)).then(() => {
        done = true;
        return performance.now() - started;
      });
      const during: number[] = [];
      while (!done) during.push(await health());
      const turnMs = await bombTurn;
      results.push({ name: `turn: chain bomb, 200 certificates, ${label} (${Math.round(pem.length / 1024)} KB)`, value: Math.round(turnMs), unit: 'ms' });
      results.push({ name: `  GET /healthz meanwhile: worst / baseline`, value: round(Math.max(...during) / baseline), unit: 'x', note: `${during.length} requests, worst ${round(Math.max(...during))} ms, median ${round(percentile(during, 0.5))} ms` });
    }
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
