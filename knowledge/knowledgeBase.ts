/**
 * Loads the article and look-alike data files and validates each against its JSON schema.
 * Adding an article is adding a `kb*.json` file to knowledge/articles: nothing here changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';
import { COMMAND_VALUE_NAMES } from './render/commandValues';
import type { LocalizedText, Question } from './types';

export interface EvidenceRule {
  kind: string;
  value?: string;
  weight: number;
}

export interface ExcludeRule {
  kind: string;
  value?: string;
  /** How strongly the finding speaks against the article: its score is multiplied by (1 - weight); default 0.8. */
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
  /** The fix the answer card shows on its first screen (else the article's first command). */
  main?: boolean;
}

/** A step of an article: a sentence in both languages, shown only when its conditions hold. */
export interface ArticleStep extends LocalizedText {
  when?: FindingCondition[];
  unless?: FindingCondition[];
}

export interface Article {
  id: string;
  kb: string;
  url: string;
  title: LocalizedText;
  scenario: LocalizedText;
  symptoms: LocalizedText[];
  cause: LocalizedText;
  steps: ArticleStep[];
  commands: ArticleCommand[];
  verify: LocalizedText[];
  ruleOut: LocalizedText[];
  evidence: { supports: EvidenceRule[]; excludes: ExcludeRule[] };
  questions: Question[];
  /** How to confirm this cause, for the answer that lists the checks separating several causes. */
  checks?: LocalizedText[];
}

export interface LookalikeEntry {
  id: string;
  reference: string;
  title: LocalizedText;
  hint: LocalizedText;
  evidence: { supports: EvidenceRule[] };
}

export interface KnowledgeBase {
  articles: Article[];
  lookalikes: LookalikeEntry[];
  questions: Question[];
}

/** A data file failed validation; the message names the file and the field. */
export class KnowledgeBaseError extends Error {}

/** The folder holding knowledge/ data, found from the compiled or the source location. */
export function knowledgeDataDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'knowledge', 'articles');
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'knowledge');
    dir = path.dirname(dir);
  }
  throw new KnowledgeBaseError('knowledge/articles not found next to package.json');
}

function describeErrors(file: string, errors: ErrorObject[] | null | undefined): string {
  const parts = (errors ?? []).slice(0, 5).map((e) => {
    const field = e.instancePath || '(top level)';
    const extra =
      e.keyword === 'additionalProperties' ? ` '${String((e.params as { additionalProperty?: string }).additionalProperty)}'` : '';
    return `${field} ${e.message ?? 'is invalid'}${extra}`;
  });
  return `${file}: ${parts.join('; ')}`;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new KnowledgeBaseError(`${path.basename(file)}: not valid JSON (${(err as Error).message})`);
  }
}

/** Validates one parsed article; throws KnowledgeBaseError naming the file and the field. */
export function validateArticle(data: unknown, fileName: string, schemaDir = path.join(knowledgeDataDir(), 'articles')): Article {
  const validate = compiledSchema(path.join(schemaDir, 'article.schema.json'));
  if (!validate(data)) throw new KnowledgeBaseError(describeErrors(fileName, validate.errors));
  const article = data as Article;
  const expectedFile = `${article.id.toLowerCase()}.json`;
  if (path.basename(fileName) !== expectedFile) {
    throw new KnowledgeBaseError(`${fileName}: /id '${article.id}' does not match the file name (expected ${expectedFile})`);
  }
  const placeholders = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
  for (const [i, command] of article.commands.entries()) {
    for (const m of command.template.matchAll(placeholders)) {
      if (!COMMAND_VALUE_NAMES.includes(m[1])) {
        throw new KnowledgeBaseError(`${fileName}: /commands/${i}/template uses unknown placeholder {${m[1]}}`);
      }
    }
  }
  return article;
}

const schemaCache = new Map<string, ReturnType<Ajv['compile']>>();
function compiledSchema(file: string): ReturnType<Ajv['compile']> {
  let validate = schemaCache.get(file);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    validate = ajv.compile(readJson(file) as object);
    schemaCache.set(file, validate);
  }
  return validate;
}

let cached: KnowledgeBase | undefined;

/** Loads and validates every data file once; later calls reuse the result. */
export function loadKnowledgeBase(dataDir?: string): KnowledgeBase {
  if (cached && !dataDir) return cached;
  const dir = dataDir ?? knowledgeDataDir();
  const articleDir = path.join(dir, 'articles');
  const files = fs
    .readdirSync(articleDir)
    .filter((f) => /^kb\d+\.json$/i.test(f))
    .sort();
  if (files.length === 0) throw new KnowledgeBaseError(`${articleDir}: no kb*.json article files`);
  const articles = files.map((f) => validateArticle(readJson(path.join(articleDir, f)), f, articleDir));

  const lookalikeFile = path.join(dir, 'lookalikes', 'neighbours.json');
  const validateLookalikes = compiledSchema(path.join(dir, 'lookalikes', 'lookalike.schema.json'));
  const lookalikeData = readJson(lookalikeFile);
  if (!validateLookalikes(lookalikeData)) throw new KnowledgeBaseError(describeErrors('neighbours.json', validateLookalikes.errors));
  const lookalikes = (lookalikeData as { lookalikes: LookalikeEntry[] }).lookalikes;

  const questions: Question[] = [];
  const seen = new Map<string, string>();
  for (const article of articles) {
    for (const q of article.questions) {
      const owner = seen.get(q.id);
      if (owner) throw new KnowledgeBaseError(`${article.id.toLowerCase()}.json: /questions id '${q.id}' is already defined in ${owner}`);
      seen.set(q.id, `${article.id.toLowerCase()}.json`);
      questions.push(q);
    }
  }
  const kb = { articles, lookalikes, questions };
  if (!dataDir) cached = kb;
  return kb;
}
