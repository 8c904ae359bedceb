import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { isStateConflict } from '../../bot/store/stateStorage';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../../bot/store/sqliteStateStorage';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { runStorageContract } from './storageContract';

runStorageContract('embedded (SQLite file, two connections)', () => {
  const dir = makeTempDir('state-store');
  const file = path.join(dir, 'bot.sqlite');
  const databases: Array<ReturnType<typeof openDatabase>> = [];
  return {
    clockResolutionMs: 1,
    open: () => {
      const db = openDatabase(file);
      databases.push(db);
      return new SqliteStateStorage(db);
    },
    dispose: () => {
      for (const db of databases) db.close();
      removeTempDir(dir);
    },
  };
});

describe('embedded store: documents as JSON text (the conversation saver serialises once)', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;
  let storage: SqliteStateStorage;
  const key = 'emulator/conversations/json-1/';
  beforeEach(() => {
    dir = makeTempDir('state-documents');
    db = openDatabase(path.join(dir, 'bot.sqlite'));
    storage = new SqliteStateStorage(db);
  });
  afterEach(() => {
    db.close();
    removeTempDir(dir);
  });

  it('creates only while the key is free, then writes only over the version read', async () => {
    assert.equal(await storage.readDocument(key), undefined);
    await storage.writeDocument(key, '{"v":1}', undefined);
    await assert.rejects(storage.writeDocument(key, '{"v":"again"}', undefined), (error: unknown) => isStateConflict(error));
    const first = await storage.readDocument(key);
    assert.deepEqual(first && JSON.parse(first.json), { v: 1 });
    await storage.writeDocument(key, '{"v":2}', first!.eTag);
    await assert.rejects(storage.writeDocument(key, '{"v":3}', first!.eTag), (error: unknown) => isStateConflict(error));
    const second = await storage.readDocument(key);
    assert.equal(second!.json, '{"v":2}');
    assert.notEqual(second!.eTag, first!.eTag);
  });

  it('is the same document Storage reads and writes, eTags included', async () => {
    await storage.write({ [key]: { case: { language: 'de' }, eTag: '*' } });
    const document = await storage.readDocument(key);
    assert.deepEqual(JSON.parse(document!.json), { case: { language: 'de' } });
    assert.equal(((await storage.read([key]))[key] as { eTag?: string } | undefined)?.eTag, document!.eTag);
    await storage.writeDocument(key, '{"case":{"language":"en"}}', document!.eTag);
    const item = (await storage.read([key]))[key] as { case?: unknown; eTag?: string };
    assert.deepEqual(item.case, { language: 'en' });
    await storage.write({ [key]: { ...item, n: 1 } });
    assert.equal((JSON.parse((await storage.readDocument(key))!.json) as { n?: number }).n, 1);
  });
});

describe('embedded store: writes of one event-loop round share one commit', () => {
  let dir: string;
  let db: ReturnType<typeof openDatabase>;
  let otherDb: ReturnType<typeof openDatabase>;
  let storage: SqliteStateStorage;
  beforeEach(() => {
    dir = makeTempDir('state-group');
    db = openDatabase(path.join(dir, 'bot.sqlite'));
    otherDb = openDatabase(path.join(dir, 'bot.sqlite'));
    storage = new SqliteStateStorage(db);
  });
  afterEach(() => {
    db.close();
    otherDb.close();
    removeTempDir(dir);
  });

  it('a full disk fails the whole group with its real cause, and nothing of it is stored', async () => {
    await storage.writeDocument('k/before', '{"v":0}', undefined);
    // Room for a few more pages only: the large write hits SQLITE_FULL, which rolls back the whole transaction.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 3}`);
    const outcomes = await Promise.allSettled([
      storage.writeDocument('k/a', '{"v":"a"}', undefined),
      storage.writeDocument('k/big', JSON.stringify({ v: 'x'.repeat(200_000) }), undefined),
      storage.writeDocument('k/c', '{"v":"c"}', undefined),
    ]);
    for (const outcome of outcomes) {
      assert.equal(outcome.status, 'rejected');
      assert.equal((outcome.reason as { code?: string }).code, 'SQLITE_FULL', String(outcome.reason));
    }
    const other = new SqliteStateStorage(otherDb);
    for (const key of ['k/a', 'k/big', 'k/c']) assert.equal(await other.readDocument(key), undefined, `${key} is not stored`);
    assert.equal((await other.readDocument('k/before'))?.json, '{"v":0}');
  });

  it('commits them together; a write that conflicts fails alone, the others are stored when they resolve', async () => {
    await storage.writeDocument('k/taken', '{"v":0}', undefined);
    const other = new SqliteStateStorage(otherDb);
    const outcomes = await Promise.allSettled([
      storage.writeDocument('k/a', '{"v":"a"}', undefined).then(() => other.readDocument('k/a')),
      storage.writeDocument('k/taken', '{"v":"lost"}', undefined),
      storage.write({ 'k/b': { v: 'b' }, 'k/c': { v: 'c' } }).then(() => other.read(['k/b', 'k/c'])),
      storage.writeNew({ 'k/d': { v: 'd' }, 'k/taken': { v: 'lost too' } }),
    ]);
    assert.equal(storage.lastGroupSize, 4);
    assert.equal(outcomes[0].status, 'fulfilled');
    assert.equal(
      (outcomes[0] as PromiseFulfilledResult<{ json: string } | undefined>).value?.json,
      '{"v":"a"}',
      'visible to another connection once resolved',
    );
    assert.ok(outcomes[1].status === 'rejected' && isStateConflict(outcomes[1].reason));
    assert.deepEqual(Object.keys((outcomes[2] as PromiseFulfilledResult<Record<string, unknown>>).value).sort(), ['k/b', 'k/c']);
    // One call is atomic: its conflict undoes its other item too.
    assert.ok(outcomes[3].status === 'rejected' && isStateConflict(outcomes[3].reason));
    assert.deepEqual(Object.keys(await other.read(['k/d'])), []);
    assert.equal((await other.readDocument('k/taken'))?.json, '{"v":0}');
  });

  it('keeps the order of writes to one key within a round (a stale eTag after a newer write fails)', async () => {
    await storage.writeDocument('k/x', '{"v":0}', undefined);
    const read = (await storage.readDocument('k/x'))!;
    const [first, second] = await Promise.allSettled([
      storage.writeDocument('k/x', '{"v":1}', read.eTag),
      storage.writeDocument('k/x', '{"v":2}', read.eTag),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.ok(second.status === 'rejected' && isStateConflict(second.reason));
    assert.equal((await storage.readDocument('k/x'))?.json, '{"v":1}');
  });

  it('rejects every write of a group that cannot be committed (here: the database was closed), and stores none of them', async () => {
    const pending = [storage.writeDocument('k/1', '{}', undefined), storage.write({ 'k/2': {} })];
    db.close();
    for (const outcome of await Promise.allSettled(pending)) assert.equal(outcome.status, 'rejected');
    db = openDatabase(path.join(dir, 'bot.sqlite'));
    assert.deepEqual(Object.keys(await new SqliteStateStorage(db).read(['k/1', 'k/2'])), []);
  });
});
