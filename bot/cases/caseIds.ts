/**
 * Case numbers and concurrency tokens shared by the case stores.
 * A case number is read aloud and typed by people: 8 characters of Crockford's base32 (no I, L,
 * O, U), 40 random bits, so it is short and cannot be guessed from another one.
 */
import { randomBytes, randomUUID } from 'crypto';
import type { CaseRecord, NewCase } from './caseStore';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newCaseId(): string {
  const bytes = randomBytes(8);
  let id = '';
  for (let i = 0; i < 8; i++) id += ALPHABET[bytes[i] % 32];
  return id;
}

export function newETag(): string {
  return randomUUID();
}

/** The parts of a record that live in the document, not in indexed columns or keys. */
export interface CaseDocument {
  conversationReference: Record<string, unknown>;
  language: CaseRecord['language'];
  assignedTo?: CaseRecord['assignedTo'];
  assignedAt?: string;
  summary: Record<string, unknown>;
  transcript: Array<Record<string, unknown>>;
  details: Record<string, unknown>;
}

export function caseDocument(record: NewCase | CaseRecord): CaseDocument {
  const assigned = record as Partial<CaseRecord>;
  return {
    conversationReference: record.conversationReference,
    language: record.language,
    assignedTo: assigned.assignedTo,
    assignedAt: assigned.assignedAt,
    summary: record.summary,
    transcript: record.transcript,
    details: record.details,
  };
}

/** A new queued record from the caller's input. */
export function newCaseRecord(input: NewCase, now: string): CaseRecord {
  return {
    ...caseDocument(input),
    id: newCaseId(),
    status: 'queued',
    channelId: input.channelId,
    conversationId: input.conversationId,
    createdAt: now,
    updatedAt: now,
    assignedTo: undefined,
    assignedAt: undefined,
    eTag: newETag(),
  };
}

/** The record a replace() writes: new eTag and updatedAt; closing stamps closedAt once. */
export function replacedRecord(record: CaseRecord, now: string): CaseRecord {
  const closedAt = record.status === 'closed' ? (record.closedAt ?? now) : undefined;
  return { ...record, updatedAt: now, closedAt, eTag: newETag() };
}

/** The record claim() writes. */
export function claimedRecord(record: CaseRecord, agent: CaseRecord['assignedTo'], now: string): CaseRecord {
  return { ...record, status: 'assigned', assignedTo: agent, assignedAt: now, updatedAt: now, eTag: newETag() };
}

/** Drops keys whose value is undefined, so records compare equal however they were stored. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
