/**
 * Resource limits for untrusted uploads. A real certificate is 1-3 KB and a full chain
 * bundle well under 50 KB, so these caps never bite a genuine upload but keep hostile
 * files (50 MB blobs, 100 000 SANs, deep ASN.1 nesting) bounded in time and memory.
 */

/** Largest single file that is read at all (bytes). */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Largest total of all files of one upload set (bytes); later files are skipped. */
export const MAX_SET_BYTES = 10 * 1024 * 1024;

/** Most certificates analysed per upload set (a whole CA bundle has ~150). */
export const MAX_CERTIFICATES = 200;

/** SAN entries listed in a report (matching still uses all of them). */
export const REPORT_SAN_LIMIT = 100;

/** Days before notAfter from which a certificate "expires soon". */
export const EXPIRES_SOON_DAYS = 30;

/** Longest chain followed; real chains have 2-4 certificates. */
export const MAX_CHAIN_LENGTH = 10;

/**
 * Limits handed to asn1js when parsing. maxNodes is raised above the library default (10 000)
 * so that a certificate with 10 000 SANs (about 20 000 nodes) still parses; anything larger
 * is refused with a clear message.
 */
export const BER_LIMITS = { maxDepth: 40, maxNodes: 60000 } as const;

/**
 * Signature checks per analysis. A genuine set of 200 certificates needs about 400 (each
 * certificate against its one issuer, each root against itself); a hostile set with 100
 * certificates that all name 100 same-named issuers would need 10 000. Beyond the cap no
 * chain is guessed: the chains that could not be finished are named in the report.
 */
export const MAX_SIGNATURE_CHECKS = 1000;

/**
 * RSA keys no CA issues: a public exponent above 2^32 (real ones are 65537, rarely 3) makes a
 * single check as slow as a private-key operation; moduli above 16,384 bits are beyond what
 * OpenSSL verifies. Such a key is never used to check a signature.
 */
export const MAX_RSA_EXPONENT_BITS = 32;
export const MAX_RSA_MODULUS_BITS = 16384;

/**
 * Wall-clock budget of one certificate analysis. Inside the analysis no signature check starts
 * after it (the report says which chains were not finished); the worker thread that runs the
 * analysis for the bot is stopped when the budget and a grace period have passed.
 */
export const ANALYSIS_TIME_BUDGET_MS = 5000;
