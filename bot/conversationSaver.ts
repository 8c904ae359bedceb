/**
 * Saves a turn's conversation state with optimistic concurrency, so several instances can serve
 * one conversation without session affinity. Bot Framework's BotState writes with `eTag: "*"`
 * (last writer wins), which loses one of two parallel uploads; this saver writes conditionally
 * on the eTag the turn read (or create-only for a new conversation) and, on a conflict, re-reads
 * the stored state, merges (dialogs/caseMerge.ts for the case; every other property: this turn's
 * value if it changed it) and tries again. The turn is not re-run, so no reply is sent twice.
 */
import type { ConversationState, StoreItem, Storage, TurnContext } from 'botbuilder';
import { mergeCase } from '../dialogs/caseMerge';
import type { Logger } from './logging/logger';
import { isDocumentStorage, isStateConflict, isStateStorage } from './store/stateStorage';
import { documentJson, loadIntoTurn, setTurnState } from './turnState';

const MAX_SAVE_ATTEMPTS = 6;
export const CASE_PROPERTY = 'case';

type StateDocument = Record<string, unknown>;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export async function mergeConversationState(base: StateDocument, mine: StateDocument, theirs: StateDocument): Promise<StateDocument> {
  const merged: StateDocument = {};
  for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    if (key === 'eTag') continue;
    if (key === CASE_PROPERTY) merged[key] = await mergeCase(base[key], mine[key], theirs[key]);
    else merged[key] = same(mine[key], base[key]) ? theirs[key] : mine[key];
  }
  return merged;
}

/** What a turn read: the stored document as JSON (without its eTag) and the eTag. */
export interface ReadState {
  json: string;
  eTag?: string;
}

export class ConversationSaver {
  constructor(
    private readonly conversationState: ConversationState,
    private readonly storage: Storage,
    private readonly logger?: Logger,
  ) {}

  /**
   * Reads the conversation's state into the turn (where ConversationState's accessors find it)
   * and returns it as read, as JSON: the base of a later merge, and what tells whether the turn
   * changed anything. (ConversationState.load would also hash the whole document for its own
   * saveChanges, which this saver replaces; the JSON is all the comparison needs.)
   */
  async load(context: TurnContext): Promise<ReadState> {
    const key = this.conversationState.getStorageKey(context);
    if (key && isDocumentStorage(this.storage)) {
      // The stored JSON is the state as read: parsed once for the turn, never serialised again.
      const document = await this.storage.readDocument(key);
      await setTurnState(
        this.conversationState,
        context,
        document ? { ...(JSON.parse(document.json) as object), eTag: document.eTag } : {},
      );
      return { json: document?.json ?? '{}', eTag: document?.eTag };
    }
    const stored = key
      ? await loadIntoTurn(this.conversationState, this.storage, key, context)
      : ((await this.conversationState.load(context)) as StoreItem);
    return { json: documentJson(stored), eTag: typeof stored.eTag === 'string' && stored.eTag !== '*' ? stored.eTag : undefined };
  }

  async save(context: TurnContext, read: ReadState): Promise<void> {
    const key = this.conversationState.getStorageKey(context);
    let mine = this.conversationState.get(context) as StateDocument | undefined;
    if (!key || !mine) return;
    const json = documentJson(mine);
    if (json === read.json) return;
    // The state as read is the base of a merge, needed only after a conflict: parsed then.
    let base: StateDocument | undefined;
    let expected = read.eTag;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.write(key, mine, expected, attempt === 1 ? json : documentJson(mine));
        return;
      } catch (error) {
        if (!isStateConflict(error) || attempt >= MAX_SAVE_ATTEMPTS) throw error;
        const theirs = ((await this.storage.read([key]))[key] ?? {}) as StateDocument;
        mine = await mergeConversationState(base ?? (JSON.parse(read.json) as StateDocument), mine, theirs);
        base = theirs;
        expected = typeof theirs.eTag === 'string' ? theirs.eTag : undefined;
        this.logger?.info(
          `state of conversation ${context.activity.conversation?.id ?? '?'} (${context.activity.channelId}) was saved by a parallel turn: merged, save attempt ${attempt + 1}`,
        );
      }
    }
  }

  /** Over the version `expected`, or create-only (a new conversation); `json` is `mine` serialised. */
  private async write(key: string, mine: StateDocument, expected: string | undefined, json: string): Promise<void> {
    if (isDocumentStorage(this.storage)) return this.storage.writeDocument(key, json, expected);
    const { eTag: _ignored, ...doc } = mine;
    if (expected) await this.storage.write({ [key]: { ...doc, eTag: expected } });
    else if (isStateStorage(this.storage)) await this.storage.writeNew({ [key]: doc });
    else await this.storage.write({ [key]: doc });
  }
}
