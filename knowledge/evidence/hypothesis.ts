/**
 * What the user thinks is a hypothesis, not evidence (issue 22, point 3): "I think the
 * intermediate is missing?", "maybe it's the certificate", "wir vermuten, dass ...", "könnte das
 * Zwischenzertifikat sein". A sentence that guesses, or asks, is set aside from the evidence; what
 * it names as a cause becomes a `hypothesis` finding that no cause counts. What it reports as
 * observed (an SMTP reply, an event id, where mail goes) still counts, and so does the reason
 * after "because" / "weil" ("I think it's the chain, because CAPI2 logs event 30").
 * Log lines, command prompts and labelled fields are never guesses.
 */
import type { Finding } from '../types';
import { finding } from './extractor';
import { LOG_LINE, PROMPT, sentences } from './prose';

const HEDGE =
  /\b(?:(?:I|we) (?:think|believe|guess|suspect|assume|suppose|wonder|am not sure|are not sure)|I'm not sure|not sure (?:if|whether)|maybe|perhaps|probably|possibly|presumably|my guess|our guess|(?:might|could) (?:be|it be|have)|(?:ich|wir) (?:glaube|glauben|denke|denken|vermute|vermuten|tippe|tippen|schätze|schätzen|nehme an|nehmen an)|vielleicht|vermutlich|wahrscheinlich|eventuell|evtl|möglicherweise|womöglich|könnte|könnten|kann es sein|Verdacht|Vermutung|ob)\b/i;
/** The reason given for a guess is an observation: "... because CAPI2 logs event 30". */
const BECAUSE = /\s(?:because|since|as far as we can see|weil|denn|da wir|da der|da die|da das)\s/i;
// Labelled output ("Subject : CN=...", "Description: ...") is a tool's text, not the user's.
const LABELLED = /^\s{0,8}[A-Za-zÄÖÜäöü][\w -]{0,40}\s{0,20}:\s/;

/** Kinds a guessing sentence still reports as observed: the error itself, events, the route, names. */
const OBSERVED_KINDS = new Set([
  'smtp-reply',
  'event',
  'tls-error',
  'auth-error',
  'attr36',
  'non-tls-error',
  'route',
  'input-format',
  'host-name',
]);
const OBSERVED_SYMPTOMS = new Set(['relay-access-denied', 'mail-to-exchange-online-failing', 'tls-channel-failure']);

export const HYPOTHESIS_KIND = 'hypothesis';

export interface GuessSplit {
  /** The text without its guessing sentences (lines kept, so line-based extractors read as before). */
  facts: string;
  /** The guessing sentences, one a line. */
  guesses: string;
}

/** "How do I export the intermediate?", "Wie entferne ich SMTP ...?": asking for the fix tells the problem, it does not guess it. */
const HOW_TO = /^(?:how|where|what|which|wie|wo|was|welche[nrs]?|womit|can I|could I|should I|do I|kann ich|muss ich|soll ich)\b/i;

function isGuess(sentence: string): boolean {
  const trimmed = sentence.trim();
  if (trimmed.length < 8) return false;
  return HEDGE.test(trimmed) || (trimmed.endsWith('?') && !HOW_TO.test(trimmed));
}

/** Splits a paste into what it reports and what it guesses; undefined when it guesses nothing. */
export function splitGuesses(text: string): GuessSplit | undefined {
  // Cheap pre-check: most pastes are logs without a question mark or a hedge.
  if (!text.includes('?') && !HEDGE.test(text.length > 20000 ? text.slice(0, 20000) : text)) return undefined;
  const guesses: string[] = [];
  const lines = text.split('\n').map((line) => {
    if (line.length > 2000 || LOG_LINE.test(line) || PROMPT.test(line) || LABELLED.test(line)) return line;
    let kept = '';
    for (const sentence of sentences(line)) {
      if (!isGuess(sentence)) {
        kept += sentence;
        continue;
      }
      const reason = BECAUSE.exec(sentence);
      guesses.push(reason ? sentence.slice(0, reason.index) : sentence);
      kept += reason ? ` ${sentence.slice(reason.index)}` : ' ';
    }
    return kept;
  });
  return guesses.length > 0 ? { facts: lines.join('\n'), guesses: guesses.join('\n') } : undefined;
}

/**
 * What a guess is about when no extractor reads a claim in it ("könnte das Zwischenzertifikat
 * sein?", "maybe it's the certificate"): the topic it names, as the finding that would be its evidence.
 */
const TOPICS: Array<{ pattern: RegExp; kind: string; value: string }> = [
  {
    pattern: /intermediate|zwischenzert|zwischen-zert|\bchain\b|\bkette\b|zertifikat(?:s)?kette/i,
    kind: 'symptom',
    value: 'intermediate-missing',
  },
  {
    pattern: /\b(?:two|2|zwei|both|beide[nr]?)\b[^.?!\n]{0,30}(?:certificates|zertifikate)/i,
    kind: 'two-smtp-certificates-stated',
    value: 'stated',
  },
  {
    pattern: /(?:internal|interne[nrs]?|enterprise|private)\s?(?:CA|PKI|zertifizierungsstelle)/i,
    kind: 'internal-ca-mentioned',
    value: 'stated',
  },
  { pattern: /TlsSenderCertificateName|\bconnector\b|\bname\b|\bnamen?\b|\bCN\b/i, kind: 'change', value: 'certificate-name-changed' },
  { pattern: /\bIP\b|IP-Adresse|\baddress\b|\bprovider\b|\bISP\b/i, kind: 'change', value: 'sending-ip-changed' },
  { pattern: /accepted domain|akzeptierte\w{0,2} dom/i, kind: 'certificate-domain-not-accepted', value: 'stated' },
  { pattern: /\bcert(?:ificate)?s?\b|zertifikat/i, kind: 'certificate', value: 'any' },
];

function hypothesis(kind: string, value: string, excerpt: string): Finding {
  return finding(HYPOTHESIS_KIND, `${kind}/${value}`, excerpt, 'hypothesis', { kind, value });
}

/**
 * The findings of the guessing sentences: observed ones as they are, every claimed cause as a
 * hypothesis; a guess whose claim no extractor reads is a hypothesis about the topic it names.
 */
export function asHypotheses(findings: Finding[], guesses: string): Finding[] {
  const out = findings.map((f) =>
    OBSERVED_KINDS.has(f.kind) || (f.kind === 'symptom' && OBSERVED_SYMPTOMS.has(f.value)) ? f : hypothesis(f.kind, f.value, f.excerpt),
  );
  for (const sentence of guesses.split('\n')) {
    if (out.some((f) => f.kind === HYPOTHESIS_KIND && sentence.includes(f.excerpt.replace(/…$/, '')))) continue;
    const topic = TOPICS.find((t) => t.pattern.test(sentence));
    if (topic) out.push(hypothesis(topic.kind, topic.value, sentence));
  }
  return out;
}
