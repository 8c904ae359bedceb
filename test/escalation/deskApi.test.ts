/**
 * The desk API itself: who may use it (key, App Service Authentication, loopback in local mode,
 * off with an app id), the live event stream (also for changes made by another bot instance on
 * the same store), agent assist and the one-click answer card, and the page's strict CSP.
 */
import { strict as assert } from 'assert';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { deskAccess } from '../../bot/desk/deskAuth';
import { loadConfig } from '../../bot/config';
import { startServer } from '../../bot/index';
import { silentLogger } from '../bot/helpers/testBot';
import { makeCertificates } from '../bot/helpers/certificates';
import { NDR_5_7_64_EN, TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { activityTexts } from '../helpers/channelServer';
import { ANNA, escalate, startHarness, textsOf, until } from './harness';

const KEY = 'desk-key-0123456789abcdef';

/** Reads Server-Sent Events from the desk with fetch (like the page), collecting `case` events. */
async function openEvents(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/desk/events`, { headers, signal: controller.signal });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
  const events: Array<{ id: string; status: string; lastMessageSeq?: number }> = [];
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (block.includes('event: case') && data) events.push(JSON.parse(data.slice(6)) as (typeof events)[number]);
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort() };
}

describe('agent desk API: access', function () {
  this.timeout(60_000);

  it('with AGENT_DESK_KEY: 401 without the key or with a wrong one, 200 with it', async () => {
    const harness = await startHarness({ AGENT_DESK_KEY: KEY });
    try {
      const none = await harness.desk('GET', '/cases');
      assert.equal(none.status, 401);
      assert.match(none.json.error?.message ?? '', /Authorization: Bearer/);
      assert.equal((await harness.desk('GET', '/cases', undefined, { authorization: 'Bearer not-the-key-at-all!!' })).status, 401);
      assert.equal((await harness.desk('GET', '/events')).status, 401, 'the event stream too');
      const ok = await harness.desk('GET', '/cases?status=queued', undefined, { authorization: `Bearer ${KEY}` });
      assert.equal(ok.status, 200);
      assert.deepEqual(ok.json, { cases: [] });
      const page = await fetch(`${harness.app.url}/desk`);
      assert.equal(page.status, 200, 'the page itself holds no data and loads without the key');
    } finally {
      await harness.close();
    }
  });

  it('with a MicrosoftAppId and no key the desk is off (503) and says why', async () => {
    const app = await startServer(
      loadConfig({
        PORT: '0',
        MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
        MicrosoftAppPassword: 'x',
        BOT_DATA_DIR: `${tmpdir()}/desk-off-${process.pid}`,
      }),
      { host: '127.0.0.1', logger: silentLogger },
    );
    try {
      const response = await fetch(`${app.url}/api/desk/cases`);
      assert.equal(response.status, 503);
      assert.match(
        ((await response.json()) as { error: { message: string } }).error.message,
        /neither AGENT_DESK_KEY nor AGENT_DESK_APP_SERVICE_AUTH/,
      );
    } finally {
      await app.close();
    }
  });

  it('decides by key, App Service identity, and loopback', () => {
    const request = (remoteAddress: string, headers: Record<string, string> = {}) =>
      ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;
    assert.deepEqual(deskAccess(request('127.0.0.1'), { appServiceAuth: false, localMode: true }), { ok: true, mode: 'local' });
    assert.deepEqual(deskAccess(request('::ffff:127.0.0.1'), { appServiceAuth: false, localMode: true }), { ok: true, mode: 'local' });
    const remote = deskAccess(request('10.1.2.3'), { appServiceAuth: false, localMode: true });
    assert.equal(remote.ok ? 0 : remote.status, 403);
    const easyAuth = deskAccess(
      request('10.1.2.3', { 'x-ms-client-principal-id': 'aad-anna', 'x-ms-client-principal-name': 'anna@contoso.com' }),
      { appServiceAuth: true, localMode: false },
    );
    assert.deepEqual(easyAuth, { ok: true, mode: 'app-service', agent: { id: 'aad-anna', name: 'anna@contoso.com' } });
    const spoofed = deskAccess(request('10.1.2.3', { 'x-ms-client-principal-id': 'aad-anna' }), {
      appServiceAuth: false,
      key: KEY,
      localMode: false,
    });
    assert.equal(spoofed.ok ? 0 : spoofed.status, 401, 'principal headers count only when App Service Authentication is configured');
  });
});

describe('agent desk API: live events, assist, answer card, page', function () {
  this.timeout(60_000);

  it('streams case changes: a new case, a take, a message; also those made by another bot instance on the same store', async () => {
    const harness = await startHarness();
    const second = await startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: harness.dataDir }, harness.dataDir), {
      host: '127.0.0.1',
      logger: silentLogger,
    });
    const stream = await openEvents(harness.app.url);
    try {
      const user = harness.user('events-1');
      const caseId = await escalate(user);
      await until(() => stream.events.some((event) => event.id === caseId && event.status === 'queued'), 5000, 'the new case');
      // The other instance takes it: this instance's desk hears of it through the store.
      const taken = await fetch(`${second.url}/api/desk/cases/${caseId}/take`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agent: ANNA }),
      });
      assert.equal(taken.status, 200);
      await until(() => stream.events.some((event) => event.id === caseId && event.status === 'assigned'), 5000, 'the take made elsewhere');
      await user.say('Here is more detail.');
      await until(() => stream.events.some((event) => event.id === caseId && (event.lastMessageSeq ?? 0) >= 2), 5000, 'the new message');
    } finally {
      stream.close();
      await second.close();
      await harness.close();
    }
  });

  it('agent assist shows the diagnosis with filled commands and sends the answer card to the user with one click', async () => {
    const harness = await startHarness();
    try {
      const user = harness.user('assist-1', { locale: 'de-DE' });
      const caseId = await escalate(user, 'Hallo, seit gestern geht nichts mehr raus an unseren Partner.');
      const assist = await harness.desk('POST', '/assist', { caseId, text: TWO_SMTP_CERTIFICATES });
      assert.equal(assist.status, 200);
      assert.equal(assist.json.verdict, 'match');
      assert.equal(assist.json.language, 'de', "in the user's language, ready to send");
      assert.ok(
        assist.json.reply?.kind === 'match' &&
          assist.json.reply.commands.some((command: { script: string }) =>
            /Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432/.test(command.script),
          ),
      );
      assert.equal(assist.json.canSend, true);
      assert.equal(
        harness.channel.textsIn('assist-1').filter((text) => /Enable-ExchangeCertificate/.test(text)).length,
        0,
        'nothing reached the user yet',
      );

      const certs = await makeCertificates('relay.fabrikam.com');
      const files = await harness.desk('POST', '/assist', {
        language: 'en',
        files: [{ name: 'relay.pem', contentBase64: Buffer.from(certs.leafPem).toString('base64') }],
      });
      assert.equal(files.status, 200);
      assert.equal(files.json.certificates?.[0].thumbprint, certs.leafThumbprint);
      assert.equal(files.json.certificates?.[0].chainStatus, 'incomplete');

      assert.equal(
        (await harness.desk('POST', `/cases/${caseId}/answer`, { agent: ANNA, text: TWO_SMTP_CERTIFICATES })).status,
        409,
        'take the case first',
      );
      await harness.desk('POST', `/cases/${caseId}/take`, { agent: ANNA });
      const noAnswer = await harness.desk('POST', `/cases/${caseId}/answer`, { agent: ANNA, text: 'hello' });
      assert.equal(noAnswer.status, 422);
      const sent = await harness.desk('POST', `/cases/${caseId}/answer`, { agent: ANNA, text: TWO_SMTP_CERTIFICATES });
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      assert.equal(sent.json.message?.delivery, 'delivered');
      const card = await user.waitFor(/KB 2888788/);
      const cardText = activityTexts(card).join('\n');
      assert.match(cardText, /Anna Berger aus dem Support schickt Ihnen diese Antwort|Ursache/);
      assert.ok(!JSON.stringify(card).includes('"action":"fixed"'), "no bot buttons on the agent's answer");
      assert.match(
        textsOf(harness.channel.activitiesIn('assist-1')),
        /Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432/,
      );
    } finally {
      await harness.close();
    }
  });

  it('assist refuses what it cannot read with a clear message and never echoes a private key', async () => {
    const harness = await startHarness();
    try {
      assert.equal((await harness.desk('POST', '/assist', {})).status, 400);
      assert.equal((await harness.desk('POST', '/assist', { files: 'x' })).status, 400);
      const big = await harness.desk('POST', '/assist', {
        files: [{ name: 'big.log', contentBase64: Buffer.alloc(1_100_000, 65).toString('base64') }],
      });
      assert.equal(big.status, 413);
      const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
      const withKey = await harness.desk('POST', '/assist', { text: `${NDR_5_7_64_EN}\n${key}` });
      assert.equal(withKey.status, 200);
      assert.ok(!JSON.stringify(withKey.json).includes('MIIEvQIBADAN'));
    } finally {
      await harness.close();
    }
  });

  it('serves /desk from the bot host under a strict Content-Security-Policy', async () => {
    const harness = await startHarness();
    try {
      const page = await fetch(`${harness.app.url}/desk`);
      assert.equal(page.status, 200);
      const csp = page.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.match(csp, /frame-ancestors 'none'/);
      const html = await page.text();
      assert.doesNotMatch(html, /<script>|style="|https?:\/\/(?!www\.w3\.org)/, 'no inline script or style, no CDN');
      assert.equal((await fetch(`${harness.app.url}/desk/desk.js`)).status, 200);
      assert.equal((await fetch(`${harness.app.url}/desk/desk.css`)).status, 200);
    } finally {
      await harness.close();
    }
  });
});
