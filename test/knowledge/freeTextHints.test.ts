/**
 * The free-text extractor skips a phrase when the paste contains none of its hint words, before
 * any line is read. That is only right if every text the phrase's first pattern can match
 * contains one of them: checked here on texts generated from the pattern itself, so a new
 * alternative without a hint fails the test instead of silently never matching.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { freeTextExtractor, hintedPhrases, PHRASES } from '../../knowledge/evidence/freeText';
import { allEvalCases } from '../helpers/evalFixtures';

/**
 * The pattern without word boundaries, lookarounds and the `i` flag: it matches at least every
 * text the original matches, up to letter case (the hints are compared with the lower-cased text,
 * as the extractor does).
 */
function widened(pattern: RegExp): RegExp {
  let source = pattern.source.replace(/\\[bB]/g, '');
  for (let at = source.search(/\(\?<?[=!]/); at >= 0; at = source.search(/\(\?<?[=!]/)) {
    let depth = 0;
    let end = at;
    for (; end < source.length; end++) {
      if (source[end] === '\\') end++;
      else if (source[end] === '(') depth++;
      else if (source[end] === ')' && --depth === 0) break;
    }
    source = source.slice(0, at) + source.slice(end + 1);
  }
  return new RegExp(source, pattern.flags.replace(/[igy]/g, ''));
}

describe('free-text phrase hints', () => {
  for (const [index, phrase] of PHRASES.entries()) {
    it(`every match of phrase ${index} (${phrase.kind}/${phrase.value})'s first pattern contains one of its hints (property)`, () => {
      assert.ok(phrase.hints.length > 0);
      for (const hint of phrase.hints) assert.equal(hint, hint.toLowerCase(), 'hints are lower case');
      fc.assert(
        fc.property(fc.stringMatching(widened(phrase.all[0])), (text) => {
          const lower = text.toLowerCase();
          assert.ok(
            phrase.hints.some((hint) => lower.includes(hint)),
            `no hint in ${JSON.stringify(text)}`,
          );
        }),
        { numRuns: 1000 },
      );
    });
  }

  it('still reads a phrase whose hint is anywhere in the paste, in any letter case', () => {
    const text = 'Some history first.\nWe MOVED the relay to AZURE last week, since then it bounces.';
    const found = freeTextExtractor.extract({ text, lines: text.split('\n'), lower: text.toLowerCase() });
    assert.ok(found.some((f) => f.kind === 'change' && f.value === 'network-changed'));
  });

  describe('the one scan for all hints (hintedPhrases)', () => {
    const allHints = [...new Set(PHRASES.flatMap((phrase) => phrase.hints))];
    /** What the scan must find: each phrase with a hint somewhere in the text, one search per hint. */
    const reference = (lower: string) =>
      new Set(PHRASES.flatMap((phrase, index) => (phrase.hints.some((hint) => lower.includes(hint)) ? [index] : [])));

    it('has hints that start with another hint (the case the scan handles by hand)', () => {
      assert.ok(allHints.some((hint) => allHints.some((other) => other !== hint && other.startsWith(hint))));
    });

    it('finds the same phrases as a search per hint, on texts made of hints, parts of hints and noise (property)', () => {
      const piece = fc.oneof(
        fc.constantFrom(...allHints),
        fc.constantFrom(...allHints).map((hint) => hint.slice(0, Math.max(1, hint.length - 1))),
        fc.constantFrom(...allHints).map((hint) => hint.slice(1)),
        fc.string({ maxLength: 4 }),
      );
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
          const lower = pieces.join('').toLowerCase();
          assert.deepEqual(
            [...hintedPhrases(lower)].sort((a, b) => a - b),
            [...reference(lower)].sort((a, b) => a - b),
            JSON.stringify(lower),
          );
        }),
        { numRuns: 3000 },
      );
    });

    it('finds the same phrases as a search per hint in every eval case', () => {
      let cases = 0;
      for (const entry of allEvalCases()) {
        const lower = entry.text.toLowerCase();
        assert.deepEqual(
          [...hintedPhrases(lower)].sort((a, b) => a - b),
          [...reference(lower)].sort((a, b) => a - b),
          entry.id,
        );
        cases++;
      }
      assert.ok(cases >= 280, `${cases} cases`);
    });
  });
});
