/**
 * Choosing the embedded engine: SQLite (better-sqlite3, the default) against LMDB (the `lmdb`
 * package, whose binary ships in npm), each with and without an fsync per commit, doing what a
 * turn does to the store: read one
 * conversation document and write it back conditionally on its version, one turn after the
 * other, on a store that is empty and on one holding 100,000 conversations. LMDB is not a
 * dependency: install it for this comparison with `npm install --no-save lmdb`; without it
 * the suite says so and measures SQLite alone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openDatabase } from '../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../bot/store/sqliteStateStorage';
import type { BenchResult } from './types';

const DOCUMENTS = Number(process.env.BENCH_FILL_CONVERSATIONS ?? 100_000);
const SECONDS = 3;
const MIN_TURNS = 200;
const DOC = JSON.stringify({
  case: {
    version: 1,
    textFindings: Array.from({ length: 8 }, (_, i) => ({
      kind: 'smtp-reply',
      value: `550 5.7.${i}`,
      excerpt: 'x'.repeat(200),
      source: 'ndr',
    })),
    transcript: [{ from: 'user', text: 'y'.repeat(1200), at: new Date().toISOString() }],
  },
  dialogState: { dialogStack: [{ id: 'support', state: {} }] },
});

interface Engine {
  name: string;
  turn(key: string): Promise<void>;
  fill(count: number): Promise<void>;
  close(): Promise<void>;
}

function sqliteEngine(dir: string, sync: 'normal' | 'full'): Engine {
  const db = openDatabase(path.join(dir, `bot-${sync}.sqlite`), sync);
  const storage = new SqliteStateStorage(db);
  return {
    name: `SQLite WAL synchronous=${sync}`,
    async turn(key) {
      const item = (await storage.read([key]))[key] as { n?: number } | undefined;
      if (item) await storage.write({ [key]: { ...item, n: (item.n ?? 0) + 1 } });
      else await storage.writeNew({ [key]: JSON.parse(DOC) as Record<string, unknown> });
    },
    fill(count) {
      const insert = db.prepare('INSERT OR IGNORE INTO state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)');
      for (let start = 0; start < count; start += 10_000) {
        db.transaction(() => {
          for (let i = start; i < Math.min(count, start + 10_000); i++)
            insert.run(`emulator/conversations/fill-${i}/`, `e${i}`, DOC, Date.now());
        })();
      }
      return Promise.resolve();
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

interface LmdbDatabase {
  get(key: string): unknown;
  getEntry(key: string): { value: unknown; version?: number } | undefined;
  put(key: string, value: unknown, version?: number, ifVersion?: number): Promise<boolean>;
  transactionSync(action: () => void): void;
  putSync(key: string, value: unknown, version?: number): boolean;
  close(): Promise<void>;
}

function lmdbEngine(dir: string, noSync: boolean): Engine | undefined {
  let lmdb: { open(options: Record<string, unknown>): LmdbDatabase };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lmdb is optional (not a dependency): loaded only if installed
    lmdb = require('lmdb') as typeof lmdb;
  } catch {
    return undefined;
  }
  // noSync: no fsync per commit, like SQLite's synchronous=normal (a commit survives a process crash).
  const db = lmdb.open({ path: path.join(dir, `lmdb-${noSync}`), useVersions: true, encoding: 'json', noSync });
  return {
    name: `LMDB ${noSync ? 'noSync' : 'default (sync)'}`,
    async turn(key) {
      const entry = db.getEntry(key);
      const value = (entry?.value ?? JSON.parse(DOC)) as Record<string, unknown>;
      const version = entry?.version ?? 0;
      // Resolves once committed (lmdb-js batches concurrent writes into one transaction).
      const written = await db.put(key, { ...value, n: Number(value.n ?? 0) + 1 }, version + 1, entry ? version : undefined);
      if (!written) throw new Error('version conflict');
    },
    fill(count) {
      for (let start = 0; start < count; start += 10_000) {
        db.transactionSync(() => {
          for (let i = start; i < Math.min(count, start + 10_000); i++)
            db.putSync(`emulator/conversations/fill-${i}/`, JSON.parse(DOC) as unknown, 1);
        });
      }
      return Promise.resolve();
    },
    close: () => db.close(),
  };
}

async function turnsPerSecond(engine: Engine, prefix: string): Promise<number> {
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  // Each simulated conversation has a first turn (create) and a second one (read + conditional
  // write); turns for SECONDS (at least MIN_TURNS), so slow and fast engines both get a stable figure.
  let turns = 0;
  while (turns < MIN_TURNS || elapsed() < SECONDS) await engine.turn(`emulator/conversations/${prefix}-${turns++ >> 1}/`);
  return turns / elapsed();
}

export async function benchStoreEngines(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-engines-'));
  try {
    const engines = [sqliteEngine(dir, 'normal'), sqliteEngine(dir, 'full'), lmdbEngine(dir, true), lmdbEngine(dir, false)];
    if (!engines[2]) results.push({ name: 'LMDB: not installed (npm install --no-save lmdb to compare)', value: 0, unit: '' });
    for (const engine of engines) {
      if (!engine) continue;
      const empty = await turnsPerSecond(engine, 'empty');
      await engine.fill(DOCUMENTS);
      const full = await turnsPerSecond(engine, 'full');
      await engine.close();
      results.push({
        name: `${engine.name}: store turns/s, empty`,
        value: Math.round(empty),
        unit: 'turns/s',
        note: 'read + conditional write, one at a time',
      });
      results.push({
        name: `${engine.name}: store turns/s, ${DOCUMENTS} conversations`,
        value: Math.round(full),
        unit: 'turns/s',
        note: `${(full / empty).toFixed(2)} x empty`,
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
