/**
 * One corrupt case row (a document that is no JSON, a store written by hand) must not take the
 * desk down: lists skip it and say which ids they skipped, so the caller logs them and tells the
 * agent "1 case could not be read" instead of answering 500 to every agent.
 */
import type { CaseRecord } from './caseStore';

/** A list of cases and the ids of the rows that could not be read (not enumerable: JSON and spreads keep the cases only). */
export type CaseList = CaseRecord[] & { readonly unreadable?: readonly string[] };

/** Reads each row; a row whose reading throws is left out and its id noted on the list. */
export function readCases<Row>(rows: readonly Row[], read: (row: Row) => CaseRecord, idOf: (row: Row) => string): CaseList {
  const records: CaseRecord[] = [];
  const unreadable: string[] = [];
  for (const row of rows) {
    try {
      records.push(read(row));
    } catch {
      unreadable.push(idOf(row));
    }
  }
  return withUnreadable(records, unreadable);
}

export function withUnreadable(records: CaseRecord[], unreadable: readonly string[]): CaseList {
  if (unreadable.length > 0) Object.defineProperty(records, 'unreadable', { value: unreadable, enumerable: false });
  return records;
}

/** The ids a list skipped (none for an ordinary array). */
export function unreadableIds(list: readonly CaseRecord[]): readonly string[] {
  return (list as CaseList).unreadable ?? [];
}
