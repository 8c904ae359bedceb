/** Redacts every string inside a JSON value (summaries and transcripts before they enter a case). */
import { redactSecrets } from '../../dialogs/redact';

export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value).text as T;
  if (Array.isArray(value)) return (value as unknown[]).map((item) => redactDeep(item)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = redactDeep(item);
    return out as T;
  }
  return value;
}

/** Text for a case or a relay message: redacted, control characters removed, at most `max` characters. */
export function caseText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this line removes
  const cleaned = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  const clipped = cleaned.length > max ? `${cleaned.slice(0, max)} [...]` : cleaned;
  return redactSecrets(clipped).text;
}
