/** What a user would see for a paste: the diagnosis and its rendering, in one language (tests of test/knowledge/causes/). */
import { diagnose, extractFindings, render, type Diagnosis, type RenderedReply } from '../../../knowledge';

export interface Seen {
  diagnosis: Diagnosis;
  reply: RenderedReply;
  /** The answer's commands, one string (empty unless the verdict is a match). */
  commands: string;
  /** Everything the answer says in words: title, cause, steps, verify (empty unless a match). */
  words: string;
}

export function answerOf(text: string, language: 'en' | 'de'): Seen {
  const diagnosis = diagnose(extractFindings(text).findings);
  const reply = render(diagnosis, language);
  const match = reply.kind === 'match' ? reply : undefined;
  return {
    diagnosis,
    reply,
    commands: match ? match.commands.map((c) => c.script).join('\n') : '',
    words: match ? [match.title, match.cause, ...match.steps, ...match.verify].join('\n') : '',
  };
}

/** A short account of a diagnosis for assertion messages. */
export function summary(seen: Seen): string {
  const d = seen.diagnosis;
  return `verdict=${d.verdict} article=${d.article} confidence=${d.confidence} findings=${d.findings.map((f) => `${f.kind}:${f.value}`).join(',')}`;
}
