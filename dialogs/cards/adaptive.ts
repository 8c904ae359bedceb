/**
 * Small builders for Adaptive Card 1.5 elements (the newest schema both Teams and Web Chat 4.18
 * render), and the size guard: Teams rejects messages over about 28 KB, so cards stay below
 * CARD_BYTE_BUDGET and long evidence is shortened first.
 */
import { randomUUID } from 'node:crypto';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  lang?: string;
  /** What a screen reader or voice channel says for the card. */
  speak?: string;
}

export const CARD_BYTE_BUDGET = 24 * 1024;

export function card(body: CardElement[], actions: CardElement[] = [], lang?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    ...(lang ? { lang } : {}),
  };
}

const RUN_PROPERTIES = new Set(['weight', 'size', 'color', 'isSubtle', 'fontType', 'italic']);

/**
 * Text shown exactly as written: a RichTextBlock with one TextRun. TextBlocks go through the
 * channel's Markdown (Web Chat drops `<thumbprint of ...>` as an HTML tag, curls quotes in
 * commands and turns host names into links); TextRuns are never Markdown-processed.
 */
export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  const run: CardElement = { type: 'TextRun', text: value };
  const block: CardElement = { type: 'RichTextBlock' };
  for (const [key, option] of Object.entries(options)) {
    if (key === 'wrap') continue; // RichTextBlocks always wrap
    if (RUN_PROPERTIES.has(key)) run[key] = option;
    else block[key] = option;
  }
  block.inlines = [run];
  return block;
}

/** The words of a text element (TextBlock or RichTextBlock), for text-only views and tests. */
export function elementText(element: CardElement): string | undefined {
  if (element.type === 'TextBlock') return typeof element.text === 'string' ? element.text : '';
  if (element.type === 'RichTextBlock')
    return ((element.inlines as CardElement[]) ?? []).map((run) => (typeof run.text === 'string' ? run.text : '')).join('');
  return undefined;
}

export function isMonospace(element: CardElement): boolean {
  if (element.fontType === 'Monospace') return true;
  return ((element.inlines as CardElement[] | undefined) ?? []).some((run) => run.fontType === 'Monospace');
}

/** "Label: text" in one block: a bold label run, then the text (saves a heading line). */
export function labelled(label: string, value: string, options: Record<string, unknown> = {}): CardElement {
  const block = text(value, options);
  const runs = block.inlines as CardElement[];
  block.inlines = [{ ...runs[0], text: `${label} `, weight: 'Bolder' }, runs[0]];
  return block;
}

export function heading(value: string): CardElement {
  return text(value, { weight: 'Bolder', spacing: 'Medium' });
}

export function code(value: string): CardElement {
  return text(value, { fontType: 'Monospace', spacing: 'Small' });
}

/** Title/value rows (a FactSet would Markdown-process the values, e.g. link every host name). */
export function facts(entries: Array<[string, string]>): CardElement {
  return {
    type: 'Container',
    spacing: 'Small',
    items: entries.map(([title, value]) => ({
      type: 'ColumnSet',
      spacing: 'None',
      columns: [
        { type: 'Column', width: 30, items: [text(title, { weight: 'Bolder' })] },
        { type: 'Column', width: 70, items: [text(value)] },
      ],
    })),
  };
}

/** A short random key that keeps element ids unique when several cards share one page. */
export function cardKey(): string {
  // Eight random hex digits (the start of a version 4 UUID), from Node's buffered entropy pool.
  return randomUUID().slice(0, 8);
}

export function submit(title: string, data: Record<string, unknown>): CardElement {
  return { type: 'Action.Submit', title, data };
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

/**
 * Whether a card's JSON fits `budget` bytes. Measured without serialising it when an upper bound
 * of its size already fits (cards are built once or twice per reply; JSON.stringify of a whole
 * card was the larger part of building a question card); serialised when the bound does not fit.
 */
export function fitsBudget(value: unknown, budget: number = CARD_BYTE_BUDGET): boolean {
  return jsonBytesAtMost(value, 0) <= budget || byteSize(value) <= budget;
}

/** Printable ASCII without `"` and `\`: each character is one byte of JSON. */
const PLAIN_JSON_TEXT = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
/** Characters JSON.stringify writes as six-byte escapes (controls, lone surrogates); a surrogate pair is four bytes. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const ESCAPED_OR_PAIRED = /[\u0000-\u001f\ud800-\udfff]/;
const MAX_DEPTH = 64;

function occurrences(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/** An upper bound of the UTF-8 size of a JSON string (quotes included). */
function stringBytesAtMost(text: string): number {
  if (PLAIN_JSON_TEXT.test(text)) return text.length + 2;
  if (ESCAPED_OR_PAIRED.test(text)) return 6 * text.length + 2;
  // Exact: the UTF-8 bytes, and one more for each `"` or `\\` (escaped with a backslash).
  return Buffer.byteLength(text, 'utf8') + occurrences(text, '"') + occurrences(text, '\\') + 2;
}

/**
 * An upper bound of `Buffer.byteLength(JSON.stringify(value))` for plain data (objects, arrays,
 * strings, numbers, booleans, null); Infinity for anything else (toJSON, class instances, BigInt,
 * deep or cyclic nesting), so the caller serialises it after all.
 */
function jsonBytesAtMost(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return stringBytesAtMost(value);
    case 'number':
    case 'boolean':
      return Math.max(String(value).length, 4);
    case 'undefined':
    case 'function':
    case 'symbol':
      // Left out of objects, "null" in arrays.
      return 4;
    case 'object': {
      if (value === null) return 4;
      if (depth >= MAX_DEPTH) return Infinity;
      let bytes = 2;
      if (Array.isArray(value)) {
        for (const item of value as unknown[]) bytes += jsonBytesAtMost(item, depth + 1) + 1;
        return bytes;
      }
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) return Infinity;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return Infinity;
      for (const key of Object.keys(value)) {
        bytes += stringBytesAtMost(key) + 2 + jsonBytesAtMost((value as Record<string, unknown>)[key], depth + 1);
      }
      return bytes;
    }
    default:
      return Infinity;
  }
}

/** Shortens to at most `max` characters on a character boundary, marking the cut. */
export function clip(value: string, max: number): string {
  // A string has at most as many characters as UTF-16 units: short ones are not split into characters.
  if (value.length <= max) return value;
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}
