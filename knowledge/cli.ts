/**
 * The diagnosis from the command line:
 *   npm run --silent diagnose -- [--json] [--lang de|en] FILE...   ("-" reads standard input)
 * Exit code 0 for any verdict; 2 for usage errors, 1 for unreadable files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseInputs } from './analyseInputs';
import { render } from './render/render';
import { describeCertificateAnalysis } from './certificates';
import { REDACTION_NOTICE } from './redact';
import type { UploadedFile } from './certificates/types';
import type { Language, RenderedReply } from './types';
import type { InputsAnalysis } from './analyseInputs';

/** Files are read up to this many bytes; the analysers apply their own, smaller caps and say so. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const USAGE = `usage: npm run --silent diagnose -- [--json] [--lang de|en] FILE...
  FILE   a pasted error, log, event, cmdlet output or certificate file; "-" reads standard input
  --json print one JSON object instead of the readable report
  --lang answer in German (de) or English (en); default: the language of the input`;

class UsageError extends Error {}

interface CliArgs { json: boolean; lang?: Language; files: string[] }

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { json: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v !== 'de' && v !== 'en') throw new UsageError(`--lang takes "de" or "en", not ${JSON.stringify(v ?? '')}`);
      args.lang = v;
    } else if (a === '--help' || a === '-h') throw new UsageError('');
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (args.files.length === 0) throw new UsageError('no input file given');
  return args;
}

/** `npm run` starts scripts in the package folder; relative paths mean the folder the user typed them in. */
export function resolveInput(file: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.INIT_CWD ?? process.cwd(), file);
}

function readInput(file: string): Buffer {
  if (file === '-') return fs.readFileSync(0).subarray(0, MAX_FILE_BYTES);
  const fd = fs.openSync(resolveInput(file), 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (fs.fstatSync(fd).isDirectory()) throw new Error('is a directory');
    const buffer = Buffer.alloc(Math.min(size, MAX_FILE_BYTES));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}

export function toJson(analysis: InputsAnalysis, reply: RenderedReply): object {
  const d = analysis.diagnosis;
  return {
    verdict: d.verdict,
    article: d.verdict === 'match' ? d.article : null,
    confidence: d.confidence,
    candidates: d.candidates,
    ...(reply.kind === 'ask' ? { question: { id: reply.questionId, text: reply.text, options: reply.options } } : {}),
    findings: analysis.findings.map((f) => ({ kind: f.kind, value: f.value, excerpt: f.excerpt })),
    ...(reply.kind === 'match' ? { commands: reply.commands.map((c) => c.script) } : {}),
    ...(reply.kind === 'no_match' ? { lookalikes: reply.lookalikes } : {}),
    ...(analysis.certificates ? {
      certificates: analysis.certificates.certificates.map((c) => ({
        fileName: c.fileName, subject: c.subject, issuer: c.issuer, thumbprint: c.thumbprint, notAfter: c.notAfter, problems: c.problems,
      })),
      chains: analysis.certificates.chains.map((c) => ({
        status: c.status, subjects: c.subjects, missingIssuer: c.missingIssuer, missingIssuerUrls: c.missingIssuerUrls, root: c.root,
        rootFromStore: c.rootFromStore, internalReasons: c.internalReasons,
      })),
      pairs: analysis.certificates.pairs,
      fileIssues: analysis.certificates.fileIssues.map((i) => ({ fileName: i.fileName, kind: i.kind, message: i.message[analysis.language] })),
    } : {}),
    notices: reply.notices,
    language: analysis.language,
  };
}

export function toText(analysis: InputsAnalysis, reply: RenderedReply): string {
  const lines: string[] = [];
  const de = analysis.language === 'de';
  const heading = (en: string, german: string) => lines.push('', de ? german : en);
  if (reply.kind === 'match') {
    lines.push(`${reply.kb}: ${reply.title}`, `(${de ? 'Konfidenz' : 'confidence'} ${Math.round(reply.confidence * 100)} %)  ${reply.url}`);
    heading('Cause:', 'Ursache:');
    lines.push(`  ${reply.cause}`);
    heading('Why I think so:', 'Warum ich das annehme:');
    for (const e of reply.evidence) lines.push(`  - ${e.label}`, `      ${e.excerpt}`);
    heading('Steps:', 'Schritte:');
    reply.steps.forEach((s, i) => lines.push(`  ${i + 1}. ${s}`));
    heading('PowerShell:', 'PowerShell:');
    for (const c of reply.commands) lines.push(`  # ${c.label}`, `  ${c.script}`);
    heading('Verify:', 'Prüfen:');
    for (const v of reply.verify) lines.push(`  - ${v}`);
    if (reply.ruleOut.length > 0) {
      heading('Rule out other causes:', 'Andere Ursachen ausschließen:');
      for (const r of reply.ruleOut) lines.push(`  - ${r}`);
    }
  } else if (reply.kind === 'ask') {
    lines.push(reply.text);
    for (const o of reply.options) lines.push(`  [${o.id}] ${o.text}`);
    if (reply.evidence.length > 0) {
      heading('What I found so far:', 'Was ich bisher gefunden habe:');
      for (const e of reply.evidence) lines.push(`  - ${e.label}: ${e.excerpt}`);
    }
  } else {
    lines.push(reply.text);
    for (const l of reply.lookalikes) lines.push('', `  * ${l.title}${l.reference ? ` (${l.reference})` : ''}`, `    ${l.hint}`);
    if (reply.evidence.length > 0) {
      heading('What I found:', 'Was ich gefunden habe:');
      for (const e of reply.evidence) lines.push(`  - ${e.label}: ${e.excerpt}`);
    }
  }
  if (analysis.certificates) {
    heading('Certificates:', 'Zertifikate:');
    for (const line of describeCertificateAnalysis(analysis.certificates, analysis.language)) lines.push(`  ${line}`);
  }
  for (const n of reply.notices) lines.push('', `! ${n}`);
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    const message = (err as Error).message;
    process.stderr.write(`${message ? `diagnose: ${message}\n` : ''}${USAGE}\n`);
    return 2;
  }
  const files: UploadedFile[] = [];
  for (const file of args.files) {
    try {
      files.push({ name: file === '-' ? 'stdin.txt' : file, bytes: readInput(file) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
      const where = file === '-' || resolveInput(file) === file ? file : `${file} (looked for ${resolveInput(file)})`;
      process.stderr.write(`diagnose: cannot read ${where}: ${reason}\n`);
      return 1;
    }
  }
  const analysis = await analyseInputs([], files, { language: args.lang });
  const notices = analysis.redacted ? [REDACTION_NOTICE[analysis.language]] : [];
  const reply = render(analysis.diagnosis, analysis.language, { truncated: analysis.truncated, notices });
  process.stdout.write(args.json ? `${JSON.stringify(toJson(analysis, reply), null, 2)}\n` : `${toText(analysis, reply)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => {
    process.stderr.write(`diagnose: internal error: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
