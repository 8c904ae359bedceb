/**
 * The case a conversation builds up, kept in Bot Framework conversation state (so it survives a
 * restart and scale-out). Only plain data; certificate files are kept (public data, needed to
 * combine several uploads into one chain) but never anything with a private key.
 */
import type { CertificateReport, ChainReport } from '../knowledge/certificates/types';
import { canonicalCauseId, causeRef, findCause, findQuestion } from '../knowledge';
import type { CauseRef, Finding, Language, Question, Verdict } from '../knowledge/types';
import type { TranscriptLine } from './ports';

export interface StoredCertificateFile {
  name: string;
  base64: string;
}

/**
 * The question the user was asked and has not answered yet: its id and the ids of the options
 * offered, in the order shown (the input may have left some out). Texts and the findings an
 * answer adds come from the knowledge base (`askedQuestion`): storing the whole question in both
 * languages made it about three quarters of a typical state document, written on every turn.
 */
export interface PendingQuestion {
  id: string;
  options: string[];
}

/**
 * The evidence of a case that a new case set aside (a different error the old evidence cannot
 * belong to): kept until the next new case or a restart, so "that was the same problem" brings it back.
 */
export type SetAsideCase = Pick<
  CaseState,
  | 'textFindings'
  | 'certificateFiles'
  | 'certificateFindings'
  | 'certificateReports'
  | 'chains'
  | 'questionsAsked'
  | 'stillNotWorking'
  | 'fixed'
>;

export interface CaseState {
  version: 1;
  language?: Language;
  /** Set by "English please" / "auf Deutsch": beats the activity locale from then on. */
  languageLocked?: boolean;
  welcomed?: boolean;
  /** Findings from pasted text, text files and answered questions. */
  textFindings: Finding[];
  certificateFiles: StoredCertificateFile[];
  /** Recomputed from certificateFiles after every upload. */
  certificateFindings: Finding[];
  certificateReports: CertificateReport[];
  chains: ChainReport[];
  /** Ids of questions asked so far (answered or not). */
  questionsAsked: string[];
  pendingQuestion?: PendingQuestion;
  /**
   * What the user was shown last: the verdict and, for an answer, its cause (id, level,
   * reference, URL). The previous release stored `{ verdict, article: "KB3212877" }`:
   * normaliseCase reads that too.
   */
  last?: { verdict: Verdict; cause: CauseRef | null };
  /** Ids of the causes the user said did not fix it (`kb3212877`), in order. */
  stillNotWorking: string[];
  awaitingStillBrokenChoice?: boolean;
  /** Ids of the causes the user said fixed it ("That fixed it"), for the agent's summary. */
  fixed?: string[];
  /**
   * The support case with a human agent this conversation has (or had, until it is rated). The
   * case itself lives in the case store; agents change it outside of the user's turns.
   */
  /** The open support case; `confirmEnd`: the user was asked whether to end the chat with the agent. */
  escalation?: { caseId: string; confirmEnd?: boolean };
  /** What the last new case set aside (issue 22, point 2), until it is brought back or replaced. */
  setAside?: SetAsideCase;
  transcript: TranscriptLine[];
}

export const MAX_TRANSCRIPT_LINES = 40;
export const MAX_TRANSCRIPT_LINE_CHARS = 1500;
/** Findings kept per conversation: enough for any real case, and the state document stays small. */
export const MAX_TEXT_FINDINGS = 400;
/** Total certificate bytes kept per conversation (state documents must stay small). */
export const MAX_STORED_CERTIFICATE_BYTES = 256 * 1024;

export function newCase(previous?: Pick<CaseState, 'language' | 'languageLocked' | 'welcomed'>): CaseState {
  return {
    version: 1,
    language: previous?.language,
    languageLocked: previous?.languageLocked,
    welcomed: previous?.welcomed,
    textFindings: [],
    certificateFiles: [],
    certificateFindings: [],
    certificateReports: [],
    chains: [],
    questionsAsked: [],
    stillNotWorking: [],
    transcript: [],
  };
}

/**
 * Starts a new case in place (the turn holds this object): everything of the old case goes,
 * "That fixed it" and the last verdict included; the language, the transcript and an open support
 * case stay.
 */
export function replaceWithNewCase(state: CaseState): SetAsideCase {
  const setAside: SetAsideCase = {
    textFindings: state.textFindings,
    certificateFiles: state.certificateFiles,
    certificateFindings: state.certificateFindings,
    certificateReports: state.certificateReports,
    chains: state.chains,
    questionsAsked: state.questionsAsked,
    stillNotWorking: state.stillNotWorking,
    ...(state.fixed ? { fixed: state.fixed } : {}),
  };
  const fresh: CaseState = { ...newCase(state), transcript: state.transcript, escalation: state.escalation, setAside };
  for (const key of Object.keys(state) as Array<keyof CaseState>) if (!(key in fresh)) delete state[key];
  Object.assign(state, fresh);
  return setAside;
}

/** A stored set-aside case, or undefined when it is missing or damaged. */
function normaliseSetAside(value: unknown): SetAsideCase | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stored = value as Partial<Record<keyof SetAsideCase, unknown>>;
  const lists = [
    'textFindings',
    'certificateFiles',
    'certificateFindings',
    'certificateReports',
    'chains',
    'questionsAsked',
    'stillNotWorking',
  ] as const;
  if (!lists.every((key) => Array.isArray(stored[key]))) return undefined;
  return { ...(value as SetAsideCase), fixed: Array.isArray(stored.fixed) ? (stored.fixed as string[]) : undefined };
}

/** State read from storage may be from an older build or hand-edited: fill in what is missing. */
export function normaliseCase(value: unknown): CaseState {
  const base = newCase();
  if (!value || typeof value !== 'object') return base;
  const stored = value as Partial<CaseState>;
  const arrayOr = <T>(candidate: unknown, fallback: T[]): T[] => (Array.isArray(candidate) ? (candidate as T[]) : fallback);
  return {
    ...base,
    ...stored,
    version: 1,
    textFindings: arrayOr(stored.textFindings, []),
    certificateFiles: arrayOr(stored.certificateFiles, []),
    certificateFindings: arrayOr(stored.certificateFindings, []),
    certificateReports: arrayOr(stored.certificateReports, []),
    chains: arrayOr(stored.chains, []),
    questionsAsked: arrayOr(stored.questionsAsked, []),
    transcript: arrayOr(stored.transcript, []),
    language: stored.language === 'de' || stored.language === 'en' ? stored.language : undefined,
    escalation:
      stored.escalation && typeof stored.escalation.caseId === 'string'
        ? { caseId: stored.escalation.caseId, ...(stored.escalation.confirmEnd === true ? { confirmEnd: true } : {}) }
        : undefined,
    pendingQuestion: normalisePendingQuestion(stored.pendingQuestion),
    last: normaliseLast(stored.last),
    stillNotWorking: causeIds(stored.stillNotWorking),
    ...(stored.fixed ? { fixed: causeIds(stored.fixed) } : {}),
    setAside: normaliseSetAside(stored.setAside),
  };
}

/** The id of the cause the user was last shown as the answer, or null. */
export function lastCauseId(state: Pick<CaseState, 'last'>): string | null {
  return state.last?.verdict === 'match' ? (state.last.cause?.id ?? null) : null;
}

/** Cause ids as stored by any release ("KB3212877" or `kb3212877`), in today's form, once each. */
function causeIds(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((id): id is string => typeof id === 'string' && id.length > 0).map(canonicalCauseId))];
}

const VERDICTS: readonly Verdict[] = ['match', 'ask', 'no_match'];

/**
 * The last verdict as stored: today's `{ verdict, cause: {id, level, reference, url} }`, or the
 * previous release's `{ verdict, article: "KB3212877" }`. The cause is taken from the catalogue by
 * its id (so a renamed reference or URL is today's); a cause the catalogue no longer has keeps
 * what was stored.
 */
function normaliseLast(value: unknown): CaseState['last'] {
  if (!value || typeof value !== 'object') return undefined;
  const { verdict, cause, article } = value as { verdict?: unknown; cause?: unknown; article?: unknown };
  if (typeof verdict !== 'string' || !VERDICTS.includes(verdict as Verdict)) return undefined;
  const storedId =
    cause && typeof cause === 'object' && typeof (cause as CauseRef).id === 'string'
      ? (cause as CauseRef).id
      : typeof article === 'string'
        ? article
        : undefined;
  if (!storedId) return { verdict: verdict as Verdict, cause: null };
  const known = findCause(storedId);
  const ref: CauseRef = known
    ? causeRef(known)
    : {
        id: canonicalCauseId(storedId),
        level: 'answer',
        reference: '',
        url: '',
        ...(typeof cause === 'object' ? (cause as Partial<CauseRef>) : {}),
      };
  return { verdict: verdict as Verdict, cause: { ...ref, id: canonicalCauseId(ref.id) } };
}

/** What to store of a question put to the user. */
export function pendingQuestionOf(question: Question): PendingQuestion {
  return { id: question.id, options: question.options.map((option) => option.id) };
}

/**
 * The pending question as stored, or undefined when it is damaged or the knowledge base no longer
 * has it (a newer build retired it: the case is diagnosed again instead of waiting for an answer
 * to a question the user can no longer give). Options the knowledge base dropped are left out.
 * Builds before this one stored the whole question (texts in both languages, options as
 * objects): reduced to ids.
 */
function normalisePendingQuestion(value: unknown): PendingQuestion | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const { id, options } = value as { id?: unknown; options?: unknown };
  if (typeof id !== 'string' || !Array.isArray(options) || options.length === 0) return undefined;
  const optionIds = options.map((option: unknown) =>
    typeof option === 'string' ? option : option && typeof option === 'object' ? (option as { id?: unknown }).id : undefined,
  );
  if (!optionIds.every((option): option is string => typeof option === 'string')) return undefined;
  const question = findQuestion(id);
  const known = optionIds.filter((option) => question?.options.some((candidate) => candidate.id === option));
  return known.length > 0 ? { id, options: known } : undefined;
}

/** The question the user is answering, with the options offered (in the order shown), from the knowledge base. */
export function askedQuestion(state: Pick<CaseState, 'pendingQuestion'>): Question | undefined {
  const pending = state.pendingQuestion;
  if (!pending) return undefined;
  const question = findQuestion(pending.id);
  if (!question) return undefined;
  const options = pending.options.flatMap((id) => question.options.filter((option) => option.id === id));
  return options.length > 0 ? { ...question, options } : undefined;
}

export function allFindings(state: CaseState): Finding[] {
  return [...state.textFindings, ...state.certificateFindings];
}

export function findingKey(finding: Finding): string {
  return `${finding.kind}\u0000${finding.value}\u0000${finding.excerpt}`;
}

/** Adds findings not already known; returns how many were new. */
export function addFindings(state: CaseState, findings: Finding[]): number {
  const known = new Set(state.textFindings.map(findingKey));
  let added = 0;
  for (const finding of findings) {
    const key = findingKey(finding);
    if (known.has(key)) continue;
    if (state.textFindings.length >= MAX_TEXT_FINDINGS) break;
    known.add(key);
    state.textFindings.push(finding);
    added++;
  }
  return added;
}

export function recordTranscript(state: CaseState, from: TranscriptLine['from'], text: string): void {
  if (!text.trim()) return;
  const clipped = text.length > MAX_TRANSCRIPT_LINE_CHARS ? `${text.slice(0, MAX_TRANSCRIPT_LINE_CHARS)} [...]` : text;
  state.transcript.push({ from, text: clipped, at: new Date().toISOString() });
  if (state.transcript.length > MAX_TRANSCRIPT_LINES) state.transcript.splice(0, state.transcript.length - MAX_TRANSCRIPT_LINES);
}
