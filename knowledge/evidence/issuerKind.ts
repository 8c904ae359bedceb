import { internalNameReasons, type InternalReason } from '../certificates/internalCa';

/**
 * Judges, from a distinguished name alone, whether a certificate issuer is an internal
 * (enterprise) CA or a publicly trusted one. Used where only text is available
 * (Get-ExchangeCertificate output, protocol logs); uploaded certificates are judged by
 * building the chain instead.
 */

// Names of CAs in the public root programs (issuing CAs carry these in CN or O).
const PUBLIC_CA =
  /digicert|sectigo|comodo|usertrust|let'?s encrypt|\bISRG\b|globalsign|alphassl|go ?daddy|starfield|entrust|geotrust|thawte|rapidssl|symantec|verisign|certum|buypass|identrust|quovadis|swisssign|d-trust|t-telesec|telekom security|deutsche telekom|amazon|google trust services|\bGTS\b|microsoft azure (?:rsa |ecc )?tls|microsoft rsa tls|ssl\.com|harica|actalis|zerossl|trustwave|certigna|gandi|encryption everywhere|geant|terena|\bDFN\b|network solutions|trust provider b\.v\.|secureserver|baltimore|cybertrust|izenpe|firmaprofesional|netlock|emsign|trustasia|sheca|cfca/i;

export type IssuerKind = 'internal' | 'public' | 'self-signed' | 'unknown';

export interface IssuerJudgement {
  kind: IssuerKind;
  /** Why it is internal: the same reasons the certificate analysis gives, plus a naming hint. */
  reasons: Array<InternalReason | 'ca-naming'>;
}

/**
 * Internal / public / self-signed from the issuer's name. The internal-CA rules are the
 * certificate analysis' own (certificates/internalCa.ts), so a pasted listing and an uploaded
 * file of the same certificate get the same verdict.
 */
export function judgeIssuer(issuer: string | undefined, subject?: string): IssuerJudgement {
  if (!issuer) return { kind: 'unknown', reasons: [] };
  const normalise = (dn: string) =>
    dn
      .replace(/\s*,\s*/g, ',')
      .replace(/\s*=\s*/g, '=')
      .trim();
  const dn = normalise(issuer);
  if (subject && dn.toLowerCase() === normalise(subject).toLowerCase()) return { kind: 'self-signed', reasons: [] };
  const reasons = internalNameReasons(dn);
  if (reasons.length > 0) return { kind: 'internal', reasons };
  if (PUBLIC_CA.test(issuer)) return { kind: 'public', reasons: [] };
  // Enterprise PKIs that do not follow the AD CS defaults still tend to say what the CA is for.
  if (/CN=[^,]{0,60}\b(?:Issuing|Enterprise|Internal|Sub(?:ordinate)?|Policy) ?CA\b/i.test(dn))
    return { kind: 'internal', reasons: ['ca-naming'] };
  return { kind: 'unknown', reasons: [] };
}

/** The CN of a distinguished name, or the name itself when it has no CN. */
export function commonName(dn: string): string {
  const m = /(?:^|,)\s*CN\s*=\s*("[^"]{0,200}"|[^,]{0,200})/i.exec(dn);
  return (m ? m[1].replace(/^"|"$/g, '') : dn).trim();
}
