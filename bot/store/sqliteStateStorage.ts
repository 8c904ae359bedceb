/**
 * Bot Framework `Storage` on the embedded SQLite file (bot/store/sqliteDatabase.ts): one row per
 * key with its JSON document, a fresh random eTag on every write, and the time of the last write
 * for the retention sweep. Each write() call is atomic (a savepoint: a conflict in any item rolls
 * back the whole call) and committed before it resolves; the calls of one event-loop round share
 * one commit (bot/store/groupCommit.ts).
 */
/* eslint-disable @typescript-eslint/require-await -- Bot Framework's async Storage on synchronous better-sqlite3: `async` makes a SQLite error or an eTag conflict a rejection, as Storage promises */
import type { StoreItems } from 'botbuilder';
import { randomUUID } from 'crypto';
import { GroupCommit } from './groupCommit';
import { type SqliteDatabase, writeMeta } from './sqliteDatabase';
import { type DocumentStorage, StateConflictError, type StateStorage, type StoredDocument, splitETag } from './stateStorage';

const SWEEP_BATCH = 1000;

export class SqliteStateStorage implements StateStorage, DocumentStorage {
  private readonly statements;
  private readonly commits: GroupCommit;

  constructor(private readonly db: SqliteDatabase) {
    this.commits = new GroupCommit(db);
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

  async readDocument(key: string): Promise<StoredDocument | undefined> {
    const row = this.statements.read.get(key) as { etag: string; doc: string } | undefined;
    return row ? { json: row.doc, eTag: row.etag } : undefined;
  }

  writeDocument(key: string, json: string, eTag: string | undefined): Promise<void> {
    return this.commits.run(() => this.put(key, json, eTag, true, Date.now()));
  }

  write(changes: StoreItems): Promise<void> {
    return this.commits.run(() => this.writeItems(changes, false));
  }

  writeNew(changes: StoreItems): Promise<void> {
    return this.commits.run(() => this.writeItems(changes, true));
  }

  delete(keys: string[]): Promise<void> {
    return this.commits.run(() => {
      for (const key of keys) this.statements.delete.run(key);
    });
  }

  /** Commits writes still waiting for their group (before the database is closed). */
  flush(): void {
    this.commits.flush();
  }

  /** How many writes the last group commit held. */
  get lastGroupSize(): number {
    return this.commits.lastBatchSize;
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

  /** Inside the group's savepoint for this call. */
  private writeItems(changes: StoreItems, newItemsMustNotExist: boolean): void {
    const now = Date.now();
    for (const [key, item] of Object.entries(changes)) {
      const { doc, eTag } = splitETag((item ?? {}) as Record<string, unknown>);
      this.put(key, JSON.stringify(doc), eTag, newItemsMustNotExist, now);
    }
  }

  /** One item, inside the caller's transaction: "*" unconditional, another eTag must match, none: create only if `mustBeNew`. */
  private put(key: string, json: string, eTag: string | undefined, mustBeNew: boolean, now: number): void {
    const params = { key, etag: randomUUID(), doc: json, now };
    if (eTag && eTag !== '*') {
      if (this.statements.updateIfMatch.run({ ...params, expected: eTag }).changes !== 1) throw new StateConflictError(key);
    } else if (!eTag && mustBeNew) {
      if (this.statements.insertNew.run(params).changes !== 1) throw new StateConflictError(key);
    } else {
      this.statements.upsert.run(params);
    }
  }
}
