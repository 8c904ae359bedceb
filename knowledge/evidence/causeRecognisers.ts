/**
 * The causes' own recognisers (declared as data in knowledge/causes/<id>/cause.json): distinctive
 * strings that are evidence on their own, such as an error code ("ATTR36"), an event id or a phrase
 * in English or German. Each string is searched case-insensitively as a whole word in each line;
 * a hit adds the recogniser's finding with the line as its excerpt. Plain substring search, so time
 * stays linear in the input whatever a cause declares.
 */
import type { KnowledgeBase, Recogniser } from '../knowledgeBase';
import type { Finding } from '../types';
import { around, finding, type Extractor } from './extractor';

interface Needle {
  text: string;
  recogniser: Recogniser & { cause: string };
}

const WORD = /[\p{L}\p{N}]/u;

/** The index of `needle` in `haystack` as a whole word (not inside a longer code or word), or -1. */
function wordIndex(haystack: string, needle: string): number {
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const before = i > 0 ? haystack[i - 1] : '';
    const after = haystack[i + needle.length] ?? '';
    if (!(before && WORD.test(before) && WORD.test(needle[0])) && !(after && WORD.test(after) && WORD.test(needle[needle.length - 1])))
      return i;
  }
  return -1;
}

const cache = new WeakMap<KnowledgeBase, Extractor>();

/** One extractor for every recogniser of the catalogue (built once per catalogue). */
export function causeRecognisersExtractor(kb: KnowledgeBase): Extractor {
  let extractor = cache.get(kb);
  if (extractor) return extractor;
  const needles: Needle[] = kb.recognisers.flatMap((recogniser) =>
    [...(recogniser.codes ?? []), ...(recogniser.phrases?.en ?? []), ...(recogniser.phrases?.de ?? [])].map((text) => ({
      text: text.toLowerCase(),
      recogniser,
    })),
  );
  extractor = {
    name: 'cause-recognisers',
    extract({ lines, lower }) {
      const present = needles.filter((n) => lower.includes(n.text));
      if (present.length === 0) return [];
      const out: Finding[] = [];
      for (const raw of lines) {
        const line = raw.toLowerCase();
        for (const { text, recogniser } of present) {
          const at = wordIndex(line, text);
          if (at >= 0) out.push(finding(recogniser.kind, recogniser.value, around(raw, at), `cause:${recogniser.cause}`));
        }
      }
      return out;
    },
  };
  cache.set(kb, extractor);
  return extractor;
}
