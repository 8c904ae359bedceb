/**
 * What a user types while a support case is open: "cancel" in both languages, an e-mail address
 * for a reply, a single digit as a rating. Whole-message matches only.
 */

const clean = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');

const CANCEL =
  /^(cancel|cancel (the |my )?(request|case)|withdraw( the| my)? request|end (the )?(chat|conversation)|stop|abbrechen|anfrage (abbrechen|zurückziehen)|zurückziehen|fall schließen|(chat|gespräch) beenden|beenden|end (the )?(chat|conversation) with (the )?(agent|support)|(chat|gespräch) mit (dem )?(support|mitarbeiter|mitarbeiterin) beenden)$/;

export function isCancelCommand(text: string): boolean {
  const value = clean(text);
  return value.length <= 40 && CANCEL.test(value);
}

const YES = /^(yes|y|yes please|yes,? end( it| the chat)?|ok|okay|confirm|ja|j|ja bitte|ja,? (bitte )?(den )?(chat )?beenden|bestätigen)$/;
const NO = /^(no|n|nope|no thanks|not yet|(no,? )?keep chatting|keep|nein|nein danke|noch nicht|(nein,? )?weiter ?schreiben|weiter)$/;

/** The answer to "End the chat with the agent?": true (yes), false (no), undefined (something else). */
export function typedConfirmation(text: string): boolean | undefined {
  const value = clean(text).replace(/[,]+$/, '');
  if (value.length > 30) return undefined;
  if (YES.test(value)) return true;
  if (NO.test(value)) return false;
  return undefined;
}

/** A bare rating "1" ... "5" (also "4/5", "4 stars", "4 Sterne"). */
export function typedRating(text: string): number | undefined {
  const match = /^([1-5])(\s*\/\s*5|\s*(stars?|sterne?))?$/.exec(clean(text));
  return match ? Number(match[1]) : undefined;
}

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Something the user meant as an address (one word with an @), valid or not. */
export function looksLikeEmailAttempt(text: string): boolean {
  const value = text.trim();
  return value.length > 0 && value.length <= 320 && !/\s/.test(value) && value.includes('@');
}

/**
 * A deliverable-looking address: dot-atom local part (max 64), a domain of at least two labels
 * with an alphabetic top-level label, 254 characters in all. Returns it lower-cased in the domain.
 */
export function validEmail(text: string): string | undefined {
  const value = text
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<|>$/g, '');
  if (value.length > 254) return undefined;
  const at = value.lastIndexOf('@');
  if (at < 1) return undefined;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL.test(local)) return undefined;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label)) || !/^[a-z]{2,63}$/.test(labels[labels.length - 1]))
    return undefined;
  return `${local}@${domain}`;
}
