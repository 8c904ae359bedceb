/**
 * Typed commands that work at any point of the conversation, in German and English.
 * Whole-message matches only, so a paste that mentions "help" is still diagnosed.
 */
import type { Language } from '../knowledge/types';

export type TextCommand =
  | { kind: 'restart' }
  | { kind: 'help' }
  | { kind: 'language'; language: Language }
  | { kind: 'handoff' }
  | { kind: 'dont-know' }
  | { kind: 'greeting' };

const clean = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '')
    .replace(/\s+/g, ' ');

const RESTART = /^(restart|start over|reset|neu starten|neustart|von vorne?|neu beginnen)$/;
const HELP = /^(help|hilfe|\?|what can you do|was kannst du)$/;
const ENGLISH = /^((please )?(answer |reply |speak |switch to )?(in )?english( please)?|auf englisch( bitte)?|englisch( bitte)?)$/;
const GERMAN = /^((bitte )?(antworte |sprich )?auf deutsch( bitte)?|deutsch( bitte)?|(in )?german( please)?|switch to german)$/;
const HANDOFF = /^(talk to a (person|human)|human|agent|(a )?person please|mit einem menschen sprechen|mensch|mitarbeiter|support)$/;
const GREETING =
  /^(hi|hello|hey|good (morning|afternoon|evening|day)|hallo|guten (morgen|tag|abend)|servus|moin|grüß gott|gruss gott|grüezi)( there| zusammen| bot| team)?$/;
const DONT_KNOW =
  /^(i don'?t know|i do not know|don'?t know|no idea|not sure|unknown|(ich )?wei(ß|ss) (es |ich )?nicht|keine ahnung|unbekannt)$/;

export function recogniseCommand(text: string): TextCommand | undefined {
  const value = clean(text);
  if (!value || value.length > 60) return undefined;
  if (RESTART.test(value)) return { kind: 'restart' };
  if (HELP.test(value)) return { kind: 'help' };
  if (ENGLISH.test(value)) return { kind: 'language', language: 'en' };
  if (GERMAN.test(value)) return { kind: 'language', language: 'de' };
  if (HANDOFF.test(value)) return { kind: 'handoff' };
  if (DONT_KNOW.test(value)) return { kind: 'dont-know' };
  if (GREETING.test(value.replace(/[,!]+/g, ''))) return { kind: 'greeting' };
  return undefined;
}
