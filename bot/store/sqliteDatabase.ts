/**
 * The embedded store's database file: SQLite through better-sqlite3, one file under BOT_DATA_DIR
 * holding conversation/user state and the escalation cases.
 *
 * Why SQLite: a B-tree lookup per operation, so the cost stays flat as months of conversations
 * accumulate (the Azurite default it replaced slowed with every blob it held; see
 * docs/benchmarks.md for the comparison with LMDB). In process, no child, no port.
 * Durability: WAL journal. The bot saves a turn's state before it sends the turn's replies, and
 * a committed transaction survives a crash of the bot process (kill -9, OOM kill, a restart):
 * with synchronous=NORMAL (the default, BOT_DATA_SYNC=normal) the commit is in the operating
 * system's file cache, so only a power cut or kernel crash may roll back the last commits (never
 * corrupting the file); BOT_DATA_SYNC=full also waits for the disk on every commit (fsync),
 * which costs a measured share of throughput (docs/benchmarks.md).
 * Several processes may open the same file (the console chat next to `npm start`, tests with two
 * stores): SQLite's file locks serialise writers, busy_timeout makes them wait instead of failing.
 */
import Database from 'better-sqlite3';
import * as fs from 'fs';
import * as path from 'path';

export type SqliteDatabase = Database.Database;

export const DATABASE_FILE_NAME = 'bot.sqlite';
const BUSY_TIMEOUT_MS = 5_000;

/** Schema versions, applied in order; PRAGMA user_version says how many are in the file. */
const MIGRATIONS: string[] = [
  `CREATE TABLE state (
     key TEXT PRIMARY KEY,
     etag TEXT NOT NULL,
     doc TEXT NOT NULL,
     updated_at INTEGER NOT NULL
   );
   CREATE INDEX state_updated ON state(updated_at);
   CREATE TABLE cases (
     id TEXT PRIMARY KEY,
     status TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     conversation_id TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     closed_at TEXT,
     etag TEXT NOT NULL,
     doc TEXT NOT NULL
   );
   CREATE INDEX cases_status ON cases(status, created_at, id);
   CREATE INDEX cases_open_conversation ON cases(channel_id, conversation_id, created_at) WHERE status <> 'closed';
   CREATE INDEX cases_updated ON cases(updated_at, id);
   CREATE INDEX cases_closed ON cases(closed_at) WHERE status = 'closed';
   CREATE TABLE case_messages (
     case_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     doc TEXT NOT NULL,
     PRIMARY KEY (case_id, seq)
   ) WITHOUT ROWID;
   CREATE TABLE meta (
     key TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );`,
];

export function databasePath(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

export type SyncMode = 'normal' | 'full';

/** Opens (and creates or upgrades) the database file; the caller closes it. */
export function openDatabase(file: string, sync: SyncMode = 'normal'): SqliteDatabase {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: SqliteDatabase): void {
  // IMMEDIATE: two processes opening a new file at once must not both create the tables.
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > MIGRATIONS.length) {
      throw new Error(`${db.name} was written by a newer version of the bot (schema ${version}); update the bot`);
    }
    for (let next = version; next < MIGRATIONS.length; next++) db.exec(MIGRATIONS[next]);
    if (version !== MIGRATIONS.length) db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

export function readMeta(db: SqliteDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function writeMeta(db: SqliteDatabase, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
