/**
 * The embedded store's write-ahead log is copied into the database file by a worker thread
 * (bot/store/walCheckpointer.ts), not by the commit of a turn; when the worker stops, the
 * connection checkpoints by itself again, and nothing written is lost.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../../bot/store/sqliteStateStorage';
import { FALLBACK_PAGES, startWalCheckpointer } from '../../bot/store/walCheckpointer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

const autocheckpoint = (db: ReturnType<typeof openDatabase>) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

describe('WAL checkpoints in a worker thread', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir('wal-checkpointer');
  });
  afterEach(() => removeTempDir(dir));

  it('moves committed pages into the database file while the connection itself no longer checkpoints', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const db = openDatabase(file);
    const checkpointer = startWalCheckpointer(db, { intervalMs: 50 });
    try {
      assert.ok(await waitFor(() => autocheckpoint(db) === FALLBACK_PAGES, 5_000), 'the connection leaves checkpoints to the worker');
      const storage = new SqliteStateStorage(db);
      const before = fs.statSync(file).size;
      const doc = { case: { transcript: [{ from: 'user', text: 'x'.repeat(6_000) }] } };
      // About 300 pages, far below the connection's own threshold: only the worker copies them.
      for (let i = 0; i < 150; i++) await storage.write({ [`emulator/conversations/c-${i}/`]: { ...doc, n: i } });
      assert.ok(
        await waitFor(() => fs.statSync(file).size > before + 600_000, 10_000),
        `database file ${fs.statSync(file).size} bytes (was ${before})`,
      );
    } finally {
      await checkpointer.stop();
      db.close();
    }
  });

  it('hands checkpoints back to the connection when it stops, and keeps every write', async () => {
    const file = path.join(dir, 'bot.sqlite');
    const db = openDatabase(file);
    const checkpointer = startWalCheckpointer(db, { intervalMs: 50 });
    const storage = new SqliteStateStorage(db);
    await storage.write({ 'emulator/conversations/kept/': { value: 1 } });
    await checkpointer.stop();
    assert.equal(autocheckpoint(db), 1000);
    db.close();
    const reopened = openDatabase(file);
    try {
      const items = await new SqliteStateStorage(reopened).read(['emulator/conversations/kept/']);
      assert.equal((items['emulator/conversations/kept/'] as { value: number }).value, 1);
    } finally {
      reopened.close();
    }
  });

  it('starts no worker for an in-memory database', async () => {
    const db = openDatabase(':memory:');
    const checkpointer = startWalCheckpointer(db);
    assert.equal(autocheckpoint(db), 1000);
    await checkpointer.stop();
    db.close();
  });
});
