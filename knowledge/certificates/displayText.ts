/**
 * Strings from certificates are attacker-controlled: names can hold NUL bytes, line breaks
 * or 100 KB of text. Everything shown to users goes through here: control characters become
 * visible escapes and length is capped.
 */
import type { x509 } from './cryptoSetup';

export const MAX_DISPLAY_CHARS = 300;

export function safeText(value: string, max = MAX_DISPLAY_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/**
 * A distinguished name in the order the certificate encodes it, as @peculiar/x509 and
 * OpenSSL print it (Windows prints the reverse). Kept identical to `certificate.subject`
 * so that callers can compare report strings with x509's own.
 */
export function formatName(name: x509.Name): string {
  return safeText(name.toString());
}
