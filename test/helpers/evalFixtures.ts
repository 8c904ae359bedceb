/**
 * The labelled cases of the project's eval sets (test/knowledge/fixtures/, see its README), read
 * once: the eval test scores them, other tests use their texts as real-world pastes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from './paths';

export interface EvalCase {
  id: string;
  lang: 'de' | 'en';
  text: string;
  expect: string;
  accept_ask?: boolean;
  expect_command_contains?: string;
  /** A value the answer's PowerShell must not contain (say, the self-signed certificate's thumbprint). */
  expect_command_not_contains?: string;
  note?: string;
}

export const EVAL_FIXTURES_DIR = path.join(projectRoot(), 'test', 'knowledge', 'fixtures');

const byFile = new Map<string, EvalCase[]>();

/** The cases of one eval set file, in file order. */
export function evalCases(file: string): EvalCase[] {
  let cases = byFile.get(file);
  if (!cases) {
    cases = JSON.parse(fs.readFileSync(path.join(EVAL_FIXTURES_DIR, file), 'utf8')) as EvalCase[];
    byFile.set(file, cases);
  }
  return cases;
}

/** Every case of every eval set, with the file it is from. */
export function allEvalCases(): Array<EvalCase & { file: string }> {
  return fs
    .readdirSync(EVAL_FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => evalCases(file).map((entry) => ({ ...entry, file })));
}

/** The text of one case, by file and id (fails the test when it is not there). */
export function evalText(file: string, id: string): string {
  const found = evalCases(file).find((entry) => entry.id === id);
  if (!found) throw new Error(`${id} is not in ${file}`);
  return found.text;
}
