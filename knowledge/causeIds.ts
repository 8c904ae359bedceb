/**
 * Cause ids. A cause's id is its folder's name: lower case, stable and readable (`kb4019940`,
 * `direct-send-5-7-68`). Earlier builds named the answers "KB3212877" (the id their cause.json still
 * may carry), and conversation state, eval fixtures, cards already sent and other helpers' tests may
 * hold that form: every comparison of cause ids goes through `canonicalCauseId`, so both forms name
 * the same cause.
 */

/** The one normalising function: "KB3212877", "KB 3212877" and "kb3212877" are all `kb3212877`. */
export function canonicalCauseId(id: string): string {
  const trimmed = id.trim().toLowerCase();
  const kb = /^kb\s*(\d+)$/.exec(trimmed);
  return kb ? `kb${kb[1]}` : trimmed;
}

/** True when both ids name the same cause (in whatever form each was stored). */
export function sameCause(a: string | null | undefined, b: string | null | undefined): boolean {
  return !!a && !!b && canonicalCauseId(a) === canonicalCauseId(b);
}

/**
 * The id as the previous release printed it in `article` ("KB3212877" for `kb3212877`; other ids
 * unchanged). Kept for one release as the documented alias `article` of `cause.id`.
 */
export function legacyArticleId(id: string): string {
  const canonical = canonicalCauseId(id);
  return /^kb\d+$/.test(canonical) ? canonical.toUpperCase() : canonical;
}
