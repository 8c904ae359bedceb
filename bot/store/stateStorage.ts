/**
 * What the bot needs from a state store beyond Bot Framework's `Storage`:
 * - `write` keeps Bot Framework's semantics (BlobsStorage's): an item with `eTag: "*"` or no eTag
 *   is written unconditionally, any other eTag must match the stored one or the write fails with
 *   a conflict (HTTP 412 in Azure).
 * - `writeNew` is the turn's save of a conversation that did not exist when the turn read it:
 *   the item is created only if the key is still free, so two first turns running in parallel
 *   on two instances cannot overwrite each other (the second one gets a conflict and merges).
 * - `deleteNotWrittenSince` is the retention sweep; `checkReady` is the readiness probe.
 */
import type { Storage, StoreItems } from 'botbuilder';

export interface StateStorage extends Storage {
  writeNew(changes: StoreItems): Promise<void>;
  /** Deletes every item last written before `before`; returns how many. */
  deleteNotWrittenSince(before: Date): Promise<number>;
  /** Resolves when the store answers reads and writes; rejects (quickly) when it does not. */
  checkReady(): Promise<void>;
}

/** A stored document as JSON text (without its eTag), and its eTag. */
export interface StoredDocument {
  json: string;
  eTag: string;
}

/**
 * Optional: a store that also reads and writes a document as JSON text. The conversation saver
 * needs the JSON of a turn's state anyway (to tell whether the turn changed it), so with such a
 * store the state is serialised once per turn instead of twice.
 */
export interface DocumentStorage {
  readDocument(key: string): Promise<StoredDocument | undefined>;
  /** With `eTag`: only over that version; without: create only (the key must be free). A lost race throws StateConflictError. */
  writeDocument(key: string, json: string, eTag: string | undefined): Promise<void>;
}

export function isDocumentStorage(storage: Storage): storage is Storage & DocumentStorage {
  const candidate = storage as Partial<DocumentStorage>;
  return typeof candidate.readDocument === 'function' && typeof candidate.writeDocument === 'function';
}

/** A write lost a race: the stored item changed (or appeared) since it was read. */
export class StateConflictError extends Error {
  readonly statusCode = 412;
  constructor(readonly key: string) {
    // The same wording as MemoryStorage and BlobsStorage, so callers that match on it keep working.
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'StateConflictError';
  }
}

/** A conflict from any Storage: ours, BlobsStorage (a plain Error), MemoryStorage, or the Azure SDK. */
export function isStateConflict(error: unknown): boolean {
  if (error instanceof StateConflictError) return true;
  const candidate = error as { statusCode?: number; message?: string } | undefined;
  if (candidate?.statusCode === 412 || candidate?.statusCode === 409) return true;
  return typeof candidate?.message === 'string' && /due to eTag conflict/.test(candidate.message);
}

export function isStateStorage(storage: Storage): storage is StateStorage {
  return typeof (storage as Partial<StateStorage>).writeNew === 'function';
}

/** Splits a store item into its document and its eTag. */
export function splitETag(item: Record<string, unknown>): { doc: Record<string, unknown>; eTag: string | undefined } {
  const { eTag, ...doc } = item;
  return { doc, eTag: typeof eTag === 'string' && eTag !== '' ? eTag : undefined };
}
