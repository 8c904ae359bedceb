/**
 * Bot Framework `Storage` on the embedded SQLite file (bot/store/sqliteDatabase.ts): one row per
 * key with its JSON document, a fresh random eTag on every write, and the time of the last write
 * for the retention sweep. Each write() call is one transaction, committed (WAL,
 * synchronous=FULL) before it resolves; a conflict in any item rolls back the whole call.
 */
/* eslint-disable @typescript-eslint/require-await -- Bot Framework's async Storage on synchronous better-sqlite3: `async` makes a SQLite error or an eTag conflict a rejection, as Storage promises */
import type { StoreItems } from 'botbuilder';
import { randomUUID } from 'crypto';
import { type SqliteDatabase, writeMeta } from './sqliteDatabase';
import { StateConflictError, type StateStorage, splitETag } from './stateStorage';

const SWEEP_BATCH = 1000;

export class SqliteStateStorage implements StateStorage {
  private readonly statements;

  constructor(private readonly db: SqliteDatabase) {
    this.statements = {
      read: db.prepare('SELECT etag, doc FROM state WHERE key = ?'),
      upsert: db.prepare(
        `INSERT INTO state (key, etag, doc, updated_at) VALUES (@key, @etag, @doc, @now)
         ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at`,
      ),
      insertNew: db.prepare('INSERT INTO state (key, etag, doc, updated_at) VALUES (@key, @etag, @doc, @now) ON CONFLICT(key) DO NOTHING'),
      updateIfMatch: db.prepare('UPDATE state SET etag = @etag, doc = @doc, updated_at = @now WHERE key = @key AND etag = @expected'),
      delete: db.prepare('DELETE FROM state WHERE key = ?'),
      sweep: db.prepare('DELETE FROM state WHERE key IN (SELECT key FROM state WHERE updated_at < ? LIMIT ?)'),
    };
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.statements.read.get(key) as { etag: string; doc: string } | undefined;
      if (row) items[key] = { ...(JSON.parse(row.doc) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    this.writeItems(changes, false);
  }

  async writeNew(changes: StoreItems): Promise<void> {
    this.writeItems(changes, true);
  }

  async delete(keys: string[]): Promise<void> {
    this.db.transaction(() => {
      for (const key of keys) this.statements.delete.run(key);
    })();
  }

  async deleteNotWrittenSince(before: Date): Promise<number> {
    let deleted = 0;
    // Small transactions, so the sweep never holds the write lock long enough to delay a turn.
    for (;;) {
      const changes = this.statements.sweep.run(before.getTime(), SWEEP_BATCH).changes;
      deleted += changes;
      if (changes < SWEEP_BATCH) return deleted;
    }
  }

  async checkReady(): Promise<void> {
    // A committed write: proves the file is open, the disk accepts data and no lock is stuck.
    writeMeta(this.db, 'ready-check', new Date().toISOString());
  }

  private writeItems(changes: StoreItems, newItemsMustNotExist: boolean): void {
    const now = Date.now();
    this.db.transaction(() => {
      for (const [key, item] of Object.entries(changes)) {
        const { doc, eTag } = splitETag((item ?? {}) as Record<string, unknown>);
        const params = { key, etag: randomUUID(), doc: JSON.stringify(doc), now };
        if (eTag && eTag !== '*') {
          if (this.statements.updateIfMatch.run({ ...params, expected: eTag }).changes !== 1) throw new StateConflictError(key);
        } else if (!eTag && newItemsMustNotExist) {
          if (this.statements.insertNew.run(params).changes !== 1) throw new StateConflictError(key);
        } else {
          this.statements.upsert.run(params);
        }
      }
    }).immediate();
  }
}
