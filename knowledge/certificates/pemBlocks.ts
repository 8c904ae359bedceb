/**
 * Finds PEM blocks (`-----BEGIN LABEL----- ... -----END LABEL-----`) in text as admins
 * produce it: CRLF line ends, text around the blocks (copied from a browser or an e-mail),
 * indentation, RFC 1421 headers (Proc-Type, DEK-Info) in encrypted keys.
 *
 * Written as an indexOf scanner rather than one regular expression so that hostile text
 * (thousands of BEGIN lines without END) costs linear time.
 */

export interface PemBlock {
  label: string;
  /** Decoded body; undefined for private keys (never decoded) and for damaged Base64. */
  der?: Uint8Array;
  /** True when the label names a private key. */
  privateKey: boolean;
  /** True when the Base64 between the lines is not valid. */
  damaged: boolean;
}

export interface PemScan {
  blocks: PemBlock[];
  /** BEGIN lines without a matching END line, or END lines with another label. */
  brokenArmour: number;
}

const BEGIN = '-----BEGIN ';
const END = '-----END ';
const DASHES = '-----';
const MAX_LABEL = 40;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function isPrivateKeyLabel(label: string): boolean {
  return /PRIVATE KEY/.test(label);
}

/** Label between `-----BEGIN ` (already skipped) and `-----`, or undefined. */
function readLabel(text: string, from: number): { label: string; after: number } | undefined {
  const close = text.indexOf(DASHES, from);
  if (close < 0 || close - from > MAX_LABEL) return undefined;
  const label = text.slice(from, close).trim();
  if (!/^[A-Z0-9 #]+$/.test(label)) return undefined;
  return { label, after: close + DASHES.length };
}

/** Base64 body without whitespace and without RFC 1421 header lines. */
function cleanBody(body: string): string {
  return body
    .split(/\r?\n|\r/)
    .filter((line) => !line.includes(':'))
    .join('')
    .replace(/\s+/g, '');
}

export function scanPem(text: string): PemScan {
  const blocks: PemBlock[] = [];
  let brokenArmour = 0;
  let position = 0;
  for (;;) {
    const begin = text.indexOf(BEGIN, position);
    if (begin < 0) break;
    const head = readLabel(text, begin + BEGIN.length);
    if (!head) {
      brokenArmour++;
      position = begin + BEGIN.length;
      continue;
    }
    const end = text.indexOf(END, head.after);
    if (end < 0) {
      // No END anywhere after this point: no later BEGIN can be completed either.
      brokenArmour++;
      break;
    }
    const tail = readLabel(text, end + END.length);
    const nextBegin = text.indexOf(BEGIN, head.after);
    if (!tail || tail.label !== head.label || (nextBegin >= 0 && nextBegin < end)) {
      brokenArmour++;
      position = nextBegin >= 0 && nextBegin < end ? nextBegin : end + END.length;
      continue;
    }
    position = tail.after;
    const privateKey = isPrivateKeyLabel(head.label);
    if (privateKey) {
      // The key body is never decoded, kept or shown.
      blocks.push({ label: head.label, privateKey, damaged: false });
      continue;
    }
    const body = cleanBody(text.slice(head.after, end));
    if (body.length === 0 || body.length % 4 === 1 || !BASE64.test(body)) {
      blocks.push({ label: head.label, privateKey, damaged: true });
      continue;
    }
    blocks.push({ label: head.label, der: new Uint8Array(Buffer.from(body, 'base64')), privateKey, damaged: false });
  }
  return { blocks, brokenArmour };
}
