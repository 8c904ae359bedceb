/**
 * Chooses the Bot Framework storage: Azure Blob Storage when BLOB_STORAGE_CONNECTION_STRING is set,
 * otherwise the same BlobsStorage against an in-process Azurite with its data under BOT_DATA_DIR.
 */
import type { Storage } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { CaseStore } from './cases/caseStore';
import type { StorageConfig } from './config';
import { startEmbeddedBlobServer } from './embeddedBlobServer';

export interface BotStorage {
  storage: Storage;
  /** The escalation cases, when this storage keeps them (else the handoff opens its own store). */
  cases?: CaseStore;
  /** Human description for the start-up log (never contains the connection string). */
  description: string;
  close(): Promise<void>;
}

export async function createStorage(config: StorageConfig): Promise<BotStorage> {
  if (config.kind === 'azure-blob') {
    return {
      storage: new BlobsStorage(config.connectionString, config.container),
      description: `Azure Blob Storage, container "${config.container}"`,
      close: async () => undefined,
    };
  }
  const embedded = await startEmbeddedBlobServer(config.dataDir);
  return {
    storage: new BlobsStorage(embedded.connectionString, config.container),
    description: `embedded Azurite blob store in ${config.dataDir}`,
    close: () => embedded.close(),
  };
}
