/**
 * Turns the files of one message into evidence: certificates go to the certificate analysis
 * (combined with every certificate uploaded earlier in the conversation, so a leaf and its
 * intermediate sent separately still form one chain), text logs go to the text extractors.
 * Private keys are never kept: only the certificate blocks beside them are.
 */
import {
  analyseCertificateFilesOffThread,
  type CertificateAnalysis,
  classifyFile,
  extractFindings,
  type Language,
  textAroundPem,
  textOfFile,
  type UploadedFile,
} from '../knowledge';
import { addFindings, type CaseState, MAX_STORED_CERTIFICATE_BYTES } from './caseState';
import type { AttachmentProblem, ReceivedAttachments } from './ports';
import { redactFileName, redactSecrets } from './redact';
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

/** Keeps a certificate file in the conversation; false when it does not fit beside the others. */
function keep(state: CaseState, name: string, bytes: Uint8Array): boolean {
  const base64 = Buffer.from(bytes).toString('base64');
  if (state.certificateFiles.some((file) => file.base64 === base64)) return true;
  if (storedBytes(state) + base64.length > MAX_STORED_CERTIFICATE_BYTES) return false;
  state.certificateFiles.push({ name, base64 });
  return true;
}

export interface UploadOptions {
  language: Language;
  maxTextChars: number;
  maxDownloadBytes: number;
  hostNames?: string[];
  /** The certificate analysis; default: in a worker thread with a time budget (never on the turn's event loop). */
  analyseCertificates?: (files: UploadedFile[], options: { hostNames?: string[] }) => Promise<CertificateAnalysis>;
}

export async function processUploads(state: CaseState, received: ReceivedAttachments, options: UploadOptions): Promise<UploadOutcome> {
  const { language } = options;
  const outcome: UploadOutcome = { notes: [], readNames: [], newTextFindings: 0, redacted: false };
  // File names are user input too ("smtp_password_Hunter2.pfx"): shown, stored and analysed only redacted.
  const safeName = (name: string) => {
    const { text, redacted } = redactFileName(name);
    outcome.redacted ||= redacted;
    return text;
  };
  for (const problem of received.problems)
    outcome.notes.push(describeProblem(language, { ...problem, name: safeName(problem.name) }, options.maxDownloadBytes));
  /** Files analysed this turn but not kept (a PFX: its certificates cannot be separated from the key here). */
  const transient: UploadedFile[] = [];
  let certificatesChanged = false;
  let privateKeySeen = false;
  const keptBefore = [...state.certificateFiles];
  const certificateNames: string[] = [];

  for (const receivedFile of received.files) {
    const file = { ...receivedFile, name: safeName(receivedFile.name) };
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
      if (extraction.truncated)
        outcome.notes.push(t(language, 'notice.truncated', { analysed: extraction.analysedChars, total: extraction.totalChars }));
      outcome.readNames.push(file.name);
    } else if (fileClass === 'certificate') {
      // Too large to keep: analysed with this turn's files all the same, and the user is told.
      if (!keep(state, file.name, file.bytes)) {
        transient.push({ name: file.name, bytes: file.bytes, contentType: file.contentType });
        outcome.notes.push(
          t(language, 'upload.notKept', { name: file.name, limit: `${Math.round(MAX_STORED_CERTIFICATE_BYTES / 1024)} KB` }),
        );
      }
      certificatesChanged = true;
      outcome.readNames.push(file.name);
      certificateNames.push(file.name);
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
      const certificatesOnly = pemCertificates ? new TextEncoder().encode(pemCertificates.join('\n')) : undefined;
      if (!certificatesOnly) transient.push({ name: file.name, bytes: file.bytes, contentType: file.contentType });
      else if (!keep(state, file.name, certificatesOnly)) transient.push({ name: file.name, bytes: certificatesOnly });
      certificatesChanged = true;
      outcome.readNames.push(file.name);
      certificateNames.push(file.name);
    } else {
      outcome.notes.push(t(language, 'upload.notReadable', { name: file.name }));
    }
  }

  if (certificatesChanged) {
    const files: UploadedFile[] = [
      ...state.certificateFiles.map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
      ...transient,
    ];
    const analyse = options.analyseCertificates ?? analyseCertificateFilesOffThread;
    const analysis = await analyse(files, { hostNames: options.hostNames });
    if (analysis.stopped) {
      // Not analysed (time budget, busy, failure): this turn's files are not kept, or every later
      // upload in the conversation would run into the same wall; what was known before stays.
      state.certificateFiles = keptBefore;
      outcome.readNames = outcome.readNames.filter((name) => !certificateNames.includes(name));
      for (const issue of analysis.fileIssues) outcome.notes.push(issue.message[language]);
      return outcome;
    }
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
