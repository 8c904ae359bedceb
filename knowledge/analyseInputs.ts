/**
 * One conversation's inputs -> one diagnosis: pasted texts and certificate files combine into a
 * single list of findings. The bot and the command line both go through here.
 */
import { extractFindings, MAX_TEXT_CHARS } from './evidence/extract';
import { diagnose } from './diagnose';
import { detectLanguage } from './language';
import { analyseCertificateFiles, classifyFile, textOfFile } from './certificates';
import { redactFileName, redactSecrets } from './redact';
import type { CertificateAnalysis, UploadedFile } from './certificates/types';
import type { Diagnosis, Finding, Language } from './types';

export interface InputsAnalysis {
  diagnosis: Diagnosis;
  findings: Finding[];
  language: Language;
  certificates: CertificateAnalysis | undefined;
  truncated?: { totalChars: number; analysedChars: number };
  /** Something that looked like a key, password or token was removed before the analysis. */
  redacted: boolean;
}

export interface AnalyseOptions {
  language?: Language;
  /** Findings already known (earlier turns, answered questions). */
  known?: Finding[];
  now?: Date;
}

/** The text of a PEM file outside its PEM blocks, when there is some worth reading; private key blocks are dropped unread. */
export function textAroundPem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.length > MAX_TEXT_CHARS) return undefined;
  const text = textOfFile(bytes);
  if (!text || !text.includes('-----BEGIN')) return undefined;
  // Cut every "-----BEGIN x-----" ... "-----END x-----" block (or to the end when it is cut off), linearly.
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    const begin = text.indexOf('-----BEGIN', from);
    if (begin < 0) {
      parts.push(text.slice(from));
      break;
    }
    parts.push(text.slice(from, begin));
    const end = text.indexOf('-----END', begin);
    if (end < 0) break;
    const close = text.indexOf('-----', end + 8);
    from = close < 0 ? text.length : close + 5;
  }
  const rest = parts.join('\n');
  return /[A-Za-z]{3,}[^\n]{0,200}[A-Za-z]{3,}/.test(rest) && rest.trim().length >= 20 ? rest : undefined;
}

/** Roles of host names that a certificate of the sending server should cover. */
const CERTIFICATE_NAME_ROLES = new Set(['connector-certificate-name', 'sending-certificate', 'tested-server', 'certificate-subject']);

/**
 * Host names the conversation knows that the sending server's certificate should cover: not
 * the Exchange Online server that answered, not an internal "Generating server" name.
 */
export function certificateHostNames(findings: Finding[]): string[] {
  const names = new Set<string>();
  for (const f of findings) {
    if (f.kind === 'host-name' && CERTIFICATE_NAME_ROLES.has(String(f.data?.role))) names.add(f.value);
    if (f.kind === 'smtp-bound-to-two-certificates') names.add(f.value);
  }
  return [...names];
}

export async function analyseInputs(texts: string[], files: UploadedFile[], options: AnalyseOptions = {}): Promise<InputsAnalysis> {
  const findings: Finding[] = [...(options.known ?? [])];
  let truncated: InputsAnalysis['truncated'];
  let detected: Language | undefined;
  const certificateFiles: UploadedFile[] = [];
  let redacted = false;
  const redact = (text: string) => {
    const result = redactSecrets(text);
    redacted ||= result.redacted;
    return result.text;
  };
  const textInputs = texts.map(redact);
  for (const given of files) {
    const name = redactFileName(given.name);
    redacted ||= name.redacted;
    const file = { ...given, name: name.text };
    const kind = classifyFile(file.name, file.bytes);
    if (kind === 'text') textInputs.push(redact(textOfFile(file.bytes.subarray(0, MAX_TEXT_CHARS * 4)) ?? ''));
    else {
      certificateFiles.push(file);
      // `openssl s_client -showcerts` output and pastes with prose around a PEM block are both:
      // the certificates go to the analysis, the words around them to the extractors.
      const prose = textAroundPem(file.bytes);
      if (prose) textInputs.push(redact(prose));
    }
  }
  for (const [i, text] of texts.entries()) {
    if (text.includes('-----BEGIN')) certificateFiles.push({ name: `pasted-${i + 1}.pem`, bytes: Buffer.from(text, 'utf8') });
  }
  for (const text of textInputs) {
    const result = extractFindings(text);
    findings.push(...result.findings);
    detected ??= detectLanguage(text);
    if (result.truncated) truncated = { totalChars: result.totalChars, analysedChars: result.analysedChars };
  }
  let certificates: CertificateAnalysis | undefined;
  if (certificateFiles.length > 0) {
    certificates = await analyseCertificateFiles(certificateFiles, { hostNames: certificateHostNames(findings), now: options.now });
    findings.push(...certificates.findings);
  }
  return {
    diagnosis: diagnose(findings),
    findings,
    language: options.language ?? detected ?? 'en',
    certificates,
    truncated,
    redacted,
  };
}
