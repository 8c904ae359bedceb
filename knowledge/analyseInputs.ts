/**
 * One conversation's inputs -> one diagnosis: pasted texts and certificate files combine into a
 * single list of findings. The bot and the command line both go through here.
 */
import { extractFindings, MAX_TEXT_CHARS } from './evidence/extract';
import { diagnose } from './diagnose';
import { detectLanguage } from './language';
import { analyseCertificateFiles, classifyFile } from './certificates';
import type { CertificateAnalysis, UploadedFile } from './certificates/types';
import type { Diagnosis, Finding, Language } from './types';

export interface InputsAnalysis {
  diagnosis: Diagnosis;
  findings: Finding[];
  language: Language;
  certificates: CertificateAnalysis | undefined;
  truncated?: { totalChars: number; analysedChars: number };
}

export interface AnalyseOptions {
  language?: Language;
  /** Findings already known (earlier turns, answered questions). */
  known?: Finding[];
  now?: Date;
}

const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]{1,40}-----[\s\S]{0,200000}?(?:-----END [A-Z0-9 ]{1,40}-----|$)/g;

/** The text of a PEM file outside its PEM blocks, when there is some worth reading; private key blocks are dropped unread. */
export function textAroundPem(bytes: Uint8Array): string | undefined {
  if (bytes.length === 0 || bytes.length > MAX_TEXT_CHARS) return undefined;
  const text = Buffer.from(bytes).toString('utf8');
  if (!text.includes('-----BEGIN') || text.includes('\u0000')) return undefined;
  const rest = text.replace(PEM_BLOCK, '\n');
  return /[A-Za-z]{3,}[^\n]{0,200}[A-Za-z]{3,}/.test(rest) && rest.trim().length >= 20 ? rest : undefined;
}

/** Host names the conversation knows, for matching certificates against them. */
function hostNames(findings: Finding[]): string[] {
  const names = new Set<string>();
  for (const f of findings) {
    if (f.kind === 'host-name' && f.data?.role !== 'remote-server') names.add(f.value);
    if (f.kind === 'smtp-bound-to-two-certificates') names.add(f.value);
  }
  return [...names];
}

export async function analyseInputs(texts: string[], files: UploadedFile[], options: AnalyseOptions = {}): Promise<InputsAnalysis> {
  const findings: Finding[] = [...(options.known ?? [])];
  let truncated: InputsAnalysis['truncated'];
  let detected: Language | undefined;
  const certificateFiles: UploadedFile[] = [];
  const textInputs = [...texts];
  for (const file of files) {
    const kind = classifyFile(file.name, file.bytes);
    if (kind === 'text') textInputs.push(Buffer.from(file.bytes.subarray(0, MAX_TEXT_CHARS * 2)).toString('utf8'));
    else {
      certificateFiles.push(file);
      // `openssl s_client -showcerts` output and pastes with prose around a PEM block are both:
      // the certificates go to the analysis, the words around them to the extractors.
      const prose = textAroundPem(file.bytes);
      if (prose) textInputs.push(prose);
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
    certificates = await analyseCertificateFiles(certificateFiles, { hostNames: hostNames(findings), now: options.now });
    findings.push(...certificates.findings);
  }
  return {
    diagnosis: diagnose(findings),
    findings,
    language: options.language ?? detected ?? 'en',
    certificates,
    truncated,
  };
}
