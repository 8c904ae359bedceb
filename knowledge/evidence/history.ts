/**
 * Pastes that tell history: "In January we had this bounce, it was the missing intermediate, we
 * fixed it. Now after the renewal it's back, and this time ..." The case is about the present
 * part; what the past part says about an old, fixed cause must not count as evidence now.
 *
 * A paste is split only when it clearly tells a story, in one of two shapes:
 *  - prose: a time in the past ("last month", "in January", "in 2022", "damals", "Background:"),
 *    something fixed ("fixed", "behoben", "it worked again"), then a sentence or line that starts
 *    with the present ("Now", "This time", "Jetzt", "Diesmal");
 *  - a timeline: lines that start with a time ("- 2022:", "March 2024 -", "Last week:", "Today:",
 *    "Gestern:"); an entry that tells of a problem that was resolved ("we removed it", "Fixed.")
 *    and does not say it came back is the past, every other entry the present.
 */

const PAST =
  /\b(?:background|hintergrund|(?:kurze |zur |die )?vorgeschichte|last (?:week|month|year|time|summer|winter|spring|autumn)|(?:in|im) (?:january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember)|in (?:19|20)\d\d|(?:a|one|two|three|a few|several|\d{1,2}) (?:weeks?|months?|years?) ago|vor (?:einer|einem|zwei|drei|einigen|ein paar|\d{1,2}) (?:wochen?|monaten?|jahren?)|previously|earlier this year|back then|at the time|once before|(?:we|I) had\b(?:[^.\n]|\.(?=\d)){0,120}?\bbefore|damals|früher|vorher|schon (?:einmal|mal)|bereits (?:einmal|mal)|letzte[nrs]? (?:woche|monat|jahr|mal))\b/i;
const FIXED =
  /\b(?:fixed|solved|resolved|worked again|was fine again|behoben|gelöst|erledigt|lief wieder|ging wieder|funktionierte wieder)\b/i;
// The present starts a line or a sentence.
const PRESENT =
  /(?:^|\n|[.!?]\s)\s{0,4}[-*•]?\s{0,2}(now|but now|this time|today|currently|these days|since (?:yesterday|today|monday|tuesday|wednesday|thursday|friday|the renewal)|jetzt|aber jetzt|nun|diesmal|dieses mal|heute|aktuell|mittlerweile|inzwischen|seit (?:gestern|heute))\b/gi;

// A timeline entry starts with a time and a colon, a dash or a closing parenthesis.
const MONTH =
  '(?:january|february|march|april|may|june|july|august|september|october|november|december|januar|februar|märz|mai|juni|juli|oktober|dezember|(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|mär|okt|dez)\\.?)';
const TIME_LABEL = new RegExp(
  `^\\s{0,4}(?:[-*•]\\s{0,2})?(?:since |seit |ab )?(?:(?:in |im )?(?:${MONTH}\\s)?(?:19|20)\\d\\d(?:-\\d\\d(?:-\\d\\d)?)?|(?:in |im )?${MONTH}|(?:last|this|letzte[nrs]?|diese[nrs]?) (?:week|month|year|summer|winter|spring|autumn|woche|monat|jahr|sommer|frühjahr|herbst)|yesterday|today|now|currently|gestern|heute|jetzt|aktuell|damals|back then|earlier|früher|vorher|before|(?:\\d{1,2}|one|two|three|a few) (?:weeks?|months?|years?) ago|vor (?:\\d{1,2}|einer|einem|zwei|drei|ein paar) (?:wochen?|monaten?|jahren?))\\s{0,2}(?::|–|—|\\)|-(?!\\d))`,
  'i',
);
// An old problem that was over: its fix confirmed ("Fixed.", "resolved"), or its cause found and acted on
// ("Cause was an internal CA cert; we removed it."). An action alone ("we imported the intermediate") followed
// by "still failing" is a fix that did not help: that stays evidence of the present.
const ACTED_ON =
  /\b(?:we|I|wir|ich)\b[^.;\n]{0,40}?\b(?:removed|deleted|replaced|imported|reissued|corrected|entfernt|gelöscht|ersetzt|importiert|korrigiert)\b/i;
const CAUSE_FOUND =
  /\b(?:cause was|caused by|the cause|root cause|it was (?:the|an?)\b|turned out|Ursache war|war die Ursache|lag an|lag am|stellte sich heraus)/i;
// ...and what says an entry is not over: it came back, it is still there.
const RECURS = /\b(?:again|since then|still|currently|wieder|erneut|seitdem|noch immer|immer noch|weiterhin)\b/i;

// The old cause named as the cause of then: "damals fehlte das Zwischenzertifikat", "back then the intermediate was missing".
const THEN = /\b(?:damals|back then|at the time|that time)\b/i;
const CAUSE_OR_LACK =
  /\b(?:fehlte|fehlten|war(?: es)? (?:das|die|der|ein)|lag(?: es)? (?:an|am)|es war|was missing|were missing|it was|was (?:the|an?)|cause)\b/i;
// An old problem told as such: "we had ...", "hatten wir ...", or the story headed as one ("Vorgeschichte:", "Background:").
const OLD_PROBLEM =
  /\b(?:we had|had the same|there was|hatten wir|wir hatten|gab es|background|hintergrund|vorgeschichte|history|previously|back then|damals|früher|vorher|schon (?:einmal|mal)|because|due to|weil|wegen)\b/i;
// The present goes on with the same problem ("Now we still get 5.7.64"): what was done then did not help, and stays evidence.
const STILL = /\b(?:still|noch immer|immer noch|weiterhin|nach wie vor)\b/i;

/**
 * The story before "Now ..." tells of an old problem that is over: its fix confirmed ("fixed",
 * "behoben"), an old problem acted on ("we had 454 4.7.0 ..., we removed the internal
 * certificate"), or its cause named as the cause of then ("damals fehlte ..."). An action alone
 * ("last week we imported the intermediate. Now still 5.7.64") is a fix that did not help: evidence now.
 */
function isOver(story: string, present: string): boolean {
  if (FIXED.test(story)) return true;
  const firstSentence = /^[^.!?\n]{0,300}/.exec(present)?.[0] ?? '';
  if (ACTED_ON.test(story) && (CAUSE_FOUND.test(story) || OLD_PROBLEM.test(story)) && !STILL.test(firstSentence)) return true;
  return THEN.test(story) && CAUSE_OR_LACK.test(story);
}

export interface HistorySplit {
  /** The story of the earlier, fixed problem. */
  past: string;
  /** Everything from the first sentence about the present on. */
  present: string;
}

/** "- 2022: ... we removed it." / "- Last week: ... since then 5.7.64 again." -> past and present entries. */
function splitTimeline(text: string): HistorySplit | undefined {
  const lines = text.split('\n');
  const starts = lines.map((l, i) => (l.length < 4000 && TIME_LABEL.test(l) ? i : -1)).filter((i) => i >= 0);
  if (starts.length < 2) return undefined;
  const past: string[] = [];
  const present: string[] = lines.slice(0, starts[0]);
  starts.forEach((start, n) => {
    const entry = lines.slice(start, starts[n + 1] ?? lines.length);
    const body = entry.join('\n');
    const over = (FIXED.test(body) || (ACTED_ON.test(body) && CAUSE_FOUND.test(body))) && !RECURS.test(body.replace(FIXED, ''));
    (over ? past : present).push(...entry);
  });
  if (past.length === 0 || present.join('').trim() === '') return undefined;
  return { past: past.join('\n'), present: present.join('\n') };
}

/** Splits a paste into past and present, or returns undefined when it does not tell history. */
export function splitHistory(text: string): HistorySplit | undefined {
  // The story is told at the start: only the first 6,000 characters are read for it.
  const head = text.length > 6000 ? text.slice(0, 6000) : text;
  const past = PAST.exec(head);
  if (past) {
    PRESENT.lastIndex = past.index;
    for (let m = PRESENT.exec(head); m; m = PRESENT.exec(head)) {
      const cut = m.index + m[0].length - m[1].length;
      const story = text.slice(0, cut);
      if (isOver(story.slice(past.index), text.slice(cut))) return { past: story, present: text.slice(cut) };
    }
  }
  if (head === text) return splitTimeline(text);
  // A timeline is read in whole lines of the head; what follows them (the log pasted under "- Today: ...") is the present.
  const lineEnd = head.lastIndexOf('\n');
  const timeline = splitTimeline(lineEnd > 0 ? head.slice(0, lineEnd) : head);
  return timeline && { past: timeline.past, present: timeline.present + text.slice(lineEnd > 0 ? lineEnd : head.length) };
}
