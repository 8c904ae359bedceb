import * as path from 'node:path';
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
