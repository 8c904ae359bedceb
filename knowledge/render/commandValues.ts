/**
 * The values that fill a cause's command templates and sentences. Each cause declares its values
 * (names, placeholders) in its cause.json and computes them from the findings in its own values.ts;
 * every value is checked there against a strict character set before it goes into PowerShell: a
 * paste must never be able to inject a command into the answer. Unknown values become readable
 * placeholders like `<server FQDN>`.
 */
import type { Finding, Language } from '../types';
import { loadKnowledgeBase, type Cause, type KnowledgeBase } from '../knowledgeBase';

export type CommandValues = Record<string, string>;

export interface FilledValues {
  values: CommandValues;
  /** Names whose value is a readable placeholder rather than a real value. */
  unknown: Set<string>;
  /** Names that have no value at all in this case: commands that need them do not apply. */
  inapplicable: Set<string>;
}

/** One cause's values for these findings. */
export function causeValues(cause: Cause, findings: Finding[], language: Language): FilledValues {
  const found = cause.computeValues ? cause.computeValues(findings) : {};
  const values: CommandValues = {};
  const unknown = new Set<string>();
  const inapplicable = new Set<string>();
  for (const [name, declared] of Object.entries(cause.values)) {
    const v = found[name];
    if (typeof v === 'string') values[name] = v;
    else {
      values[name] = declared.placeholder[language];
      if (v === null) inapplicable.add(name);
      // A default taken from the article itself (an example path) is not an unknown.
      if (!declared.placeholderIsExample) unknown.add(name);
    }
  }
  return { values, unknown, inapplicable };
}

/** Every cause's values together (a name two causes declare is computed alike by both). */
export function commandValues(findings: Finding[], language: Language, kb: KnowledgeBase = loadKnowledgeBase()): FilledValues {
  const all: FilledValues = { values: {}, unknown: new Set(), inapplicable: new Set() };
  for (const cause of kb.causes) {
    if (Object.keys(cause.values).length === 0) continue;
    const one = causeValues(cause, findings, language);
    for (const [name, value] of Object.entries(one.values)) {
      if (name in all.values && !all.unknown.has(name)) continue;
      all.values[name] = value;
      if (one.unknown.has(name)) all.unknown.add(name);
      else all.unknown.delete(name);
      if (one.inapplicable.has(name)) all.inapplicable.add(name);
    }
  }
  return all;
}
