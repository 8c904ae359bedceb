/**
 * What a user gets for one paste, for the tests of single causes: the diagnosis, the rendered
 * answer in the paste's language (or the one asked for) and the PowerShell it shows.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type Diagnosis, type Language, type RenderedMatch } from '../../../knowledge';

export interface Answer {
  diagnosis: Diagnosis;
  language: Language;
  summary: string;
}

export function answerOf(text: string): Answer {
  const extraction = extractFindings(text);
  const diagnosis = diagnose(extraction.findings);
  const summary = `verdict=${diagnosis.verdict} article=${diagnosis.article} candidates=${JSON.stringify(diagnosis.candidates.slice(0, 4))} lookalikes=${diagnosis.lookalikes.map((l) => l.id).join(',')} findings=${extraction.findings.map((f) => `${f.kind}:${f.value}`).join(',')}`;
  return { diagnosis, language: extraction.language, summary };
}

/** The rendered answer of a paste that must be answered as `cause` (fails the test otherwise). */
export function matchOf(text: string, cause: string, language?: Language): RenderedMatch & { scripts: string[]; all: string } {
  const a = answerOf(text);
  assert.equal(a.diagnosis.verdict, 'match', a.summary);
  assert.equal(a.diagnosis.article, cause, a.summary);
  const reply = render(a.diagnosis, language ?? a.language);
  if (reply.kind !== 'match') throw new assert.AssertionError({ message: `rendered ${reply.kind}` });
  const m = reply;
  const scripts = m.commands.map((c) => c.script);
  const all = [m.title, m.cause, ...m.steps, ...m.commands.map((c) => `${c.label}\n${c.script}`), ...m.verify].join('\n');
  return { ...m, scripts, all };
}

/** The paste is not answered as `cause` (another answer, a question or a hint is fine). */
export function notClaimed(text: string, cause: string): Answer {
  const a = answerOf(text);
  assert.ok(!(a.diagnosis.verdict === 'match' && a.diagnosis.article === cause), `claimed ${cause}; ${a.summary}`);
  return a;
}
