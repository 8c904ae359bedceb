/**
 * The desk's agent tools over real HTTP (issue 23, point 6): internal notes the customer never
 * receives (not when written, not after a restart, not on the next turn), transfer to another
 * agent (the customer hears who continues, the other agent can write, the first no longer can),
 * canned replies per language from the repository's files, findings labelled in words, the SLA
 * target the desk's timers use, and who wrote the newest message (for the desk's notifications).
 */
import { strict as assert } from 'assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CannedRepliesError, loadCannedReplies } from '../../bot/desk/cannedReplies';
import { NDR_5_7_64_EN } from '../bot/helpers/samples';
import { ANNA, BEN, escalate, type Harness, startHarness, textsOf, until } from './harness';

const NOTE = 'Internal: customer is on Exchange 2016 CU23, checked with the partner team, do not promise a date';

describe('desk agent tools: notes, transfer, canned replies, labels, SLA', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ HANDOFF_SLA_MINUTES: '7' });
  });
  after(async () => harness?.close());

  it('an internal note is stored with the case and listed for agents, and the customer never receives it', async () => {
    const user = harness.user('tools-note');
    const caseId = await escalate(user);
    const queuedNote = await harness.desk('POST', `/cases/${caseId}/notes`, { agent: BEN, text: 'Seen in the queue, likely KB 3212877' });
    assert.equal(queuedNote.status, 200, 'any agent may note a queued case');
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    const note = await harness.desk('POST', `/cases/${caseId}/notes`, { agent: ANNA, text: NOTE });
    assert.equal(note.status, 200, JSON.stringify(note.json));
    assert.equal(note.json.message?.internal, true);
    await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: 'Which server sends the mail?' });
    await user.waitFor(/Which server sends the mail/);
    await user.say('EXCH01, since Monday.');
    const view = await harness.desk('GET', `/cases/${caseId}`);
    const notes = (view.json.messages ?? []).filter((message) => message.internal);
    assert.deepEqual(
      notes.map((message) => [message.authorName, message.text]),
      [
        [BEN.name, 'Seen in the queue, likely KB 3212877'],
        [ANNA.name, NOTE],
      ],
    );
    await harness.restart(); // a restart resends what is pending: a note never is
    await harness.app.escalation.service.idle();
    await user.say('Any news?');
    const everything = textsOf(user.received());
    assert.doesNotMatch(everything, /Exchange 2016 CU23|likely KB 3212877|Internal:/, 'no note reached the customer');
    assert.equal((await harness.desk('POST', `/cases/${caseId}/notes`, { agent: ANNA, text: '   ' })).status, 400);
    assert.equal((await harness.desk('POST', `/cases/${caseId}/notes`, { agent: ANNA, text: 'x'.repeat(4001) })).status, 400);
    assert.equal((await harness.desk('POST', `/cases/ZZZZZZZZ/notes`, { agent: ANNA, text: 'x' })).status, 404);
  });

  it('transfer to another agent: the customer hears who continues, the new agent writes, the old one cannot', async () => {
    const user = harness.user('tools-transfer', { locale: 'de-DE' });
    const caseId = await escalate(user, 'Hallo, unsere Mails an einen Partner kommen nicht an.');
    assert.equal((await harness.desk('POST', `/cases/${caseId}/transfer`, { agent: ANNA, to: BEN })).status, 409, 'take it first');
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    assert.equal((await harness.desk('POST', `/cases/${caseId}/transfer`, { agent: ANNA, to: { id: 'x y', name: '' } })).status, 400);
    assert.equal((await harness.desk('POST', `/cases/${caseId}/transfer`, { agent: ANNA, to: ANNA })).status, 400);
    const moved = await harness.desk('POST', `/cases/${caseId}/transfer`, { agent: ANNA, to: BEN });
    assert.equal(moved.status, 200, JSON.stringify(moved.json));
    assert.equal(moved.json.status, 'assigned');
    assert.deepEqual(moved.json.assignedTo, BEN);
    await user.waitFor(/Anna Berger hat Ihren Fall #[0-9A-Z]{8} an Ben Okafor aus dem Support übergeben/);
    assert.equal((await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: 'still me?' })).status, 409);
    const ben = await harness.desk('POST', `/cases/${caseId}/messages`, { agent: BEN, text: 'Hallo, hier ist Ben.' });
    assert.equal(ben.status, 200);
    await user.waitFor(/Ben Okafor \(Support\): Hallo, hier ist Ben\./);
  });

  it('the agents a case can go to: those at the desk (POST /agents) and those holding a case', async () => {
    const carla = { id: 'agent-carla', name: 'Carla Diaz' };
    const here = await harness.desk('POST', '/agents', { agent: carla });
    assert.equal(here.status, 200);
    const listed = (await harness.desk('GET', '/agents')).json as unknown as { agents: Array<{ id: string; name: string }> };
    const ids = listed.agents.map((agent) => agent.id);
    assert.ok(ids.includes(carla.id) && ids.includes(BEN.id) && ids.includes(ANNA.id), JSON.stringify(listed));
    assert.equal((await harness.desk('POST', '/agents', { agent: { id: '', name: 'x' } })).status, 400);
  });

  it('canned replies: one file per language, each reply sendable as it is', async () => {
    const answer = await harness.desk('GET', '/replies');
    assert.equal(answer.status, 200);
    const replies = (answer.json as unknown as { replies: Record<'en' | 'de', Array<{ id: string; title: string; text: string }>> })
      .replies;
    assert.ok(replies.en.length >= 5 && replies.de.length === replies.en.length, 'the same replies in both languages');
    assert.deepEqual(
      replies.de.map((reply) => reply.id),
      replies.en.map((reply) => reply.id),
    );
    assert.match(replies.de.map((reply) => reply.text).join(' '), /Unzustellbarkeitsbericht/);
    const user = harness.user('tools-canned');
    const caseId = await escalate(user);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    for (const reply of replies.en)
      assert.equal((await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: reply.text })).status, 200);
  });

  it('a malformed canned-replies file is refused with the file and the entry named', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'canned-'));
    try {
      writeFileSync(
        path.join(dir, 'en.json'),
        JSON.stringify({ language: 'en', replies: [{ id: 'a', title: 'A', text: 'see http://x' }] }),
      );
      writeFileSync(path.join(dir, 'de.json'), JSON.stringify({ language: 'de', replies: [] }));
      assert.throws(
        () => loadCannedReplies(dir),
        (error: Error) => error instanceof CannedRepliesError && /en\.json.*"a".*https/s.test(error.message),
      );
      writeFileSync(path.join(dir, 'en.json'), '{"language": "en", "replies": [{"id": "a", "title": ""}]}');
      assert.throws(() => loadCannedReplies(dir), /reply 1 needs a non-empty "title"/);
      writeFileSync(path.join(dir, 'en.json'), '{not json');
      assert.throws(() => loadCannedReplies(dir), /en\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('findings carry their words in both languages; /me names the SLA target; the list says who wrote last', async () => {
    const user = harness.user('tools-labels');
    const caseId = await escalate(user, NDR_5_7_64_EN);
    const view = await harness.desk('GET', `/cases/${caseId}`);
    const findings = (view.json.summary?.findings ?? []) as Array<{ kind: string; label?: { en: string; de: string } }>;
    const reply = findings.find((finding) => finding.kind === 'smtp-reply');
    assert.ok(reply?.label, JSON.stringify(findings));
    assert.match(reply.label.en, /5\.7\.64/);
    assert.notEqual(reply.label.de, reply.label.en);
    assert.ok(findings.every((finding) => finding.label && finding.label.en !== '' && finding.label.de !== ''));
    const me = (await harness.desk('GET', '/me')).json as unknown as { settings: { slaMinutes: number } };
    assert.equal(me.settings.slaMinutes, 7);
    await user.say('More detail from me.');
    await until(
      async () =>
        (await harness.desk('GET', '/cases?status=queued')).json.cases?.find((item) => item.id === caseId)?.lastMessageFrom === 'user',
      5000,
      'lastMessageFrom user',
    );
  });
});
