/**
 * Typed commands that work at any point of the conversation, in German and English: the exact
 * short forms (whole-message matches, `recogniseCommand`), then what people actually type
 * ("can I speak to a human please", "still the same NDR after the restart"), recognised by the
 * intent model (intents/intentModel.ts) in `recogniseTyped`. A paste that mentions "help" or
 * "support" is still diagnosed: pastes never reach the model (intents/pasteShape.ts).
 */
import type { Language } from '../knowledge/types';
import { type Intent, recogniseIntent } from './intents/intentModel';

export type TextCommand =
  | { kind: 'restart' }
  | { kind: 'help' }
  | { kind: 'language'; language: Language }
  | { kind: 'handoff' }
  | { kind: 'dont-know' }
  | { kind: 'greeting' }
  /** "never mind, I don't need a person": withdraws a request for a person. */
  | { kind: 'withdraw' }
  /** "that fixed it", "thanks, works now" */
  | { kind: 'fixed' }
  /** "still not working", "same error" */
  | { kind: 'still-broken' }
  /** "that was the same problem": undoes a new case (dialogs/caseContinuity.ts) */
  | { kind: 'same-problem' }
  | { kind: 'collection-script' };

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

/** The command of a typed message: an exact short form, else the intent the model is confident about. */
export async function recogniseTyped(text: string, current: Language): Promise<TextCommand | undefined> {
  const exact = recogniseCommand(text);
  if (exact) return exact;
  const result = await recogniseIntent(text);
  return result && commandOf(result.intent, current);
}

function commandOf(intent: Intent, current: Language): TextCommand {
  switch (intent) {
    case 'language-en':
      return { kind: 'language', language: 'en' };
    case 'language-de':
      return { kind: 'language', language: 'de' };
    case 'language-toggle':
      return { kind: 'language', language: current === 'de' ? 'en' : 'de' };
    case 'different-problem':
      return { kind: 'restart' };
    default:
      return { kind: intent };
  }
}
