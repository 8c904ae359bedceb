/**
 * A contact center's "accepted" (handoff.status) for a case a desk agent already has: the claim
 * fails, the desk agent keeps the case, and the user is not told that "a person from support has
 * joined" a second time (they are already talking to the desk agent). Only a claim that succeeds
 * is announced.
 */
import { strict as assert } from 'assert';
import { ANNA, escalate, type Harness, startHarness, textsOf } from './harness';

const LANGUAGES = [
  { language: 'en', locale: 'en-US', joined: /A person from support has joined the chat/, desk: /Anna Berger from support has joined/ },
  {
    language: 'de',
    locale: 'de-DE',
    joined: /Jemand aus dem Support ist dem Chat beigetreten/,
    desk: /Anna Berger aus dem Support ist dem Chat beigetreten/,
  },
] as const;

describe('human handoff: a contact center accepting a case a desk agent already has', function () {
  this.timeout(60_000);
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  const accepted = (conversationId: string, locale: string) =>
    harness.user(conversationId, { locale }).say({
      type: 'event',
      name: 'handoff.status',
      value: { state: 'accepted' },
      from: { id: 'omnichannel', name: 'Contoso Support' },
    });

  for (const lang of LANGUAGES) {
    it(`${lang.language}: the user is not told someone joined; the desk agent keeps the case`, async () => {
      const conversationId = `cc-claimed-${lang.language}`;
      const user = harness.user(conversationId, { locale: lang.locale });
      const caseId = await escalate(user, lang.language === 'de' ? 'Seit Montag bleiben Mails an einen Partner hängen.' : undefined);
      assert.equal((await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA })).status, 200);
      await user.waitFor(lang.desk);
      const replies = await accepted(conversationId, lang.locale);
      assert.doesNotMatch(textsOf(replies), lang.joined);
      assert.ok(!user.received().some((activity) => lang.joined.test(textsOf([activity]))), 'not sent proactively either');
      const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
      assert.equal(view.status, 'assigned');
      assert.deepEqual(view.assignedTo, ANNA);
      assert.equal(view.delivery?.contactCenter?.state, 'accepted', 'the desk sees what the contact center said');
    });

    it(`${lang.language}: near miss, a queued case the contact center takes is announced`, async () => {
      const conversationId = `cc-queued-${lang.language}`;
      const user = harness.user(conversationId, { locale: lang.locale });
      const caseId = await escalate(user, lang.language === 'de' ? 'Seit Montag bleiben Mails an einen Partner hängen.' : undefined);
      assert.match(textsOf(await accepted(conversationId, lang.locale)), lang.joined);
      assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.assignedTo?.name, 'Contoso Support');
    });
  }
});
