/**
 * Whether a message is evidence rather than something said to the bot. Pastes are never intents,
 * whatever words they contain ("mail to our support@ mailbox bounces with 5.7.64" mentions
 * support, and is a paste): an SMTP status code or reply, an event or error code, a hex
 * thumbprint or HRESULT, a cmdlet, log lines (a timestamp, "Key : value" fields), an address or
 * URL, or simply a long text.
 */

/** Longer than this, a message is a description or a paste, not a request to the bot. */
export const MAX_INTENT_CHARS = 160;

const PASTE_SHAPES: RegExp[] = [
  // SMTP enhanced status code (5.7.64, 4.7.0) or basic reply code with text (550 ..., 454 ...)
  /(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])/,
  /(?<!\d)[245]\d\d[ +-](?=[A-Za-z#])/,
  // event ids, error codes, HRESULTs, thumbprints and serials
  /\b(?:event|ereignis(?:-id)?|id)\s*:?\s*\d{2,5}\b/i,
  /\b(?:0x)?[0-9a-f]{8,}\b/i,
  // cmdlets (Get-InboundConnector, Set-SendConnector ...) and their output fields
  /\b(?:Get|Set|New|Remove|Enable|Import|Export|Test)-[A-Z][A-Za-z]+/,
  /^\s*[A-Za-z][A-Za-z ]{1,40}\s:\s/m,
  // timestamps of log lines
  /\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d/,
  /\b\d\d?[./]\d\d?[./]\d{2,4}\s+\d\d?:\d\d/,
  // names and addresses that only evidence carries
  /\b[\w.-]+@[\w-]+(?:\.[\w-]+)+/,
  /\b\d{1,3}(?:\.\d{1,3}){3}\b/,
  /https?:\/\//i,
  /\b(?:TenantAttribution|UntrustedRoot|UnknownCredentials|NoCredentials|SubjectMismatch|ATTR36|CAPI2|STARTTLS)\b/i,
  // certificates and key material
  /-----BEGIN /,
  // markup, code, control and direction characters: nobody asks for a person in those
  // eslint-disable-next-line no-control-regex -- control characters are what this shape looks for
  /[<>{}[\]|`$\\;]|[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069\ufeff]/,
];

export function looksLikePaste(text: string): boolean {
  const value = text.trim();
  if (value.length > MAX_INTENT_CHARS) return true;
  if (value.split('\n').filter((line) => line.trim()).length > 2) return true;
  // (a bare "support@" without a domain is an address fragment as well)
  if (/\S@(?:\s|$)/.test(value)) return true;
  return PASTE_SHAPES.some((shape) => shape.test(value));
}
