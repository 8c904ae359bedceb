/**
 * What users say to the bot itself ("can I speak to a human please", "still the same NDR after
 * the restart", "Weiß ich nicht"), recognised by an NLP.js neural classifier trained in-process at
 * start from the utterance files beside this module (utterances/en.json, utterances/de.json:
 * intent -> example sentences; "none" holds problem descriptions and questions about Exchange,
 * which are for the diagnosis). Nothing is downloaded and nothing generated is checked in: the
 * model is trained from the files the first time it is needed (well under a second).
 *
 * A message is classified in the language it is written in (both, when that is unclear), with
 * NLP.js's spell check against the trained vocabulary for typos, and an intent counts only at
 * INTENT_THRESHOLD or above, and only when most of its words are words of that intent
 * (wordCoverage.ts): the classifier alone is sure of sentences it knows one word of. Pastes
 * (pasteShape.ts) are never classified.
 */
import { containerBootstrap } from '@nlpjs/core';
import { LangDe } from '@nlpjs/lang-de';
import { LangEn } from '@nlpjs/lang-en-min';
import { NluManager, NluNeural } from '@nlpjs/nlu';
import { detectLanguage } from '../../knowledge/language';
import type { Language } from '../../knowledge/types';
import { looksLikePaste } from './pasteShape';
import { MIN_COVERAGE, Vocabulary } from './wordCoverage';
import de from './utterances/de.json';
import en from './utterances/en.json';

export const INTENTS = [
  'handoff',
  'withdraw',
  'fixed',
  'still-broken',
  'different-problem',
  'same-problem',
  'dont-know',
  'language-en',
  'language-de',
  'language-toggle',
  'help',
  'collection-script',
] as const;

export type Intent = (typeof INTENTS)[number];

/** Below this score the message is not an intent (measured on the held-out set: test/dialogs/intents/). */
export const INTENT_THRESHOLD = 0.7;

export type Utterances = Record<Intent | 'none', string[]>;

export const UTTERANCES: Record<Language, Utterances> = { en, de };

/** Each intent's words, from its utterances in both languages (a mixed message uses both). */
const VOCABULARY = new Map<Intent, Vocabulary>(
  INTENTS.map((intent) => [intent, new Vocabulary([...UTTERANCES.en[intent], ...UTTERANCES.de[intent]])]),
);

export interface IntentResult {
  intent: Intent;
  score: number;
  /** The language the message was classified in. */
  language: Language;
}

let trained: Promise<NluManager> | undefined;

async function train(): Promise<NluManager> {
  const container = await containerBootstrap();
  container.use(LangEn);
  container.use(LangDe);
  container.use(NluNeural);
  const manager = new NluManager({ container, locales: ['en', 'de'], trainByDomain: false, log: false });
  for (const language of ['en', 'de'] as const)
    for (const [intent, utterances] of Object.entries(UTTERANCES[language]))
      for (const utterance of utterances) manager.add(language, utterance, intent);
  await manager.train();
  return manager;
}

/** The trained model (trained once per process; call at start so the first message does not wait). */
export function intentModel(): Promise<NluManager> {
  trained ??= train();
  return trained;
}

const isIntent = (value: string): value is Intent => (INTENTS as readonly string[]).includes(value);

/**
 * Chat spellings the stemmers do not know, written out before classifying: "pls", "thx", "dont",
 * and the colloquial German "nich" (which NLP.js's spell check would otherwise read as "mich").
 */
const CHAT_SPELLINGS: Record<Language, Array<[RegExp, string]>> = {
  en: [
    [/\b(?:pls|plz|plse)\b/gi, 'please'],
    [/\b(?:thx|thnx|thanx|ty)\b/gi, 'thanks'],
    [/\bu\b/gi, 'you'],
    [/\b(do|ca|wo|did|does|is)nt\b/gi, "$1n't"],
    [/\bim\b/gi, "I'm"],
  ],
  de: [
    [/\bnich\b/gi, 'nicht'],
    [/\bnix\b/gi, 'nichts'],
  ],
};

function normalise(text: string, language: Language): string {
  let value = text;
  for (const [pattern, replacement] of CHAT_SPELLINGS[language]) value = value.replace(pattern, replacement);
  return value;
}

/** The classifier's best guess in one language, threshold not applied (for the tests' figures). */
export async function classify(text: string, language: Language): Promise<{ intent: string; score: number }> {
  const manager = await intentModel();
  const result = await manager.process(language, normalise(text.trim(), language), undefined, { spellCheck: true, spellCheckDistance: 1 });
  return { intent: result.intent, score: result.score };
}

/**
 * The intent of a message said to the bot, or undefined: a paste, a problem description, a
 * question about Exchange, or nothing the model is confident about.
 */
export async function recogniseIntent(text: string): Promise<IntentResult | undefined> {
  const value = text.trim();
  if (!value || looksLikePaste(value)) return undefined;
  const detected = detectLanguage(value);
  // A message in a recognisable language is read in that language only: the other language's
  // stemmer makes noise of it. Otherwise the surer of the two readings counts.
  const languages: Language[] = detected ? [detected] : ['en', 'de'];
  let best: IntentResult | undefined;
  for (const language of languages) {
    const { intent, score } = await classify(value, language);
    if (!isIntent(intent) || score < INTENT_THRESHOLD) continue;
    if ((VOCABULARY.get(intent)?.coverage(value) ?? 0) < MIN_COVERAGE) continue;
    if (!best || score > best.score) best = { intent, score, language };
  }
  return best;
}
