/**
 * Turns the files of one message into evidence: certificates go to the certificate analysis
 * (combined with every certificate uploaded earlier in the conversation, so a leaf and its
 * intermediate sent separately still form one chain), text logs go to the text extractors.
 * Private keys are never kept: only the certificate blocks beside them are.
 */
import { analyseCertificateFiles, type CertificateAnalysis, classifyFile, extractFindings, type Language, textAroundPem, textOfFile, type UploadedFile } from '../knowledge';
import { addFindings, type CaseState, MAX_STORED_CERTIFICATE_BYTES } from './caseState';
import type { AttachmentProblem, ReceivedAttachments } from './ports';
import { redactSecrets } from './redact';
import { type StringKey, t } from './strings';

export interface UploadOutcome {
  /** Set when certificates were analysed this turn. */
  analysis?: CertificateAnalysis;
  /** Messages about individual files (unreadable, private key, download failed ...). */
  notes: string[];
  readNames: string[];
  newTextFindings: number;
  redacted: boolean;
}

const PROBLEM_KEYS: Record<AttachmentProblem['kind'], StringKey> = {
  'bad-url': 'download.failed',
  'blocked-host': 'download.blocked',
  'not-found': 'download.notFound',
  'http-error': 'download.failed',
  timeout: 'download.timeout',
  'too-large': 'download.tooLarge',
  html: 'download.html',
  'too-many-redirects': 'download.redirects',
  network: 'download.failed',
  unsupported: 'upload.unsupported',
  'private-key-name': 'upload.privateKey',
  'too-many': 'upload.tooMany',
  'teams-shared-file': 'upload.teamsSharedFile',
};

export function describeProblem(language: Language, problem: AttachmentProblem, limitBytes: number): string {
  return t(language, PROBLEM_KEYS[problem.kind], {
    name: problem.name,
    type: problem.contentType || '?',
    limit: `${Math.round(limitBytes / 1024)} KB`,
    count: problem.name,
  });
}

/** Text of a file classified as text (UTF-8 or UTF-16 with BOM, as Windows tools write). */
function decodeTextFile(bytes: Uint8Array): string {
  return textOfFile(bytes) ?? '';
}

const CERTIFICATE_BLOCK = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----[\s\S]*?-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;

function storedBytes(state: CaseState): number {
  return state.certificateFiles.reduce((sum, file) => sum + file.base64.length, 0);
}

function keep(state: CaseState, name: string, bytes: Uint8Array): void {
  const base64 = Buffer.from(bytes).toString('base64');
  if (storedBytes(state) + base64.length > MAX_STORED_CERTIFICATE_BYTES) return;
  const existing = state.certificateFiles.findIndex((file) => file.base64 === base64);
  if (existing < 0) state.certificateFiles.push({ name, base64 });
}

export interface UploadOptions {
  language: Language;
  maxTextChars: number;
  maxDownloadBytes: number;
  hostNames?: string[];
}

export async function processUploads(state: CaseState, received: ReceivedAttachments, options: UploadOptions): Promise<UploadOutcome> {
  const { language } = options;
  const outcome: UploadOutcome = { notes: [], readNames: [], newTextFindings: 0, redacted: false };
  for (const problem of received.problems) outcome.notes.push(describeProblem(language, problem, options.maxDownloadBytes));
  /** Files analysed this turn but not kept (a PFX: its certificates cannot be separated from the key here). */
  const transient: UploadedFile[] = [];
  let certificatesChanged = false;
  let privateKeySeen = false;

  for (const file of received.files) {
    if (file.bytes.length === 0) {
      outcome.notes.push(t(language, 'upload.empty', { name: file.name }));
      continue;
    }
    const fileClass = classifyFile(file.name, file.bytes);
    if (fileClass === 'text') {
      const { text, redacted } = redactSecrets(decodeTextFile(file.bytes));
      outcome.redacted ||= redacted;
      const extraction = extractFindings(text, { maxChars: options.maxTextChars });
      outcome.newTextFindings += addFindings(state, extraction.findings);
      if (extraction.truncated) outcome.notes.push(t(language, 'notice.truncated', { analysed: extraction.analysedChars, total: extraction.totalChars }));
      outcome.readNames.push(file.name);
    } else if (fileClass === 'certificate') {
      keep(state, file.name, file.bytes);
      certificatesChanged = true;
      outcome.readNames.push(file.name);
      // `openssl s_client -showcerts` captures: the log lines around the PEM blocks are evidence too.
      const prose = textAroundPem(file.bytes);
      if (prose) {
        const { text, redacted } = redactSecrets(prose);
        outcome.redacted ||= redacted;
        outcome.newTextFindings += addFindings(state, extractFindings(text, { maxChars: options.maxTextChars }).findings);
      }
    } else if (fileClass === 'private-key') {
      privateKeySeen = true;
      outcome.notes.push(t(language, 'upload.privateKey', { name: file.name }));
      const pemCertificates = decodeTextFile(file.bytes).match(CERTIFICATE_BLOCK);
      if (pemCertificates) keep(state, file.name, new TextEncoder().encode(pemCertificates.join('\n')));
      else transient.push({ name: file.name, bytes: file.bytes, contentType: file.contentType });
      certificatesChanged = true;
      outcome.readNames.push(file.name);
    } else {
      outcome.notes.push(t(language, 'upload.notReadable', { name: file.name }));
    }
  }

  if (certificatesChanged) {
    const files: UploadedFile[] = [
      ...state.certificateFiles.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
      ...transient,
    ];
    const analysis = await analyseCertificateFiles(files, { hostNames: options.hostNames });
    state.certificateFindings = analysis.findings;
    state.certificateReports = analysis.certificates;
    state.chains = analysis.chains;
    for (const issue of analysis.fileIssues) {
      if (issue.kind === 'private-key-present' && privateKeySeen) continue;
      const note = issue.message[language];
      if (!outcome.notes.includes(note)) outcome.notes.push(note);
    }
    outcome.analysis = analysis;
  }
  return outcome;
}
