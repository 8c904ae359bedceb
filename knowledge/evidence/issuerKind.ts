/**
 * Judges, from a distinguished name alone, whether a certificate issuer is an internal
 * (enterprise) CA or a publicly trusted one. Used where only text is available
 * (Get-ExchangeCertificate output, protocol logs); uploaded certificates are judged by
 * building the chain instead.
 */

// Names of CAs in the public root programs (issuing CAs carry these in CN or O).
const PUBLIC_CA = /digicert|sectigo|comodo|usertrust|let'?s encrypt|\bISRG\b|globalsign|alphassl|go ?daddy|starfield|entrust|geotrust|thawte|rapidssl|symantec|verisign|certum|buypass|identrust|quovadis|swisssign|d-trust|t-telesec|telekom security|deutsche telekom|amazon|google trust services|\bGTS\b|microsoft azure (?:rsa |ecc )?tls|microsoft rsa tls|ssl\.com|harica|actalis|zerossl|trustwave|certigna|gandi|encryption everywhere|geant|terena|\bDFN\b|network solutions|trust provider b\.v\.|secureserver|baltimore|cybertrust|izenpe|firmaprofesional|netlock|emsign|trustasia|sheca|cfca/i;
// Let's Encrypt issuing CA names are short: CN=R3, R10, R11, E5, E6 ... with O=Let's Encrypt.
const INTERNAL_TLD = /\.(local|corp|lan|intra|intranet|internal|private|home|ad|localdomain)\b/i;

export type IssuerKind = 'internal' | 'public' | 'self-signed' | 'unknown';

export interface IssuerJudgement {
  kind: IssuerKind;
  /** Why, in neutral terms (the renderer words it). */
  reason: 'dc-components' | 'internal-domain' | 'ca-naming' | 'public-ca-name' | 'issuer-equals-subject' | 'no-signal';
}

export function judgeIssuer(issuer: string | undefined, subject?: string): IssuerJudgement {
  if (!issuer) return { kind: 'unknown', reason: 'no-signal' };
  const normalise = (dn: string) => dn.replace(/\s*,\s*/g, ',').replace(/\s*=\s*/g, '=').toLowerCase().trim();
  if (subject && normalise(issuer) === normalise(subject)) return { kind: 'self-signed', reason: 'issuer-equals-subject' };
  if (/(^|[,\s])DC\s*=/i.test(issuer)) return { kind: 'internal', reason: 'dc-components' };
  if (INTERNAL_TLD.test(issuer)) return { kind: 'internal', reason: 'internal-domain' };
  if (PUBLIC_CA.test(issuer)) return { kind: 'public', reason: 'public-ca-name' };
  // Active Directory Certificate Services default names: "<Org>-<Server>-CA", "<Org>-CA".
  if (/CN\s*=\s*[^,]{1,80}-CA\b/i.test(issuer) || /CN\s*=\s*[^,]{0,60}\b(?:Issuing|Enterprise|Internal|Sub(?:ordinate)?|Policy) ?CA\b/i.test(issuer)) {
    return { kind: 'internal', reason: 'ca-naming' };
  }
  return { kind: 'unknown', reason: 'no-signal' };
}

/** The CN of a distinguished name, or the name itself when it has no CN. */
export function commonName(dn: string): string {
  const m = /(?:^|,)\s*CN\s*=\s*("[^"]{0,200}"|[^,]{0,200})/i.exec(dn);
  return (m ? m[1].replace(/^"|"$/g, '') : dn).trim();
}
