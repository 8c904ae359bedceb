/**
 * Case changes as events, and the outboxes that must hear about them (the Teams agents' channel,
 * the ticket webhook). An outbox notes what it owes in the case's details in the same write as
 * the change (`mark`), delivers it afterwards (`flush`), and the sweep delivers whatever is still
 * owed after a failure or a restart (`owes`): a crash between the two loses nothing.
 */
import type { CaseRecord, RelayMessage } from '../cases/caseStore';
import type { EscalationDetails } from './details';

export type CaseEventKind = 'created' | 'assigned' | 'released' | 'closed' | 'contact' | 'rated' | 'language' | 'message' | 'summary';

export interface CaseEvent {
  kind: CaseEventKind;
  record: CaseRecord;
  message?: RelayMessage;
}

export type CaseListener = (event: CaseEvent) => void;

export interface CaseOutbox {
  readonly name: string;
  /** Notes in `details` what this change owes (called before the write). */
  mark?(details: EscalationDetails, kind: CaseEventKind, at: string): void;
  /** Whether the case owes this outbox something (the sweep's question). */
  owes(record: CaseRecord, now: Date): boolean;
  /** Delivers what the case owes; failures are recorded on the case, never thrown. */
  flush(caseId: string): Promise<void>;
}
