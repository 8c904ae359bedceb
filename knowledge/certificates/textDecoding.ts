/**
 * Decides whether bytes are text and decodes them. Windows PowerShell 5 writes UTF-16 LE
 * with a BOM (`Out-File`, `>`), certutil and browsers write ASCII/UTF-8, so all of these
 * are read; anything with NUL bytes or many control characters is binary.
 */

export function decodeText(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return Buffer.from(bytes.buffer, bytes.byteOffset + 2, bytes.length - 2).toString('utf16le');
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    if (swapped.length % 2 === 1) return undefined;
    return swapped.swap16().toString('utf16le');
  }
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  let control = 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0) return undefined;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) control++;
  }
  if (control > (bytes.length - start) / 100 + 1) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.length - start).toString('utf8');
}

/** True for saved web pages (error pages, sign-in pages saved instead of a download). */
export function looksLikeHtml(text: string): boolean {
  return /<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]/i.test(text.slice(0, 4096));
}

/**
 * Whole text is one Base64 blob (a .cer saved as Base64 without armour).
 * Returns the decoded bytes, or undefined.
 */
export function decodeBareBase64(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 64 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
