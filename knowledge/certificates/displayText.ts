/**
 * Strings from certificates are attacker-controlled: names can hold NUL bytes, line breaks
 * or 100 KB of text. Everything shown to users goes through here: control characters become
 * visible escapes and length is capped.
 */
import type { x509 } from './cryptoSetup';

export const MAX_DISPLAY_CHARS = 300;

export function safeText(value: string, max = MAX_DISPLAY_CHARS): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this function makes visible as \x escapes
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return visible.length > max ? `${visible.slice(0, max - 1)}…` : visible;
}

/** Windows' short names for attribute types (certutil, certlm and Get-ExchangeCertificate show these). */
const WINDOWS_ATTRIBUTE: Record<string, string> = { ST: 'S', serialNumber: 'SERIALNUMBER' };

function windowsValue(value: string): string {
  // Windows quotes a value that holds a separator or starts/ends with a space, doubling inner quotes.
  return /[,+=";<>#\\]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * A distinguished name as Windows shows it (Get-ExchangeCertificate, certlm, the send
 * connector's TlsCertificateName): relative names in the reverse of their encoded order, so
 * the CN comes first for the usual "C, O, CN" encoding, and S= for the state. OpenSSL and
 * @peculiar/x509 print the encoded order instead; admins compare our output with Exchange's.
 */
export function formatName(name: x509.Name): string {
  const rdns = name.toJSON();
  const parts = [...rdns].reverse().map((rdn) =>
    Object.entries(rdn)
      .flatMap(([type, values]) =>
        values.map((v) => `${WINDOWS_ATTRIBUTE[type] ?? (/^\d+(\.\d+)+$/.test(type) ? `OID.${type}` : type)}=${windowsValue(v)}`),
      )
      .join(' + '),
  );
  return safeText(parts.join(', '));
}
