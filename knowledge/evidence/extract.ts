/**
 * Pasted text -> findings. Cleans the input (control characters out, CRLF to LF), applies the
 * size cap, runs every extractor once, and removes duplicate findings.
 */
import type { ExtractionResult, Finding, Language } from '../types';
import { detectLanguage } from '../language';
import type { Extractor, ExtractionInput } from './extractor';
import { smtpReplyExtractor } from './smtpReply';
import { tlsErrorExtractor } from './tlsError';
import { eventLogTextExtractor } from './eventLogText';
import { eventLogXmlExtractor } from './eventLogXml';
import { exchangeCertificateExtractor } from './exchangeCertificate';
import { opensslClientExtractor } from './opensslClient';
import { smtpProtocolLogExtractor } from './smtpProtocolLog';
import { pasteFormatExtractor } from './pasteFormat';
import { freeTextExtractor } from './freeText';
import { connectorConfigExtractor } from './connectorConfig';
import { certutilVerifyExtractor } from './certutilVerify';
import { statedNamesExtractor } from './statedNames';
import { splitHistory } from './history';
import { asHypotheses, splitGuesses } from './hypothesis';
import { finding } from './extractor';
import { sendConnectorCertificateExtractor } from './sendConnectorCertificate';
import { commandTranscriptExtractor } from './commandTranscript';
import { queueListingExtractor } from './queueListing';
import { parseCollected } from '../collect/parseCollected';
import { collectedFindings } from '../collect/collectedFindings';
import { causeRecognisersExtractor } from './causeRecognisers';
import { loadKnowledgeBase, type KnowledgeBase } from '../knowledgeBase';

/** Text above this many characters is analysed up to the cap; the answer says so. */
export const MAX_TEXT_CHARS = 2_000_000;
/** Longer lines are cut into pieces of this size, so no pattern ever sees a huge line. */
const MAX_LINE_CHARS = 8_000;
/** At most this many findings of one kind and value are kept (a 100 000-line log repeats itself). */
const MAX_SAME_FINDING = 3;
const MAX_FINDINGS = 400;

export const EXTRACTORS: readonly Extractor[] = [
  pasteFormatExtractor,
  smtpReplyExtractor,
  tlsErrorExtractor,
  eventLogTextExtractor,
  eventLogXmlExtractor,
  exchangeCertificateExtractor,
  smtpProtocolLogExtractor,
  opensslClientExtractor,
  certutilVerifyExtractor,
  commandTranscriptExtractor,
  connectorConfigExtractor,
  sendConnectorCertificateExtractor,
  queueListingExtractor,
  statedNamesExtractor,
  freeTextExtractor,
];

/**
 * What a paste's story about an earlier, fixed problem may still contribute: the error itself
 * ("it's back") and where mail goes, when the present part does not say them again.
 */
const KINDS_KEPT_FROM_THE_PAST = new Set(['smtp-reply', 'symptom', 'route', 'input-format', 'host-name']);

function clean(text: string): string {
  // Keep tab and newline; drop other C0/C1 controls, bidi overrides and NUL.
  // eslint-disable-next-line no-control-regex -- control characters are what this function removes
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');
}

function splitLines(text: string): string[] {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    if (line.length <= MAX_LINE_CHARS) lines.push(line);
    else for (let i = 0; i < line.length; i += MAX_LINE_CHARS) lines.push(line.slice(i, i + MAX_LINE_CHARS));
  }
  return lines;
}

export interface ExtractOptions {
  maxChars?: number;
  /** The catalogue whose causes' recognisers run too (default: the project's). */
  knowledgeBase?: KnowledgeBase;
}

function runExtractors(text: string, extractors: readonly Extractor[]): Finding[] {
  const data: ExtractionInput = { text, lines: splitLines(text), lower: text.toLowerCase() };
  const findings: Finding[] = [];
  const counts = new Map<string, number>();
  const excerpts = new Set<string>();
  for (const extractor of extractors) {
    for (const f of extractor.extract(data)) {
      const key = `${f.kind}\u0000${f.value}`;
      // (The same name in one sentence can play two roles: "the connector expects x, our certificate is for x too".)
      const exact = `${key}\u0000${f.excerpt}\u0000${String(f.data?.role ?? '')}`;
      const n = counts.get(key) ?? 0;
      if (excerpts.has(exact) || n >= MAX_SAME_FINDING || findings.length >= MAX_FINDINGS) continue;
      counts.set(key, n + 1);
      excerpts.add(exact);
      findings.push(f);
    }
  }
  return findings;
}

/**
 * "I think the intermediate is missing?" is a hypothesis: the guessing sentences' claimed causes
 * become `hypothesis` findings that weigh nothing (knowledge/evidence/hypothesis.ts).
 */
function presentFindings(text: string, extractors: readonly Extractor[]): Finding[] {
  const split = splitGuesses(text);
  if (!split) return storyFindings(text, extractors);
  const facts = storyFindings(split.facts, extractors);
  const known = new Set(facts.map((f) => `${f.kind}\u0000${f.value}`));
  const guessed = asHypotheses(runExtractors(split.guesses, extractors), split.guesses).filter(
    (f) => !known.has(`${f.kind}\u0000${f.value}`),
  );
  return [...facts, ...guessed];
}

/** "Last month we had X, fixed it; now Y" is about Y: of the past only the error and the route count, and only if Y does not say them. */
function storyFindings(text: string, extractors: readonly Extractor[]): Finding[] {
  const story = splitHistory(text);
  if (!story) return runExtractors(text, extractors);
  const present = runExtractors(story.present, extractors);
  const said = new Set(present.map((f) => f.kind));
  const past = runExtractors(story.past, extractors).filter(
    (f) => KINDS_KEPT_FROM_THE_PAST.has(f.kind) && !said.has(f.kind) && !(f.kind === 'symptom' && f.value !== 'relay-access-denied'),
  );
  return [...present, ...past];
}

/** A collection script's output is read exactly (knowledge/collect); every other text by the extractors. */
function findingsOf(text: string, extractors: readonly Extractor[]): Finding[] {
  const collected = parseCollected(text);
  if (collected?.ok) return collectedFindings(collected.output, (block) => runExtractors(block, extractors));
  if (!collected) return presentFindings(text, extractors);
  const error = finding('input-format', 'collected-output-unreadable', text.split('\n', 1)[0], 'collected-output', { ...collected.error });
  return [error, ...presentFindings(text, extractors)];
}

export function extractFindings(input: string, options: ExtractOptions = {}): ExtractionResult {
  const raw = typeof input === 'string' ? input : '';
  const cap = options.maxChars ?? MAX_TEXT_CHARS;
  const truncated = raw.length > cap;
  const text = clean(truncated ? raw.slice(0, cap) : raw);
  const findings = findingsOf(text, [...EXTRACTORS, causeRecognisersExtractor(options.knowledgeBase ?? loadKnowledgeBase())]);
  // "5.7.64 ... relay access denied" in one chat line is one fact, not two.
  const has5764 = findings.some((f) => f.kind === 'smtp-reply' && f.value === '5.7.64');
  const distinct = has5764 ? findings.filter((f) => !(f.kind === 'symptom' && f.value === 'relay-access-denied')) : findings;
  let language: Language | undefined;
  return {
    findings: distinct,
    // Worked out when first read: the bot takes the language from the conversation, not from each paste.
    get language() {
      return (language ??= detectLanguage(text) ?? 'en');
    },
    truncated,
    analysedChars: Math.min(raw.length, cap),
    totalChars: raw.length,
  };
}
