/**
 * `npm run bench`: every benchmark of the project, printed as a table. Not part of `npm test`
 * (tests never assert timings); figures are ratios against baselines measured in the same run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './types';
import { benchDiagnosis } from './diagnosis';

type Suite = { name: string; run: () => BenchResult[] | Promise<BenchResult[]> };

/** Optional suites live beside this file and export a `bench*` function. */
function optionalSuite(file: string, exportName: string, name: string): Suite | undefined {
  const full = path.join(__dirname, `${file}.js`);
  if (!fs.existsSync(full)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional suite may be absent, so it is loaded at run time, not imported
  const mod = require(full) as Record<string, () => Promise<BenchResult[]>>;
  return typeof mod[exportName] === 'function' ? { name, run: mod[exportName] } : undefined;
}

/**
 * Options: `--json` prints one JSON object (suite -> figure -> {value, unit, note}, plus the
 * machine) instead of the table; `--only WORD` runs the suites whose name contains WORD.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const only = args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? '') : '';
  const suites: Suite[] = [
    { name: 'knowledge: text diagnosis', run: benchDiagnosis },
    optionalSuite('certificates', 'benchCertificates', 'knowledge: certificate analysis'),
    optionalSuite('bot', 'benchBot', 'bot: end to end over HTTP'),
    optionalSuite('hostile', 'benchHostile', 'bot: hostile uploads (issue 13)'),
    optionalSuite('state', 'benchState', 'state: store throughput, growth and scale-out'),
    optionalSuite('storeEngines', 'benchStoreEngines', 'state: embedded engine, SQLite against LMDB'),
  ].filter((s): s is Suite => s !== undefined && s.name.includes(only));
  const report: Record<string, unknown> = {
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '?',
      memoryGB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.arch()}`,
    },
  };
  for (const suite of suites) {
    if (!json) process.stdout.write(`\n${suite.name}\n`);
    const figures: Record<string, Omit<BenchResult, 'name'>> = {};
    for (const r of await suite.run()) {
      figures[r.name] = { value: r.value, unit: r.unit, ...(r.note ? { note: r.note } : {}) };
      if (!json)
        process.stdout.write(`  ${r.name.padEnd(62)} ${String(r.value).padStart(10)} ${r.unit}${r.note ? `   (${r.note})` : ''}\n`);
    }
    report[suite.name] = figures;
  }
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
