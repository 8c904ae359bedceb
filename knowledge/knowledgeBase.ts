/**
 * Loads the catalogue of causes: every folder of knowledge/causes/ that holds a cause.json is one
 * cause (validated against causes/cause.schema.json), with the code of the values its commands fill
 * (values.ts in the same folder, if it declares values). Adding a cause is adding a folder: nothing
 * here, in diagnose() or in the renderer changes, and nothing outside the folder names the cause.
 *
 * A cause has a level: `answer` (cause, steps, filled commands, verify) or `hint` (named with its
 * checks, never claimed). Promoting a hint changes its level and adds its steps, in the same file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { isFindingKind } from './evidence/findingKinds';
import { canonicalCauseId } from './causeIds';
import type { CauseLevel, Finding, LocalizedText, Question } from './types';

export interface EvidenceRule {
  kind: string;
  value?: string;
  weight: number;
}

export interface ExcludeRule {
  kind: string;
  value?: string;
  /** How strongly the finding speaks against the cause: its score is multiplied by (1 - weight); default 0.8. */
  weight?: number;
}

export interface FindingCondition {
  kind: string;
  value?: string;
}

export interface ArticleCommand {
  id: string;
  label: LocalizedText;
  template: string;
  /** Shown only when one of these findings is present (e.g. the IIS SMTP restart for an IIS SMTP sender). */
  when?: FindingCondition[];
  /** Not shown when one of these findings is present. */
  unless?: FindingCondition[];
  /** The fix the answer card shows on its first screen (else the cause's first command). */
  main?: boolean;
}

/** A step of an answer: a sentence in both languages, shown only when its conditions hold. */
export interface ArticleStep extends LocalizedText {
  when?: FindingCondition[];
  unless?: FindingCondition[];
}

export type { CauseLevel } from './types';

/** A value a cause's commands and sentences fill ({name}), declared in its cause.json. */
export interface CauseValue {
  /** Shown while the value is unknown, e.g. "<server FQDN>". */
  placeholder: LocalizedText;
  /** The placeholder is a usable default taken from the article (an example path), not an unknown. */
  placeholderIsExample?: boolean;
  /** How an updated answer names a newly filled value, with {value}. */
  reported?: LocalizedText;
}

/** A distinctive string that is evidence on its own (error code, event id, phrase), declared as data. */
export interface Recogniser {
  kind: string;
  value: string;
  codes?: string[];
  phrases?: { en?: string[]; de?: string[] };
  label: LocalizedText;
}

/**
 * The code of a cause's values (values.ts in its folder): findings in, a value per declared name
 * out; `undefined` leaves the placeholder, `null` says the case has no such value at all (commands
 * that need it are left out, never half-filled). Values are checked before they enter PowerShell.
 */
export type CauseValuesFunction = (findings: Finding[]) => Record<string, string | null | undefined>;

interface CauseCommon {
  id: string;
  level: CauseLevel;
  /** The Microsoft source: "KB 3212877", a document title, or empty for some hints. */
  reference: string;
  url?: string;
  title: LocalizedText;
  evidence: { supports: EvidenceRule[]; excludes: ExcludeRule[]; requires?: FindingCondition[] };
  questions: Question[];
  /** How to confirm this cause, for the answer that lists the checks separating several causes. */
  checks?: LocalizedText[];
  values: Record<string, CauseValue>;
  recognisers: Recogniser[];
  /** The folder the cause was loaded from (for messages). */
  folder: string;
  /** The cause's values code, when it declares values. */
  computeValues?: CauseValuesFunction;
}

export interface AnswerCause extends CauseCommon {
  level: 'answer';
  /** The reference again, under the name the renderer and the dialogs know ("KB 3212877"). */
  kb: string;
  url: string;
  scenario: LocalizedText;
  symptoms: LocalizedText[];
  cause: LocalizedText;
  steps: ArticleStep[];
  commands: ArticleCommand[];
  verify: LocalizedText[];
  ruleOut: LocalizedText[];
}

export interface HintCause extends CauseCommon {
  level: 'hint';
  hint: LocalizedText;
}

/** Not a TLS-certificate problem: said on the first screen with its one-line cause and first check, never answered with a fix. */
export interface OutOfScopeCause extends CauseCommon {
  level: 'out-of-scope';
  url: string;
  oneLine: LocalizedText;
  firstCheck: LocalizedText;
}

export type Cause = AnswerCause | HintCause | OutOfScopeCause;
/** An `answer` cause (the name the engine used before causes had levels). */
export type Article = AnswerCause;
/** A `hint` cause (the name the engine used before causes had levels). */
export type LookalikeEntry = HintCause;

export interface KnowledgeBase {
  /** Every cause, in folder order. */
  causes: Cause[];
  /** The `answer` causes. */
  articles: AnswerCause[];
  /** The `hint` causes. */
  lookalikes: HintCause[];
  /** The `out-of-scope` causes: errors that are not about TLS certificates. */
  outOfScope: OutOfScopeCause[];
  questions: Question[];
  /** Every cause's recognisers, with the cause that declares them. */
  recognisers: Array<Recogniser & { cause: string }>;
}

/** A data file failed validation; the message names the file and the field. */
export class KnowledgeBaseError extends Error {}

/** The folder holding knowledge/ data (its causes/ folder), found from the compiled or the source location. */
export function knowledgeDataDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'knowledge', 'causes');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'knowledge');
    dir = path.dirname(dir);
  }
  throw new KnowledgeBaseError('knowledge/causes not found next to package.json');
}

function describeErrors(file: string, errors: ErrorObject[] | null | undefined): string {
  const parts = (errors ?? [])
    .filter((e) => e.keyword !== 'if')
    .slice(0, 5)
    .map((e) => {
      const field = e.instancePath || '(top level)';
      const extra =
        e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : '';
      return `${field} ${e.message ?? 'is invalid'}${extra}`;
    });
  return `${file}: ${parts.join('; ')}`;
}

function readJson(file: string, name: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KnowledgeBaseError(`${name}: not valid JSON (${(err as Error).message})`);
  }
}

const schemaCache = new Map<string, ReturnType<Ajv['compile']>>();
function compiledSchema(file: string): ReturnType<Ajv['compile']> {
  let validate = schemaCache.get(file);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(readJson(file, path.basename(file)) as object);
    schemaCache.set(file, validate);
  }
  return validate;
}

/** Every finding reference in a cause, with where it is (for messages). */
function findingReferences(data: Record<string, unknown>): Array<{ at: string; kind: string }> {
  const out: Array<{ at: string; kind: string }> = [];
  const walk = (node: unknown, at: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}/${i}`));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.kind === 'string') out.push({ at: `${at}/kind`, kind: record.kind });
      for (const [key, child] of Object.entries(record)) if (key !== 'recognisers') walk(child, `${at}/${key}`);
    }
  };
  walk(data, '');
  return out;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The {names} used by the cause's commands and sentences (not its value declarations, which use {value}). */
function placeholdersUsed(data: Record<string, unknown>): Array<{ at: string; name: string }> {
  const out: Array<{ at: string; name: string }> = [];
  const walk = (node: unknown, at: string) => {
    if (typeof node === 'string') for (const m of node.matchAll(PLACEHOLDER)) out.push({ at, name: m[1] });
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${at}/${i}`));
    else if (node && typeof node === 'object')
      for (const [key, child] of Object.entries(node as Record<string, unknown>))
        if (key !== 'values' && key !== 'recognisers' && key !== 'questions') walk(child, `${at}/${key}`);
  };
  walk(data, '');
  return out;
}

/** The compiled values code of a cause: values.js beside its data, else the build of knowledge/causes/<folder>/values.ts. */
function valuesModule(causeDir: string, folder: string): string | undefined {
  const beside = path.join(causeDir, 'values.js');
  if (fs.existsSync(beside)) return beside;
  if (!fs.existsSync(path.join(causeDir, 'values.ts'))) return undefined;
  const compiled = path.join(__dirname, 'causes', folder, 'values.js');
  return fs.existsSync(compiled) ? compiled : undefined;
}

function loadValuesCode(file: string, name: string): CauseValuesFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a cause folder's code is found by listing the folder
  const mod = require(file) as { values?: unknown };
  if (typeof mod.values !== 'function') throw new KnowledgeBaseError(`${name}: values.ts does not export a function "values"`);
  return mod.values as CauseValuesFunction;
}

/** Validates one parsed cause; throws KnowledgeBaseError naming the file and the field. */
export function validateCause(data: unknown, causeDir: string, knownKinds: ReadonlySet<string>, schemaDir: string): Cause {
  const folder = path.basename(causeDir);
  const name = `${folder}/cause.json`;
  const validate = compiledSchema(path.join(schemaDir, 'cause.schema.json'));
  if (!validate(data)) throw new KnowledgeBaseError(describeErrors(name, validate.errors));
  const raw = data as Record<string, unknown> & { id: string; level: CauseLevel; reference: string };
  // The id is the folder's name; a cause.json of the previous release may still spell it "KB3212877".
  if (canonicalCauseId(raw.id) !== folder) {
    throw new KnowledgeBaseError(`${name}: /id '${raw.id}' does not match the folder name (expected ${folder})`);
  }
  for (const { at, kind } of findingReferences(raw)) {
    if (!isFindingKind(kind) && !knownKinds.has(kind)) {
      throw new KnowledgeBaseError(
        `${name}: ${at} names the unknown finding kind '${kind}' (knowledge/evidence/findingKinds.ts lists the kinds; a cause declares its own in "recognisers")`,
      );
    }
  }
  const values = (raw.values ?? {}) as Record<string, CauseValue>;
  for (const { at, name: used } of placeholdersUsed(raw)) {
    if (!(used in values)) throw new KnowledgeBaseError(`${name}: ${at} uses unknown placeholder {${used}} (declare it in "values")`);
  }
  const code = valuesModule(causeDir, folder);
  if (Object.keys(values).length > 0 && !code) throw new KnowledgeBaseError(`${name}: declares values but ${folder}/values.ts is missing`);
  const evidence = raw.evidence as CauseCommon['evidence'];
  const cause = {
    ...raw,
    id: folder,
    evidence: { ...evidence, excludes: evidence.excludes ?? [] },
    questions: (raw.questions ?? []) as Question[],
    values,
    recognisers: (raw.recognisers ?? []) as Recogniser[],
    folder,
    ...(code ? { computeValues: loadValuesCode(code, name) } : {}),
    ...(raw.level === 'answer' ? { kb: raw.reference } : {}),
  } as unknown as Cause;
  delete (cause as unknown as Record<string, unknown>).$schema;
  return cause;
}

let cached: KnowledgeBase | undefined;

/** The folders of knowledge/causes that hold a cause, in name order. */
function causeFolders(causesDir: string): string[] {
  return fs
    .readdirSync(causesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(causesDir, entry.name, 'cause.json')))
    .map((entry) => entry.name)
    .sort();
}

/** Loads and validates every cause once; later calls reuse the result. `dataDir` is a knowledge/ folder (for tests). */
export function loadKnowledgeBase(dataDir?: string): KnowledgeBase {
  if (cached && !dataDir) return cached;
  const dir = dataDir ?? knowledgeDataDir();
  const causesDir = path.join(dir, 'causes');
  if (!fs.existsSync(causesDir)) throw new KnowledgeBaseError(`${causesDir}: no causes folder`);
  const folders = causeFolders(causesDir);
  if (folders.length === 0) throw new KnowledgeBaseError(`${causesDir}: no cause folders (each holds a cause.json)`);
  const parsed = folders.map((folder) => ({ folder, data: readJson(path.join(causesDir, folder, 'cause.json'), `${folder}/cause.json`) }));
  // Kinds that only a cause recognises are declared by its recognisers; any cause may weigh them.
  const declared = new Set<string>();
  for (const { data } of parsed) {
    const recognisers = (data as { recognisers?: unknown }).recognisers;
    if (Array.isArray(recognisers))
      for (const r of recognisers) if (r && typeof (r as Recogniser).kind === 'string') declared.add((r as Recogniser).kind);
  }
  const schemaDir = fs.existsSync(path.join(causesDir, 'cause.schema.json')) ? causesDir : path.join(knowledgeDataDir(), 'causes');
  const causes = parsed.map(({ folder, data }) => validateCause(data, path.join(causesDir, folder), declared, schemaDir));

  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const cause of causes) {
    for (const q of cause.questions) {
      const owner = seen.get(q.id);
      if (owner) throw new KnowledgeBaseError(`${cause.folder}/cause.json: /questions id '${q.id}' is already defined in ${owner}`);
      seen.set(q.id, `${cause.folder}/cause.json`);
      questions.push(q);
    }
  }
  const kb: KnowledgeBase = {
    causes,
    articles: causes.filter((c): c is AnswerCause => c.level === 'answer'),
    lookalikes: causes.filter((c): c is HintCause => c.level === 'hint'),
    outOfScope: causes.filter((c): c is OutOfScopeCause => c.level === 'out-of-scope'),
    questions,
    recognisers: causes.flatMap((c) => c.recognisers.map((r) => ({ ...r, cause: c.id }))),
  };
  if (!dataDir) cached = kb;
  return kb;
}

/**
 * The cause an id names, also as stored or written by earlier versions ("KB3212877" for
 * `kb3212877`); undefined for an id the catalogue does not know.
 */
export function findCause(id: string | null | undefined, kb: KnowledgeBase = loadKnowledgeBase()): Cause | undefined {
  if (!id) return undefined;
  const wanted = canonicalCauseId(id);
  return kb.causes.find((c) => c.id === wanted);
}

/** The `answer` cause an id names (in either form), or undefined. */
export function findArticle(id: string | null | undefined, kb: KnowledgeBase = loadKnowledgeBase()): AnswerCause | undefined {
  const cause = findCause(id, kb);
  return cause?.level === 'answer' ? cause : undefined;
}
