/**
 * Host name matching against certificate names, RFC 6125 rules: a wildcard is allowed only
 * as the whole left-most label and covers exactly one label, so `*.contoso.com` covers
 * `mail.contoso.com` but neither `a.b.contoso.com` nor `contoso.com`. Lookups are set-based
 * so a certificate with 10 000 SANs costs the same per host as one with two.
 */

export interface NameSet {
  /** Exact DNS names, lower case, no trailing dot. */
  exact: Set<string>;
  /** For `*.contoso.com`: `contoso.com`. */
  wildcardParents: Set<string>;
  /** Names in certificate order, for display and pair detection. */
  ordered: string[];
}

export function normaliseHostName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** A wildcard base must have at least two labels: `*.com` covers nothing. */
function wildcardParent(name: string): string | undefined {
  if (!name.startsWith('*.')) return undefined;
  const parent = name.slice(2);
  if (!parent.includes('.') || parent.includes('*')) return undefined;
  return parent;
}

export function buildNameSet(names: readonly string[]): NameSet {
  const set: NameSet = { exact: new Set(), wildcardParents: new Set(), ordered: [] };
  for (const raw of names) {
    const name = normaliseHostName(raw);
    if (!name) continue;
    set.ordered.push(name);
    const parent = wildcardParent(name);
    if (parent) set.wildcardParents.add(parent);
    else if (!name.includes('*')) set.exact.add(name);
  }
  return set;
}

/** True when the certificate names cover `host` (a plain host name, no wildcard). */
export function coversHost(names: NameSet, host: string): boolean {
  const name = normaliseHostName(host);
  if (!name || name.includes('*')) return false;
  if (names.exact.has(name)) return true;
  const dot = name.indexOf('.');
  if (dot <= 0) return false;
  return names.wildcardParents.has(name.slice(dot + 1));
}

/**
 * A name both certificates are valid for, or undefined. Plain names win over a shared
 * wildcard; `preferred` host names (the ones the conversation is about) are tried first.
 */
export function sharedName(a: NameSet, b: NameSet, preferred: readonly string[] = []): string | undefined {
  for (const host of preferred) {
    if (coversHost(a, host) && coversHost(b, host)) return normaliseHostName(host);
  }
  for (const name of b.ordered) {
    if (!name.includes('*') && coversHost(a, name)) return name;
  }
  for (const name of a.ordered) {
    if (!name.includes('*') && coversHost(b, name)) return name;
  }
  for (const parent of b.wildcardParents) {
    if (a.wildcardParents.has(parent)) return `*.${parent}`;
  }
  return undefined;
}
