import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { isStateConflict } from '../../bot/store/stateStorage';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../../bot/store/sqliteStateStorage';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { runStorageContract } from './storageContract';

runStorageContract('embedded (SQLite file, two connections)', async () => {
  const dir = makeTempDir('state-store');
  const file = path.join(dir, 'bot.sqlite');
  const databases: Array<ReturnType<typeof openDatabase>> = [];
  return {
    clockResolutionMs: 1,
    open: async () => {
      const db = openDatabase(file);
      databases.push(db);
      return new SqliteStateStorage(db);
    },
    dispose: async () => {
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
    assert.equal((await storage.read([key]))[key].eTag, document!.eTag);
    await storage.writeDocument(key, '{"case":{"language":"en"}}', document!.eTag);
    const item = (await storage.read([key]))[key];
    assert.deepEqual(item.case, { language: 'en' });
    await storage.write({ [key]: { ...item, n: 1 } });
    assert.equal(JSON.parse((await storage.readDocument(key))!.json).n, 1);
  });
});
