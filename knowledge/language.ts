/**
 * Guesses German or English from the words of a text. Log lines are mostly English even on
 * German systems, so only common function words and German-only letters count.
 */
import type { Language } from './types';

const GERMAN = new Set(('der die das und nicht ist wir ein eine einen mit auf für von zu im den dem des sich kein keine mehr seit wurde wurden haben hat sind werden ich sie es auch bei nach wie was wenn oder aber noch nur schon unser unsere unseren alle kann können soll muss hallo bitte danke ereignis zertifikat zertifikate warteschlange postfach nachricht nachrichten fehler seit heute morgen dass zum zur am').split(' '));
const ENGLISH = new Set(('the and is are was were not with for from to this that have has we our every since be been it its an of in on at by or but if when what how can could should would please thanks hello hi message messages mail certificate queue error after before our my you your they there here all any no yes do does did').split(' '));

const GERMAN_LABELS = /^\s{0,8}(?:Ereignis-ID|Quelle|Beschreibung|Aufgabenkategorie|Protokollname|Generierender Server|Diagnoseinformationen für Administratoren)\b|Remoteserver hat/gim;

export function detectLanguage(text: string): Language | undefined {
  // Count the user's prose, not the (English) log text quoted in it: drop SMTP replies to the
  // end of their line, quoted strings and XML tags.
  const sample = (text.length > 20000 ? text.slice(0, 20000) : text)
    .replace(/(?<![\d.])[245]\d\d[ +-]#?[245]\.\d{1,3}\.\d{1,3}[^\n]*/g, ' ')
    .replace(/'[^'\n]{0,300}'|"[^"\n]{0,300}"/g, ' ')
    .replace(/<[^>\n]{0,300}>/g, ' ')
    // Tool output lines (logs, openssl, cmdlet fields) are English on every system.
    .replace(/^(?:\d{4}-\d\d-\d\d[T ]|depth=|verify |Verify |\s{0,4}\d{1,2} s:|\s{0,8}[isav]:|-----|[A-Za-z]{2,30}\s{0,20}: )[^\n]*/gm, ' ');
  let de = 0;
  let en = 0;
  for (const word of sample.toLowerCase().match(/[a-zäöüß]{2,20}/g) ?? []) {
    if (GERMAN.has(word)) de++;
    if (ENGLISH.has(word)) en++;
    if (/[äöüß]/.test(word)) de += 0.5;
  }
  // Labels that only a German system or German user writes weigh more than any prose word.
  for (const _ of text.slice(0, 20000).matchAll(GERMAN_LABELS)) de += 3;
  if (de === 0 && en === 0) return undefined;
  if (de > en) return 'de';
  if (en > de) return 'en';
  return undefined;
}
