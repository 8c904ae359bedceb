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
