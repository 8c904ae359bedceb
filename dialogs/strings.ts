/** Looks up UI strings by key and fills {placeholders}; every key exists in both languages (typed). */
import type { Language } from '../knowledge/types';
import { de } from './locales/de';
import { en, type StringKey as CoreStringKey } from './locales/en';
import { escalationDe } from './locales/escalation.de';
import { escalationEn } from './locales/escalation.en';

/** Keys of the core catalogue (locales/en.ts) and of the human handoff (locales/escalation.en.ts). */
export type StringKey = CoreStringKey | keyof typeof escalationEn;

const catalogues: Record<Language, Record<StringKey, string>> = { de: { ...de, ...escalationDe }, en: { ...en, ...escalationEn } };

export function t(language: Language, key: StringKey, params: Record<string, string | number> = {}): string {
  const template = catalogues[language][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** A BCP-47 locale such as "de-DE" or "en-US" mapped to a product language, if it is one. */
export function languageFromLocale(locale: string | undefined): Language | undefined {
  const primary = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'de' ? 'de' : primary === 'en' ? 'en' : undefined;
}
