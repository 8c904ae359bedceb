/**
 * How much of a message an intent's training utterances account for. NLP.js's neural classifier
 * scores a message by the few words it knows and ignores the rest, so "It happens with every
 * message to fabrikam.com" scored 1.0 as a request for a person and "I think the intermediate is
 * missing" 0.98 as "that fixed it". A message is an intent only when most of its words are words
 * of that intent's utterances (either language, for mixed messages), typos of them (one letter
 * changed, missing, added or swapped) or forms of them (a shared stem of five letters). Function
 * words ("the", "ich") count half, politeness not at all.
 */
/** The share of a message's words that must belong to the intent. */
export const MIN_COVERAGE = 0.6;

/** How much a function word counts, against 1 for any other word. */
const FILLER_WEIGHT = 0.5;

const FILLER = new Set(
  (
    'a an the is are am be been it its this that there to of in on at by with from for and or so but ' +
    'i me my we our us you your he she they do does did have has had can could would will shall ' +
    'ok okay oh ah hm hmm well just now yes yeah no ' +
    'der die das dem den des ein eine einen einem ist sind war es ich mir mich mein meine wir uns unser ' +
    'du dich dein sie ihr und oder aber so ja nein nun jetzt mal doch halt also na auf mit von zu zum ' +
    'zur an am im in für bei habe hat haben kann können könnte würde wird'
  ).split(' '),
);

/**
 * Politeness ("thanks", "bitte", "hello") says nothing about what is asked, unless it is all
 * there is ("danke" alone is "that fixed it").
 */
const POLITE = new Set(
  'please pls thanks thank thx cheers hello hi hey sorry bitte danke dankeschön hallo entschuldigung gerne gern leider'.split(' '),
);

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[a-zäöüß]+(?:'[a-z]+)?/g) ?? [];
}

/** Optimal string alignment distance, capped: true when a and b differ by at most one edit. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return Math.abs(a.length - b.length) <= 1;
  const rest = (x: number, y: number) => a.slice(x) === b.slice(y);
  return rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && rest(i + 2, i + 2));
}

export class Vocabulary {
  private readonly words = new Set<string>();

  constructor(utterances: Iterable<string>) {
    for (const utterance of utterances) for (const word of wordsOf(utterance)) this.words.add(word);
  }

  knows(word: string): boolean {
    if (this.words.has(word)) return true;
    for (const known of this.words) {
      if (word.length >= 4 && known.length >= 4 && withinOneEdit(word, known)) return true;
      if (word.length >= 5 && known.length >= 5 && word.slice(0, 5) === known.slice(0, 5)) return true;
    }
    return false;
  }

  /**
   * The share of the message's words that are this vocabulary's, function words ("the", "ich")
   * weighing half as much as the others; 0 for a message of function words only.
   */
  coverage(text: string): number {
    const all = wordsOf(text);
    // ("yes", "ok", "das ist es" alone are answers, not requests)
    if (all.every((word) => FILLER.has(word))) return 0;
    const words = all.some((word) => !POLITE.has(word)) ? all.filter((word) => !POLITE.has(word)) : all;
    let known = 0;
    let total = 0;
    for (const word of words) {
      const weight = FILLER.has(word) ? FILLER_WEIGHT : 1;
      total += weight;
      if (this.knows(word)) known += weight;
    }
    return total ? known / total : 0;
  }
}
