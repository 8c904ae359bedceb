/**
 * Strings from certificates are attacker-controlled: names can hold NUL bytes, line breaks
 * or 100 KB of text. Everything shown to users goes through here: control characters become
 * visible escapes, length is capped, and distinguished names are written as Windows and
 * Exchange show them (most specific part first: "CN=mail.contoso.com, O=Contoso, C=DE").
 */
import type { x509 } from './cryptoSetup';

export const MAX_DISPLAY_CHARS = 300;

export function safeText(value: string, max = MAX_DISPLAY_CHARS): string {
  // eslint-disable-next-line no-control-regex
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

function escapeValue(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

/** RFC 4514 order (reverse of the DER sequence), as certmgr and Get-ExchangeCertificate print it. */
export function formatName(name: x509.Name): string {
  const rdns = name.toJSON();
  const text = [...rdns]
    .reverse()
    .map((rdn) =>
      Object.entries(rdn)
        .flatMap(([type, values]) => values.map((v) => `${type}=${escapeValue(v)}`))
        .join('+'),
    )
    .join(', ');
  return safeText(text);
}
