/**
 * Azurite's blob server, run inside the bot process as the embedded default store.
 *
 * Why: the production store is Azure Blob Storage through BlobsStorage; running Azurite in-process
 * gives local/Emulator mode the very same storage code path, with data on disk under `.data/`,
 * so a restart of the process keeps every conversation. Azurite keeps its metadata in LokiJS and
 * saves it every 5 s and on close(): a graceful shutdown (SIGTERM/SIGINT) loses nothing, a hard
 * kill may lose the last few seconds of writes.
 */
import * as fs from 'fs';
import * as path from 'path';

// Azurite ships no type declarations; these are the two classes we use.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const BlobConfiguration = require('azurite/dist/src/blob/BlobConfiguration').default as new (
  ...args: unknown[]
) => object;
// eslint-disable-next-line @typescript-eslint/no-var-requires
const BlobServer = require('azurite/dist/src/blob/BlobServer').default as new (config: object) => {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
};

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedBlobServer {
  connectionString: string;
  close(): Promise<void>;
}

export async function startEmbeddedBlobServer(dataDir: string): Promise<EmbeddedBlobServer> {
  const root = path.join(dataDir, 'azurite');
  fs.mkdirSync(root, { recursive: true });
  const config = new BlobConfiguration(
    '127.0.0.1',
    0, // any free port: only this process talks to it
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
  await server.start();
  const address = server.getHttpServerAddress();
  let closed = false;
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
      `BlobEndpoint=${address}/${DEV_ACCOUNT};`,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
    },
  };
}
