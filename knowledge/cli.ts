/**
 * The diagnosis from the command line:
 *   npm run --silent diagnose -- [--json] [--lang de|en] [--answer QUESTION=OPTION]... FILE...
 *   npm run --silent diagnose -- --list-causes [--json] [--lang de|en]
 * ("-" reads standard input). `--answer` walks the separating questions without a dialog, so a
 * script or a support engineer reaches the answer the bot would give after those clicks.
 * Exit code 0 for any verdict (and for --help); 2 for usage errors, 1 for unreadable files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseInputs } from './analyseInputs';
import { answerQuestion, diagnose, findQuestion } from './diagnose';
import { loadKnowledgeBase } from './knowledgeBase';
import { catalogueEntries, catalogueTable } from './causeCatalogue';
import { render } from './render/render';
import { describeCertificateAnalysis } from './certificates';
import { REDACTION_NOTICE } from './redact';
import type { UploadedFile } from './certificates/types';
import type { Diagnosis, Finding, Language, RenderedReply } from './types';
import type { InputsAnalysis } from './analyseInputs';
import { COLLECT_USAGE, collectScriptCommand } from './collect/cliCollect';

/** Files are read up to this many bytes; the analysers apply their own, smaller caps and say so. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

const USAGE = `usage: npm run --silent diagnose -- [--json] [--lang de|en] [--answer QUESTION=OPTION]... FILE...
  FILE      a pasted error, log, event, cmdlet output or certificate file; "-" reads standard input
  --json    print one JSON object instead of the readable report
  --lang    answer in German (de) or English (en); default: the language of the input
  --answer  answer a question the diagnosis asks, e.g. --answer internal-issuer=yes or
            --answer route=dont-know; repeat it for several questions (each is used when its
            question comes up)
  --list-causes  print the catalogue of causes (id, level, reference, title; with --json as
            one object, with --lang in German or English) instead of diagnosing; no FILE
  --help    print this help`;

class UsageError extends Error {}
/** --help: the usage goes to standard output and the exit code is 0. */
class HelpRequested extends Error {}

export interface CliAnswer {
  question: string;
  option: string;
}
interface CliArgs {
  json: boolean;
  listCauses: boolean;
  lang?: Language;
  files: string[];
  answers: CliAnswer[];
}

/** Checks `QUESTION=OPTION` against the knowledge base, so a typo is a usage error, not a silent no-op. */
function parseAnswer(value: string | undefined): CliAnswer {
  const m = /^([a-z0-9-]{1,60})=([a-z0-9-]{1,60})$/.exec(value ?? '');
  if (!m) throw new UsageError(`--answer takes QUESTION=OPTION (for example internal-issuer=yes), not ${JSON.stringify(value ?? '')}`);
  const question = findQuestion(m[1]);
  if (!question) {
    const known = loadKnowledgeBase()
      .questions.map((q) => q.id)
      .join(', ');
    throw new UsageError(`--answer: there is no question "${m[1]}" (questions: ${known})`);
  }
  if (!question.options.some((o) => o.id === m[2])) {
    throw new UsageError(`--answer: question "${m[1]}" has no option "${m[2]}" (options: ${question.options.map((o) => o.id).join(', ')})`);
  }
  return { question: m[1], option: m[2] };
}

export function parseArgs(argv: string[]): CliArgs {
  const args: CliArgs = { json: false, listCauses: false, files: [], answers: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') args.json = true;
    else if (a === '--list-causes') args.listCauses = true;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v !== 'de' && v !== 'en') throw new UsageError(`--lang takes "de" or "en", not ${JSON.stringify(v ?? '')}`);
      args.lang = v;
    } else if (a === '--answer' || a.startsWith('--answer=')) {
      const answer = parseAnswer(a.includes('=') ? a.slice(9) : argv[++i]);
      if (args.answers.some((x) => x.question === answer.question))
        throw new UsageError(`--answer: question "${answer.question}" is answered twice`);
      args.answers.push(answer);
    } else if (a === '--help' || a === '-h') throw new HelpRequested();
    else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
    else args.files.push(a);
  }
  if (args.listCauses) {
    if (args.files.length > 0 || args.answers.length > 0) throw new UsageError('--list-causes takes no FILE and no --answer');
    return args;
  }
  if (args.files.length === 0) throw new UsageError('no input file given');
  return args;
}

export interface WalkedQuestions {
  diagnosis: Diagnosis;
  /** The findings the diagnosis saw: the inputs' plus the answers'. */
  findings: Finding[];
  /** Answers that were used, in the order their questions came up. */
  used: CliAnswer[];
  /** Answers whose question never came up (the input answered it, or another answer made it moot). */
  unused: CliAnswer[];
}

/**
 * Answers each question the diagnosis asks with the given option, as the bot does after a
 * button press, until it asks a question nobody answered or it stops asking.
 */
export function walkQuestions(findings: Finding[], answers: CliAnswer[]): WalkedQuestions {
  let all = [...findings];
  let diagnosis = diagnose(all);
  const used: CliAnswer[] = [];
  while (diagnosis.verdict === 'ask' && diagnosis.question) {
    const asked = diagnosis.question;
    const answer = answers.find((a) => a.question === asked.id && !used.includes(a));
    if (!answer) break;
    used.push(answer);
    all = [...all, ...answerQuestion(asked, answer.option)];
    diagnosis = diagnose(all);
  }
  return { diagnosis, findings: all, used, unused: answers.filter((a) => !used.includes(a)) };
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

/** What `--json` prints (one object per run). */
export type DiagnoseJson = ReturnType<typeof toJson>;

export function toJson(
  analysis: InputsAnalysis,
  reply: RenderedReply,
  answers: Pick<WalkedQuestions, 'used' | 'unused'> = { used: [], unused: [] },
) {
  const d = analysis.diagnosis;
  return {
    verdict: d.verdict,
    /** The matched cause: { id, level, reference, url }, null unless verdict is "match". */
    cause: d.verdict === 'match' ? d.cause : null,
    /** @deprecated alias of cause.id in the previous release's form ("KB3212877"), for one release. */
    article: d.verdict === 'match' ? d.article : null,
    confidence: d.confidence,
    candidates: d.candidates,
    ...(reply.kind === 'ask' ? { question: { id: reply.questionId, text: reply.text, options: reply.options } } : {}),
    ...(answers.used.length > 0 || answers.unused.length > 0 ? { answers: answers.used, unusedAnswers: answers.unused } : {}),
    findings: analysis.findings.map((f) => ({ kind: f.kind, value: f.value, excerpt: f.excerpt })),
    ...(reply.kind === 'match' ? { commands: reply.commands.map((c) => c.script) } : {}),
    ...(reply.kind === 'no_match'
      ? {
          lookalikes: reply.lookalikes,
          ...(reply.checks ? { checks: reply.checks } : {}),
          ...(reply.pasteNext ? { pasteNext: reply.pasteNext } : {}),
        }
      : {}),
    ...(analysis.certificates
      ? {
          certificates: analysis.certificates.certificates.map((c) => ({
            fileName: c.fileName,
            subject: c.subject,
            issuer: c.issuer,
            thumbprint: c.thumbprint,
            notAfter: c.notAfter,
            problems: c.problems,
          })),
          chains: analysis.certificates.chains.map((c) => ({
            status: c.status,
            subjects: c.subjects,
            missingIssuer: c.missingIssuer,
            missingIssuerUrls: c.missingIssuerUrls,
            root: c.root,
            rootFromStore: c.rootFromStore,
            internalReasons: c.internalReasons,
          })),
          pairs: analysis.certificates.pairs,
          fileIssues: analysis.certificates.fileIssues.map((i) => ({
            fileName: i.fileName,
            kind: i.kind,
            message: i.message[analysis.language],
          })),
        }
      : {}),
    notices: reply.notices,
    language: analysis.language,
  };
}

export function toText(analysis: InputsAnalysis, reply: RenderedReply): string {
  const lines: string[] = [];
  const de = analysis.language === 'de';
  const heading = (en: string, german: string) => lines.push('', de ? german : en);
  if (reply.kind === 'match') {
    lines.push(
      `${reply.kb}: ${reply.title}`,
      `(${de ? 'Trefferwahrscheinlichkeit' : 'confidence'} ${Math.round(reply.confidence * 100)} %)  ${reply.url}`,
    );
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
    for (const o of reply.options) {
      lines.push(`  [${o.id}] ${o.text}`);
      if (o.howToCheck) lines.push(`        ${de ? 'So prüfen Sie das' : 'How to check'}: ${o.howToCheck}`);
    }
    lines.push(
      '',
      de
        ? `Antwort von der Befehlszeile: --answer ${reply.questionId}=<Option>, zum Beispiel --answer ${reply.questionId}=${reply.options[0]?.id ?? 'dont-know'}`
        : `Answer from the command line: --answer ${reply.questionId}=<option>, for example --answer ${reply.questionId}=${reply.options[0]?.id ?? 'dont-know'}`,
    );
    if (reply.evidence.length > 0) {
      heading('What I found so far:', 'Was ich bisher gefunden habe:');
      for (const e of reply.evidence) lines.push(`  - ${e.label}: ${e.excerpt}`);
    }
  } else {
    lines.push(reply.text);
    for (const l of reply.lookalikes) lines.push('', `  * ${l.title}${l.reference ? ` (${l.reference})` : ''}`, `    ${l.hint}`);
    for (const c of reply.checks ?? [])
      lines.push('', `  * ${c.reference ? `${c.reference}: ` : ''}${c.title}`, ...c.checks.map((check) => `    - ${check}`));
    if (reply.pasteNext) lines.push('', reply.pasteNext);
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
  const collected = collectScriptCommand(argv, { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) });
  if (collected !== undefined) return collected;
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof HelpRequested) {
      process.stdout.write(`${USAGE}\n${COLLECT_USAGE}\n`);
      return 0;
    }
    process.stderr.write(`diagnose: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.listCauses) {
    const language = args.lang ?? 'en';
    process.stdout.write(
      args.json ? `${JSON.stringify({ causes: catalogueEntries(language), language }, null, 2)}\n` : `${catalogueTable(language)}\n`,
    );
    return 0;
  }
  const files: UploadedFile[] = [];
  for (const file of args.files) {
    try {
      files.push({ name: file === '-' ? 'stdin.txt' : file, bytes: readInput(file) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const reason =
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EACCES'
            ? 'permission denied'
            : code === 'EISDIR'
              ? 'is a directory'
              : (err as Error).message;
      const where = file === '-' || resolveInput(file) === file ? file : `${file} (looked for ${resolveInput(file)})`;
      process.stderr.write(`diagnose: cannot read ${where}: ${reason}\n`);
      return 1;
    }
  }
  const inputs = await analyseInputs([], files, { language: args.lang });
  const walked = walkQuestions(inputs.findings, args.answers);
  const analysis: InputsAnalysis = { ...inputs, diagnosis: walked.diagnosis, findings: walked.findings };
  const notices = analysis.redacted ? [REDACTION_NOTICE[analysis.language]] : [];
  const reply = render(analysis.diagnosis, analysis.language, { truncated: analysis.truncated, notices });
  for (const a of walked.unused)
    process.stderr.write(`diagnose: --answer ${a.question}=${a.option} was not used: that question did not come up\n`);
  process.stdout.write(args.json ? `${JSON.stringify(toJson(analysis, reply, walked), null, 2)}\n` : `${toText(analysis, reply)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`diagnose: internal error: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
