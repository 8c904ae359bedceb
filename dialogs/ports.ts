/**
 * What the conversation needs from the host, as interfaces: the host (bot/) supplies the real
 * download and handoff plumbing, tests supply their own.
 */
import type { TurnContext } from 'botbuilder';
import type { DownloadFailure } from '../bot/download/safeDownload';

/** A file the user attached, already downloaded. */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

export type AttachmentProblemKind = DownloadFailure | 'unsupported' | 'private-key-name' | 'too-many' | 'teams-shared-file';

export interface AttachmentProblem {
  name: string;
  kind: AttachmentProblemKind;
  contentType?: string;
}

export interface ReceivedAttachments {
  files: ReceivedFile[];
  problems: AttachmentProblem[];
}

export interface AttachmentFetcher {
  fetch(context: TurnContext): Promise<ReceivedAttachments>;
}

/** Everything a human agent needs to take over; never keys, passwords or tokens. */
export interface CaseSummary {
  conversationId: string;
  channelId: string;
  language: 'de' | 'en';
  verdict: string;
  article: string | null;
  confidence: number;
  candidates: Array<{ article: string; confidence: number }>;
  findings: Array<{ kind: string; value: string; excerpt: string; source: string }>;
  certificates: Array<{ subject: string; issuer: string; thumbprint: string; notAfter: string; problems: string[] }>;
  questionsAnswered: string[];
  stillNotWorking: string[];
  requestedAt: string;
}

export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  at: string;
}

export interface HandoffPort {
  initiate(context: TurnContext, summary: CaseSummary, transcript: TranscriptLine[]): Promise<void>;
}
