/**
 * Worker thread of bot/store/walCheckpointer.ts: its own connection to the database file, a
 * PASSIVE checkpoint (copies committed pages from the WAL into the file, takes no writer lock)
 * every `intervalMs`, until told to stop. Posts 'ready' once the file is open.
 */
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'worker_threads';

export interface CheckpointWorkerData {
  file: string;
  intervalMs: number;
  busyTimeoutMs: number;
}

const { file, intervalMs, busyTimeoutMs } = workerData as CheckpointWorkerData;
const db = new Database(file, { timeout: busyTimeoutMs });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or a transient I/O error: the next round tries again (and the bot's own
    // connection checkpoints by itself should the WAL keep growing).
  }
}, intervalMs);
parentPort?.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
parentPort?.postMessage('ready');
