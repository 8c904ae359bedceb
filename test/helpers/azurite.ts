/**
 * One Azurite child process (blob and table servers) per test file that needs the Azure path:
 * `useAzurite()` inside a describe starts it before and stops it after; each test makes its own
 * container or table name, so tests never see each other's data.
 */
import { type AzuriteServers, startAzurite } from '../../bot/store/azuriteProcess';
import { makeTempDir, removeTempDir } from './tempDir';

export interface AzuriteHandle {
  readonly connectionString: string;
  readonly servers: AzuriteServers;
}

let counter = 0;

/** A name valid as a blob container and as a table (lower-case letters and digits). */
export function uniqueStoreName(prefix: string): string {
  counter++;
  return `${prefix}${process.pid}x${Date.now().toString(36)}x${counter}`.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function useAzurite(): AzuriteHandle {
  let dir = '';
  let servers: AzuriteServers | undefined;
  before(async function () {
    this.timeout(60_000);
    dir = makeTempDir('azurite');
    servers = await startAzurite(dir, { blob: true, table: true });
  });
  after(async function () {
    this.timeout(30_000);
    await servers?.close();
    removeTempDir(dir);
  });
  return {
    get connectionString() {
      if (!servers) throw new Error('Azurite is not running');
      return servers.connectionString;
    },
    get servers() {
      if (!servers) throw new Error('Azurite is not running');
      return servers;
    },
  };
}
