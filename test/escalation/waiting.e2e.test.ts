/**
 * When nobody takes a case: after HANDOFF_WAIT_MINUTES the user is told honestly and may leave an
 * e-mail address (validated, stored on the case, shown to agents only); outside office hours at
 * once. And the contact-center events (handoff.status) on the same running bot.
 */
import { strict as assert } from 'assert';
import { escalate, type Harness, startHarness, textsOf, UNCLEAR_PROBLEM } from './harness';

describe('human handoff: nobody free, office hours, contact address', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    // 0.01 minutes: the notice comes after 0.6 s (the sweep runs every 0.1 s in tests).
    harness = await startHarness({ HANDOFF_WAIT_MINUTES: '0.01' });
  });

  after(async () => harness?.close());

  it('tells the waiting user honestly when nobody took the case in time, and takes a valid e-mail address', async () => {
    const user = harness.user('wait-1');
    const caseId = await escalate(user);
    const notice = await user.waitFor(/nobody from support has been free/);
    assert.match(String(notice.text), new RegExp(`case #${caseId} stays in the queue`));
    assert.match(String(notice.text), /type your e-mail address/);
    assert.equal(harness.channel.textsIn('wait-1').filter((text) => /nobody from support has been free/.test(text)).length, 1, 'told once');

    const invalid = await user.say('admin@contoso');
    assert.match(textsOf(invalid), /does not look like an e-mail address/);
    const saved = await user.say('Admin.Mail@Contoso.com');
    assert.match(textsOf(saved), new RegExp(`reply to Admin\\.Mail@contoso\\.com about case #${caseId}`));
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.contact?.email, 'Admin.Mail@contoso.com');
    assert.equal(view.delivery?.nobodyNotice?.delivered, true);

    // Other users never see it: their own conversation knows nothing of this case.
    const other = harness.user('wait-2');
    await other.say(UNCLEAR_PROBLEM);
    assert.ok(!harness.channel.textsIn('wait-2').join('\n').includes('Admin.Mail@contoso.com'));
  });
});

describe('human handoff: outside office hours', function () {
  this.timeout(60_000);
  it('says at once that nobody is there, with the support hours, and asks for an address', async () => {
    // A Sunday, support Mon-Fri in Berlin.
    const sunday = () => new Date('2026-03-01T12:00:00Z');
    const harness = await startHarness({ HANDOFF_OFFICE_HOURS: 'Mon-Fri 08:00-17:00', HANDOFF_TIMEZONE: 'Europe/Berlin' }, { now: sunday });
    try {
      const user = harness.user('hours-1', { locale: 'de-DE' });
      await user.say(UNCLEAR_PROBLEM);
      const opened = await user.say('Mitarbeiter');
      const text = textsOf(opened);
      assert.match(text, /Im Moment ist niemand aus dem Support erreichbar \(Supportzeiten: Mon-Fri 08:00-17:00 \(Europe\/Berlin\)\)/);
      assert.match(text, /schreiben Sie Ihre E-Mail-Adresse/);
      const caseId = /#([0-9A-Z]{8})/.exec(text)?.[1];
      assert.match(textsOf(await user.say('kontakt@fabrikam.de')), /Der Support antwortet an kontakt@fabrikam\.de/);
      assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.contact?.email, 'kontakt@fabrikam.de');
    } finally {
      await harness.close();
    }
  });
});

describe('human handoff: contact-center events (handoff.status)', function () {
  this.timeout(60_000);
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  const status = (conversationId: string, state: string, message?: string) =>
    harness.user(conversationId).say({
      type: 'event',
      name: 'handoff.status',
      value: { state, ...(message ? { message } : {}) },
      from: { id: 'omnichannel', name: 'Contoso Support' },
    });

  it('accepted: the user hears a person joined; completed: the case closes and the user may rate it', async () => {
    const user = harness.user('cc-1');
    const caseId = await escalate(user);
    const accepted = await status('cc-1', 'accepted');
    assert.match(textsOf(accepted), new RegExp(`A person from support has joined the chat \\(case #${caseId}\\)`));
    const taken = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(taken.status, 'assigned');
    assert.equal(taken.assignedTo?.name, 'Contoso Support');
    assert.equal(taken.surface, 'contact-center');
    const completed = await status('cc-1', 'completed');
    assert.match(textsOf(completed), /The conversation with support has ended/);
    assert.match(textsOf(completed), /How did we do/);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.status, 'closed');
  });

  it('ignores a "handoff.status" the user\'s own client sends (Direct Line clients may send events)', async () => {
    const user = harness.user('cc-forged');
    const caseId = await escalate(user);
    const forged = await user.say({ type: 'event', name: 'handoff.status', value: { state: 'completed' } });
    assert.equal(forged.length, 0);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.status, 'queued');
  });

  it('failed: the user is told with the reason and the case stays in the queue', async () => {
    const user = harness.user('cc-2');
    const caseId = await escalate(user);
    const failed = await status('cc-2', 'failed', 'No agents in queue "Mail flow"');
    assert.match(
      textsOf(failed),
      new RegExp(`could not take over right now \\(No agents in queue "Mail flow"\\)\\. Your case #${caseId} stays in the queue`),
    );
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.status, 'queued');
    assert.equal(view.delivery?.contactCenter?.state, 'failed');
  });
});
