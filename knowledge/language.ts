/**
 * Guesses German or English from the words of a text. Log lines are mostly English even on
 * German systems, so only common function words and German-only letters count.
 */
import type { Language } from './types';

const GERMAN = new Set(
  'aber alle also auch auf bei beim bekommen bitte danke dann das dass dem den denn der des die ein eine einen eingespielt ereignis erneuert es fehler funktioniert für geht gestern gibt habe haben hallo hat hatte heute ich im ins ist jetzt kann kein keine können leider läuft mehr mit morgen muss nach nachricht nachrichten nicht noch nur oder postfach schon seit seitdem sich sie sind soll trotzdem tun und unser unsere unseren unserer unseres vom von warteschlange weil wenn werden wie wir wurde wurden zertifikat zertifikate zu zum zur zusammen'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'after and any are at be been before but by can certificate could did do does every for from has have hello here how if is it its message messages my not of on or our please should since thanks that the there they this to we were what when with would yes you your'.split(
    ' ',
  ),
);

const GERMAN_LABELS =
  /^\s{0,8}(?:Ereignis-ID|Quelle|Beschreibung|Aufgabenkategorie|Protokollname|Generierender Server|Diagnoseinformationen für Administratoren)\b|Remoteserver hat/gim;

export function detectLanguage(text: string): Language | undefined {
  // Count the user's prose, not the (English) log text quoted in it: drop SMTP replies,
  // quoted strings and XML tags.
  const sample = (text.length > 20000 ? text.slice(0, 20000) : text)
    // (a line that starts with a reply is all log text; a reply inside prose ends with its sentence)
    .replace(/^[^\S\n]*[245]\d\d[ +-]#?[245]\.\d{1,3}\.\d{1,3}[^\n]*/gm, ' ')
    .replace(/(?<![\d.])[245]\d\d[ +-]#?[245]\.\d{1,3}\.\d{1,3}[^\n]*?(?:[.!?](?=\s|$)|$)/gm, ' ')
    .replace(/'[^'\n]{0,300}'|"[^"\n]{0,300}"/g, ' ')
    .replace(/<[^>\n]{0,300}>/g, ' ')
    // An event's description is the product's text (Exchange writes it in English on German systems
    // too): from the "Description:" / "Beschreibung:" label to the next empty line.
    .replace(/^[^\S\n]*(?:Description|Beschreibung):[^\n]*(?:\n[^\S\n]*\S[^\n]*){0,40}/gim, ' ')
    // Tool output lines (logs, openssl, cmdlet fields) are English on every system.
    .replace(/^(?:\d{4}-\d\d-\d\d[T ]|depth=|verify |Verify |\s{0,4}\d{1,2} s:|\s{0,8}[isav]:|-----)[^\n]*/gm, ' ');
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

/** A calendar day (from an ISO date) as each language writes it: 2026-03-01 in English text, 01.03.2026 in German. */
export function formatDay(iso: string, language: Language): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(iso);
  if (!m) return iso;
  return language === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}
