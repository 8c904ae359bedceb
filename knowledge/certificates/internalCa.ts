/**
 * Why an issuer looks like an internal (enterprise) CA, judged from its name alone.
 * Used when the chain cannot be followed to a root (the CA certificate was not given):
 * Active Directory Certificate Services names its CAs "<domain>-<server>-CA" and puts the
 * forest's DC= components into the issuer; internal DNS suffixes give it away too.
 * Each reason is reported, so the judgement stays explainable.
 */

export type InternalReason = 'root-not-public' | 'dc-components' | 'internal-domain-name' | 'ad-cs-ca-name' | 'ad-cs-ldap-url';

const INTERNAL_SUFFIX = /\.(local|corp|lan|internal|intranet|intra|localdomain|home|priv|private)(?=$|[^A-Za-z0-9-])/i;

function attributeValues(distinguishedName: string, attribute: string): string[] {
  const pattern = new RegExp(`(?:^|,)\\s*${attribute}=((?:\\\\.|[^,])*)`, 'gi');
  const values: string[] = [];
  for (const match of distinguishedName.matchAll(pattern)) values.push(match[1].trim());
  return values;
}

export function internalNameReasons(issuer: string): InternalReason[] {
  const reasons: InternalReason[] = [];
  const domainComponents = attributeValues(issuer, 'DC');
  if (domainComponents.length > 0) reasons.push('dc-components');
  const commonNames = attributeValues(issuer, 'CN');
  // DC=litware, DC=corp spells the AD domain litware.corp.
  const adDomain = domainComponents.length > 0 ? `.${domainComponents.join('.')}` : '';
  if (INTERNAL_SUFFIX.test(issuer) || INTERNAL_SUFFIX.test(adDomain)) {
    reasons.push('internal-domain-name');
  }
  // "contoso-DC01-CA", "LITWARE-CA": no spaces, hyphen right before CA. Public CAs write "... CA", "CA1", "- G2".
  if (commonNames.some((cn) => /^[A-Za-z0-9][A-Za-z0-9_.]*(-[A-Za-z0-9_.]+)*-CA$/i.test(cn))) reasons.push('ad-cs-ca-name');
  return reasons;
}

/**
 * AD CS publishes its CA certificate and CRL at `ldap:///CN=<CA>,CN=AIA,CN=Public Key
 * Services,...` by default; public CAs never use LDAP addresses.
 */
export function internalUrlReasons(urls: readonly string[]): InternalReason[] {
  return urls.some((u) => /^ldap:\/\/[^?]*CN=(AIA|CDP|Public Key Services)/i.test(u)) ? ['ad-cs-ldap-url'] : [];
}
