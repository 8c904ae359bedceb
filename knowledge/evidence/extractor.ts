import type { Finding, FindingData } from '../types';

/** What every extractor sees: the cleaned text and its lines (split once). */
export interface ExtractionInput {
  text: string;
  lines: string[];
  /** Lowercased text, for cheap `includes` pre-checks before any regular expression runs. */
  lower: string;
}

/**
 * One extractor reads one format (or one family of phrases) and returns findings.
 * Rules for writing one: no regular expression with nested or leading unbounded quantifiers
 * (linear time on hostile input), a cheap substring pre-check before line loops, and an
 * excerpt that is the exact text the finding came from.
 */
export interface Extractor {
  name: string;
  extract(input: ExtractionInput): Finding[];
}

const MAX_EXCERPT = 300;

export function clip(text: string, max = MAX_EXCERPT): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}

export function finding(kind: string, value: string, excerpt: string, source: string, data?: FindingData): Finding {
  const f: Finding = { kind, value, excerpt: clip(excerpt), source };
  if (data) f.data = data;
  return f;
}

/** For long lines (CSV logs), the part of the line around a match, so the excerpt shows what matters. */
export function around(line: string, index: number): string {
  if (line.length <= 200) return line;
  const start = Math.max(0, index - 60);
  return `${start > 0 ? '…' : ''}${line.slice(start, start + 260)}`;
}
