/**
 * Values that go into the articles' PowerShell (knowledge/articles, filled by knowledge/render):
 * thumbprints as Exchange wants them, a safe file name for the downloaded intermediate.
 */

/** 40 hex digits, upper case, no spaces or colons: what Get-ExchangeCertificate prints. */
export function exchangeThumbprint(value: string): string | undefined {
  const compact = value
    .replace(/[\s:]/g, '')
    .replace(/^\u200e/, '')
    .toUpperCase();
  return /^[0-9A-F]{40}$/.test(compact) ? compact : undefined;
}

/** A file name for the missing intermediate, from its AIA URL ("…/SectigoRSADVCA.crt"). */
export function intermediateFileName(aiaUrl: string | undefined): string {
  if (!aiaUrl) return 'intermediateca.cer';
  const last =
    aiaUrl
      .split(/[/?#]/)
      .filter((p) => p.length > 0)
      .pop() ?? '';
  return /^[A-Za-z0-9._-]{1,80}\.(crt|cer|der|p7c|p7b)$/i.test(last) ? last : 'intermediateca.cer';
}
