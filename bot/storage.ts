/**
 * Chooses the stores:
 * - default (embedded): one SQLite file under BOT_DATA_DIR for conversation/user state and the
 *   escalation cases (bot/store/sqliteDatabase.ts); a `.data/azurite` folder of earlier versions
 *   is migrated on first start.
 * - BLOB_STORAGE_CONNECTION_STRING set: state in Azure Blob Storage through BlobsStorage, cases
 *   in Azure Table Storage; several instances share them without session affinity.
 */
import type { Storage } from 'botbuilder';
import type { CaseStore } from './cases/caseStore';
import { TableCaseStore } from './cases/tableCaseStore';
import type { StorageConfig } from './config';
import { AzureBlobStateStorage } from './store/azureBlobStateStorage';
import { hasAzuriteData, migrateAzuriteData } from './store/migrateAzuriteData';

export interface BotStorage {
  storage: Storage;
  /** Human description for the start-up log (never contains the connection string). */
  description: string;
  close(): Promise<void>;
  /** Escalation cases, in the same store as the state. */
  cases?: CaseStore;
  /** Readiness: resolves when the stores answer, rejects when they do not. */
  checkReady?(): Promise<void>;
  /** Retention: deletes state not written and closed cases closed before `before`. */
  sweep?(before: Date): Promise<{ state: number; cases: number }>;
}

export interface StorageLog {
  info(message: string): void;
}

export async function createStorage(config: StorageConfig, log: StorageLog = { info: () => undefined }): Promise<BotStorage> {
  if (config.kind === 'azure-blob') {
    const state = new AzureBlobStateStorage(config.connectionString, config.container);
    const cases = new TableCaseStore(config.tableConnectionString, config.casesTable);
    return {
      storage: state,
      cases,
      description: `Azure Blob Storage, container "${config.container}"; cases in Azure Table Storage, table "${config.casesTable}"`,
      checkReady: async () => {
        await Promise.all([state.checkReady(), cases.checkReady()]);
      },
      sweep: async (before) => ({
        state: await state.deleteNotWrittenSince(before),
        cases: await cases.deleteClosedBefore(before.toISOString()),
      }),
      close: () => cases.close(),
    };
  }
  // Loaded only here: an Azure deployment never needs the native SQLite module.
  const { databasePath, openDatabase } = await import('./store/sqliteDatabase');
  const { SqliteStateStorage } = await import('./store/sqliteStateStorage');
  const { SqliteCaseStore } = await import('./cases/sqliteCaseStore');
  const { startWalCheckpointer } = await import('./store/walCheckpointer');
  const file = databasePath(config.dataDir);
  const db = openDatabase(file, config.sync);
  // The write-ahead log is copied into the file by a worker thread, not by a turn's commit.
  const checkpointer = startWalCheckpointer(db, {
    onError: (error) => log.info(`background WAL checkpoints stopped (${error.message}); the store checkpoints by itself`),
  });
  const state = new SqliteStateStorage(db);
  const cases = new SqliteCaseStore(db);
  try {
    if (hasAzuriteData(config.dataDir)) {
      log.info(`migrating the Azurite store of an earlier version in ${config.dataDir} to ${file} ...`);
      const result = await migrateAzuriteData(config.dataDir, config.container, state);
      if (result)
        log.info(`migrated ${result.migrated} items (${result.skipped} already present); the old folder is kept as ${result.movedTo}`);
    }
  } catch (error) {
    state.flush();
    await checkpointer.stop();
    db.close();
    throw error;
  }
  let closed = false;
  return {
    storage: state,
    cases,
    description: `embedded SQLite store ${file}`,
    checkReady: () => state.checkReady(),
    sweep: async (before) => ({
      state: await state.deleteNotWrittenSince(before),
      cases: await cases.deleteClosedBefore(before.toISOString()),
    }),
    close: async () => {
      if (closed) return;
      closed = true;
      state.flush();
      await checkpointer.stop();
      db.close();
    },
  };
}
