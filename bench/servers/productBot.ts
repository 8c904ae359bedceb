/**
 * This bot for the benchmark, in a child process: startServer with the environment given as
 * JSON in argv[2] (embedded store or Azure storage), quiet. Reports its port over IPC, answers
 * "rss" with its resident memory, closes on "close".
 */
import { MemoryStorage } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { startServer } from '../../bot/index';

// Errors still reach stderr (one line each): a benchmark must not hide failed turns.
const quiet = {
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, error?: unknown) =>
    process.stderr.write(`productBot ${process.pid}: ${message} ${(error as Error)?.message ?? ''}\n`),
};

async function main(): Promise<void> {
  const env = JSON.parse(process.argv[2] ?? '{}') as Record<string, string>;
  // BENCH_MEMORY_STORAGE: botbuilder's MemoryStorage (never in production), for context: no file, but it copies each
  // document through JSON on every read and write and takes the saver's generic path, so it is not a floor.
  const storage = env.BENCH_MEMORY_STORAGE
    ? { storage: new MemoryStorage(), description: 'memory (benchmark)', close: () => Promise.resolve() }
    : undefined;
  const app = await startServer(loadConfig({ PORT: '0', ...env }), { host: '127.0.0.1', logger: quiet, storage });
  process.send?.({ type: 'ready', port: app.port });
  process.on('message', (message) => {
    if (message === 'rss') process.send?.({ type: 'rss', rss: process.memoryUsage().rss });
    if (message === 'close') void app.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: Error) => {
  process.send?.({ type: 'failed', message: error.message });
  process.exit(1);
});
