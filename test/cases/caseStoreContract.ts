/**
 * The CaseStore contract (bot/cases/caseStore.ts), one suite run against every implementation.
 * `backing()` gives a fresh, empty backing store (a database file, a table) and opens store
 * instances on it: two instances on one backing stand for two bot processes.
 */
import { strict as assert } from 'assert';
import { CaseConflictError, type CaseRecord, type CaseStore, type NewCase } from '../../bot/cases/caseStore';

export interface CaseStoreBacking {
  open(): CaseStore | Promise<CaseStore>;
  dispose(): void | Promise<void>;
}

let conversationCounter = 0;

export function sampleCase(overrides: Partial<NewCase> = {}): NewCase {
  conversationCounter++;
  return {
    channelId: 'webchat',
    conversationId: `conv-${conversationCounter}|Ünïcode/#?`,
    conversationReference: { serviceUrl: 'http://localhost:1/', conversation: { id: `conv-${conversationCounter}` } },
    language: 'de',
    summary: {
      verdict: 'match',
      article: 'KB3212877',
      findings: [{ kind: 'smtp-reply', value: '550 5.7.64', excerpt: 'Relay Access Denied ATTR36' }],
    },
    transcript: [{ from: 'user', text: 'Grüße: 550 5.7.64 TenantAttribution', at: '2026-01-02T03:04:05.000Z' }],
    details: { contact: 'admin@contoso.example', rating: 5 },
    ...overrides,
  };
}

const alice = { id: 'agent-alice', name: 'Alice' };
const bob = { id: 'agent-bob', name: 'Bob' };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function runCaseStoreContract(name: string, makeBacking: () => CaseStoreBacking | Promise<CaseStoreBacking>): void {
  describe(`CaseStore contract: ${name}`, function () {
    this.timeout(60_000);
    let backing: CaseStoreBacking;
    let store: CaseStore;
    let other: CaseStore;

    beforeEach(async () => {
      backing = await makeBacking();
      store = await backing.open();
      other = await backing.open();
    });

    afterEach(async () => {
      await store.close();
      await other.close();
      await backing.dispose();
    });

    it('create stores a queued case that another instance reads back field for field', async () => {
      const input = sampleCase();
      const created = await store.create(input);
      assert.match(created.id, /^[0-9A-HJKMNP-TV-Z]{8}$/);
      assert.equal(created.status, 'queued');
      assert.ok(created.eTag);
      assert.equal(created.createdAt, created.updatedAt);
      assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
      const read = await other.get(created.id);
      assert.deepEqual(read, created);
      assert.deepEqual(read?.summary, input.summary);
      assert.deepEqual(read?.transcript, input.transcript);
      assert.equal(read?.conversationId, input.conversationId);
      assert.equal(await store.get('NOSUCHID'), undefined);
    });

    it('gives every case its own number', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) ids.add((await store.create(sampleCase())).id);
      assert.equal(ids.size, 20);
    });

    it('lists a status oldest first, with a limit, and the queue position follows claims', async () => {
      const first = await store.create(sampleCase());
      await pause(5);
      const second = await other.create(sampleCase());
      await pause(5);
      const third = await store.create(sampleCase());
      assert.deepEqual(
        (await other.list('queued')).map((record) => record.id),
        [first.id, second.id, third.id],
      );
      assert.deepEqual(
        (await store.list('queued', { limit: 2 })).map((record) => record.id),
        [first.id, second.id],
      );
      assert.deepEqual(await Promise.all([first, second, third].map((record) => store.queuePosition(record.id))), [1, 2, 3]);

      assert.equal((await store.claim(first.id, alice)).ok, true);
      assert.equal(await other.queuePosition(first.id), undefined);
      assert.equal(await other.queuePosition(second.id), 1);
      assert.equal(await other.queuePosition(third.id), 2);
      assert.deepEqual(
        (await other.list('assigned')).map((record) => record.id),
        [first.id],
      );
      assert.deepEqual(
        (await other.list('queued')).map((record) => record.id),
        [second.id, third.id],
      );
      assert.deepEqual(await store.list('closed'), []);
      assert.equal(await store.queuePosition('NOSUCHID'), undefined);
    });

    it('finds the open case of a conversation, and none once it is closed', async () => {
      const input = sampleCase();
      const created = await store.create(input);
      await store.create(sampleCase());
      assert.equal((await other.openCaseFor(input.channelId, input.conversationId))?.id, created.id);
      assert.equal(await other.openCaseFor('msteams', input.conversationId), undefined);
      const claimed = await store.claim(created.id, alice);
      assert.ok(claimed.ok);
      assert.equal((await other.openCaseFor(input.channelId, input.conversationId))?.status, 'assigned');
      await store.replace({ ...claimed.record, status: 'closed' });
      assert.equal(await other.openCaseFor(input.channelId, input.conversationId), undefined);
    });

    it('claim assigns a queued case once; a second agent is told it is taken, by whom', async () => {
      const created = await store.create(sampleCase());
      const won = await store.claim(created.id, alice);
      assert.ok(won.ok);
      assert.equal(won.record.status, 'assigned');
      assert.deepEqual(won.record.assignedTo, alice);
      assert.ok(won.record.assignedAt);
      assert.notEqual(won.record.eTag, created.eTag);
      const lost = await other.claim(created.id, bob);
      assert.equal(lost.ok, false);
      assert.equal(!lost.ok && lost.reason, 'taken');
      assert.deepEqual(!lost.ok && lost.record?.assignedTo, alice);
      assert.deepEqual((await other.get(created.id))?.assignedTo, alice);
      assert.deepEqual(await store.claim('NOSUCHID', bob), { ok: false, reason: 'not-found' });
    });

    it('a closed case cannot be claimed', async () => {
      const created = await store.create(sampleCase());
      await store.replace({ ...created, status: 'closed' });
      const result = await other.claim(created.id, bob);
      assert.equal(!result.ok && result.reason, 'closed');
    });

    it('two agents racing for a case on two instances: exactly one wins, every time', async () => {
      for (let round = 0; round < 15; round++) {
        const created = await store.create(sampleCase());
        const results = await Promise.all([store.claim(created.id, alice), other.claim(created.id, bob)]);
        const winners = results.filter((result) => result.ok);
        assert.equal(winners.length, 1, `round ${round}: ${JSON.stringify(results.map((result) => result.ok))}`);
        const winner = winners[0];
        const stored = await store.get(created.id);
        assert.deepEqual(stored?.assignedTo, winner.record.assignedTo);
        const loser = results.find((result) => !result.ok);
        assert.equal(loser && !loser.ok && loser.reason, 'taken');
      }
    });

    it('many claimers on one instance: exactly one wins', async () => {
      const created = await store.create(sampleCase());
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).claim(created.id, { id: `agent-${i}`, name: `Agent ${i}` })),
      );
      assert.equal(results.filter((result) => result.ok).length, 1);
    });

    it('replace is conditional on the eTag: a stale write fails and changes nothing', async () => {
      const created = await store.create(sampleCase());
      const updated = await store.replace({ ...created, details: { ...created.details, rating: 2 } });
      assert.notEqual(updated.eTag, created.eTag);
      assert.ok(updated.updatedAt >= created.updatedAt);
      assert.equal((await other.get(created.id))?.details.rating, 2);
      await assert.rejects(other.replace({ ...created, details: { rating: 1 } }), CaseConflictError);
      assert.equal((await store.get(created.id))?.details.rating, 2);
      const closed = await other.replace({ ...updated, status: 'closed' });
      assert.equal(closed.status, 'closed');
      assert.ok(closed.closedAt);
      assert.deepEqual(
        (await store.list('closed')).map((record) => record.id),
        [created.id],
      );
      assert.deepEqual(await store.list('queued'), []);
    });

    it('two instances replacing the same version: exactly one write wins', async () => {
      const created = await store.create(sampleCase());
      const results = await Promise.allSettled([
        store.replace({ ...created, details: { writer: 'a' } }),
        other.replace({ ...created, details: { writer: 'b' } }),
      ]);
      const fulfilled = results.filter((result): result is PromiseFulfilledResult<CaseRecord> => result.status === 'fulfilled');
      assert.equal(fulfilled.length, 1);
      const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      assert.ok(rejected.reason instanceof CaseConflictError);
      assert.deepEqual((await store.get(created.id))?.details, fulfilled[0].value.details);
    });

    it('relay messages keep their order, also when two instances append at once', async () => {
      const created = await store.create(sampleCase());
      const at = new Date().toISOString();
      const first = await store.appendMessage({ caseId: created.id, from: 'user', text: 'Hallo, ist da jemand?', at, delivery: 'pending' });
      assert.equal(first.seq, 1);
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? other : store).appendMessage({
            caseId: created.id,
            from: 'agent',
            authorName: 'Alice',
            text: `reply ${i}`,
            at,
            delivery: 'pending',
          }),
        ),
      );
      const all = await other.messages(created.id);
      assert.deepEqual(
        all.map((message) => message.seq),
        Array.from({ length: 11 }, (_, i) => i + 1),
      );
      assert.equal(all[0].text, 'Hallo, ist da jemand?');
      assert.deepEqual(new Set(all.slice(1).map((message) => message.text)), new Set(Array.from({ length: 10 }, (_, i) => `reply ${i}`)));
      assert.deepEqual(
        (await store.messages(created.id, 9)).map((message) => message.seq),
        [10, 11],
      );
      assert.deepEqual(await store.messages('NOSUCHID'), []);
    });

    it('records whether a relay message was delivered, with the error of a failed one', async () => {
      const created = await store.create(sampleCase());
      const message = await store.appendMessage({
        caseId: created.id,
        from: 'agent',
        authorName: 'Alice',
        text: 'Bitte Zertifikat hochladen',
        at: new Date().toISOString(),
        delivery: 'pending',
      });
      await other.setDelivery(created.id, message.seq, 'failed', 'conversation not found');
      const [stored] = await store.messages(created.id);
      assert.equal(stored.delivery, 'failed');
      assert.equal(stored.error, 'conversation not found');
      assert.equal(stored.authorName, 'Alice');
      await store.setDelivery(created.id, message.seq, 'delivered');
      const [delivered] = await other.messages(created.id);
      assert.equal(delivered.delivery, 'delivered');
      assert.equal(delivered.error, undefined);
    });

    it('changedSince returns the cases changed after a moment, oldest change first', async () => {
      const a = await store.create(sampleCase());
      await pause(5);
      const b = await store.create(sampleCase());
      await pause(5);
      const since = new Date().toISOString();
      await pause(5);
      assert.deepEqual(await other.changedSince(since), []);
      const claimedB = await other.claim(b.id, bob);
      await pause(5);
      const changedA = await store.replace({ ...a, details: { note: 'changed' } });
      const changed = await other.changedSince(since);
      assert.deepEqual(
        changed.map((record) => record.id),
        [b.id, a.id],
      );
      assert.equal(changed[1].eTag, changedA.eTag);
      assert.ok(claimedB.ok);
      assert.deepEqual(
        (await store.changedSince(since, { limit: 1 })).map((record) => record.id),
        [b.id],
      );
      assert.deepEqual(
        (await store.changedSince(a.createdAt)).map((record) => record.id),
        [b.id, a.id],
      );
    });

    it('retention deletes closed cases closed before the cut-off, with their messages, and nothing else', async () => {
      const old = await store.create(sampleCase());
      await store.appendMessage({ caseId: old.id, from: 'user', text: 'old', at: old.createdAt, delivery: 'delivered' });
      const closedOld = await store.replace({ ...old, status: 'closed', closedAt: '2020-01-01T00:00:00.000Z' });
      assert.equal(closedOld.closedAt, '2020-01-01T00:00:00.000Z');
      const recent = await store.create(sampleCase());
      await store.replace({ ...recent, status: 'closed' });
      const open = await store.create(sampleCase());
      await store.appendMessage({ caseId: open.id, from: 'user', text: 'still open', at: open.createdAt, delivery: 'delivered' });

      assert.equal(await other.deleteClosedBefore('2021-01-01T00:00:00.000Z'), 1);
      assert.equal(await store.get(old.id), undefined);
      assert.deepEqual(await store.messages(old.id), []);
      assert.equal((await store.get(recent.id))?.status, 'closed');
      assert.equal((await store.get(open.id))?.status, 'queued');
      assert.equal((await store.messages(open.id)).length, 1);
      assert.equal(await other.deleteClosedBefore('2021-01-01T00:00:00.000Z'), 0);
    });

    it('keeps a large case (summary and a long transcript) intact', async () => {
      const transcript = Array.from({ length: 40 }, (_, i) => ({
        from: i % 2 ? 'bot' : 'user',
        text: `Zeile ${i} ${'ä€𝄞x'.repeat(370)}`,
        at: new Date(i * 1000).toISOString(),
      }));
      const created = await store.create(
        sampleCase({
          transcript,
          summary: { findings: Array.from({ length: 200 }, (_, i) => ({ kind: 'k', value: `v${i}`, excerpt: 'e'.repeat(100) })) },
        }),
      );
      const read = await other.get(created.id);
      assert.deepEqual(read?.transcript, transcript);
      assert.equal((read?.summary.findings as unknown[]).length, 200);
    });
  });
}
