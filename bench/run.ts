/**
 * `npm run bench`: every benchmark of the project, printed as a table. Not part of `npm test`
 * (tests never assert timings); figures are ratios against baselines measured in the same run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult } from './types';
import { benchDiagnosis } from './diagnosis';

type Suite = { name: string; run: () => BenchResult[] | Promise<BenchResult[]> };

/** Optional suites live beside this file and export a `bench*` function. */
function optionalSuite(file: string, exportName: string, name: string): Suite | undefined {
  const full = path.join(__dirname, `${file}.js`);
  if (!fs.existsSync(full)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const mod = require(full) as Record<string, () => Promise<BenchResult[]>>;
  return typeof mod[exportName] === 'function' ? { name, run: mod[exportName] } : undefined;
}

async function main(): Promise<void> {
  const suites: Suite[] = [
    { name: 'knowledge: text diagnosis', run: benchDiagnosis },
    optionalSuite('certificates', 'benchCertificates', 'knowledge: certificate analysis'),
    optionalSuite('bot', 'benchBot', 'bot: end to end over HTTP'),
    optionalSuite('hostile', 'benchHostile', 'bot: hostile uploads (issue 13)'),
  ].filter((s): s is Suite => s !== undefined);
  for (const suite of suites) {
    process.stdout.write(`\n${suite.name}\n`);
    for (const r of await suite.run()) {
      process.stdout.write(`  ${r.name.padEnd(62)} ${String(r.value).padStart(10)} ${r.unit}${r.note ? `   (${r.note})` : ''}\n`);
    }
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
