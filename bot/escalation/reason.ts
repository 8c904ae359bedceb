/**
 * Why something an agent did failed, as a catalogue key: the desk API answers in English (its
 * clients read the message), the Teams agents' chat says it in the agents' language.
 */
import type { Language } from '../../knowledge/types';
import { type StringKey, t } from '../../dialogs/strings';

export interface Reason {
  key: StringKey;
  params?: Record<string, string | number>;
}

export function reasonText(language: Language, reason: Reason): string {
  return t(language, reason.key, reason.params);
}
