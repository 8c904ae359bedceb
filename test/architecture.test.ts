/**
 * The layers' dependencies point one way: bot/ (host) -> dialogs/ (conversation) -> knowledge/
 * (domain core). Read from the sources' import lines (import, export ... from, import(), require()),
 * as TypeScript itself finds them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { projectRoot } from './helpers/paths';

const LAYERS = ['bot', 'dialogs', 'knowledge'] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import from the project (npm packages are checked separately). */
const MAY_IMPORT: Record<Layer, Layer[]> = {
  bot: ['bot', 'dialogs', 'knowledge'],
  dialogs: ['dialogs', 'knowledge'],
  knowledge: ['knowledge'],
};

/** Bot Framework packages: botbuilder, botbuilder-*, botframework-*. */
const BOT_FRAMEWORK = /^bot(?:builder|framework)(?:-|$|\/)/;

interface Import {
  /** The importing file, relative to the project root with forward slashes. */
  file: string;
  specifier: string;
  /** For a relative import: the first folder of the imported file (its layer, if it is one). */
  targetFolder?: string;
}

function sourceFiles(dir: string): string[] {
  const root = projectRoot();
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out;
}

function importsOf(file: string): Import[] {
  const source = fs.readFileSync(path.join(projectRoot(), file), 'utf8');
  return ts.preProcessFile(source, true, true).importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { file, specifier };
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    return { file, specifier, targetFolder: target.split('/')[0] };
  });
}

const importsByLayer = new Map<Layer, Import[]>(LAYERS.map((layer) => [layer, sourceFiles(layer).flatMap(importsOf)]));

describe('architecture: dependencies point one way (bot -> dialogs -> knowledge)', () => {
  it('reads the import lines of every source file of the three layers', () => {
    for (const layer of LAYERS) {
      const imports = importsByLayer.get(layer) ?? [];
      assert.ok(new Set(imports.map((entry) => entry.file)).size >= 10, `${layer}/: its source files were found`);
    }
    // The reader sees both kinds of import: the host builds the dialog and uses botbuilder.
    const bot = importsByLayer.get('bot') ?? [];
    assert.ok(bot.some((entry) => entry.targetFolder === 'dialogs'));
    assert.ok(bot.some((entry) => BOT_FRAMEWORK.test(entry.specifier)));
  });

  for (const layer of LAYERS) {
    it(`${layer}/ imports only from ${MAY_IMPORT[layer].map((allowed) => `${allowed}/`).join(', ')} in the project`, () => {
      const upward = (importsByLayer.get(layer) ?? []).filter(
        (entry) => entry.targetFolder !== undefined && !(MAY_IMPORT[layer] as string[]).includes(entry.targetFolder),
      );
      assert.deepEqual(
        upward.map((entry) => `${entry.file} imports '${entry.specifier}'`),
        [],
        `${layer}/ must not depend on a layer above it: move the type or function down (a port owns its types)`,
      );
    });
  }

  it('Bot Framework packages are imported only in bot/ and dialogs/, never in knowledge/', () => {
    const core = (importsByLayer.get('knowledge') ?? []).filter((entry) => BOT_FRAMEWORK.test(entry.specifier));
    assert.deepEqual(
      core.map((entry) => `${entry.file} imports '${entry.specifier}'`),
      [],
    );
  });
});
