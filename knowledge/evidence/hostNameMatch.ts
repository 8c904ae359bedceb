/**
 * RFC 6125 name matching for names read from text: `*.contoso.com` covers `mail.contoso.com`,
 * not `a.b.contoso.com` and not `contoso.com`. (Uploaded certificates use
 * certificates/hostNames.ts, which works on a certificate's whole name set.)
 */
export function nameCovers(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  if (pattern.startsWith('*.')) {
    const suffix = pattern.slice(1);
    return name.endsWith(suffix) && !name.slice(0, -suffix.length).includes('.');
  }
  return false;
}
