/** A turn's replies go out only once its state is saved: a user is never told what was not kept. */
import { strict as assert } from 'node:assert';
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { NDR_5_7_64_EN } from './helpers/samples';
import { makeTestBot, visibleText } from './helpers/testBot';

describe('replies wait for the saved state', () => {
  it('when the save fails, the user gets the polite error and none of the answer', async () => {
    const storage = new MemoryStorage();
    let failWrites = true;
    const failing = {
      read: storage.read.bind(storage),
      delete: storage.delete.bind(storage),
      write: (changes: StoreItems) => (failWrites ? Promise.reject(new Error('disk full')) : storage.write(changes)),
    };
    const bot = makeTestBot({ locale: 'en-US', storage: failing });
    const replies = await bot.send(NDR_5_7_64_EN);
    assert.equal(replies.length, 1, JSON.stringify(replies.map((reply) => reply.text)));
    assert.match(visibleText(replies), /Sorry, something went wrong/);
    failWrites = false;
    const retried = await bot.send(NDR_5_7_64_EN);
    assert.doesNotMatch(visibleText(retried), /Sorry, something went wrong/);
    assert.ok(retried.length > 0);
  });

  it('replies arrive in the order the dialog sent them, after the save', async () => {
    const storage = new MemoryStorage();
    const order: string[] = [];
    const recording = {
      read: storage.read.bind(storage),
      delete: storage.delete.bind(storage),
      write: async (changes: StoreItems) => {
        order.push(`save ${Object.keys(changes).join(',')}`);
        await storage.write(changes);
      },
    };
    const bot = makeTestBot({ locale: 'en-US', storage: recording });
    // What reaches the channel: the adapter's own send, after every turn-level handler.
    const send = bot.adapter.sendActivities.bind(bot.adapter);
    bot.adapter.sendActivities = async (context, activities) => {
      order.push(...activities.map((activity) => `reply ${activity.type}`));
      return send(context, activities);
    };
    await bot.send('talk to a person');
    const firstReply = order.findIndex((entry) => entry.startsWith('reply message'));
    const conversationSave = order.findIndex((entry) => entry.startsWith('save emulator/conversations/'));
    assert.ok(conversationSave >= 0 && firstReply > conversationSave, order.join(' | '));
  });
});
