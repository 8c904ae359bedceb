/**
 * What the escalation keeps in a case's `details` (plain JSON in the store): the user's contact
 * address and rating, who closed it, the state of each agent surface's notification and of the
 * webhook deliveries. Read defensively: a record may come from an older build.
 */
import type { CaseRecord, RelayMessage } from '../cases/caseStore';
import type { HandoffTrigger } from '../../dialogs/ports';

export type AgentSurface = 'desk' | 'teams' | 'contact-center';

/** Why the webhook was not called: its address is private or loopback, which the policy forbids. */
export interface WebhookRefusal {
  reason: 'private-address';
  message: string;
  event: string;
  at: string;
}

export interface WebhookDelivery {
  /** The Idempotency-Key: the same on every attempt of this delivery. */
  key: string;
  event: string;
  occurredAt: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt?: string;
  /** While an instance is sending it, others leave it alone. */
  leaseUntil?: string;
  lastError?: string;
}

export interface TeamsCardState {
  /** 'pending': not posted yet (or an update is due); 'posted': the card shows the current state. */
  state: 'pending' | 'posted' | 'failed';
  /** The card's thread (channel) or chat (group chat), and the card's activity id once posted. */
  conversationId?: string;
  activityId?: string;
  serviceUrl?: string;
  /** Which case state the card shows (cardStateKey); an update is due when the case moved on. */
  shows?: string;
  attempts: number;
  nextAttemptAt?: string;
  lastError?: string;
  leaseUntil?: string;
}

export interface EscalationDetails {
  trigger: HandoffTrigger;
  /** Display name the channel gave for the user (may be empty in web chat). */
  userName?: string;
  outsideOfficeHours?: boolean;
  /** The user was told nobody is free (wait over or outside office hours). */
  nobodyNotice?: { at: string; delivered: boolean; error?: string };
  contact?: { email: string; at: string };
  rating?: { score: number; comment?: string; at: string };
  closedBy?: 'agent' | 'user' | 'contact-center';
  /** Where the agent took the case. */
  surface?: AgentSurface;
  lastMessageSeq?: number;
  lastMessageAt?: string;
  /** Who wrote the newest message (the desk notifies the agent of a customer's message). */
  lastMessageFrom?: RelayMessage['from'] | 'note';
  teams?: TeamsCardState;
  webhook?: {
    deliveries: WebhookDelivery[];
    lastFailure?: { event: string; key: string; at: string; error: string; attempts: number };
    /** The address policy refused the webhook (final, never retried); cleared by a later delivery. */
    refused?: WebhookRefusal;
  };
  contactCenter?: { state: string; message?: string; at: string };
  /** The user's page left ('away': closed, reloaded elsewhere, offline) or came back (web chat). */
  presence?: { state: 'away' | 'back'; at: string };
}

const TRIGGERS = new Set<HandoffTrigger>(['user-request', 'no-match', 'still-not-working']);

export function detailsOf(record: CaseRecord): EscalationDetails {
  const raw = (record.details ?? {}) as Partial<EscalationDetails>;
  const details = structuredClone(raw) as EscalationDetails;
  if (!TRIGGERS.has(details.trigger)) details.trigger = 'user-request';
  if (details.webhook && !Array.isArray(details.webhook.deliveries)) details.webhook.deliveries = [];
  return details;
}

/** The record with these details (a new object; the caller writes it with replace). */
export function withDetails(record: CaseRecord, details: EscalationDetails): CaseRecord {
  return { ...record, details: details as unknown as Record<string, unknown> };
}
