/**
 * The conversation saver compares the state a turn leaves with the JSON it read (no change hash):
 * a turn that changes nothing writes nothing, a turn that changes anything, however deep, is
 * written, and the next turn (in this process or after a restart) works on what was written.
 */
import { strict as assert } from 'assert';
import * as path from 'path';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { normaliseCase } from '../../dialogs/caseState';
import { openDatabase } from '../../bot/store/sqliteDatabase';
import { SqliteStateStorage } from '../../bot/store/sqliteStateStorage';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';
import { NDR_5_7_64_EN } from './helpers/samples';
import { buttons, makeTestBot, visibleText } from './helpers/testBot';

function recordingStorage() {
  const storage = new MemoryStorage();
  const writes: string[] = [];
  return {
    writes,
    storage: {
      read: storage.read.bind(storage),
      delete: storage.delete.bind(storage),
      write: async (changes: StoreItems) => {
        writes.push(...Object.keys(changes));
        await storage.write(changes);
      },
    },
  };
}

const conversationWrites = (writes: string[]) => writes.filter((key) => key.includes('/conversations/')).length;
const userWrites = (writes: string[]) => writes.filter((key) => key.includes('/users/')).length;

describe('conversation state saved only when the turn changed it', () => {
  it('writes a turn that changed the case, not one that changed nothing', async () => {
    const { storage, writes } = recordingStorage();
    const bot = makeTestBot({ locale: 'en-US', storage });
    await bot.send(NDR_5_7_64_EN);
    assert.equal(conversationWrites(writes), 1);
    // A typing indicator runs a turn that reads the state and leaves it as it was.
    await bot.send({ type: 'typing' });
    assert.equal(conversationWrites(writes), 1, writes.join(', '));
    await bot.send('help');
    assert.equal(conversationWrites(writes), 2);
  });

  it('writes a change deep inside the case (an answered question), and the next bot reads it', async () => {
    const { storage, writes } = recordingStorage();
    const first = makeTestBot({ locale: 'en-US', storage });
    const question = await first.send(NDR_5_7_64_EN);
    const option = [...buttons(question).values()].find((value) => value.action === 'answer');
    assert.ok(option, 'the paste gets a question with answer buttons');
    const answered = await first.send({ value: option });
    assert.match(visibleText(answered), /KB 3212877/);
    assert.equal(conversationWrites(writes), 2);
    // Another bot on the same store (a restart): the case as written, the question answered
    // (a bot that had not read it would call the button forged, one that read it before the
    // answer would take the answer again).
    const restarted = makeTestBot({ locale: 'en-US', storage });
    const again = await restarted.send({ value: option });
    assert.match(visibleText(again), /That question has already been answered/);
    assert.match(visibleText(again), /KB 3212877/);
  });

  it('writes the user document only when the user chooses a language, and again when they change it', async () => {
    const { storage, writes } = recordingStorage();
    const bot = makeTestBot({ locale: 'en-US', conversationId: 'conv-a', storage });
    await bot.send(NDR_5_7_64_EN);
    assert.equal(userWrites(writes), 0, 'no user document for an ordinary turn');
    await bot.send('auf Deutsch');
    assert.equal(userWrites(writes), 1);
    await bot.send('help');
    assert.equal(userWrites(writes), 1, 'the same choice is not written again');
    await bot.send('English please');
    assert.equal(userWrites(writes), 2);
    const next = makeTestBot({ locale: 'de-DE', conversationId: 'conv-b', storage });
    assert.match(visibleText(await next.send('help')), /What I can do/);
  });

  it('on the embedded store (state as JSON text): two instances saving one conversation at once keep both turns', async () => {
    const dir = makeTempDir('saver-documents');
    const dbs = [openDatabase(path.join(dir, 'bot.sqlite')), openDatabase(path.join(dir, 'bot.sqlite'))];
    try {
      const [a, b] = dbs.map((db) => makeTestBot({ locale: 'en-US', conversationId: 'shared', storage: new SqliteStateStorage(db) }));
      const other = NDR_5_7_64_EN.replace('SMTP01.woodgrove.local', 'RELAY02.woodgrove.local');
      await Promise.all([a.send(NDR_5_7_64_EN), b.send(other)]);
      const stored = await new SqliteStateStorage(dbs[0]).readDocument('emulator/conversations/shared/');
      const state = normaliseCase((JSON.parse(stored!.json) as { case?: unknown }).case);
      const hosts = state.textFindings
        .filter((finding) => finding.kind === 'host-name')
        .map((finding) => finding.value)
        .sort();
      assert.deepEqual(hosts, ['relay02.woodgrove.local', 'smtp01.woodgrove.local']);
      assert.equal(state.transcript.filter((line) => line.from === 'user').length, 2);
      // The next turn on either instance works on the merged state.
      const next = await a.send('help');
      assert.doesNotMatch(visibleText(next), /Sorry, something went wrong/);
      const after = normaliseCase(
        (JSON.parse((await new SqliteStateStorage(dbs[1]).readDocument('emulator/conversations/shared/'))!.json) as { case?: unknown })
          .case,
      );
      assert.equal(after.transcript.filter((line) => line.from === 'user').length, 3);
    } finally {
      for (const db of dbs) db.close();
      removeTempDir(dir);
    }
  });
});
