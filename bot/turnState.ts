/**
 * Bot Framework state for a turn without SHA-256 change hashes. BotState.load hashes the whole
 * document it read and saveChanges hashes it again, only to learn whether the turn changed it
 * (measured: several per cent of a turn, most of it for a user document that is usually empty).
 * Here the document's JSON as read is kept instead, and compared with the JSON of what the turn
 * left: the same answer, one serialisation instead of two hashes.
 */
import { type BotState, type Storage, type StoreItem, type TurnContext, UserState } from 'botbuilder';

/** The document as stored: its JSON without the eTag (key order as read). */
export function documentJson(item: StoreItem): string {
  const { eTag: _eTag, ...doc } = item;
  return JSON.stringify(doc);
}

/** Makes `stored` the turn's cached state of `state` (what its property accessors and `get` return), as BotState.load does. */
export async function setTurnState(state: BotState, context: TurnContext, stored: StoreItem): Promise<void> {
  await state.clear(context);
  Object.assign(state.get(context) as StoreItem, stored);
}

/** Reads `key` into the turn's cached state of `state`; returns the stored item. */
export async function loadIntoTurn(state: BotState, storage: Storage, key: string, context: TurnContext): Promise<StoreItem> {
  const stored = ((await storage.read([key]))[key] ?? {}) as StoreItem;
  await setTurnState(state, context, stored);
  return stored;
}

/** UserState (the language a user chose) with BotState's load/saveChanges semantics, compared by JSON. */
export class JsonUserState extends UserState {
  private readonly readJson = Symbol('user state as read');

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const cached = this.get(context) as StoreItem | undefined;
    if (cached && !force) return cached;
    const key = this.getStorageKey(context);
    if (!key) return (await super.load(context, force)) as StoreItem;
    const stored = await loadIntoTurn(this, this.storage, key, context);
    context.turnState.set(this.readJson, documentJson(stored));
    return this.get(context) as StoreItem;
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.get(context) as StoreItem | undefined;
    const key = this.getStorageKey(context);
    if (!key || (!state && !force)) return;
    const current = state ?? {};
    const json = documentJson(current);
    if (!force && json === context.turnState.get(this.readJson)) return;
    current.eTag = '*';
    await this.storage.write({ [key]: current });
    context.turnState.set(this.readJson, json);
  }

  override async clear(context: TurnContext): Promise<void> {
    await super.clear(context);
    // Cleared state is saved, as with BotState (its empty hash never matches).
    context.turnState.delete(this.readJson);
  }
}
