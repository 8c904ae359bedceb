/**
 * What the conversation needs from the escalation plumbing (bot/escalation implements it). Every
 * call names the case and is checked against the turn's conversation: a case is never visible to
 * another user, whatever a client sends.
 */
import type { TurnContext } from 'botbuilder';
import type { Language } from '../../knowledge/types';
import type { CaseSummary, HandoffTrigger, TranscriptLine } from '../ports';

export interface CaseTicket {
  /** The case number the user is told. */
  caseId: string;
  status: 'queued' | 'assigned' | 'closed';
  language: Language;
  /** 1-based place in the queue while queued. */
  position?: number;
  /** The agent who has the case (assigned). */
  agentName?: string;
  /** Nobody is free (outside office hours, or the wait is over): the user may leave an address. */
  nobodyAvailable: boolean;
  /** The configured office hours, for the user ("Mon-Fri 08:00-17:00 (Europe/Berlin)"). */
  officeHours?: string;
  outsideOfficeHours: boolean;
  contactEmail?: string;
  rated: boolean;
  closedBy?: 'agent' | 'user' | 'contact-center';
}

export interface OpenCaseRequest {
  summary: CaseSummary;
  transcript: TranscriptLine[];
  language: Language;
  trigger: HandoffTrigger;
}

export interface RelayOutcome {
  /** Kept on the case (the desk shows it). */
  stored: boolean;
  /** False when the agent's surface (a Teams thread) refused it; the user is told. */
  deliveredToAgent: boolean;
}

export type RatingOutcome = 'stored' | 'already-rated' | 'not-closed' | 'not-found';

export interface HandoffPort {
  /**
   * Persists a new case (durable when this resolves, before the user is told) and tells the
   * agent surfaces. A conversation with an open case gets that case back (`created: false`).
   */
  open(context: TurnContext, request: OpenCaseRequest): Promise<CaseTicket & { created: boolean }>;
  /** The case, fresh from the store, if it belongs to this conversation. */
  ticket(context: TurnContext, caseId: string): Promise<CaseTicket | undefined>;
  /** The open case of this conversation, if any (when the conversation state lost its pointer). */
  openTicket(context: TurnContext): Promise<CaseTicket | undefined>;
  /** A message of the user for the agent (redacted before it is stored). */
  userMessage(context: TurnContext, caseId: string, text: string): Promise<RelayOutcome>;
  /** The bot's report on an upload, for the agent, and the refreshed summary. */
  uploadReport(context: TurnContext, caseId: string, report: string, summary: CaseSummary): Promise<RelayOutcome>;
  /** The user withdraws the request (queued) or ends the conversation with the agent (assigned). */
  cancel(context: TurnContext, caseId: string): Promise<CaseTicket | undefined>;
  setContact(context: TurnContext, caseId: string, email: string): Promise<boolean>;
  rate(context: TurnContext, caseId: string, score: number, comment?: string): Promise<RatingOutcome>;
  /** The user switched language: agents and later messages follow. */
  setLanguage(context: TurnContext, caseId: string, language: Language): Promise<void>;
}
