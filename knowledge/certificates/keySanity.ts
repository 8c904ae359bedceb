/**
 * Keys no certification authority issues, refused before they cost anything: an RSA public
 * exponent above 2^32 turns one signature check into the work of a private-key operation
 * (the chain bomb of issue 13 used 3070-bit exponents), a modulus above 16,384 bits is beyond
 * what OpenSSL verifies. A certificate with such a key is still reported; its key is never
 * used to check a signature, so it cannot be anyone's issuer, not even its own.
 */
import { MAX_RSA_EXPONENT_BITS, MAX_RSA_MODULUS_BITS } from './limits';
import type { PublicKeyInfo } from './publicKeyInfo';

export type UnusableKeyReason = 'rsa-exponent' | 'rsa-modulus';

export function unusableKeyReason(key: PublicKeyInfo): UnusableKeyReason | undefined {
  if (!key.algorithm.startsWith('RSA')) return undefined;
  if ((key.size ?? 0) > MAX_RSA_MODULUS_BITS) return 'rsa-modulus';
  if ((key.exponentBits ?? 0) > MAX_RSA_EXPONENT_BITS) return 'rsa-exponent';
  return undefined;
}
