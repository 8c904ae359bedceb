/**
 * The catalogue of causes as people read it: one entry per cause folder (id, level, reference,
 * URL, title in one language), answers first. The command line's `--list-causes`, the generated
 * cause tables in README.md and docs/knowledge-base.md, the Teams app's description and the bot's
 * welcome all read this, so none of them lists causes by hand.
 */
import { canonicalCauseId } from './causeIds';
import { loadKnowledgeBase, type Cause, type CauseLevel, type KnowledgeBase } from './knowledgeBase';
import type { CauseRef, Language } from './types';

export interface CatalogueEntry extends CauseRef {
  title: string;
}

/** The order levels are listed in: what the bot answers, then what it names, then what it says is not its business. */
export const LEVEL_ORDER: readonly CauseLevel[] = ['answer', 'hint', 'out-of-scope'];

/** What a diagnosis, the stored state and the command line's JSON carry about a cause. */
export function causeRef(cause: Cause): CauseRef {
  return { id: canonicalCauseId(cause.id), level: cause.level, reference: cause.reference, url: cause.url ?? '' };
}

/** Every cause of the catalogue, answers first, then hints, then out of scope; by id within a level. */
export function catalogueEntries(language: Language, kb: KnowledgeBase = loadKnowledgeBase()): CatalogueEntry[] {
  return [...kb.causes]
    .sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.id.localeCompare(b.id))
    .map((cause) => ({ ...causeRef(cause), title: cause.title[language] }));
}

const HEADINGS: Record<Language, { id: string; level: string; reference: string; title: string }> = {
  en: { id: 'id', level: 'level', reference: 'reference', title: 'title' },
  de: { id: 'ID', level: 'Stufe', reference: 'Quelle', title: 'Titel' },
};

/** The catalogue as an aligned text table, for `diagnose --list-causes`. */
export function catalogueTable(language: Language, kb: KnowledgeBase = loadKnowledgeBase()): string {
  const entries = catalogueEntries(language, kb);
  const head = HEADINGS[language];
  const rows = [[head.id, head.level, head.reference, head.title], ...entries.map((e) => [e.id, e.level, e.reference || '-', e.title])];
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]) : cell)).join('  ')).join('\n');
}
