/**
 * State on Azure Blob Storage: Bot Framework's BlobsStorage for read, write and delete (same
 * blob names and JSON, so data written by earlier versions stays readable), plus what the bot
 * needs for several instances without session affinity (bot/store/stateStorage.ts):
 * create-only writes (`If-None-Match: *`) for a conversation's first save, the retention sweep
 * and a readiness probe. Requests give up after a few seconds instead of the SDK's default of
 * retrying for about half a minute, so a broken store shows in /readyz and in the turn's error.
 */
import { ContainerClient, type StoragePipelineOptions } from '@azure/storage-blob';
import type { StoreItem, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import { StateConflictError, type StateStorage, isStateConflict, splitETag } from './stateStorage';

const PIPELINE: StoragePipelineOptions = {
  retryOptions: { maxTries: 3, tryTimeoutInMs: 8_000, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 },
};
const READY_TIMEOUT_MS = 3_000;

/** BlobsStorage's blob name for a key (botbuilder-azure-blobs/lib/sanitizeBlobKey, which it does not export). */
export function blobNameFor(key: string): string {
  if (!key) throw new Error('Please provide a non-empty key');
  const sanitized = key.split('/').reduce((acc, part, idx) => (part ? [acc, part].join(idx < 255 ? '/' : '') : acc));
  return encodeURIComponent(sanitized).substring(0, 1024);
}

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

export class AzureBlobStateStorage implements StateStorage {
  private readonly container: ContainerClient;
  private blobs: BlobsStorage | undefined;
  private containerReady: Promise<unknown> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly containerName: string,
  ) {
    this.container = new ContainerClient(connectionString, containerName, PIPELINE);
  }

  async read(keys: string[]): Promise<StoreItems> {
    return this.withBlobs((blobs) => blobs.read(keys));
  }

  async write(changes: StoreItems): Promise<void> {
    return this.withBlobs((blobs) => blobs.write(changes));
  }

  async delete(keys: string[]): Promise<void> {
    return this.withBlobs((blobs) => blobs.delete(keys));
  }

  async writeNew(changes: StoreItems): Promise<void> {
    const conditional: StoreItems = {};
    for (const [key, item] of Object.entries<StoreItem | undefined>(changes)) {
      const { doc, eTag } = splitETag(item ?? {});
      if (eTag) {
        conditional[key] = item;
        continue;
      }
      await this.ensureContainer();
      const body = JSON.stringify(doc);
      try {
        await this.container.getBlockBlobClient(blobNameFor(key)).upload(body, Buffer.byteLength(body), {
          conditions: { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
      } catch (error) {
        if (statusOf(error) === 409 || statusOf(error) === 412) throw new StateConflictError(key);
        throw error;
      }
    }
    if (Object.keys(conditional).length > 0) await this.write(conditional);
  }

  async deleteNotWrittenSince(before: Date): Promise<number> {
    await this.ensureContainer();
    let deleted = 0;
    for await (const blob of this.container.listBlobsFlat()) {
      if (!blob.properties.lastModified || blob.properties.lastModified >= before) continue;
      try {
        // Conditional: a conversation written while the sweep runs is kept.
        await this.container.deleteBlob(blob.name, { conditions: { ifUnmodifiedSince: before } });
        deleted++;
      } catch (error) {
        if (statusOf(error) !== 404 && statusOf(error) !== 412) throw error;
      }
    }
    return deleted;
  }

  async checkReady(): Promise<void> {
    const abortSignal = AbortSignal.timeout(READY_TIMEOUT_MS);
    await this.ensureContainer();
    await this.container.getProperties({ abortSignal });
  }

  private ensureContainer(): Promise<unknown> {
    this.containerReady ??= this.container.createIfNotExists().catch((error) => {
      this.containerReady = undefined;
      throw error;
    });
    return this.containerReady;
  }

  /**
   * BlobsStorage remembers a failed container creation forever; after any failure other than a
   * conflict the next call gets a fresh instance, so the bot recovers when the store comes back.
   */
  private async withBlobs<T>(operation: (blobs: BlobsStorage) => Promise<T>): Promise<T> {
    const blobs = (this.blobs ??= new BlobsStorage(this.connectionString, this.containerName, { storagePipelineOptions: PIPELINE }));
    try {
      return await operation(blobs);
    } catch (error) {
      if (isStateConflict(error)) throw new StateConflictError(/"(.*)"/.exec((error as Error).message)?.[1] ?? '?');
      if (this.blobs === blobs) this.blobs = undefined;
      throw error;
    }
  }
}
