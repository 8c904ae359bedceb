/**
 * Read, change, write back conditionally (eTag); on a conflict read again and re-apply. The one
 * way the escalation changes a stored case, so concurrent writers (agents, the user, other
 * instances, retries) never overwrite each other's changes.
 */
import { type CaseRecord, type CaseStore, CaseConflictError } from '../cases/caseStore';
import { detailsOf, type EscalationDetails, withDetails } from './details';

/** Changes the case in place and returns undefined to write it, or 'skip' to leave it as it is. */
export type CaseChange = (record: CaseRecord, details: EscalationDetails) => void | 'skip';

const MAX_WRITE_ATTEMPTS = 10;

/** The saved record (or the unchanged one when the change said 'skip'); undefined: no such case. */
export async function mutateCase(
  store: CaseStore,
  caseId: string,
  change: CaseChange,
  beforeWrite?: (record: CaseRecord, details: EscalationDetails) => void,
): Promise<{ record: CaseRecord; written: boolean } | undefined> {
  for (let attempt = 1; ; attempt++) {
    const record = await store.get(caseId);
    if (!record) return undefined;
    const details = detailsOf(record);
    if (change(record, details) === 'skip') return { record, written: false };
    beforeWrite?.(record, details);
    try {
      return { record: await store.replace(withDetails(record, details)), written: true };
    } catch (error) {
      if (!(error instanceof CaseConflictError) || attempt >= MAX_WRITE_ATTEMPTS) throw error;
    }
  }
}
