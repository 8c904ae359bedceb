/**
 * Escalation cases: the record a human agent works from, and the persistence port every store
 * implements (the embedded default and the Azure one). Plain data only, no Bot Framework types,
 * so a store can be tested without a bot and swapped without touching the escalation logic.
 *
 * What a store must guarantee (one contract test suite runs against every implementation):
 * - `create` is durable when it resolves: the user is told about a case only after that.
 * - `list(status)` reads an index by status, never a scan of every conversation.
 * - `claim` is atomic across processes: of two agents racing for a queued case exactly one wins.
 * - `replace` is a conditional write on `eTag` (stale eTag: CaseConflictError), like Bot
 *   Framework's Storage, so two instances never overwrite each other's changes silently.
 * - relay messages of a case come back in the order they were appended (`seq` ascending).
 */

export type CaseStatus = 'queued' | 'assigned' | 'closed';

export interface AgentRef {
  id: string;
  name: string;
}

export interface CaseRecord {
  /** The case number shown to the user and the agent (short, unique, not guessable). */
  id: string;
  status: CaseStatus;
  channelId: string;
  conversationId: string;
  /** Where proactive messages to the user go: the Bot Framework ConversationReference as JSON. */
  conversationReference: Record<string, unknown>;
  language: 'de' | 'en';
  /** ISO 8601 timestamps. */
  createdAt: string;
  updatedAt: string;
  assignedTo?: AgentRef;
  assignedAt?: string;
  closedAt?: string;
  /** The worked-up case (dialogs' CaseSummary) and the redacted transcript: never keys or secrets. */
  summary: Record<string, unknown>;
  transcript: Array<Record<string, unknown>>;
  /** Everything else the escalation keeps (contact address, rating, webhook and Teams card state). */
  details: Record<string, unknown>;
  /** Concurrency token, new on every write. */
  eTag: string;
}

export type NewCase = Omit<CaseRecord, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'eTag' | 'assignedTo' | 'assignedAt' | 'closedAt'>;

export interface RelayMessage {
  caseId: string;
  /** Order within the case, assigned by the store (1, 2, 3 ...). */
  seq: number;
  from: 'user' | 'agent' | 'bot' | 'system';
  /** Display name of the sender (the agent's name; empty for the user). */
  authorName?: string;
  text: string;
  at: string;
  /** Whether the other side received it; a failed delivery is reported to its sender, never dropped. */
  delivery: 'pending' | 'delivered' | 'failed';
  error?: string;
  /** To the user, while the user was not connected: the channel keeps it and it is shown when they return. */
  heldForCustomer?: boolean;
  /** A note for agents only (never sent to the user): the customer left or came back. */
  note?: 'customer-away' | 'customer-back';
  /** An agent's internal note on the case: stored with it, shown to agents, never sent to the user. */
  internal?: true;
}

export type ClaimResult = { ok: true; record: CaseRecord } | { ok: false; reason: 'not-found' | 'taken' | 'closed'; record?: CaseRecord };

export class CaseConflictError extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} was changed by someone else`);
    this.name = 'CaseConflictError';
  }
}

export interface CaseStore {
  /** Stores a new queued case and resolves once it is durable. */
  create(input: NewCase): Promise<CaseRecord>;
  get(id: string): Promise<CaseRecord | undefined>;
  /** The queued or assigned case of a conversation, if any. */
  openCaseFor(channelId: string, conversationId: string): Promise<CaseRecord | undefined>;
  /** Cases with this status, oldest first, from an index (no scan). */
  list(status: CaseStatus, options?: { limit?: number }): Promise<CaseRecord[]>;
  /** 1-based place of a queued case in the queue (oldest first); undefined when not queued. */
  queuePosition(id: string): Promise<number | undefined>;
  /** queued -> assigned to this agent, atomically. */
  claim(id: string, agent: AgentRef): Promise<ClaimResult>;
  /** Conditional write of a changed record; throws CaseConflictError when record.eTag is stale. */
  replace(record: CaseRecord): Promise<CaseRecord>;
  appendMessage(message: Omit<RelayMessage, 'seq'>): Promise<RelayMessage>;
  setDelivery(caseId: string, seq: number, delivery: RelayMessage['delivery'], error?: string): Promise<void>;
  /** Relay messages of a case, oldest first; only those after `afterSeq` when given. */
  messages(caseId: string, afterSeq?: number): Promise<RelayMessage[]>;
  /** Cases changed after `since` (ISO), oldest change first: the desk's live updates across instances. */
  changedSince(since: string, options?: { limit?: number }): Promise<CaseRecord[]>;
  /** Retention: deletes closed cases (and their messages) closed before `before` (ISO); returns how many. */
  deleteClosedBefore(before: string): Promise<number>;
  close(): Promise<void>;
}
