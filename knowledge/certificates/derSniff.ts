/**
 * Recognises what a DER blob is (certificate, PKCS#7, PKCS#12, private key, CSR, CRL,
 * public key) from its first few ASN.1 headers, without parsing it. Reading only headers
 * keeps this safe on hostile input: no recursion, no allocation, bounded by a handful of
 * steps whatever the nesting depth or size.
 */

export type DerKind = 'certificate' | 'pkcs7' | 'pfx' | 'private-key' | 'csr' | 'crl' | 'public-key' | 'unknown';

export interface DerSniff {
  kind: DerKind;
  /** True when the outer element claims more bytes than there are (cut off). */
  truncated: boolean;
}

interface Tlv {
  tag: number;
  /** Offset of the content. */
  start: number;
  /** Offset just past the content as declared (may exceed the buffer when truncated). */
  end: number;
}

const TAG_INTEGER = 0x02;
const TAG_BIT_STRING = 0x03;
const TAG_OCTET_STRING = 0x04;
const TAG_OID = 0x06;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_SEQUENCE = 0x30;
const TAG_CONTEXT_0 = 0xa0;

// OID contents (without tag/length) of the PKCS#7 content types that matter here.
const OID_PKCS7_DATA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const OID_PKCS7_SIGNED_DATA = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/** Reads one definite-length DER header at `offset`; undefined when it is not one. */
export function readTlv(bytes: Uint8Array, offset: number): Tlv | undefined {
  if (offset + 2 > bytes.length) return undefined;
  const tag = bytes[offset];
  // Multi-byte tags never occur at the positions inspected here.
  if ((tag & 0x1f) === 0x1f) return undefined;
  const first = bytes[offset + 1];
  let length: number;
  let headerLength: number;
  if (first < 0x80) {
    length = first;
    headerLength = 2;
  } else {
    const count = first & 0x7f;
    // 0x80 is BER indefinite length; more than 4 length bytes means > 4 GB: neither is DER here.
    if (count === 0 || count > 4 || offset + 2 + count > bytes.length) return undefined;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[offset + 2 + i];
    headerLength = 2 + count;
  }
  const start = offset + headerLength;
  return { tag, start, end: start + length };
}

/** Direct children of a constructed element, at most `limit` of them. */
function children(bytes: Uint8Array, parent: Tlv, limit: number): Tlv[] {
  const result: Tlv[] = [];
  const stop = Math.min(parent.end, bytes.length);
  let offset = parent.start;
  while (offset < stop && result.length < limit) {
    const child = readTlv(bytes, offset);
    if (!child) break;
    result.push(child);
    offset = child.end;
  }
  return result;
}

function oidEquals(bytes: Uint8Array, tlv: Tlv, oid: number[]): boolean {
  if (tlv.tag !== TAG_OID || tlv.end - tlv.start !== oid.length || tlv.end > bytes.length) return false;
  return oid.every((b, i) => bytes[tlv.start + i] === b);
}

function smallInteger(bytes: Uint8Array, tlv: Tlv | undefined): number | undefined {
  if (!tlv || tlv.tag !== TAG_INTEGER || tlv.end - tlv.start !== 1 || tlv.end > bytes.length) return undefined;
  return bytes[tlv.start];
}

/** Classifies a DER blob by its outer structure. */
export function sniffDer(bytes: Uint8Array): DerSniff {
  const outer = readTlv(bytes, 0);
  if (!outer || outer.tag !== TAG_SEQUENCE) return { kind: 'unknown', truncated: false };
  const truncated = outer.end > bytes.length;
  const kids = children(bytes, outer, 4);
  const [a, b, c] = kids;
  if (!a) return { kind: 'unknown', truncated };

  // PKCS#7 / CMS: ContentInfo { contentType signedData, [0] content }
  if (oidEquals(bytes, a, OID_PKCS7_SIGNED_DATA)) return { kind: 'pkcs7', truncated };

  // PKCS#12: PFX { version 3, authSafe ContentInfo { pkcs7-data | signedData ... }, macData }
  if (smallInteger(bytes, a) === 3 && b && b.tag === TAG_SEQUENCE) {
    const inner = children(bytes, b, 1)[0];
    if (inner && (oidEquals(bytes, inner, OID_PKCS7_DATA) || oidEquals(bytes, inner, OID_PKCS7_SIGNED_DATA))) {
      return { kind: 'pfx', truncated };
    }
  }

  // Private keys: PKCS#8 { version 0|1, AlgorithmIdentifier, OCTET STRING },
  // PKCS#1 RSA { 0, n, e, d, ... }, SEC1 EC { 1, OCTET STRING, ... },
  // encrypted PKCS#8 { AlgorithmIdentifier, OCTET STRING }.
  const version = smallInteger(bytes, a);
  if ((version === 0 || version === 1) && b && b.tag === TAG_SEQUENCE && c && c.tag === TAG_OCTET_STRING) {
    return { kind: 'private-key', truncated };
  }
  if (version === 0 && b && b.tag === TAG_INTEGER && c && c.tag === TAG_INTEGER && kids.length >= 4) {
    return { kind: 'private-key', truncated };
  }
  if (version === 1 && b && b.tag === TAG_OCTET_STRING) return { kind: 'private-key', truncated };

  if (a.tag === TAG_SEQUENCE) {
    const firstOfA = children(bytes, a, 1)[0];
    // SubjectPublicKeyInfo { AlgorithmIdentifier { OID ... }, BIT STRING } and
    // EncryptedPrivateKeyInfo { AlgorithmIdentifier { OID ... }, OCTET STRING }.
    if (firstOfA && firstOfA.tag === TAG_OID && b) {
      if (b.tag === TAG_BIT_STRING) return { kind: 'public-key', truncated };
      if (b.tag === TAG_OCTET_STRING) return { kind: 'private-key', truncated };
    }
    // Signed structures: { tbs, signatureAlgorithm, signature BIT STRING }.
    const tbsChildren = children(bytes, a, 8);
    const hasTime = tbsChildren.some((t) => t.tag === TAG_UTC_TIME || t.tag === TAG_GENERALIZED_TIME);
    if (hasTime) return { kind: 'crl', truncated };
    const first = tbsChildren[0];
    if (first && first.tag === TAG_CONTEXT_0) return { kind: 'certificate', truncated };
    if (first && first.tag === TAG_INTEGER) {
      // CertificationRequestInfo has exactly 4 parts ending in [0] attributes; a v1 TBS has 6.
      const last = tbsChildren[tbsChildren.length - 1];
      if (tbsChildren.length === 4 && last.tag === TAG_CONTEXT_0) return { kind: 'csr', truncated };
      return { kind: 'certificate', truncated };
    }
    // Cut off inside the TBS: the outer shape still says "signed structure, version [0]".
    if (truncated && bytes.length > a.start && bytes[a.start] === TAG_CONTEXT_0) {
      return { kind: 'certificate', truncated };
    }
  }
  return { kind: 'unknown', truncated };
}

/** Raw parts of a certificate's TBS, as hex of their complete DER encodings. */
export interface TbsParts {
  issuerHex: string;
  subjectHex: string;
  spkiHex: string;
  /** Subject Key Identifier (hex of the key id), when present. */
  subjectKeyId?: string;
}

const OID_SUBJECT_KEY_IDENTIFIER = [0x55, 0x1d, 0x0e];
const TAG_BOOLEAN = 0x01;
const TAG_CONTEXT_3 = 0xa3;

function hexOf(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex');
}

/**
 * Issuer, subject and public key of a DER certificate by walking its headers. Name
 * comparison on the exact DER bytes is what chain builders do in practice, and this walk
 * costs microseconds where a full parse costs a millisecond: it lets the trust store index
 * 140 roots without parsing them.
 */
export function readTbsParts(bytes: Uint8Array): TbsParts | undefined {
  const outer = readTlv(bytes, 0);
  if (!outer || outer.tag !== TAG_SEQUENCE || outer.end > bytes.length) return undefined;
  const tbs = readTlv(bytes, outer.start);
  if (!tbs || tbs.tag !== TAG_SEQUENCE || tbs.end > bytes.length) return undefined;
  const parts: Array<{ tlv: Tlv; from: number }> = [];
  let offset = tbs.start;
  while (offset < tbs.end && parts.length < 10) {
    const child = readTlv(bytes, offset);
    if (!child || child.end > tbs.end) return undefined;
    parts.push({ tlv: child, from: offset });
    offset = child.end;
  }
  // [0] version is optional (v1 certificates).
  const base = parts[0]?.tlv.tag === TAG_CONTEXT_0 ? 1 : 0;
  const issuer = parts[base + 2];
  const subject = parts[base + 4];
  const spki = parts[base + 5];
  if (!issuer || !subject || !spki) return undefined;
  const result: TbsParts = {
    issuerHex: hexOf(bytes, issuer.from, issuer.tlv.end),
    subjectHex: hexOf(bytes, subject.from, subject.tlv.end),
    spkiHex: hexOf(bytes, spki.from, spki.tlv.end),
  };
  const extensionsWrapper = parts.slice(base + 6).find((p) => p.tlv.tag === TAG_CONTEXT_3);
  const extensionList = extensionsWrapper ? readTlv(bytes, extensionsWrapper.tlv.start) : undefined;
  if (extensionList && extensionList.tag === TAG_SEQUENCE) {
    for (const extension of children(bytes, extensionList, 64)) {
      const [oid, second, third] = children(bytes, extension, 3);
      if (!oid || !oidEquals(bytes, oid, OID_SUBJECT_KEY_IDENTIFIER)) continue;
      const wrapped = second?.tag === TAG_BOOLEAN ? third : second;
      if (!wrapped || wrapped.tag !== TAG_OCTET_STRING) break;
      const keyId = readTlv(bytes, wrapped.start);
      if (keyId && keyId.tag === TAG_OCTET_STRING && keyId.end <= wrapped.end) result.subjectKeyId = hexOf(bytes, keyId.start, keyId.end);
      break;
    }
  }
  return result;
}
