/**
 * Key algorithm, size and curve from a SubjectPublicKeyInfo. RSA and the NIST curves (all
 * that mail servers use) are read from the DER headers directly, which is several times
 * cheaper than importing the key; anything else goes through Node's key import.
 */
import { createPublicKey } from 'crypto';
import { readTlv } from './derSniff';

export interface PublicKeyInfo {
  algorithm: string;
  size?: number;
  curve?: string;
  /** Bits of the RSA public exponent (17 for 65537). */
  exponentBits?: number;
}

const RSA_ENCRYPTION = '2a864886f70d010101';
const EC_PUBLIC_KEY = '2a8648ce3d0201';
const CURVES: Record<string, { name: string; size: number }> = {
  '2a8648ce3d030107': { name: 'prime256v1', size: 256 },
  '2b81040022': { name: 'secp384r1', size: 384 },
  '2b81040023': { name: 'secp521r1', size: 521 },
};

function hexAt(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('hex');
}

function bitLength(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && bytes[i] === 0) i++;
  if (i >= end) return 0;
  return (end - i - 1) * 8 + (32 - Math.clz32(bytes[i]));
}

function fromHeaders(spki: Uint8Array): PublicKeyInfo | undefined {
  const outer = readTlv(spki, 0);
  const algorithm = outer && readTlv(spki, outer.start);
  const oid = algorithm && readTlv(spki, algorithm.start);
  if (!outer || !algorithm || !oid || oid.tag !== 0x06 || algorithm.end > spki.length) return undefined;
  const oidHex = hexAt(spki, oid.start, oid.end);
  if (oidHex === RSA_ENCRYPTION) {
    const bits = readTlv(spki, algorithm.end);
    // BIT STRING: one "unused bits" byte, then RSAPublicKey { modulus, exponent }.
    const rsaKey = bits && bits.tag === 0x03 ? readTlv(spki, bits.start + 1) : undefined;
    const modulus = rsaKey && rsaKey.tag === 0x30 ? readTlv(spki, rsaKey.start) : undefined;
    if (!modulus || modulus.tag !== 0x02 || modulus.end > spki.length) return undefined;
    const exponent = readTlv(spki, modulus.end);
    if (!exponent || exponent.tag !== 0x02 || exponent.end > spki.length) return undefined;
    return {
      algorithm: 'RSA',
      size: bitLength(spki, modulus.start, modulus.end),
      exponentBits: bitLength(spki, exponent.start, exponent.end),
    };
  }
  if (oidHex === EC_PUBLIC_KEY) {
    const parameters = readTlv(spki, oid.end);
    const curve =
      parameters && parameters.tag === 0x06 ? CURVES[hexAt(spki, parameters.start, Math.min(parameters.end, spki.length))] : undefined;
    return curve ? { algorithm: 'ECC', size: curve.size, curve: curve.name } : undefined;
  }
  return undefined;
}

export function publicKeyInfo(spki: Uint8Array): PublicKeyInfo {
  const quick = fromHeaders(spki);
  if (quick) return quick;
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const details = key.asymmetricKeyDetails ?? {};
    const type = key.asymmetricKeyType ?? 'unknown';
    const names: Record<string, string> = { rsa: 'RSA', 'rsa-pss': 'RSA-PSS', ec: 'ECC', dsa: 'DSA', ed25519: 'Ed25519', ed448: 'Ed448' };
    const exponent = details.publicExponent;
    return {
      algorithm: names[type] ?? type,
      size: details.modulusLength,
      curve: details.namedCurve,
      exponentBits: exponent === undefined ? undefined : exponent.toString(2).length,
    };
  } catch {
    return { algorithm: 'unknown' };
  }
}
