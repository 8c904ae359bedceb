/**
 * The currency of the knowledge core: findings in, verdicts out.
 * Plain data only; nothing here knows about Bot Framework.
 */

export type Language = 'de' | 'en';

/** A sentence in both product languages. */
export interface LocalizedText {
  de: string;
  en: string;
}

/** Structured values a finding can carry for command filling and explanations. */
export type FindingData = Record<string, string | number | boolean | string[] | undefined>;

/**
 * One piece of evidence, e.g. kind `smtp-reply` value `5.7.64`, or kind `event` value `2004`.
 * `excerpt` is the exact text (or certificate summary) that produced it.
 */
export interface Finding {
  kind: string;
  value: string;
  excerpt: string;
  /** Which extractor (or question, or certificate analysis) produced it. */
  source: string;
  data?: FindingData;
}

/** One certificate as listed by Get-ExchangeCertificate or read from a file. */
export interface CertificateSummary {
  thumbprint?: string;
  subject?: string;
  issuer?: string;
  friendlyName?: string;
  services?: string[];
  domains?: string[];
  notAfter?: string;
  /** 'internal' (enterprise/private CA), 'public' (publicly trusted), 'self-signed' or 'unknown'. */
  issuerKind?: 'internal' | 'public' | 'self-signed' | 'unknown';
}

/** Results of the extraction step over one input. */
export interface ExtractionResult {
  findings: Finding[];
  language: Language;
  /** True when the input was longer than the cap and only the first part was read. */
  truncated: boolean;
  /** Number of characters analysed. */
  analysedChars: number;
  /** Number of characters in the input. */
  totalChars: number;
}

/** One option of a separating question; choosing it adds these findings. */
export interface QuestionOption {
  id: string;
  text: LocalizedText;
  /** A button label of at most 40 characters (channels cut longer ones); the full text is shown above the buttons. */
  short?: LocalizedText;
  /** How the user can find out whether this option is true (the cmdlet, log or screen to look at). */
  howToCheck?: LocalizedText;
  /** Findings (kind/value) that this answer adds; empty for "I don't know". */
  adds: Array<{ kind: string; value: string }>;
  /** The option is not offered when one of these findings is present (the input already says otherwise). */
  contradictedBy?: Array<{ kind: string; value?: string }>;
  /** The input already gives this answer when one of these findings is present. */
  impliedBy?: Array<{ kind: string; value?: string }>;
}

export interface Question {
  id: string;
  text: LocalizedText;
  options: QuestionOption[];
  /** The question is not asked when one of these findings is present (the input already answers it). */
  impliedBy?: Array<{ kind: string; value?: string }>;
  /** When given, the question is asked only if one of these findings is present. */
  askedWhen?: Array<{ kind: string; value?: string }>;
}

/** What the bot does with a cause: claims it (`answer`), names it (`hint`), or says it is not a TLS problem (`out-of-scope`). */
export type CauseLevel = 'answer' | 'hint' | 'out-of-scope';

/** A cause as the diagnosis, the stored state and the command line's JSON name it. */
export interface CauseRef {
  /** The stable, readable id: the cause's folder name (`kb4019940`, `direct-send-5-7-68`). */
  id: string;
  level: CauseLevel;
  /** The Microsoft source ("KB 4019940", a document title), empty for some hints. */
  reference: string;
  /** The source's address, empty when there is none. */
  url: string;
}

export interface CandidateScore {
  /** The cause's id (`kb3212877`). */
  cause: string;
  /** @deprecated the id as the previous release wrote it ("KB3212877"); use `cause`. */
  article: string;
  confidence: number;
}

/** A neighbouring problem the input looks like (never one of the articles). */
export interface Lookalike {
  id: string;
  title: LocalizedText;
  /** Microsoft KB or doc reference, e.g. "KB 4051498"; may be empty. */
  reference: string;
  hint: LocalizedText;
  findings: Finding[];
}

export type Verdict = 'match' | 'ask' | 'no_match';

export interface Diagnosis {
  verdict: Verdict;
  /** The matched cause (id, level, reference, URL), null unless verdict is "match". */
  cause: CauseRef | null;
  /**
   * @deprecated The matched cause's id as the previous release wrote it ("KB3212877" for
   * `kb3212877`), null unless verdict is "match"; kept for one release, use `cause.id`.
   */
  article: string | null;
  /** Confidence of the top candidate (0..1). */
  confidence: number;
  candidates: CandidateScore[];
  /** Present when verdict is "ask". */
  question?: Question;
  /** The findings that support the matched article (verdict "match"). */
  supporting: Finding[];
  /** Every finding that went in. */
  findings: Finding[];
  /** Neighbouring problems recognised in the findings. */
  lookalikes: Lookalike[];
  /**
   * Why there is no match: nothing relevant, a neighbouring problem, questions used up, weak
   * evidence, several causes still close ("undecided"), an error that is not about TLS at all, or
   * an article whose symptom fits but whose cause the evidence rules out ("ruled-out").
   */
  noMatchReason?: 'no-evidence' | 'neighbour' | 'questions-exhausted' | 'inconclusive' | 'undecided' | 'out-of-scope' | 'ruled-out';
  /** With "undecided": the ids of the articles and look-alikes still in the running, best first; with "ruled-out": the look-alikes that remain. */
  contenders?: string[];
  /** With "ruled-out": the articles whose symptom fits but whose cause the evidence rules out. */
  ruledOut?: string[];
}

/** A PowerShell command with the user's values filled in. */
export interface RenderedCommand {
  /** What the command does, in the user's language. */
  label: string;
  /** The command line, copy-ready. Unknown values stay as readable placeholders like `<thumbprint of the untrusted certificate>`. */
  script: string;
  /** Names of the placeholders still unfilled. */
  unfilled: string[];
  /** The article marks this command as its fix: the answer card's main command (else the first). */
  main?: true;
}

/** A value the answer's commands still lack, and the output that gives it (knowledge/render/valueSources.ts). */
export interface ValueRequest {
  source: {
    id: string;
    /** Where to run it, in both languages. */
    where: LocalizedText;
    /** The command whose output gives the value; none for an upload. */
    command?: string;
  };
  /** The placeholders as the commands show them (`<name of the inbound connector>`). */
  placeholders: string[];
}

export interface RenderedEvidence {
  /** What the finding means, in the user's language. */
  label: string;
  /** The exact excerpt of the user's input it came from. */
  excerpt: string;
}

export interface RenderedMatch {
  kind: 'match';
  /** The cause answered (id, level, reference, URL); `cause` is its sentence. */
  causeRef: CauseRef;
  /** @deprecated the cause's id as the previous release wrote it ("KB3212877"); use `causeRef.id`. */
  article: string;
  /** Human form, e.g. "KB 3212877". */
  kb: string;
  title: string;
  confidence: number;
  scenario: string;
  cause: string;
  steps: string[];
  commands: RenderedCommand[];
  verify: string[];
  evidence: RenderedEvidence[];
  /** How to rule out other causes of the same symptom (e.g. the other two causes of 5.7.64). */
  ruleOut: string[];
  notices: string[];
  /** Link to the Microsoft article. */
  url: string;
  /** Values the commands still lack, each with the output that gives it: the answer asks for it. */
  valueRequests?: ValueRequest[];
}

export interface RenderedQuestion {
  kind: 'ask';
  questionId: string;
  text: string;
  /** `label`: short button text; `text`: the full option; `howToCheck`: how to find out whether it is true. */
  options: Array<{ id: string; text: string; label: string; howToCheck?: string }>;
  evidence: RenderedEvidence[];
  notices: string[];
}

export interface RenderedNoMatch {
  kind: 'no_match';
  /** Plain statement that none of the articles applies (or which ones remain), in the user's language. */
  text: string;
  lookalikes: Array<{ title: string; reference: string; hint: string }>;
  /** With several causes still close: each cause with the checks that confirm or rule it out. */
  checks?: Array<{ title: string; reference: string; checks: string[] }>;
  /** What to paste next when nothing (or not enough) was found; absent when a neighbouring problem is named. */
  pasteNext?: string;
  evidence: RenderedEvidence[];
  notices: string[];
}

export type RenderedReply = RenderedMatch | RenderedQuestion | RenderedNoMatch;
