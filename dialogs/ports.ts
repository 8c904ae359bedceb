/**
 * What the conversation needs from the host, as interfaces: the host (bot/) supplies the real
 * download and handoff plumbing, tests supply their own.
 */
import type { TurnContext } from 'botbuilder';
import type { CauseRef } from '../knowledge';
import type { FindingData } from '../knowledge/types';

/** A file the user attached, already downloaded. */
export interface ReceivedFile {
  name: string;
  bytes: Uint8Array;
  contentType?: string;
}

/** Why the host could not download an attachment (the dialog tells the user which). */
export type DownloadFailure =
  'bad-url' | 'blocked-host' | 'not-found' | 'http-error' | 'timeout' | 'too-large' | 'html' | 'too-many-redirects' | 'network';

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
  /** The cause answered (id, level, reference, URL); absent in cases stored by the previous release. */
  cause?: CauseRef | null;
  /** @deprecated the answered cause's id in the previous release's form ("KB3212877"); use `cause.id`. */
  article: string | null;
  confidence: number;
  candidates: Array<{ cause?: string; article: string; confidence: number; kb?: string; title?: string }>;
  findings: Array<{ kind: string; value: string; excerpt: string; source: string; data?: FindingData }>;
  certificates: Array<{
    fileName?: string;
    subject: string;
    issuer: string;
    thumbprint: string;
    notAfter: string;
    problems: string[];
    /** complete-public | incomplete | untrusted-root | self-signed */
    chainStatus?: string;
    missingIssuer?: string;
  }>;
  /** Answer values (question=option), as before; `questions` has them readable. */
  questionsAnswered: string[];
  questions?: Array<{ question: string; answer: string }>;
  /** The answer the bot gives now (verdict match): article, cause and the filled commands. */
  answer?: { article: string; kb: string; title: string; cause: string; commands: Array<{ label: string; script: string }> };
  /** Neighbouring problems the bot recognised (verdict no_match). */
  lookalikes?: Array<{ title: string; reference: string }>;
  /** The user's feedback on answers: "That fixed it" and "Still not working". */
  fixed?: string[];
  stillNotWorking: string[];
  /** What led to the handoff. */
  trigger?: HandoffTrigger;
  requestedAt: string;
}

export type HandoffTrigger = 'user-request' | 'no-match' | 'still-not-working';

export interface TranscriptLine {
  from: 'user' | 'bot';
  text: string;
  at: string;
}

export type { HandoffPort, CaseTicket, OpenCaseRequest, RelayOutcome } from './escalation/ports';
