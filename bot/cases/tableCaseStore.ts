/**
 * The Azure CaseStore: escalation cases in Azure Table Storage (@azure/data-tables), shared by
 * every instance of the bot.
 *
 * Layout (one table, CASES_TABLE, default `botcases`):
 * - Partition `cases` holds each case (`k_<id>`: indexed fields plus the JSON document, split
 *   into 30,000-character properties because one string property holds at most 64 KB) and its
 *   index rows: `s_<status>_<createdAt>_<id>` (the queue, oldest first), `u_<updatedAt>_<id>`
 *   (changedSince), `o_<conversation hash>_<createdAt>_<id>` (the open case of a conversation)
 *   and `c_<closedAt>_<id>` (retention). Every listing is a RowKey range query: no scan.
 * - A case and its index rows change together in one entity group transaction (same partition),
 *   conditional on the case entity's ETag, so index and case never disagree and of two
 *   instances claiming or replacing the same version exactly one succeeds (412 for the other).
 * - Partition `m_<id>` holds the relay messages, RowKey = zero-padded sequence number; a new
 *   message is inserted (never upserted), so two instances appending at once cannot take the
 *   same number: the loser gets 409 and takes the next one.
 * The record's eTag is our own token in the entity (new on every write); the table's ETag
 * guards the write itself.
 */
import { createHash } from 'crypto';
import { TableClient, type TableEntity, type TableEntityResult, type TransactionAction, odata } from '@azure/data-tables';
import type { AgentRef, CaseRecord, CaseStatus, CaseStore, ClaimResult, NewCase, RelayMessage } from './caseStore';
import { CaseConflictError } from './caseStore';
import { type CaseDocument, caseDocument, claimedRecord, newCaseRecord, replacedRecord, withoutUndefined } from './caseIds';
import { withUnreadable } from './unreadableCases';

const CASES = 'cases';
const DOC_CHUNK_CHARS = 30_000;
const MAX_ATTEMPTS = 50;
const READY_TIMEOUT_MS = 3_000;

type Stored = Record<string, unknown>;

function statusOf(error: unknown): number | undefined {
  return (error as { statusCode?: number })?.statusCode;
}

function caseKey(id: string): string {
  return `k_${id}`;
}

function conversationHash(channelId: string, conversationId: string): string {
  return createHash('sha256').update(`${channelId}\n${conversationId}`).digest('hex').slice(0, 32);
}

function indexKeys(record: CaseRecord): string[] {
  const keys = [`s_${record.status}_${record.createdAt}_${record.id}`, `u_${record.updatedAt}_${record.id}`];
  if (record.status !== 'closed')
    keys.push(`o_${conversationHash(record.channelId, record.conversationId)}_${record.createdAt}_${record.id}`);
  if (record.status === 'closed' && record.closedAt) keys.push(`c_${record.closedAt}_${record.id}`);
  return keys;
}

function caseEntity(record: CaseRecord): TableEntity<Stored> {
  const doc = JSON.stringify(caseDocument(record));
  const entity: TableEntity<Stored> = {
    partitionKey: CASES,
    rowKey: caseKey(record.id),
    id: record.id,
    status: record.status,
    channelId: record.channelId,
    conversationId: record.conversationId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    recordETag: record.eTag,
    docParts: Math.max(1, Math.ceil(doc.length / DOC_CHUNK_CHARS)),
  };
  if (record.closedAt) entity.closedAt = record.closedAt;
  for (let part = 0; part * DOC_CHUNK_CHARS < doc.length || part === 0; part++) {
    entity[`doc${part}`] = doc.slice(part * DOC_CHUNK_CHARS, (part + 1) * DOC_CHUNK_CHARS);
  }
  return entity;
}

function recordFrom(entity: TableEntityResult<Stored>): CaseRecord {
  let doc = '';
  for (let part = 0; part < Number(entity.docParts); part++) doc += (entity[`doc${part}`] as string | undefined) ?? '';
  return withoutUndefined({
    ...(JSON.parse(doc) as CaseDocument),
    id: String(entity.id),
    status: entity.status as CaseStatus,
    channelId: String(entity.channelId),
    conversationId: String(entity.conversationId),
    createdAt: String(entity.createdAt),
    updatedAt: String(entity.updatedAt),
    closedAt: typeof entity.closedAt === 'string' ? entity.closedAt : undefined,
    eTag: String(entity.recordETag),
  });
}

function indexRow(rowKey: string, id: string): TableEntity<Stored> {
  return { partitionKey: CASES, rowKey, caseId: id };
}

/** RowKey range [prefix, prefix + '~'): '~' sorts after every character the keys use. */
function rangeFilter(partitionKey: string, from: string, to: string, fromInclusive = true): string {
  return fromInclusive
    ? odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`
    : odata`PartitionKey eq ${partitionKey} and RowKey gt ${from} and RowKey lt ${to}`;
}

export interface TableCaseStoreOptions {
  /** http endpoints (Azurite) need this; production uses https. */
  allowInsecureConnection?: boolean;
}

export class TableCaseStore implements CaseStore {
  private readonly client: TableClient;
  private tableReady: Promise<void> | undefined;
  private readonly lastSeq = new Map<string, number>();

  constructor(connectionString: string, tableName: string, options: TableCaseStoreOptions = {}) {
    this.client = TableClient.fromConnectionString(connectionString, tableName, {
      allowInsecureConnection:
        options.allowInsecureConnection ?? /^DefaultEndpointsProtocol=http;|TableEndpoint=http:/i.test(connectionString),
      retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 2_000 },
    });
  }

  async create(input: NewCase): Promise<CaseRecord> {
    await this.ready();
    for (let attempt = 1; ; attempt++) {
      const record = newCaseRecord(input, new Date().toISOString());
      try {
        await this.client.submitTransaction([
          ['create', caseEntity(record)],
          ...indexKeys(record).map((key): TransactionAction => ['create', indexRow(key, record.id)]),
        ]);
        return withoutUndefined(record);
      } catch (error) {
        // A case number already taken (1 in 10^12): draw another.
        if (statusOf(error) !== 409 || attempt >= 5) throw error;
      }
    }
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    const entity = await this.entity(id);
    return entity ? recordFrom(entity) : undefined;
  }

  async openCaseFor(channelId: string, conversationId: string): Promise<CaseRecord | undefined> {
    const prefix = `o_${conversationHash(channelId, conversationId)}_`;
    const rows = await this.indexRows(prefix, `${prefix}~`);
    for (const row of rows.reverse()) {
      const record = await this.get(String(row.caseId));
      // The hash names the conversation; the record must too (a hash collision is not a match).
      if (record && record.status !== 'closed' && record.channelId === channelId && record.conversationId === conversationId) return record;
    }
    return undefined;
  }

  async list(status: CaseStatus, options: { limit?: number } = {}): Promise<CaseRecord[]> {
    const prefix = `s_${status}_`;
    return this.recordsOf(await this.indexRows(prefix, `${prefix}~`, options.limit));
  }

  async queuePosition(id: string): Promise<number | undefined> {
    const record = await this.get(id);
    if (!record || record.status !== 'queued') return undefined;
    const own = `s_queued_${record.createdAt}_${record.id}`;
    // Counting the index rows up to this case's: reads RowKeys only, the queue is short.
    return (await this.indexRows('s_queued_', `${own}\u0000`)).length;
  }

  async claim(id: string, agent: AgentRef): Promise<ClaimResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const entity = await this.entity(id);
      if (!entity) return { ok: false, reason: 'not-found' };
      const current = recordFrom(entity);
      if (current.status === 'closed') return { ok: false, reason: 'closed', record: current };
      if (current.status === 'assigned') return { ok: false, reason: 'taken', record: current };
      const claimed = claimedRecord(current, { id: agent.id, name: agent.name }, new Date().toISOString());
      if (await this.writeIfUnchanged(current, claimed, entity.etag)) return { ok: true, record: withoutUndefined(claimed) };
      // Someone else changed the case in between: read again and decide on what is there now.
    }
    throw new CaseConflictError(id);
  }

  async replace(record: CaseRecord): Promise<CaseRecord> {
    const entity = await this.entity(record.id);
    if (!entity || entity.recordETag !== record.eTag) throw new CaseConflictError(record.id);
    const next = replacedRecord(record, new Date().toISOString());
    if (!(await this.writeIfUnchanged(recordFrom(entity), next, entity.etag))) throw new CaseConflictError(record.id);
    return withoutUndefined(next);
  }

  async appendMessage(message: Omit<RelayMessage, 'seq'>): Promise<RelayMessage> {
    await this.ready();
    let seq = (this.lastSeq.get(message.caseId) ?? (await this.maxSeq(message.caseId))) + 1;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = withoutUndefined({ ...message, seq });
      try {
        await this.client.createEntity({
          partitionKey: `m_${message.caseId}`,
          rowKey: String(seq).padStart(10, '0'),
          doc: JSON.stringify(stored),
        });
        this.lastSeq.set(message.caseId, seq);
        return stored;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
        seq = Math.max(seq, await this.maxSeq(message.caseId)) + 1;
      }
    }
    throw new Error(`could not append a message to case ${message.caseId}`);
  }

  async setDelivery(caseId: string, seq: number, delivery: RelayMessage['delivery'], error?: string): Promise<void> {
    const rowKey = String(seq).padStart(10, '0');
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let entity: TableEntityResult<Stored>;
      try {
        entity = await this.client.getEntity<Stored>(`m_${caseId}`, rowKey);
      } catch (readError) {
        if (statusOf(readError) === 404) return;
        throw readError;
      }
      const message = JSON.parse(String(entity.doc)) as RelayMessage;
      try {
        await this.client.updateEntity(
          { partitionKey: `m_${caseId}`, rowKey, doc: JSON.stringify(withoutUndefined({ ...message, delivery, error })) },
          'Replace',
          { etag: entity.etag },
        );
        return;
      } catch (writeError) {
        if (statusOf(writeError) !== 412) throw writeError;
      }
    }
  }

  async messages(caseId: string, afterSeq = 0): Promise<RelayMessage[]> {
    await this.ready();
    const messages: RelayMessage[] = [];
    const from = String(afterSeq).padStart(10, '0');
    for await (const entity of this.client.listEntities<Stored>({
      queryOptions: { filter: rangeFilter(`m_${caseId}`, from, '~', false) },
    })) {
      messages.push(JSON.parse(String(entity.doc)) as RelayMessage);
    }
    return messages.sort((a, b) => a.seq - b.seq);
  }

  async changedSince(since: string, options: { limit?: number } = {}): Promise<CaseRecord[]> {
    await this.ready();
    const rows: Stored[] = [];
    for await (const row of this.client.listEntities<Stored>({
      queryOptions: { filter: rangeFilter(CASES, `u_${since}~`, 'u_~', false), select: ['caseId'] },
    })) {
      rows.push(row);
      if (options.limit !== undefined && rows.length >= options.limit) break;
    }
    return this.recordsOf(rows);
  }

  async deleteClosedBefore(before: string): Promise<number> {
    let deleted = 0;
    for (const row of await this.indexRows('c_', `c_${before}`)) {
      const entity = await this.entity(String(row.caseId));
      if (!entity) continue;
      const record = recordFrom(entity);
      await this.deleteMessages(record.id);
      try {
        await this.client.submitTransaction([
          ['delete', { partitionKey: CASES, rowKey: caseKey(record.id) }],
          ...indexKeys(record).map((key): TransactionAction => ['delete', { partitionKey: CASES, rowKey: key }]),
        ]);
        deleted++;
      } catch (error) {
        // Deleted by another instance's sweep at the same time.
        if (statusOf(error) !== 404) throw error;
      }
    }
    return deleted;
  }

  /** Readiness: the table answers (creates it on first use). */
  async checkReady(): Promise<void> {
    await this.ready();
    await this.client.getEntity(CASES, 'ready-check', { abortSignal: AbortSignal.timeout(READY_TIMEOUT_MS) }).catch((error) => {
      if (statusOf(error) !== 404) throw error;
    });
  }

  async close(): Promise<void> {
    // Nothing to release: the SDK keeps no connection open between requests.
  }

  private ready(): Promise<void> {
    this.tableReady ??= this.client.createTable().catch((error) => {
      this.tableReady = undefined;
      throw error;
    });
    return this.tableReady;
  }

  private async entity(id: string): Promise<TableEntityResult<Stored> | undefined> {
    await this.ready();
    try {
      return await this.client.getEntity<Stored>(CASES, caseKey(id));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async indexRows(from: string, to: string, limit?: number): Promise<Stored[]> {
    await this.ready();
    const rows: Stored[] = [];
    for await (const row of this.client.listEntities<Stored>({
      queryOptions: { filter: rangeFilter(CASES, from, to), select: ['caseId'] },
    })) {
      rows.push(row);
      if (limit !== undefined && limit >= 0 && rows.length >= limit) break;
    }
    return rows;
  }

  private async recordsOf(rows: Stored[]): Promise<CaseRecord[]> {
    const unreadable: string[] = [];
    const records = await Promise.all(
      rows.map((row) =>
        this.get(String(row.caseId)).catch((error: unknown) => {
          if (!(error instanceof SyntaxError)) throw error;
          unreadable.push(String(row.caseId));
          return undefined;
        }),
      ),
    );
    return withUnreadable(
      records.filter((record): record is CaseRecord => record !== undefined),
      unreadable,
    );
  }

  /** The case and its index rows in one transaction, if the case entity is still at `etag`. */
  private async writeIfUnchanged(previous: CaseRecord, next: CaseRecord, etag: string | undefined): Promise<boolean> {
    const before = new Set(indexKeys(previous));
    const after = new Set(indexKeys(next));
    const actions: TransactionAction[] = [
      ['update', caseEntity(next), 'Replace', { etag }],
      ...[...before].filter((key) => !after.has(key)).map((key): TransactionAction => ['delete', { partitionKey: CASES, rowKey: key }]),
      ...[...after].filter((key) => !before.has(key)).map((key): TransactionAction => ['upsert', indexRow(key, next.id), 'Replace']),
    ];
    try {
      await this.client.submitTransaction(actions);
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 404) return false;
      throw error;
    }
  }

  private async maxSeq(caseId: string): Promise<number> {
    let max = 0;
    for await (const entity of this.client.listEntities<Stored>({
      queryOptions: { filter: odata`PartitionKey eq ${`m_${caseId}`}`, select: ['RowKey'] },
    })) {
      max = Math.max(max, Number(entity.rowKey));
    }
    return max;
  }

  private async deleteMessages(caseId: string): Promise<void> {
    const partitionKey = `m_${caseId}`;
    const keys: string[] = [];
    for await (const entity of this.client.listEntities<Stored>({
      queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] },
    })) {
      keys.push(String(entity.rowKey));
    }
    for (let start = 0; start < keys.length; start += 100) {
      await this.client.submitTransaction(
        keys.slice(start, start + 100).map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]),
      );
    }
  }
}
