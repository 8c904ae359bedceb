/**
 * Which CaseStore the handoff uses: the one the bot's storage brings (BotStorage.cases, when the
 * storage choice provides it), else, for the embedded default, the SQLite case store in the same
 * database file as the bot state (BOT_DATA_DIR/bot.sqlite).
 */
import type { CaseStore } from '../cases/caseStore';
import type { StorageConfig } from '../config';

export interface OpenedCaseStore {
  store: CaseStore;
  /** Whether the caller opened it (and closes it); false when it belongs to the storage. */
  owned: boolean;
}

export async function chooseCaseStore(storage: { cases?: CaseStore }, config: StorageConfig): Promise<OpenedCaseStore> {
  if (storage.cases) return { store: storage.cases, owned: false };
  if (config.kind === 'embedded') {
    // Loaded only here: an Azure deployment never needs the native SQLite module.
    const { SqliteCaseStore } = await import('../cases/sqliteCaseStore');
    const { databasePath, openDatabase } = await import('../store/sqliteDatabase');
    return { store: new SqliteCaseStore(openDatabase(databasePath(config.dataDir)), true), owned: true };
  }
  throw new Error(
    'Human handoff needs a case store: with BLOB_STORAGE_CONNECTION_STRING set, the storage must provide the Azure Table case store (BotStorage.cases).',
  );
}
