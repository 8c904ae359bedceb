/**
 * Agent assist on a case (issue 23, point 2), over real HTTP: the diagnosis starts from the
 * evidence the case already holds and adds what the agent pastes, the two shown apart; the answer
 * card the agent then sends is the one assist showed. Before, assist looked only at the paste: the
 * customer's later openssl output on a case with a stored 550 5.7.64 NDR got a question (or
 * "nothing shows an error"), and sending it was refused as "no answer".
 */
import { strict as assert } from 'assert';
import { EVENT_2004_EN, INTERNAL_THUMBPRINT, NDR_5_7_64_DE, NDR_5_7_64_EN, TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { ANNA, escalate, type Harness, startHarness, textsOf } from './harness';
import { OPENSSL_WITHOUT_INTERMEDIATES } from './deskSamples';

interface AssistEvidence {
  fromCase: Array<{ label: string; excerpt: string }>;
  added: Array<{ label: string; excerpt: string }>;
}

function evidenceOf(json: unknown): AssistEvidence {
  const evidence = (json as { evidence?: AssistEvidence }).evidence;
  assert.ok(evidence, 'assist names the evidence apart');
  return evidence;
}

describe('agent assist on a case: the case evidence plus what the agent adds', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });
  after(async () => harness?.close());

  it('a stored 550 5.7.64 NDR plus the openssl output the agent adds: the KB 3212877 answer, evidence from the case and added apart', async () => {
    const caseId = await escalate(harness.user('assist-case-ndr'), NDR_5_7_64_EN);
    const alone = await harness.desk('POST', '/assist', { text: OPENSSL_WITHOUT_INTERMEDIATES, language: 'en' });
    assert.equal(alone.status, 200);
    assert.notEqual(alone.json.verdict, 'match', 'the openssl output alone does not tell the cause');

    const assist = await harness.desk('POST', '/assist', { caseId, text: OPENSSL_WITHOUT_INTERMEDIATES });
    assert.equal(assist.status, 200, JSON.stringify(assist.json));
    assert.equal(assist.json.verdict, 'match');
    assert.ok(assist.json.reply?.kind === 'match' && assist.json.reply.kb === 'KB 3212877', JSON.stringify(assist.json.reply));
    assert.doesNotMatch(JSON.stringify(assist.json.reply), /Nothing you gave me shows an error/);
    const evidence = evidenceOf(assist.json);
    assert.ok(
      evidence.fromCase.some((entry) => /5\.7\.64/.test(entry.label + entry.excerpt)),
      `the NDR is from the case: ${JSON.stringify(evidence)}`,
    );
    assert.ok(!evidence.added.some((entry) => /5\.7\.64/.test(entry.label)), 'the NDR is not shown as added by the agent');
    assert.ok(
      evidence.added.some((entry) => /intermediate/i.test(entry.label)),
      `the chain gap is what the agent added: ${JSON.stringify(evidence)}`,
    );
  });

  it('a German case answers in German from the case evidence; the same NDR pasted again adds nothing', async () => {
    const caseId = await escalate(harness.user('assist-case-de', { locale: 'de-DE' }), NDR_5_7_64_DE);
    const assist = await harness.desk('POST', '/assist', { caseId, text: OPENSSL_WITHOUT_INTERMEDIATES });
    assert.equal(assist.status, 200);
    assert.equal(assist.json.language, 'de');
    assert.equal(assist.json.verdict, 'match');
    assert.ok(assist.json.reply?.kind === 'match' && /Zwischenzertifikat/i.test(JSON.stringify(assist.json.reply)));
    const again = await harness.desk('POST', '/assist', { caseId, text: NDR_5_7_64_DE });
    assert.equal(again.status, 200);
    const evidence = evidenceOf(again.json);
    assert.ok(evidence.fromCase.some((entry) => /5\.7\.64/.test(entry.label + entry.excerpt)));
    assert.deepEqual(evidence.added, [], 'what the case already had is not "added by you"');
  });

  it("commands are filled with the case's own values: a stored Get-ExchangeCertificate listing plus an event 2004 the agent adds", async () => {
    const caseId = await escalate(harness.user('assist-case-certs'), TWO_SMTP_CERTIFICATES);
    const assist = await harness.desk('POST', '/assist', { caseId, text: EVENT_2004_EN });
    assert.equal(assist.status, 200);
    assert.ok(assist.json.reply?.kind === 'match', JSON.stringify(assist.json.reply));
    assert.match(JSON.stringify(assist.json.reply.commands), new RegExp(INTERNAL_THUMBPRINT), "the thumbprint from the case's listing");
  });

  it('the answer card sent to the customer is the one assist showed (case evidence included)', async () => {
    const user = harness.user('assist-case-send');
    const caseId = await escalate(user, NDR_5_7_64_EN);
    await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
    const sent = await harness.desk('POST', `/cases/${caseId}/answer`, { agent: ANNA, text: OPENSSL_WITHOUT_INTERMEDIATES });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    await user.waitFor(/KB 3212877/);
    assert.match(textsOf(harness.channel.activitiesIn('assist-case-send')), /Import-Certificate|certutil/);
  });

  it('a caseId that is no case number is a 400, an unknown case a 404', async () => {
    assert.equal((await harness.desk('POST', '/assist', { caseId: 'no such/case', text: NDR_5_7_64_EN })).status, 400);
    assert.equal((await harness.desk('POST', '/assist', { caseId: 42, text: NDR_5_7_64_EN })).status, 400);
    assert.equal((await harness.desk('POST', '/assist', { caseId: 'ZZZZZZZZ', text: NDR_5_7_64_EN })).status, 404);
  });
});
