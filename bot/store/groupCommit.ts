/**
 * Group commit for the embedded store: the writes requested during one round of the event loop
 * (the saves of all turns that finished in it) are committed in one transaction, each in its own
 * savepoint. A commit's fixed cost (locking, the log's commit record, the system calls) is then
 * paid once per round instead of once per turn; under load that was about half of the store's
 * share of a turn. Semantics per write are unchanged: a write that fails (an eTag conflict) rolls
 * back its own savepoint only and rejects, the others commit; every promise settles only after
 * the commit (or its failure, which rejects them all), so "acknowledged means stored" holds. An
 * error after which SQLite has rolled back the whole transaction (a full disk) fails the whole
 * group with that error, and no later write of the group runs outside it.
 */
import type { SqliteDatabase } from './sqliteDatabase';

/** The transaction of a group was rolled back by SQLite itself; `cause` is the write's error. */
class GroupRolledBack extends Error {
  constructor(override readonly cause: unknown) {
    super('the group commit was rolled back', { cause });
  }
}

interface Pending {
  work: () => void;
  resolve(): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private pending: Pending[] = [];
  private scheduled = false;
  /** Writes committed together by the last flush (tests, diagnostics). */
  lastBatchSize = 0;

  constructor(private readonly db: SqliteDatabase) {}

  /** Runs `work` (synchronous statements) in the next group's transaction; resolves once committed. */
  run(work: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ work, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is waiting now (also before the database is closed). */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.lastBatchSize = batch.length;
    const failures = new Map<Pending, unknown>();
    try {
      this.db
        .transaction(() => {
          for (const item of batch) {
            try {
              // Nested: a savepoint, rolled back alone when this write fails.
              this.db.transaction(item.work)();
            } catch (error) {
              // Some errors (SQLITE_FULL, an I/O error) make SQLite roll back the whole transaction,
              // not just this savepoint: the writes before it are gone, and the ones after would
              // commit on their own. Stop, and fail the whole group with the real cause.
              if (!this.db.inTransaction) throw new GroupRolledBack(error);
              failures.set(item, error);
            }
          }
        })
        .immediate();
    } catch (error) {
      const cause = error instanceof GroupRolledBack ? error.cause : error;
      for (const item of batch) item.reject(cause);
      return;
    }
    for (const item of batch) {
      if (failures.has(item)) item.reject(failures.get(item));
      else item.resolve();
    }
  }
}
