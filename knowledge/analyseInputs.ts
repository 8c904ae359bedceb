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
    else certificateFiles.push(file);
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
