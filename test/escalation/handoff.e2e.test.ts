/**
 * The human handoff end to end, over real HTTP: users talk to the running bot with a local
 * channel server as their serviceUrl (so "has joined", agent messages and the rating are really
 * sent there), agents use the desk API. Both languages.
 */
import { strict as assert } from 'assert';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { type FileServer, startFileServer } from '../bot/helpers/fileServer';
import { TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { activityTexts } from '../helpers/channelServer';
import { ANNA, BEN, escalate, type Harness, startHarness, textsOf, UNCLEAR_PROBLEM, until } from './harness';

describe('human handoff over HTTP (user in a channel, agent at the desk API)', function () {
  this.timeout(60_000);
  let harness: Harness;
  let files: FileServer;
  let certs: TestCertificates;

  before(async () => {
    certs = await makeCertificates('relay.woodgrove.com');
    files = await startFileServer();
    files.routes.set('/attachments/relay.pem', { body: certs.leafPem, headers: { 'content-type': 'application/x-pem-file' } });
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
    await files?.close();
  });

  it('escalates after a no-match: the case is stored with its worked-up summary, the user gets its number and place in the queue', async () => {
    const user = harness.user('e2e-nomatch');
    const first = await user.say(UNCLEAR_PROBLEM);
    assert.ok(activityTexts(first[0]).join(' ').length > 0);
    const replies = await user.say({ text: '', value: { action: 'handoff' } });
    const text = textsOf(replies);
    const caseId = /#([0-9A-Z]{8})/.exec(text)?.[1];
    assert.ok(caseId, text);
    assert.match(text, /You are number \d+ in the queue/);
    assert.match(text, /type "cancel" to withdraw/);

    const queue = await harness.desk('GET', '/cases?status=queued');
    assert.equal(queue.status, 200);
    const item = queue.json.cases?.find((entry: { id: string }) => entry.id === caseId);
    assert.ok(item, 'the case is in the queue');
    assert.equal(item.language, 'en');
    assert.equal(item.channelId, 'webchat');
    assert.equal(item.summary.verdict, 'no_match');
    assert.equal(item.summary.trigger, 'no-match');

    const view = await harness.desk('GET', `/cases/${caseId}`);
    assert.equal(view.status, 200);
    assert.ok(
      view.json.transcript?.some(
        (line: { from: string; text: string }) => line.from === 'user' && line.text.includes('stops sending to one partner'),
      ),
    );
    assert.equal('conversationReference' in view.json, false, 'the desk never sees the conversation reference');
    assert.ok(!JSON.stringify(view.json).includes(harness.channel.url), 'nor the serviceUrl');
  });

  it('numbers the queue in order: a second user waits behind the first', async () => {
    const first = harness.user('e2e-queue-1');
    const second = harness.user('e2e-queue-2');
    const firstId = await escalate(first);
    const secondId = await escalate(second);
    const queue = (await harness.desk('GET', '/cases?status=queued')).json.cases as Array<{ id: string; position: number }>;
    const position = (id: string) => queue.find((entry) => entry.id === id)?.position ?? 0;
    assert.equal(position(secondId), position(firstId) + 1);
    const added = await second.say('It happens with every message to fabrikam.com.');
    assert.match(textsOf(added), new RegExp(`Added to your case #${secondId}\\. You are number ${position(secondId)} in the queue`));
  });

  it('take, relay both ways, an upload analysed for both, close and rating', async () => {
    const user = harness.user('e2e-full', { name: 'Chris Admin' });
    const caseId = await escalate(user, TWO_SMTP_CERTIFICATES);

    const take = await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    assert.equal(take.status, 200);
    assert.equal(take.json.status, 'assigned');
    assert.deepEqual(take.json.assignedTo, ANNA);
    assert.equal(take.json.summary?.answer?.kb, 'KB 2888788', 'the agent sees the answer the bot gave');
    assert.ok(
      take.json.summary?.answer.commands.some((command: { script: string }) =>
        /Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432/.test(command.script),
      ),
    );
    assert.equal(take.json.userName, 'Chris Admin');
    await user.waitFor(/Anna Berger from support has joined the chat \(case #/);
    // Sent to the conversation, not as a reply: Web Chat holds replies for seconds while it waits for the activity they answer.
    const joinedRequest = await harness.channel.waitFor(
      (request) => request.conversationId === 'e2e-full' && /has joined/.test(activityTexts(request.body).join(' ')),
    );
    assert.equal(joinedRequest.path, '/v3/conversations/e2e-full/activities');
    assert.equal(joinedRequest.body.replyToId, undefined);

    // user -> agent: stored on the case, the bot stays quiet
    const quiet = await user.say('Hi Anna, the event 2004 came back after the reboot.');
    assert.equal(quiet.length, 0, `the bot does not answer while an agent has the case: ${textsOf(quiet)}`);
    const fromUser = (await harness.desk('GET', `/cases/${caseId}/messages`)).json.messages?.filter(
      (message: { from: string }) => message.from === 'user',
    );
    assert.equal(fromUser?.at(-1)?.text, 'Hi Anna, the event 2004 came back after the reboot.');

    // agent -> user: 200 only once the channel took it; plain text with the agent's name
    const sent = await harness.desk('POST', `/cases/${caseId}/messages`, {
      agent: ANNA,
      text: 'Thanks. Please run Get-ExchangeCertificate | fl and send me the output: https://learn.microsoft.com/exchange',
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    assert.equal(sent.json.message?.delivery, 'delivered');
    const delivered = await user.waitFor(/Anna Berger \(support\): Thanks\. Please run Get-ExchangeCertificate/);
    assert.equal(delivered.textFormat, 'plain');

    // an upload while the agent has the case: the user gets the report, the agent the same facts
    const upload = await user.say({
      text: '',
      attachments: [{ name: 'relay.pem', contentType: 'application/x-pem-file', contentUrl: `${files.url}/attachments/relay.pem` }],
    });
    assert.match(textsOf(upload), /Certificate report/);
    assert.ok(textsOf(upload).includes(certs.leafThumbprint));
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    const note = view.messages?.find((message: { from: string }) => message.from === 'bot');
    assert.ok(note && note.text.includes(certs.leafThumbprint), 'the report is on the case for the agent');
    assert.ok(
      view.summary?.certificates.some((certificate: { thumbprint: string }) => certificate.thumbprint === certs.leafThumbprint),
      'and in the summary',
    );
    assert.ok(!JSON.stringify(view).includes('BEGIN CERTIFICATE'), 'never the file content');

    // close: the user is told and asked for a rating; the rating is stored on the case
    const closed = await harness.desk('POST', `/cases/${caseId}/close`, { agent: ANNA });
    assert.equal(closed.status, 200);
    assert.equal(closed.json.status, 'closed');
    const rating = await user.waitFor(/How did we do with case/);
    const buttons = JSON.stringify(rating);
    assert.ok(buttons.includes('"action":"rate"') && buttons.includes('"score":5'), 'buttons 1 to 5');
    assert.ok(buttons.includes('Input.Text'), 'and a comment field');
    const thanks = await user.say({
      text: '',
      value: { action: 'rate', caseId, score: 4, comment: 'Quick and clear. password=hunter2hunter2' },
    });
    assert.match(textsOf(thanks), /Thank you for your rating/);
    const rated = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(rated.rating?.score, 4);
    assert.match(rated.rating?.comment ?? '', /^Quick and clear\. password=\[removed\]$/);
    const again = await user.say({ text: '', value: { action: 'rate', caseId, score: 1 } });
    assert.match(textsOf(again), /already rated/);

    // the case is over: the bot answers again
    const back = await user.say(TWO_SMTP_CERTIFICATES);
    assert.match(textsOf(back), /KB 2888788/);
  });

  it('two agents racing to take one case: exactly one wins, the other gets 409 naming the winner', async () => {
    const caseId = await escalate(harness.user('e2e-race'));
    const [first, second] = await Promise.all([
      harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA }),
      harness.desk('POST', `/cases/${caseId}/take`, { agent: BEN }),
    ]);
    const statuses = [first.status, second.status].sort();
    assert.deepEqual(statuses, [200, 409]);
    const loser = first.status === 409 ? first : second;
    const winner = first.status === 200 ? first : second;
    assert.equal(loser.json.error?.code, 'taken');
    assert.equal(loser.json.assignedTo?.name, winner.json.assignedTo?.name);
    const joined = harness.channel.textsIn('e2e-race').filter((text) => /has joined the chat/.test(text));
    assert.equal(joined.length, 1, 'the user is told once');
  });

  it('an agent message the channel refuses is reported to the agent (502) and kept as not delivered', async () => {
    const user = harness.user('e2e-refused');
    const caseId = await escalate(user);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await user.waitFor(/has joined/);
    harness.channel.refuse(1, 403);
    const refused = await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: 'Are you still there?' });
    assert.equal(refused.status, 502);
    assert.equal(refused.json.error?.code, 'not-delivered');
    assert.match(refused.json.error?.message ?? '', /HTTP 403 \(the bot is not allowed to write there/);
    const messages = (await harness.desk('GET', `/cases/${caseId}/messages`)).json.messages;
    const kept = messages?.find((message: { text: string }) => message.text === 'Are you still there?');
    assert.equal(kept?.delivery, 'failed');
    assert.match(kept?.error ?? '', /HTTP 403/);
  });

  it('agents send plain text only: other link schemes are refused, nothing turns into a card', async () => {
    const user = harness.user('e2e-plain');
    const caseId = await escalate(user);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    for (const text of ['[click](javascript:alert(1))', 'see http://contoso.example/fix', 'data:text/html,<b>x</b>']) {
      const refused = await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text });
      assert.equal(refused.status, 400, text);
      assert.match(refused.json.error?.message ?? '', /Only https links/);
    }
    const ok = await harness.desk('POST', `/cases/${caseId}/messages`, {
      agent: ANNA,
      text: '**Read** [the article](https://support.microsoft.com/help/2888788) <img src=x>',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }],
    });
    assert.equal(ok.status, 200);
    const received = await user.waitFor(/the article \(https:\/\/support\.microsoft\.com\/help\/2888788\)/);
    assert.equal(received.textFormat, 'plain');
    assert.equal(received.attachments, undefined);
  });

  it('only the agent who has the case can write, hand it back or close it', async () => {
    const user = harness.user('e2e-owner');
    const caseId = await escalate(user);
    const early = await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: 'Hello' });
    assert.equal(early.status, 409);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    for (const action of ['messages', 'release', 'close']) {
      const other = await harness.desk('POST', `/cases/${caseId}/${action}`, { agent: BEN, text: 'Hi' });
      assert.equal(other.status, 409, action);
      assert.match(other.json.error?.message ?? '', /handled by Anna Berger/);
    }
    const released = await harness.desk('POST', `/cases/${caseId}/release`, { agent: ANNA });
    assert.equal(released.json.status, 'queued');
    await user.waitFor(/Anna Berger has handed your case #\w+ back to the support queue; you are number \d+/);
    assert.equal((await harness.desk('POST', `/cases/${caseId}/take`, { agent: BEN })).status, 200);
  });

  it('the user can withdraw the request; the case closes and the bot answers again', async () => {
    const user = harness.user('e2e-cancel');
    const caseId = await escalate(user);
    const cancelled = await user.say('cancel');
    assert.match(textsOf(cancelled), new RegExp(`withdrawn your support request #${caseId}`));
    const view = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(view.status, 'closed');
    assert.equal(view.closedBy, 'user');
    assert.match(textsOf(await user.say(TWO_SMTP_CERTIFICATES)), /KB 2888788/);
  });

  it('German throughout: the case, "has joined", the agent\'s words, the rating', async () => {
    const user = harness.user('e2e-de', { locale: 'de-DE' });
    await user.say('Seit Montag bleiben Mails an einen Partner hängen, eine Fehlermeldung finde ich nicht.');
    const opened = await user.say('mit einem Menschen sprechen');
    const caseId = /Supportfall #([0-9A-Z]{8}) für Sie angelegt/.exec(textsOf(opened))?.[1];
    assert.ok(caseId, textsOf(opened));
    assert.match(textsOf(opened), /Sie sind Nummer \d+ in der Warteschlange/);
    const item = (await harness.desk('GET', `/cases/${caseId}`)).json;
    assert.equal(item.language, 'de', "the agent sees the user's language");
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    await user.waitFor(/Anna Berger aus dem Support ist dem Chat beigetreten/);
    await harness.desk('POST', `/cases/${caseId}/messages`, { agent: ANNA, text: 'Guten Tag, ich sehe mir das an.' });
    await user.waitFor(/Anna Berger \(Support\): Guten Tag/);
    await harness.desk('POST', `/cases/${caseId}/close`, { agent: ANNA });
    await user.waitFor(/Wie zufrieden waren Sie/);
    assert.match(textsOf(await user.say('5')), /Vielen Dank für Ihre Bewertung/);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.rating?.score, 5);
  });

  it("a case is never visible to another user: forged rating and withdraw buttons for someone else's case do nothing", async () => {
    const owner = harness.user('e2e-owner-a');
    const caseId = await escalate(owner);
    const stranger = harness.user('e2e-stranger');
    assert.match(textsOf(await stranger.say({ text: '', value: { action: 'cancel-case', caseId } })), /could not use that button press/);
    assert.match(textsOf(await stranger.say({ text: '', value: { action: 'rate', caseId, score: 1 } })), /could not use that button press/);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.status, 'queued');
  });

  it('lists closed cases newest first, with their rating', async () => {
    const older = await escalate(harness.user('e2e-closed-a'));
    assert.equal(
      (await harness.desk('POST', `/cases/${older}/close`, { agent: ANNA })).status,
      200,
      'a queued case can be closed by any agent',
    );
    const newer = await escalate(harness.user('e2e-closed-b'));
    await harness.desk('POST', `/cases/${newer}/close`, { agent: BEN });
    await harness.user('e2e-closed-b').say({ text: '', value: { action: 'rate', caseId: newer, score: 2 } });
    const closed = (await harness.desk('GET', '/cases?status=closed')).json.cases as Array<{ id: string; rating?: { score: number } }>;
    const ids = closed.map((item) => item.id);
    assert.ok(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older), ids.join(' '));
    assert.equal(closed.find((item) => item.id === newer)?.rating?.score, 2);
  });

  it('the desk answers what a client gets wrong with clear 4xx', async () => {
    assert.equal((await harness.desk('GET', '/cases?status=everything')).status, 400);
    assert.equal((await harness.desk('GET', '/cases/NOSUCHID')).status, 404);
    assert.equal((await harness.desk('GET', '/cases/bad%20id')).status, 400);
    const caseId = await escalate(harness.user('e2e-bad-agent'));
    const noAgent = await harness.desk('POST', `/cases/${caseId}/take`, {});
    assert.equal(noAgent.status, 400);
    assert.match(noAgent.json.error?.message ?? '', /agent\.id/);
    const response = await fetch(`${harness.app.url}/api/desk/cases/${caseId}/take`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"agent": ',
    });
    assert.equal(response.status, 400);
  });
});

describe('human handoff: a case that cannot be stored is never announced', function () {
  this.timeout(60_000);
  it('tells the user something went wrong instead of a case number when the store refuses the case', async () => {
    const { inMemoryCaseStore } = await import('../helpers/escalation');
    const store = inMemoryCaseStore();
    const failing = Object.create(store) as typeof store;
    failing.create = () => Promise.reject(new Error('disk full'));
    const harness = await startHarness({}, { caseStore: failing });
    try {
      const user = harness.user('e2e-store-down');
      await user.say(UNCLEAR_PROBLEM);
      const replies = await user.say('talk to a person');
      assert.doesNotMatch(textsOf(replies), /case #/);
      assert.match(textsOf(replies), /something went wrong on my side/);
      await until(async () => (await store.list('queued')).length === 0, 1000, 'no case');
    } finally {
      await harness.close();
      await store.close();
    }
  });
});
