/**
 * Issue 24, point 5: /readyz reflects the commits turns really make. A full disk is simulated on
 * the real embedded store with SQLite's own limit (PRAGMA max_page_count): the store's small
 * ready-check row still fits, a turn's state does not, as on a disk with a few bytes left. The
 * instance is not ready from the first failed commit until a commit of that size succeeds again.
 */
import { strict as assert } from 'node:assert';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { CaseConflictError, type CaseStore } from '../../bot/cases/caseStore';
import { CommitHealth, trackCaseCommits, trackStateCommits } from '../../bot/store/commitHealth';
import { StateConflictError } from '../../bot/store/stateStorage';
import { MemoryStorage } from 'botbuilder';
import { t } from '../../dialogs/strings';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { silentLogger } from '../bot/helpers/testBot';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { postLocalTurn } from '../helpers/localTurn';

interface Pragmas {
  pragma(source: string, options?: { simple: boolean }): unknown;
  exec(source: string): unknown;
}

/** No free page left in the file and none may be added: the disk is full. */
function fillDisk(db: Pragmas): void {
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
}

/** The SQLite connection of the embedded store (the test reaches in: the host exposes none). */
function databaseOf(app: BotApp): Pragmas {
  return (app.storage.storage as unknown as { db: Pragmas }).db;
}

async function turn(app: BotApp, conversation: string, text: string): Promise<string> {
  const response = await postLocalTurn(app.url, conversation, { id: `m-${Math.random()}`, text });
  if (response.status !== 200) return `HTTP ${response.status}`;
  const body = (await response.json()) as { activities: Array<Partial<Activity>> };
  return body.activities.map((activity) => activity.text ?? '').join('\n');
}

/** A paste of an NDR and a long protocol log: the turn's state needs new pages. */
function bigPaste(lines: number): string {
  const log = Array.from(
    { length: lines },
    (_, i) =>
      `2026-12-08T01:${String(i % 60).padStart(2, '0')}:00.000Z,EXO-SEND,08DC${i},${i},10.0.0.5:25,203.0.113.${i % 250}:25,<,250 2.0.0 OK queued ${i}`,
  );
  return `${NDR_5_7_64_EN}\n${log.join('\n')}`;
}

const ready = async (app: BotApp) => (await fetch(`${app.url}/readyz`)).status;

describe('readiness follows failing commits (issue 24, point 5)', function () {
  this.timeout(60_000);
  let dir: string;
  let app: BotApp | undefined;

  beforeEach(() => (dir = makeTempDir('commit-readiness')));
  afterEach(async () => {
    await app?.close();
    app = undefined;
    removeTempDir(dir);
  });

  it('disk full: /readyz is 503 from the first failed turn commit, stays 503 while commits fail, 200 once they succeed; /healthz stays 200', async () => {
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir }), { host: '127.0.0.1', logger: silentLogger });
    assert.notEqual(await turn(app, 'before', NDR_5_7_64_EN), t('en', 'error.turn'));
    assert.equal(await ready(app), 200);

    const db = databaseOf(app);
    fillDisk(db);
    // Disk full: the turn's state cannot be committed; the user gets the polite message.
    assert.equal(await turn(app, 'during', bigPaste(400)), t('en', 'error.turn'));
    const during = await fetch(`${app.url}/readyz`);
    assert.equal(during.status, 503);
    assert.deepEqual(await during.json(), { status: 'unavailable' });
    // Still full: every probe fails again, however often the load balancer asks.
    for (let i = 0; i < 3; i++) assert.equal(await ready(app), 503);
    assert.equal((await fetch(`${app.url}/healthz`)).status, 200);

    // Space again: the next probe commits a document of the failed size, and the instance is ready.
    db.pragma('max_page_count = 1073741823');
    assert.equal(await ready(app), 200);
    assert.notEqual(await turn(app, 'during', bigPaste(400)), t('en', 'error.turn'));
    assert.equal(await ready(app), 200);
  });

  it('a failed case commit (disk full, the case store writes throw) makes the instance not ready too, until a commit succeeds', async () => {
    app = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dir }), { host: '127.0.0.1', logger: silentLogger });
    assert.notEqual(await turn(app, 'case', NDR_5_7_64_EN), t('en', 'error.turn'));
    const db = databaseOf(app);
    fillDisk(db);
    // A small case row may still fit into a page's last bytes: the case store's writes throw outright.
    const store = app.storage.cases!;
    const create = store.create.bind(store);
    store.create = () => Promise.reject(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    await turn(app, 'case', 'talk to a person');
    assert.equal(await app.cases.openCaseFor('emulator', 'case'), undefined, 'no case could be stored');
    assert.equal(await ready(app), 503);
    assert.equal(await ready(app), 503);
    store.create = create;
    db.pragma('max_page_count = 1073741823');
    assert.equal(await ready(app), 200);
    await turn(app, 'case', 'talk to a person');
    assert.ok(await app.cases.openCaseFor('emulator', 'case'));
  });

  it('a lost race (eTag conflict) is no store failure; a small success does not end a large failure', async () => {
    const health = new CommitHealth();
    const memory = new MemoryStorage();
    const state = trackStateCommits(Object.assign(memory, { write: () => Promise.reject(new StateConflictError('k')) }), health);
    await assert.rejects(state.write({ k: { a: 1 } }), StateConflictError);
    const cases = trackCaseCommits({ replace: () => Promise.reject(new CaseConflictError('C-1')) } as unknown as CaseStore, health);
    await assert.rejects(cases.replace({} as never), CaseConflictError);
    await health.check(() => Promise.reject(new Error('no probe expected while healthy')));

    const failing = trackStateCommits(
      Object.assign(new MemoryStorage(), {
        write: () => Promise.reject(new Error('SQLITE_FULL: database or disk is full')),
        delete: () => Promise.resolve(),
      }),
      health,
    );
    await assert.rejects(failing.write({ big: { text: 'x'.repeat(10_000) } }));
    await failing.delete(['small']);
    await assert.rejects(
      health.check(() => Promise.reject(new Error('still full'))),
      /commits to the store fail since .*still full/,
    );
    await health.check(() => Promise.resolve());
    assert.equal(health.isFailing, false);
  });
});
