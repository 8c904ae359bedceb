/**
 * Azurite's blob server as the embedded default store, run in a child process of the bot.
 *
 * Why Azurite: the production store is Azure Blob Storage through BlobsStorage; Azurite gives
 * local/Emulator mode the very same storage code path, with data on disk under `.data/`, so a
 * restart of the bot keeps every conversation.
 * Why a child process: restify adds methods such as `query` to Node's IncomingMessage prototype,
 * which breaks Azurite's Express request parsing when both live in one process.
 * Durability: Azurite keeps its metadata in LokiJS and saves it every 5 s and on close(); a
 * graceful shutdown (SIGTERM/SIGINT, or the parent going away) loses nothing, a hard kill of the
 * child may lose the last few seconds of writes.
 */
import { type ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface EmbeddedBlobServer {
  connectionString: string;
  close(): Promise<void>;
}

type ChildMessage = { type: 'ready'; address: string } | { type: 'failed'; message: string };

export async function startEmbeddedBlobServer(dataDir: string): Promise<EmbeddedBlobServer> {
  const root = path.join(dataDir, 'azurite');
  fs.mkdirSync(root, { recursive: true });
  const child = fork(__filename, [root], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('The embedded blob store did not start in time'));
    }, START_TIMEOUT_MS);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message.address);
      else reject(new Error(`The embedded blob store failed to start: ${message.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The embedded blob store exited (code ${code})`));
    });
  });
  // The child must not keep the parent's event loop alive (tests, the console chat).
  child.unref();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  let closing: Promise<void> | undefined;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=${address}/${DEV_ACCOUNT};`,
    close: () => (closing ??= stopChild(child)),
  };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send('close');
    else child.kill('SIGTERM');
  });
}

/** Child side: start Azurite's BlobServer on a free loopback port and report it. */
async function runChild(root: string): Promise<void> {
  // Azurite ships no type declarations; these are the two classes used.
  const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default as new (...args: unknown[]) => object;
  const BlobServer = require('azurite/dist/src/blob/BlobServer').default as new (config: object) => {
    start(): Promise<void>;
    close(): Promise<void>;
    getHttpServerAddress(): string;
  };
  const config = new BlobConfiguration(
    '127.0.0.1',
    0, // any free port: only the parent talks to it
    undefined,
    path.join(root, '__azurite_db_blob__.json'),
    path.join(root, '__azurite_db_blob_extent__.json'),
    [{ locationId: 'Default', locationPath: path.join(root, '__blobstorage__'), maxConcurrency: 10 }],
    false, // access log
    undefined,
    false, // debug log
    undefined,
    true, // loose
    true, // skipApiVersionCheck: @azure/storage-blob may be newer than this Azurite
  );
  const server = new BlobServer(config);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (message) => message === 'close' && void stop());
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await server.start();
  process.send?.({ type: 'ready', address: server.getHttpServerAddress() } satisfies ChildMessage);
}

if (require.main === module && process.send) {
  runChild(process.argv[2]).catch((error: Error) => {
    process.send?.({ type: 'failed', message: error.message } satisfies ChildMessage);
    process.exit(1);
  });
}
