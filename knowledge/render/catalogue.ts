/** The renderer's sentence catalogues (strings.json, findingLabels.json): every entry has de and en. */
import type { Language, LocalizedText } from '../types';
import strings from './strings.json';
import findingLabels from './findingLabels.json';
import { loadKnowledgeBase } from '../knowledgeBase';

const STRINGS = strings as Record<string, LocalizedText>;
const LABELS = findingLabels as Record<string, LocalizedText>;

/** A catalogue sentence with {named} values filled in. */
export function t(key: string, language: Language, values: Record<string, string | number> = {}): string {
  const entry = STRINGS[key];
  if (!entry) throw new Error(`missing string '${key}'`);
  return fill(entry[language], values);
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** What a finding means, in the user's language; undefined for kinds that explain nothing on their own. */
export function findingLabel(kind: string, value: string, language: Language): string | undefined {
  // A kind only a cause recognises is labelled by that cause's recogniser.
  const entry =
    LABELS[`${kind}/${value}`] ?? LABELS[kind] ?? loadKnowledgeBase().recognisers.find((r) => r.kind === kind && r.value === value)?.label;
  return entry ? fill(entry[language], { value }) : undefined;
}

export const catalogueKeys = { strings: Object.keys(STRINGS), labels: Object.keys(LABELS) };
export const catalogues = { strings: STRINGS, labels: LABELS };
