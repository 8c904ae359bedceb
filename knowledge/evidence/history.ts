/**
 * Pastes that tell history: "In January we had this bounce, it was the missing intermediate, we
 * fixed it. Now after the renewal it's back, and this time ..." The case is about the present
 * part; what the past part says about an old, fixed cause must not count as evidence now.
 *
 * A paste is split only when it clearly tells a story: a time in the past ("last month", "in
 * January", "damals", "Background:"), something fixed ("fixed", "behoben", "it worked again"),
 * then a sentence or line that starts with the present ("Now", "This time", "Jetzt", "Diesmal").
 */

const PAST = /\b(?:background|hintergrund|last (?:week|month|year|time|summer|winter|spring|autumn)|(?:in|im) (?:january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember)|(?:a|one|two|three|a few|several|\d{1,2}) (?:weeks?|months?|years?) ago|vor (?:einer|einem|zwei|drei|einigen|ein paar|\d{1,2}) (?:wochen?|monaten?|jahren?)|previously|earlier this year|back then|damals|früher|letzte[nrs]? (?:woche|monat|jahr|mal))\b/i;
const FIXED = /\b(?:fixed|solved|resolved|worked again|was fine again|behoben|gelöst|erledigt|lief wieder|ging wieder|funktionierte wieder)\b/i;
// The present starts a line or a sentence.
const PRESENT = /(?:^|\n|[.!?]\s)\s{0,4}[-*•]?\s{0,2}(now|but now|this time|today|since (?:yesterday|today|monday|tuesday|wednesday|thursday|friday|the renewal)|jetzt|aber jetzt|nun|diesmal|dieses mal|heute|seit (?:gestern|heute))\b/gi;

export interface HistorySplit {
  /** The story of the earlier, fixed problem. */
  past: string;
  /** Everything from the first sentence about the present on. */
  present: string;
}

/** Splits a paste into past and present, or returns undefined when it does not tell history. */
export function splitHistory(text: string): HistorySplit | undefined {
  const head = text.length > 6000 ? text.slice(0, 6000) : text;
  const past = PAST.exec(head);
  if (!past) return undefined;
  PRESENT.lastIndex = past.index;
  for (let m = PRESENT.exec(head); m; m = PRESENT.exec(head)) {
    const cut = m.index + m[0].length - m[1].length;
    const story = text.slice(0, cut);
    if (FIXED.test(story.slice(past.index))) return { past: story, present: text.slice(cut) };
  }
  return undefined;
}
