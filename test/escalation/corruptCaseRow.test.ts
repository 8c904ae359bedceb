/**
 * One corrupt case row (issue 24): a document that is no JSON (a disk error, a hand edit) must not
 * take the desk down. Before, GET /api/desk/cases?status=queued and ?status=closed answered 500 to
 * every agent; now the other cases are listed, the agent reads "1 case could not be read" and the
 * log names the row's id.
 */
import { strict as assert } from 'assert';
import * as path from 'node:path';
import { DATABASE_FILE_NAME, openDatabase } from '../../bot/store/sqliteDatabase';
import { memoryLog } from '../bot/helpers/memoryLog';
import { ANNA, escalate, startHarness } from './harness';

describe('desk: one corrupt case row cannot take the queue down', function () {
  this.timeout(60_000);

  it('lists the readable queued and closed cases, says how many could not be read, logs the id', async () => {
    const log = memoryLog('debug');
    const harness = await startHarness({}, { logger: log.logger });
    try {
      const good = await escalate(harness.user('corrupt-good'));
      const bad = await escalate(harness.user('corrupt-bad'));
      const closedGood = await escalate(harness.user('corrupt-closed-good'));
      const closedBad = await escalate(harness.user('corrupt-closed-bad'));
      for (const id of [closedGood, closedBad]) {
        assert.equal((await harness.desk('POST', `/cases/${id}/take`, { agent: ANNA })).status, 200);
        assert.equal((await harness.desk('POST', `/cases/${id}/close`, { agent: ANNA })).status, 200);
      }
      const db = openDatabase(path.join(harness.dataDir, DATABASE_FILE_NAME));
      try {
        const corrupt = db.prepare("UPDATE cases SET doc = '{not json' WHERE id = ?");
        for (const id of [bad, closedBad]) assert.equal(corrupt.run(id).changes, 1, `row ${id} corrupted`);
      } finally {
        db.close();
      }

      // The closed list reads every case changed in the last two weeks: both corrupt rows are among them.
      for (const [status, readable, unreadable, count] of [
        ['queued', good, bad, 1],
        ['closed', closedGood, closedBad, 2],
      ] as const) {
        const answer = await harness.desk('GET', `/cases?status=${status}`);
        assert.equal(answer.status, 200, `${status}: ${JSON.stringify(answer.json)}`);
        const json = answer.json as { cases: Array<{ id: string }>; unreadable?: number; notice?: string };
        const ids = json.cases.map((item) => item.id);
        assert.ok(ids.includes(readable), `${status}: the readable case is listed`);
        assert.ok(!ids.includes(unreadable), `${status}: the corrupt one is not`);
        assert.equal(json.unreadable, count);
        assert.equal(json.notice, count === 1 ? '1 case could not be read' : `${count} cases could not be read`);
        assert.ok(
          log.lines.some((line) => line.includes('could not be read') && line.includes(unreadable)),
          `the log names ${unreadable}`,
        );
      }
      // Near miss: a list without a corrupt row says nothing of the kind.
      const assigned = await harness.desk('GET', '/cases?status=assigned');
      assert.equal(assigned.status, 200);
      assert.equal((assigned.json as { notice?: string }).notice, undefined);
    } finally {
      await harness.close();
    }
  });
});
