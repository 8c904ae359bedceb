/**
 * What agents and the user are shown of a case. Agents: the list item (queue) and the full view
 * (summary, redacted transcript, relay messages, delivery state). Never the conversation
 * reference (its serviceUrl can carry a channel key), never file contents or keys: the summary
 * holds evidence only.
 */
import type { CaseRecord, RelayMessage } from '../cases/caseStore';
import type { CaseSummary } from '../../dialogs/ports';
import type { CaseTicket } from '../../dialogs/escalation/ports';
import { detailsOf, type WebhookRefusal } from './details';

export interface CaseListItem {
  id: string;
  status: CaseRecord['status'];
  language: CaseRecord['language'];
  createdAt: string;
  updatedAt: string;
  channelId: string;
  summary: {
    verdict?: string;
    article?: string | null;
    confidence?: number;
    headline?: string;
    candidates: Array<{ article: string; confidence: number; kb?: string; title?: string }>;
    findings: number;
    certificates: number;
    trigger: string;
  };
  assignedTo?: { id: string; name: string };
  assignedAt?: string;
  closedAt?: string;
  closedBy?: string;
  position?: number;
  userName?: string;
  contact?: { email: string };
  rating?: { score: number; comment?: string };
  lastMessageSeq?: number;
  lastMessageAt?: string;
  lastMessageFrom?: string;
  surface?: string;
  nobodyNotified?: boolean;
  /** The web chat page left or came back (desk: "the customer is not connected"). */
  presence?: { state: 'away' | 'back'; at: string };
  /** The ticket-system webhook was refused by the address policy (final): why, for which event. */
  webhookRefused?: WebhookRefusal;
}

function summaryOf(record: CaseRecord): Partial<CaseSummary> {
  return record.summary ?? {};
}

export function caseListItem(record: CaseRecord, position?: number): CaseListItem {
  const summary = summaryOf(record);
  const details = detailsOf(record);
  const headline = summary.answer ? `${summary.answer.kb}: ${summary.answer.title}` : summary.lookalikes?.[0]?.title;
  return {
    id: record.id,
    status: record.status,
    language: record.language,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    channelId: record.channelId,
    summary: {
      verdict: summary.verdict,
      article: summary.article,
      confidence: summary.confidence,
      ...(headline ? { headline } : {}),
      candidates: (summary.candidates ?? []).slice(0, 3),
      findings: summary.findings?.length ?? 0,
      certificates: summary.certificates?.length ?? 0,
      trigger: details.trigger,
    },
    ...(record.assignedTo ? { assignedTo: { id: record.assignedTo.id, name: record.assignedTo.name } } : {}),
    ...(record.assignedAt && record.status === 'assigned' ? { assignedAt: record.assignedAt } : {}),
    ...(record.closedAt ? { closedAt: record.closedAt } : {}),
    ...(details.closedBy ? { closedBy: details.closedBy } : {}),
    ...(position !== undefined ? { position } : {}),
    ...(details.userName ? { userName: details.userName } : {}),
    ...(details.contact ? { contact: { email: details.contact.email } } : {}),
    ...(details.rating
      ? { rating: { score: details.rating.score, ...(details.rating.comment ? { comment: details.rating.comment } : {}) } }
      : {}),
    ...(details.lastMessageSeq
      ? {
          lastMessageSeq: details.lastMessageSeq,
          lastMessageAt: details.lastMessageAt,
          ...(details.lastMessageFrom ? { lastMessageFrom: details.lastMessageFrom } : {}),
        }
      : {}),
    ...(details.surface ? { surface: details.surface } : {}),
    ...(details.nobodyNotice ? { nobodyNotified: true } : {}),
    ...(details.presence ? { presence: details.presence } : {}),
    ...(details.webhook?.refused ? { webhookRefused: details.webhook.refused } : {}),
  };
}

export function caseView(record: CaseRecord, messages: RelayMessage[], position?: number): Record<string, unknown> {
  const details = detailsOf(record);
  const webhook = details.webhook;
  return {
    ...caseListItem(record, position),
    summary: record.summary,
    transcript: record.transcript,
    messages,
    delivery: {
      ...(details.teams
        ? { teams: { state: details.teams.state, ...(details.teams.lastError ? { lastError: details.teams.lastError } : {}) } }
        : {}),
      ...(webhook
        ? {
            webhook: {
              pending: webhook.deliveries.filter((delivery) => delivery.state === 'pending').length,
              ...(webhook.lastFailure ? { lastFailure: webhook.lastFailure } : {}),
            },
          }
        : {}),
      ...(details.contactCenter ? { contactCenter: details.contactCenter } : {}),
      ...(details.nobodyNotice ? { nobodyNotice: details.nobodyNotice } : {}),
    },
  };
}

export function ticketOf(record: CaseRecord, position: number | undefined, officeHours: string | undefined): CaseTicket {
  const details = detailsOf(record);
  return {
    caseId: record.id,
    status: record.status,
    language: record.language,
    ...(position !== undefined ? { position } : {}),
    ...(record.assignedTo && record.status === 'assigned' ? { agentName: record.assignedTo.name } : {}),
    nobodyAvailable: record.status === 'queued' && (details.nobodyNotice !== undefined || details.outsideOfficeHours === true),
    ...(officeHours ? { officeHours } : {}),
    outsideOfficeHours: details.outsideOfficeHours === true,
    ...(details.contact ? { contactEmail: details.contact.email } : {}),
    rated: details.rating !== undefined,
    ...(details.closedBy ? { closedBy: details.closedBy } : {}),
  };
}
