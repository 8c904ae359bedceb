/**
 * The stated-names extractor skips lines without a word it could act on (MAY_STATE_SOMETHING in
 * knowledge/evidence/statedNames.ts). That check is only for speed: over every eval case, and
 * over each of their lines on its own, the findings are the same as when every line is read.
 */
import { strict as assert } from 'node:assert';
import { statedNamesIn } from '../../knowledge/evidence/statedNames';
import { allEvalCases } from '../helpers/evalFixtures';

const texts = allEvalCases().map((entry) => ({ id: `${entry.file} ${entry.id}`, lines: entry.text.replace(/\r\n?/g, '\n').split('\n') }));

describe('stated-names: the line check changes no finding', () => {
  it('reads the eval sets (286 cases, 81 of them with findings of this extractor)', () => {
    assert.ok(texts.length >= 280, `${texts.length} cases`);
    const withFindings = texts.filter((entry) => statedNamesIn(entry.lines).length > 0).length;
    assert.ok(withFindings >= 75, `${withFindings} cases with stated names`);
  });

  it('finds the same in every case as when every line is read', () => {
    for (const entry of texts) {
      assert.deepEqual(statedNamesIn(entry.lines), statedNamesIn(entry.lines, { everyLine: true }), entry.id);
    }
  });

  it('finds the same in every line on its own (no finding depends on a line the check skips)', () => {
    let lines = 0;
    for (const entry of texts) {
      for (const line of new Set(entry.lines)) {
        lines++;
        assert.deepEqual(statedNamesIn([line]), statedNamesIn([line], { everyLine: true }), `${entry.id}: ${line}`);
      }
    }
    assert.ok(lines > 2000, `${lines} lines`);
  });
});
