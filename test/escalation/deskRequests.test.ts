/**
 * The desk API against requests a browser page on another site can make, and against a case
 * number that is no valid percent-encoding. In local mode the desk has no key: a page on any
 * site the agent visits could POST to it with Content-Type text/plain (no CORS preflight) and
 * take cases or write to customers. Desk POSTs are JSON from the desk's own origin only.
 */
import { strict as assert } from 'assert';
import { silentLogger } from '../bot/helpers/testBot';
import { ANNA, escalate, type Harness, startHarness } from './harness';

describe('agent desk API: cross-site requests and bad case numbers', function () {
  this.timeout(60_000);
  let harness: Harness;

  before(async () => {
    harness = await startHarness();
  });

  after(async () => {
    await harness?.close();
  });

  async function post(path: string, body: string, headers: Record<string, string>) {
    const response = await fetch(`${harness.app.url}/api/desk${path}`, { method: 'POST', headers, body });
    const text = await response.text();
    return { status: response.status, text, json: (text ? JSON.parse(text) : {}) as { error?: { code: string; message: string } } };
  }

  it('refuses a POST that is not application/json (a cross-site form or text/plain fetch) with 415: nothing is taken or sent', async () => {
    const user = harness.user('desk-csrf');
    const caseId = await escalate(user);
    const agent = JSON.stringify({ agent: ANNA, text: 'Please send me your password.' });
    for (const contentType of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      for (const action of ['take', 'messages']) {
        const answer = await post(`/cases/${caseId}/${action}`, agent, { 'content-type': contentType, origin: 'https://evil.example' });
        assert.ok(answer.status === 415 || answer.status === 403, `${contentType} ${action}: HTTP ${answer.status}`);
      }
      const sameSite = await post(`/cases/${caseId}/take`, agent, { 'content-type': contentType });
      assert.equal(sameSite.status, 415, contentType);
      assert.match(sameSite.json.error?.message ?? '', /Content-Type: application\/json/);
    }
    const noType = await post(`/cases/${caseId}/take`, agent, {});
    assert.equal(noType.status, 415, 'a body without a Content-Type');
    const view = await harness.desk('GET', `/cases/${caseId}`);
    assert.equal(view.json.status, 'queued', 'the case was not taken');
    assert.ok(!user.received().some((activity) => JSON.stringify(activity).includes('your password')), 'nothing reached the customer');
  });

  it('refuses JSON from a page on another site (Origin not this host) with 403', async () => {
    const caseId = await escalate(harness.user('desk-origin'));
    const answer = await post(`/cases/${caseId}/take`, JSON.stringify({ agent: ANNA }), {
      'content-type': 'application/json',
      origin: 'https://evil.example',
    });
    assert.equal(answer.status, 403);
    assert.match(answer.json.error?.message ?? '', /another site/);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.status, 'queued');
  });

  it('near miss: the desk page itself (same Origin, application/json with a charset) is served', async () => {
    const caseId = await escalate(harness.user('desk-same-origin'));
    const answer = await post(`/cases/${caseId}/take`, JSON.stringify({ agent: ANNA }), {
      'content-type': 'application/json; charset=utf-8',
      origin: new URL(harness.app.url).origin,
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal((await harness.desk('GET', `/cases/${caseId}`)).json.status, 'assigned');
  });

  it('answers a case number that is no valid percent-encoding with 400 and a short body, not 500 and a stack in the log', async () => {
    const errorsBefore = silentLogger.errors.length;
    for (const path of ['/cases/%E0%A4%A', '/cases/%E0%A4%A/messages', '/cases/%ZZ']) {
      const answer = await harness.desk('GET', path);
      assert.equal(answer.status, 400, path);
      assert.match(answer.json.error?.message ?? '', /not a case number/);
    }
    const posted = await post('/cases/%E0%A4%A/take', JSON.stringify({ agent: ANNA }), { 'content-type': 'application/json' });
    assert.equal(posted.status, 400);
    assert.ok(posted.text.length < 200, posted.text);
    assert.ok(!/at \w+ \(|decodeURIComponent|URIError/.test(posted.text), posted.text);
    assert.equal(silentLogger.errors.length, errorsBefore, 'nothing logged as a failure');
  });
});
