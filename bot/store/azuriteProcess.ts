/**
 * Azurite (the Azure Storage emulator, a devDependency) in a child process: the blob and/or
 * table server on free loopback ports. Used by the tests and the benchmark of the Azure path,
 * and by the one-time migration of a `.data/azurite` folder left by earlier versions, which
 * used Azurite as their embedded store. The bot's runtime never loads it otherwise.
 * Why a child process: restify adds methods such as `query` to Node's IncomingMessage
 * prototype, which breaks Azurite's request parsing when both live in one process.
 */
import { type ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export interface AzuriteServers {
  /** Connection string with the endpoints of the servers that were started. */
  connectionString: string;
  /** The child's process id (tests kill it to simulate a dead store). */
  pid: number | undefined;
  close(): Promise<void>;
}

export interface AzuriteOptions {
  blob?: boolean;
  table?: boolean;
}

type ChildMessage = { type: 'ready'; blob?: string; table?: string } | { type: 'failed'; message: string };

export function azuriteInstalled(): boolean {
  try {
    require.resolve('azurite/package.json');
    return true;
  } catch {
    return false;
  }
}

export async function startAzurite(root: string, options: AzuriteOptions = { blob: true }): Promise<AzuriteServers> {
  if (!azuriteInstalled()) throw new Error('Azurite is not installed (it is a devDependency: run `npm install` in the project folder)');
  fs.mkdirSync(root, { recursive: true });
  const services = [options.blob ? 'blob' : '', options.table ? 'table' : ''].filter(Boolean).join(',');
  const child = fork(__filename, [root, services], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = await new Promise<Extract<ChildMessage, { type: 'ready' }>>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error('Azurite did not start in time'));
    }, START_TIMEOUT_MS);
    child.once('message', (message: ChildMessage) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`Azurite failed to start: ${message.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited (code ${code})`));
    });
  });
  // The child must not keep the parent's event loop alive (tests, the benchmark).
  child.unref();
  (child as unknown as { channel?: { unref(): void } }).channel?.unref();
  let closing: Promise<void> | undefined;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      (ready.blob ? `BlobEndpoint=${ready.blob}/${DEV_ACCOUNT};` : '') +
      (ready.table ? `TableEndpoint=${ready.table}/${DEV_ACCOUNT};` : ''),
    pid: child.pid,
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

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
}

/** Child side: start the servers on free loopback ports and report their addresses. */
async function runChild(root: string, services: string[]): Promise<void> {
  // Azurite ships no type declarations; these are the classes used (Azurite 3.35).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Azurite's server classes are internal modules, loaded by path in the child only
  const load = (module: string) => (require(`azurite/dist/src/${module}`) as { default: new (...args: unknown[]) => object }).default;
  const servers: Record<string, AzuriteServer> = {};
  if (services.includes('blob')) {
    const config = new (load('blob/BlobConfiguration'))(
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
    servers.blob = new (load('blob/BlobServer'))(config) as unknown as AzuriteServer;
  }
  if (services.includes('table')) {
    const config = new (load('table/TableConfiguration'))(
      '127.0.0.1',
      0,
      undefined,
      path.join(root, '__azurite_db_table__.json'),
      false, // debug log
      false, // access log
      undefined,
      undefined,
      true, // loose
      true, // skipApiVersionCheck
    );
    servers.table = new (load('table/TableServer'))(config) as unknown as AzuriteServer;
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await Promise.all(Object.values(servers).map((server) => server.close()));
    } finally {
      process.exit(0);
    }
  };
  process.on('message', (message) => message === 'close' && void stop());
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await Promise.all(Object.values(servers).map((server) => server.start()));
  process.send?.({
    type: 'ready',
    blob: servers.blob ? `http://${servers.blob.getHttpServerAddress().replace(/^https?:\/\//, '')}` : undefined,
    table: servers.table ? `http://${servers.table.getHttpServerAddress().replace(/^https?:\/\//, '')}` : undefined,
  } satisfies ChildMessage);
}

if (require.main === module && process.send) {
  runChild(process.argv[2], (process.argv[3] ?? 'blob').split(',')).catch((error: Error) => {
    process.send?.({ type: 'failed', message: error.message } satisfies ChildMessage);
    process.exit(1);
  });
}
