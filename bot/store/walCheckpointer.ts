/**
 * Checkpoints of the embedded store's write-ahead log, off the event loop. SQLite's default is
 * that the commit which takes the WAL past 1,000 pages copies them into the database file and,
 * with synchronous=NORMAL, waits for the disk twice (fsync of the log and of the file); that turn
 * pays milliseconds, and measured under load it was about half of the store's share of a turn.
 * Here a worker thread with its own connection checkpoints every quarter second instead, so a
 * turn's commit only appends to the log. Durability is unchanged: a commit is as safe in the log
 * as after a checkpoint. Should the worker fail, the bot's connection checkpoints again by itself
 * (from FALLBACK_PAGES pages on, or at SQLite's default if the worker never started).
 */
import * as path from 'path';
import { Worker } from 'worker_threads';
import type { CheckpointWorkerData } from './walCheckpointWorker';
import type { SqliteDatabase } from './sqliteDatabase';

const WORKER_FILE = path.join(__dirname, 'walCheckpointWorker.js');
/** SQLite's own default for wal_autocheckpoint. */
const DEFAULT_PAGES = 1000;
/** While the worker runs, the bot's connection still checkpoints beyond this (a stuck worker). */
export const FALLBACK_PAGES = 20_000;

export interface WalCheckpointer {
  stop(): Promise<void>;
}

export function startWalCheckpointer(
  db: SqliteDatabase,
  options: { intervalMs?: number; busyTimeoutMs?: number; onError?: (error: Error) => void } = {},
): WalCheckpointer {
  if (db.memory || db.pragma('journal_mode', { simple: true }) !== 'wal') return { stop: () => Promise.resolve() };
  const data: CheckpointWorkerData = {
    file: db.name,
    intervalMs: options.intervalMs ?? 250,
    busyTimeoutMs: options.busyTimeoutMs ?? 5_000,
  };
  const worker = new Worker(WORKER_FILE, { workerData: data });
  let running = true;
  const fallBack = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  };
  worker.once('message', (message) => {
    if (message === 'ready' && running && db.open) db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  });
  worker.once('error', (error) => {
    fallBack();
    options.onError?.(error);
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  void exited.then(() => {
    if (running) fallBack();
  });
  return {
    async stop() {
      if (!running) return exited;
      running = false;
      fallBack();
      worker.postMessage('stop');
      // A worker stuck in a long checkpoint is not waited for forever.
      const deadline = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(deadline);
    },
  };
}
