/**
 * The host's modules import each other without cycles (issue 24): bot/adapter.ts, bot/config.ts
 * and bot/logging/jsonLogger.ts formed one (adapter -> config -> jsonLogger -> adapter), and the
 * adapter file held the logger, its fields, the adapter, the turn error handler and the bot token.
 * Read from the import lines of the sources (type imports included), as TypeScript finds them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { projectRoot } from '../helpers/paths';

function sources(dir: string): string[] {
  const root = projectRoot();
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const child = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sources(child);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [child] : [];
  });
}

/** Relative imports of a file, resolved to project files (x.ts or x/index.ts). */
function importsOf(file: string): string[] {
  const root = projectRoot();
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)))
    .map((target) => [`${target}.ts`, `${target}/index.ts`].find((candidate) => fs.existsSync(path.join(root, candidate))))
    .filter((target): target is string => target !== undefined);
}

/** Every import cycle, each as the files around it (depth-first search, each cycle once). */
function cycles(files: string[]): string[][] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        found.set([...cycle].sort().join(' '), [...cycle, next]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return [...found.values()];
}

describe('host modules: no import cycles, the adapter file does one job', function () {
  const files = sources('bot');

  it('finds no cycle among the modules of bot/', function () {
    assert.ok(files.includes('bot/adapter.ts') && files.length > 50, 'the sources were read');
    assert.deepEqual(
      cycles(files).map((cycle) => cycle.join(' -> ')),
      [],
    );
  });

  it('the logger and its fields live in bot/logging/, the adapter file exports only the adapter', async function () {
    const adapter = (await import('../../bot/adapter')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(adapter).sort(), ['HostAdapter', 'createAdapter']);
    const logger = (await import('../../bot/logging/logger')) as Record<string, unknown>;
    assert.equal(typeof logger.activityFields, 'function');
    const jsonLogger = fs.readFileSync(path.join(projectRoot(), 'bot/logging/jsonLogger.ts'), 'utf8');
    assert.doesNotMatch(jsonLogger, /from '\.\.\/adapter'/);
  });
});
