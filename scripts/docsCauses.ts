/**
 * `npm run docs:causes`: writes what the catalogue of causes generates (README's cause table,
 * docs/knowledge-base.md's family table, the Teams app's description in both languages).
 * `npm run docs:causes -- --check` writes nothing and exits 1 naming the files that are out of date.
 * Run it after adding, promoting or renaming a cause.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GENERATED_FILES } from '../knowledge/catalogueDocs';
import { knowledgeDataDir, loadKnowledgeBase } from '../knowledge/knowledgeBase';

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const root = path.dirname(knowledgeDataDir());
  const kb = loadKnowledgeBase();
  const stale: string[] = [];
  for (const file of GENERATED_FILES) {
    const full = path.join(root, file.path);
    const current = fs.readFileSync(full, 'utf8');
    const next = file.generate(current, kb);
    if (next === current) continue;
    stale.push(file.path);
    if (!check) fs.writeFileSync(full, next);
  }
  if (check) {
    if (stale.length > 0) process.stderr.write(`out of date (run npm run docs:causes): ${stale.join(', ')}\n`);
    return stale.length > 0 ? 1 : 0;
  }
  process.stdout.write(stale.length > 0 ? `updated ${stale.join(', ')}\n` : 'everything generated from the catalogue is up to date\n');
  return 0;
}

process.exitCode = main(process.argv.slice(2));
