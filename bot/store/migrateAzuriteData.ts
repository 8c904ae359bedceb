/**
 * One-time migration of the embedded store of earlier versions: Azurite's blob data under
 * `<BOT_DATA_DIR>/azurite` (conversation state, user state, stored handoff requests) into the
 * SQLite file. Runs on the first start that finds the folder (and as `npm run migrate-state`).
 * Azurite reads its own files (it is a devDependency, installed by `npm install`); every blob
 * of the container becomes the item it was written as. Items already in the new store are kept
 * (they are newer). The old folder is then renamed to `azurite-migrated-<date>`, not deleted:
 * nothing a user had is lost, and it can be removed once the bot runs fine.
 */
import { ContainerClient } from '@azure/storage-blob';
import * as fs from 'fs';
import * as path from 'path';
import { azuriteInstalled, startAzurite } from './azuriteProcess';
import { isStateConflict, type StateStorage } from './stateStorage';

export const AZURITE_FOLDER = 'azurite';

export interface MigrationResult {
  migrated: number;
  skipped: number;
  /** Where the old folder is now. */
  movedTo: string;
}

/**
 * The storage key a blob was written under. BlobsStorage drops empty path segments when it names
 * a blob, so ConversationState's and UserState's keys (`<channel>/conversations/<id>/`, with
 * the empty namespace at the end) lost their final slash: it is put back.
 */
export function stateKeyOf(blobName: string): string {
  const key = decodeURIComponent(blobName);
  return /^[^/]+\/(conversations|users)\/./.test(key) && !key.endsWith('/') ? `${key}/` : key;
}

export function hasAzuriteData(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, AZURITE_FOLDER, '__azurite_db_blob__.json'));
}

export async function migrateAzuriteData(dataDir: string, container: string, target: StateStorage): Promise<MigrationResult | undefined> {
  const root = path.join(dataDir, AZURITE_FOLDER);
  if (!hasAzuriteData(dataDir)) return undefined;
  if (!azuriteInstalled()) {
    throw new Error(
      `${root} holds conversations of an earlier version; migrating them needs Azurite, a devDependency: run \`npm install\` (not --omit=dev), then \`npm run migrate-state\` (or move the folder away to start without it)`,
    );
  }
  const azurite = await startAzurite(root, { blob: true });
  let migrated = 0;
  let skipped = 0;
  try {
    const client = new ContainerClient(azurite.connectionString, container);
    if (await client.exists()) {
      for await (const blob of client.listBlobsFlat()) {
        const body = await client.getBlobClient(blob.name).downloadToBuffer();
        const key = stateKeyOf(blob.name);
        try {
          await target.writeNew({ [key]: JSON.parse(body.toString('utf8')) as Record<string, unknown> });
          migrated++;
        } catch (error) {
          if (!isStateConflict(error)) throw error;
          skipped++;
        }
      }
    }
  } finally {
    await azurite.close();
  }
  const movedTo = path.join(dataDir, `${AZURITE_FOLDER}-migrated-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  fs.renameSync(root, movedTo);
  return { migrated, skipped, movedTo };
}

/** `npm run migrate-state`: the same migration by hand (BOT_DATA_DIR and BLOB_STORAGE_CONTAINER as for the bot). */
async function main(): Promise<void> {
  const { loadConfig } = await import('../config');
  const { databasePath, openDatabase } = await import('./sqliteDatabase');
  const { SqliteStateStorage } = await import('./sqliteStateStorage');
  (await import('dotenv')).config({ quiet: true });
  const config = loadConfig();
  if (config.storage.kind !== 'embedded')
    throw new Error('BLOB_STORAGE_CONNECTION_STRING is set: the bot uses Azure storage, there is nothing to migrate');
  const db = openDatabase(databasePath(config.storage.dataDir));
  try {
    const result = await migrateAzuriteData(config.storage.dataDir, config.storage.container, new SqliteStateStorage(db));
    console.log(
      result
        ? `migrated ${result.migrated} items (${result.skipped} already present) into ${db.name}; the old folder is kept as ${result.movedTo}`
        : `nothing to migrate: no ${path.join(config.storage.dataDir, AZURITE_FOLDER)} folder`,
    );
  } finally {
    db.close();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
}
