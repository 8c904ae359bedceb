/**
 * `certutil -verify [-urlfetch] server.cer` on the sending server, the Windows view of its own chain:
 *   CertContext[0][0]: dwInfoStatus=102 dwErrorStatus=10000
 *     Issuer: CN=Thawte TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US
 *     Subject: CN=smtp.graniteridge.com
 *   Missing Issuer: CN=Thawte TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US
 *   Incomplete certificate chain
 *   CertUtil: -verify command FAILED: 0x800b010a (-2146762486 CERT_E_CHAINING)
 * A partial chain (CERT_TRUST_IS_PARTIAL_CHAIN, "Missing Issuer") is the server unable to build
 * its own chain: KB 3212877, with the missing issuer's AIA address when certutil shows it.
 * "-verify command completed successfully" with no element errors is a complete chain.
 */
import { finding, type Extractor } from './extractor';
import type { Finding } from '../types';

const SUBJECT_INLINE = /^\s{0,8}Subject:\s{0,4}(CN\s?=.{1,300})$/;
const MISSING = /\b(?:Missing Issuer|Fehlender Aussteller):\s{0,4}(.{1,300})$/i;
const PARTIAL = /CERT_TRUST_IS_PARTIAL_CHAIN|Incomplete certificate chain|Unvollständige Zertifikatkette|CERT_E_CHAINING|0x800b010a/i;
const SUCCESS = /-verify command completed successfully|-verify-Befehl wurde erfolgreich ausgeführt/i;
const ELEMENT_ERROR = /dwErrorStatus=(?!0\b)[0-9a-f]{1,8}\b/i;
const UNTRUSTED_ROOT = /CERT_TRUST_IS_UNTRUSTED_ROOT|CERT_E_UNTRUSTEDROOT|0x800b0109/i;
const AIA_URL = /^\s{0,12}(https?:\/\/[^\s"'<>]{1,300})\s*$/;

export const certutilVerifyExtractor: Extractor = {
  name: 'certutil-verify',
  extract({ lines, lower }) {
    if (!lower.includes('certutil') && !lower.includes('certcontext[') && !lower.includes('missing issuer')) return [];
    const out: Finding[] = [];
    let leafSubject: string | undefined;
    let missing: string | undefined;
    let missingLine = '';
    let partialLine = '';
    let successLine = '';
    let untrustedLine = '';
    let aiaUrl: string | undefined;
    let elementErrors = false;
    let subjectLabel = false;
    for (const line of lines) {
      const inline = SUBJECT_INLINE.exec(line);
      if (inline && !leafSubject) leafSubject = inline[1].trim();
      // "Subject:" alone, the name on the next (indented) line.
      if (subjectLabel && !leafSubject && /^\s{2,}CN\s?=/.test(line)) leafSubject = line.trim();
      subjectLabel = /^\s{0,4}Subject:\s*$/.test(line);
      const m = MISSING.exec(line);
      if (m && !missing) {
        missing = m[1].trim();
        missingLine = line;
      }
      if (!partialLine && PARTIAL.test(line)) partialLine = line;
      if (!successLine && SUCCESS.test(line)) successLine = line;
      if (!untrustedLine && UNTRUSTED_ROOT.test(line)) untrustedLine = line;
      if (ELEMENT_ERROR.test(line)) elementErrors = true;
      const url = AIA_URL.exec(line);
      if (url && !aiaUrl && /\.(?:crt|cer|p7c|p7b|der)$/i.test(url[1])) aiaUrl = url[1];
    }
    if (!partialLine && !successLine && !missing && !untrustedLine) return out;
    out.push(finding('input-format', 'certutil-verify', partialLine || successLine || missingLine || untrustedLine, 'certutil-verify'));
    const cn = leafSubject ? /CN\s?=\s?([A-Za-z0-9.*-]{1,253})/.exec(leafSubject)?.[1] : undefined;
    if (cn && cn.includes('.'))
      out.push(finding('host-name', cn.toLowerCase(), `Subject: ${leafSubject}`, 'certutil-verify', { role: 'certificate-subject' }));
    if (missing || (partialLine && !successLine)) {
      out.push(
        finding('chain-incomplete', 'certutil-partial-chain', missingLine || partialLine, 'certutil-verify', {
          missingIssuer: missing,
          aiaUrl,
          endEntity: leafSubject,
        }),
      );
    } else if (untrustedLine && !successLine) {
      out.push(finding('untrusted-root', 'certutil-untrusted-root', untrustedLine, 'certutil-verify', { endEntity: leafSubject }));
    } else if (successLine && !elementErrors) {
      out.push(finding('chain-complete', 'certutil-verified', successLine, 'certutil-verify', { endEntity: leafSubject }));
    }
    return out;
  },
};
