/**
 * The state Storage contract (Bot Framework's Storage with BlobsStorage's ETag semantics, plus
 * writeNew, the retention sweep and the readiness probe of bot/store/stateStorage.ts), one suite
 * run against every implementation. Two instances on one backing stand for two bot processes.
 */
import { strict as assert } from 'assert';
import { type StateStorage, isStateConflict } from '../../bot/store/stateStorage';

export interface StorageBacking {
  open(): StateStorage | Promise<StateStorage>;
  dispose(): void | Promise<void>;
  /** Resolution of the store's last-write time (Azure: one second). */
  clockResolutionMs: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An item as these tests store it: a version `v` (or a document), and the eTag the store adds. */
type Item = { eTag: string; v?: unknown; [field: string]: unknown };
const readAll = async (from: StateStorage, keys: string[]) => (await from.read(keys)) as Record<string, Item>;
const readOne = async (from: StateStorage, key: string) => (await readAll(from, [key]))[key];

const KEY = 'webchat/conversations/Konversation 1|ü#?%&=/x';
const OTHER_KEY = 'msteams/users/29:1a-b_c';

async function rejectsWithConflict(promise: Promise<unknown>): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isStateConflict(error), `expected a conflict, got ${String(error)}`);
    return true;
  });
}

export function runStorageContract(name: string, makeBacking: () => StorageBacking | Promise<StorageBacking>): void {
  describe(`state Storage contract: ${name}`, function () {
    this.timeout(60_000);
    let backing: StorageBacking;
    let storage: StateStorage;
    let other: StateStorage;

    beforeEach(async () => {
      backing = await makeBacking();
      storage = await backing.open();
      other = await backing.open();
    });

    afterEach(async () => {
      await backing.dispose();
    });

    it('reads nothing for unknown keys, and back what was written, with an eTag, on another instance', async () => {
      assert.deepEqual(await storage.read([KEY]), {});
      const doc = { case: { textFindings: [{ kind: 'smtp-reply', value: '550 5.7.64', excerpt: 'Grüße 𝄞' }] }, n: 1 };
      await storage.write({ [KEY]: doc, [OTHER_KEY]: { profile: { language: 'de' } } });
      const items = await readAll(other, [KEY, OTHER_KEY, 'missing/key']);
      assert.deepEqual(Object.keys(items).sort(), [KEY, OTHER_KEY].sort());
      const { eTag, ...stored } = items[KEY];
      assert.equal(typeof eTag, 'string');
      assert.ok(eTag.length > 0);
      assert.deepEqual(stored, doc);
      assert.deepEqual(items[OTHER_KEY].profile, { language: 'de' });
    });

    it('"*" and a missing eTag write unconditionally; every write gives a new eTag', async () => {
      await storage.write({ [KEY]: { v: 1 } });
      const first = await readOne(storage, KEY);
      await other.write({ [KEY]: { v: 2, eTag: '*' } });
      const second = await readOne(storage, KEY);
      assert.equal(second.v, 2);
      assert.notEqual(second.eTag, first.eTag);
      await storage.write({ [KEY]: { v: 3 } });
      assert.equal((await readOne(other, KEY)).v, 3);
    });

    it('a write with the current eTag succeeds; one with a stale eTag fails and changes nothing', async () => {
      await storage.write({ [KEY]: { v: 1 } });
      const read = await readOne(storage, KEY);
      await other.write({ [KEY]: { v: 2, eTag: read.eTag } });
      const current = await readOne(storage, KEY);
      assert.equal(current.v, 2);
      await rejectsWithConflict(storage.write({ [KEY]: { v: 3, eTag: read.eTag } }));
      assert.deepEqual(await readOne(other, KEY), current);
    });

    it('two instances writing the same version at once: exactly one succeeds', async () => {
      await storage.write({ [KEY]: { v: 0 } });
      for (let round = 0; round < 5; round++) {
        const [a, b] = await Promise.all([readAll(storage, [KEY]), readAll(other, [KEY])]);
        const results = await Promise.allSettled([
          storage.write({ [KEY]: { v: `a${round}`, eTag: a[KEY].eTag } }),
          other.write({ [KEY]: { v: `b${round}`, eTag: b[KEY].eTag } }),
        ]);
        const won = results.filter((result) => result.status === 'fulfilled');
        assert.equal(won.length, 1, `round ${round}`);
        const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
        assert.ok(isStateConflict(lost.reason));
        const winner = results[0].status === 'fulfilled' ? `a${round}` : `b${round}`;
        assert.equal((await readOne(storage, KEY)).v, winner);
      }
    });

    it('writeNew creates an item only while its key is free: of two parallel first saves one wins', async () => {
      await storage.writeNew({ [KEY]: { v: 'first' } });
      assert.equal((await readOne(other, KEY)).v, 'first');
      await rejectsWithConflict(other.writeNew({ [KEY]: { v: 'second' } }));
      assert.equal((await readOne(storage, KEY)).v, 'first');

      const results = await Promise.allSettled([
        storage.writeNew({ [OTHER_KEY]: { v: 'a' } }),
        other.writeNew({ [OTHER_KEY]: { v: 'b' } }),
      ]);
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      const current = await readOne(storage, OTHER_KEY);
      // An item with an eTag is an ordinary conditional write.
      await other.writeNew({ [OTHER_KEY]: { v: 'c', eTag: current.eTag } });
      assert.equal((await readOne(storage, OTHER_KEY)).v, 'c');
    });

    it('deletes, and deleting an unknown key is no error', async () => {
      await storage.write({ [KEY]: { v: 1 }, [OTHER_KEY]: { v: 2 } });
      await other.delete([KEY, 'missing/key']);
      assert.deepEqual(Object.keys(await storage.read([KEY, OTHER_KEY])), [OTHER_KEY]);
    });

    it('the retention sweep deletes what was not written since the cut-off and keeps the rest', async () => {
      await storage.write({ 'webchat/conversations/old': { v: 1 }, 'webchat/users/old': { v: 1 } });
      await pause(backing.clockResolutionMs + 50);
      const cutOff = new Date();
      await pause(backing.clockResolutionMs + 50);
      await storage.write({ 'webchat/conversations/new': { v: 2 } });
      assert.equal(await other.deleteNotWrittenSince(cutOff), 2);
      assert.deepEqual(Object.keys(await storage.read(['webchat/conversations/old', 'webchat/users/old', 'webchat/conversations/new'])), [
        'webchat/conversations/new',
      ]);
      assert.equal(await other.deleteNotWrittenSince(cutOff), 0);
    });

    it('answers the readiness probe', async () => {
      await storage.checkReady();
      await other.checkReady();
    });
  });
}
