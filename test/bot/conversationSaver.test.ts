/**
 * The conversation saver compares the state a turn leaves with the JSON it read (no change hash):
 * a turn that changes nothing writes nothing, a turn that changes anything, however deep, is
 * written, and the next turn (in this process or after a restart) works on what was written.
 */
import { strict as assert } from 'assert';
import { MemoryStorage, type StoreItems } from 'botbuilder';
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
});
