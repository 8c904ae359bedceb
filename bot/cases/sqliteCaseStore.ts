/**
 * The embedded CaseStore: escalation cases in the bot's SQLite file (bot/store/sqliteDatabase.ts),
 * beside conversation state.
 * - The queue is read from the index on (status, created_at): no scan of all cases.
 * - claim, replace and appendMessage run in IMMEDIATE transactions, which take SQLite's write
 *   lock first: two claimers, in one process or in two processes on the same file, are
 *   serialised, and the second sees the first one's assignment.
 * - Every write is committed (WAL, synchronous=FULL) before the promise resolves.
 */
/* eslint-disable @typescript-eslint/require-await -- the async CaseStore port on synchronous better-sqlite3: `async` makes a SQLite error or a conflict a rejection, as the port promises */
import type { AgentRef, CaseRecord, CaseStatus, CaseStore, ClaimResult, NewCase, RelayMessage } from './caseStore';
import { CaseConflictError } from './caseStore';
import { type CaseDocument, caseDocument, claimedRecord, newCaseRecord, replacedRecord, withoutUndefined } from './caseIds';
import { type SqliteDatabase, openDatabase } from '../store/sqliteDatabase';
import { readCases } from './unreadableCases';

interface CaseRow {
  id: string;
  status: CaseStatus;
  channel_id: string;
  conversation_id: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  etag: string;
  doc: string;
}

function recordFrom(row: CaseRow): CaseRecord {
  const doc = JSON.parse(row.doc) as CaseDocument;
  return withoutUndefined({
    ...doc,
    id: row.id,
    status: row.status,
    channelId: row.channel_id,
    conversationId: row.conversation_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at ?? undefined,
    eTag: row.etag,
  });
}

function rowParams(record: CaseRecord) {
  return {
    id: record.id,
    status: record.status,
    channel_id: record.channelId,
    conversation_id: record.conversationId,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    closed_at: record.closedAt ?? null,
    etag: record.eTag,
    doc: JSON.stringify(caseDocument(record)),
  };
}

const MAX_ID_ATTEMPTS = 5;

export class SqliteCaseStore implements CaseStore {
  private readonly statements;

  /**
   * @param db an open database (the state store's); `ownsDatabase` closes it on close().
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly ownsDatabase = false,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO cases (id, status, channel_id, conversation_id, created_at, updated_at, closed_at, etag, doc)
         VALUES (@id, @status, @channel_id, @conversation_id, @created_at, @updated_at, @closed_at, @etag, @doc)`,
      ),
      get: db.prepare('SELECT * FROM cases WHERE id = ?'),
      openFor: db.prepare(
        `SELECT * FROM cases WHERE channel_id = ? AND conversation_id = ? AND status <> 'closed' ORDER BY created_at DESC LIMIT 1`,
      ),
      list: db.prepare('SELECT * FROM cases WHERE status = ? ORDER BY created_at, id LIMIT ?'),
      position: db.prepare(
        `SELECT COUNT(*) AS n FROM cases WHERE status = 'queued' AND (created_at < @created_at OR (created_at = @created_at AND id <= @id))`,
      ),
      update: db.prepare(
        `UPDATE cases SET status = @status, channel_id = @channel_id, conversation_id = @conversation_id, created_at = @created_at,
           updated_at = @updated_at, closed_at = @closed_at, etag = @etag, doc = @doc
         WHERE id = @id AND etag = @expected`,
      ),
      lastSeq: db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM case_messages WHERE case_id = ?'),
      insertMessage: db.prepare('INSERT INTO case_messages (case_id, seq, doc) VALUES (?, ?, ?)'),
      getMessage: db.prepare('SELECT doc FROM case_messages WHERE case_id = ? AND seq = ?'),
      updateMessage: db.prepare('UPDATE case_messages SET doc = ? WHERE case_id = ? AND seq = ?'),
      messages: db.prepare('SELECT doc FROM case_messages WHERE case_id = ? AND seq > ? ORDER BY seq'),
      changedSince: db.prepare('SELECT * FROM cases WHERE updated_at > ? ORDER BY updated_at, id LIMIT ?'),
      closedBefore: db.prepare(`SELECT id FROM cases WHERE status = 'closed' AND closed_at < ? LIMIT 500`),
      deleteCase: db.prepare('DELETE FROM cases WHERE id = ?'),
      deleteMessages: db.prepare('DELETE FROM case_messages WHERE case_id = ?'),
    };
  }

  /** A store with its own connection to the database file (tests, a second process). */
  static open(file: string): SqliteCaseStore {
    return new SqliteCaseStore(openDatabase(file), true);
  }

  async create(input: NewCase): Promise<CaseRecord> {
    for (let attempt = 1; ; attempt++) {
      const record = newCaseRecord(input, new Date().toISOString());
      try {
        this.statements.insert.run(rowParams(record));
        return withoutUndefined(record);
      } catch (error) {
        // A case number already taken (1 in 10^12): draw another.
        if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY' || attempt >= MAX_ID_ATTEMPTS) throw error;
      }
    }
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    const row = this.statements.get.get(id) as CaseRow | undefined;
    return row ? recordFrom(row) : undefined;
  }

  async openCaseFor(channelId: string, conversationId: string): Promise<CaseRecord | undefined> {
    const row = this.statements.openFor.get(channelId, conversationId) as CaseRow | undefined;
    return row ? recordFrom(row) : undefined;
  }

  async list(status: CaseStatus, options: { limit?: number } = {}): Promise<CaseRecord[]> {
    return readCases(this.statements.list.all(status, options.limit ?? -1) as CaseRow[], recordFrom, (row) => row.id);
  }

  async queuePosition(id: string): Promise<number | undefined> {
    const row = this.statements.get.get(id) as CaseRow | undefined;
    if (!row || row.status !== 'queued') return undefined;
    return (this.statements.position.get({ created_at: row.created_at, id: row.id }) as { n: number }).n;
  }

  async claim(id: string, agent: AgentRef): Promise<ClaimResult> {
    return this.db
      .transaction((): ClaimResult => {
        const row = this.statements.get.get(id) as CaseRow | undefined;
        if (!row) return { ok: false, reason: 'not-found' };
        const current = recordFrom(row);
        if (current.status === 'closed') return { ok: false, reason: 'closed', record: current };
        if (current.status === 'assigned') return { ok: false, reason: 'taken', record: current };
        const claimed = claimedRecord(current, { id: agent.id, name: agent.name }, new Date().toISOString());
        this.statements.update.run({ ...rowParams(claimed), expected: current.eTag });
        return { ok: true, record: withoutUndefined(claimed) };
      })
      .immediate();
  }

  async replace(record: CaseRecord): Promise<CaseRecord> {
    const next = replacedRecord(record, new Date().toISOString());
    const result = this.statements.update.run({ ...rowParams(next), expected: record.eTag });
    if (result.changes !== 1) throw new CaseConflictError(record.id);
    return withoutUndefined(next);
  }

  async appendMessage(message: Omit<RelayMessage, 'seq'>): Promise<RelayMessage> {
    return this.db
      .transaction((): RelayMessage => {
        const seq = (this.statements.lastSeq.get(message.caseId) as { seq: number }).seq + 1;
        const stored = withoutUndefined({ ...message, seq });
        this.statements.insertMessage.run(message.caseId, seq, JSON.stringify(stored));
        return stored;
      })
      .immediate();
  }

  async setDelivery(caseId: string, seq: number, delivery: RelayMessage['delivery'], error?: string): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.statements.getMessage.get(caseId, seq) as { doc: string } | undefined;
        if (!row) return;
        const message = JSON.parse(row.doc) as RelayMessage;
        this.statements.updateMessage.run(JSON.stringify(withoutUndefined({ ...message, delivery, error })), caseId, seq);
      })
      .immediate();
  }

  async messages(caseId: string, afterSeq = 0): Promise<RelayMessage[]> {
    return (this.statements.messages.all(caseId, afterSeq) as Array<{ doc: string }>).map((row) => JSON.parse(row.doc) as RelayMessage);
  }

  async changedSince(since: string, options: { limit?: number } = {}): Promise<CaseRecord[]> {
    return readCases(this.statements.changedSince.all(since, options.limit ?? -1) as CaseRow[], recordFrom, (row) => row.id);
  }

  async deleteClosedBefore(before: string): Promise<number> {
    let deleted = 0;
    // In batches, so a large sweep never holds the write lock for long.
    for (;;) {
      const batch = this.db
        .transaction(() => {
          const ids = (this.statements.closedBefore.all(before) as Array<{ id: string }>).map((row) => row.id);
          for (const id of ids) {
            this.statements.deleteMessages.run(id);
            this.statements.deleteCase.run(id);
          }
          return ids.length;
        })
        .immediate();
      deleted += batch;
      if (batch === 0) return deleted;
    }
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}
