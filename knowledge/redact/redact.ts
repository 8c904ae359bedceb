/**
 * Applies the table of secret shapes (secretShapes.ts): every range any shape finds is replaced,
 * overlapping ranges merged, the rest of the text kept as it was.
 */
import { findFileNameSecrets, REMOVED, SECRET_SHAPES, type SecretRange } from './secretShapes';

export interface RedactionResult {
  text: string;
  redacted: boolean;
}

/** Cheap test whether any shape can apply: most log text has none of these words. */
const MAYBE_SECRET =
  /pass|pwd|pw|pin|secret|signature|token|key|kennw|geheim|schlüssel|zugangs|zugriff|auth|cookie|bearer|eyJ|BEGIN|PuTTY|SecureString|Credential|certutil|openssl|curl|-u\s|@|[?&#;][\w-]*=|Q~|[A-Za-z0-9+/]{86}==|AIza|AKIA|gh[pousr]_|github_pat_|glpat-|xox[abposr]-|sk_(?:live|test)_|npm_|M[A-Za-z0-9+/]{59}|\b334[ -]/i;

function apply(text: string, found: SecretRange[]): RedactionResult {
  // A range that is already a marker (a second pass) is no new secret.
  const ranges = found.filter((range) => range.end > range.start && text.slice(range.start, range.end) !== range.replacement);
  if (ranges.length === 0) return { text, redacted: false };
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      if (range.replacement !== REMOVED) last.replacement = range.replacement;
    } else {
      merged.push({ ...range });
    }
  }
  const parts: string[] = [];
  let at = 0;
  for (const range of merged) {
    parts.push(text.slice(at, range.start), range.replacement);
    at = range.end;
  }
  parts.push(text.slice(at));
  return { text: parts.join(''), redacted: true };
}

/** Removes every secret shape from user text. Idempotent: redacting twice changes nothing more. */
export function redactSecrets(input: string): RedactionResult {
  if (!MAYBE_SECRET.test(input)) return { text: input, redacted: false };
  return apply(
    input,
    SECRET_SHAPES.flatMap((shape) => shape.find(input)),
  );
}

/** A file name as it may be shown, stored and logged: secret shapes and "password_Hunter2.pfx" removed. */
export function redactFileName(name: string): RedactionResult {
  const extension = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
  const stem = name.slice(0, name.length - extension.length);
  const first = redactSecrets(stem);
  const second = apply(first.text, findFileNameSecrets(first.text));
  return { text: second.text + extension, redacted: first.redacted || second.redacted };
}
