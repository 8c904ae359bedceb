/**
 * The free-text extractor skips a phrase when the paste contains none of its hint words, before
 * any line is read. That is only right if every text the phrase's first pattern can match
 * contains one of them: checked here on texts generated from the pattern itself, so a new
 * alternative without a hint fails the test instead of silently never matching.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { freeTextExtractor, PHRASES } from '../../knowledge/evidence/freeText';

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
});
