import assert from 'node:assert/strict';
import { startFakeBotServer, type FakeBotServer } from './fakeBotServer';
import { DirectLineTestClient } from './directLineClient';

describe('local Direct Line channel (development mode, against a botbuilder bot)', () => {
  let server: FakeBotServer;

  before(async () => {
    server = await startFakeBotServer();
  });
  after(async () => {
    await server.close();
  });

  it('runs in local mode when no Direct Line secret is configured', () => {
    assert.equal(server.routes.mode, 'local');
  });

  it('starts a conversation whose welcome reaches the page, in the page language', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect('de-DE');
    assert.match(client.userId, /^dl_[A-Za-z0-9_-]+$/);
    await client.waitForBot((text) => text === 'welcome de-DE');
    const update = server.received.find(
      (a) => a.type === 'conversationUpdate' && (a.conversation as { id: string }).id === client.conversationId,
    );
    assert.ok(update, 'the bot got a conversationUpdate');
    assert.deepEqual((update.membersAdded as Array<{ id: string }>).map((m) => m.id).includes(client.userId), true);
    assert.equal(update.channelId, 'directline');
  });

  it('relays a message to the bot and the reply back, echoing the user message first', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    const sent = await client.send('550 5.7.64 TenantAttribution; Relay Access Denied', 'en-US');
    assert.equal(sent.status, 200);
    const { id } = (await sent.json()) as { id: string };
    assert.ok(id.startsWith(`${client.conversationId}|`));
    const reply = await client.waitForBot((text) => text.startsWith('echo'));
    assert.equal(reply.text, 'echo[en-US]: 550 5.7.64 TenantAttribution; Relay Access Denied');
    const echoIndex = client.seen.findIndex((a) => a.id === id);
    assert.ok(echoIndex >= 0 && echoIndex < client.seen.indexOf(reply), 'user message echoed before the reply');
    assert.equal(client.seen[echoIndex].from?.id, client.userId);
    const atBot = server.received.find((a) => a.id === id);
    assert.equal((atBot?.from as { id: string }).id, client.userId);
  });

  it('sends an uploaded file to the bot, which downloads exactly those bytes from contentUrl', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    const der = Uint8Array.from([0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x00, 0x30, ...new Array<number>(300).fill(7)]);
    const response = await client.upload([{ name: 'C:\\certs\\relay "01".cer', type: 'application/x-x509-ca-cert', bytes: der }]);
    assert.equal(response.status, 200);
    const reply = await client.waitForBot((text) => text.startsWith('file'));
    // Path stripped and the quote neutralised, bytes intact.
    assert.match(reply.text ?? '', /^file relay _01_\.cer application\/x-x509-ca-cert 308 bytes starts 3082010a02010030$/);
    const echoed = client.seen.find((a) => a.from?.role === 'user' && a.attachments);
    assert.ok(echoed?.attachments?.[0].contentUrl?.startsWith(`${server.url}/v3/directline/attachments/`));
  });

  it('serves uploaded HTML as a download, never as a page of the bot site', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    await client.upload([{ name: 'evil.html', type: 'text/html', bytes: Buffer.from('<script>alert(1)</script>') }]);
    await client.waitForBot((text) => text.startsWith('file evil.html'));
    const url = client.seen.find((a) => a.attachments)?.attachments?.[0].contentUrl as string;
    const response = await fetch(url);
    assert.equal(response.headers.get('content-type'), 'application/octet-stream');
    assert.match(response.headers.get('content-disposition') ?? '', /^attachment;/);
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
  });

  it('refuses an upload above the limit with a clear message, and the bot gets nothing', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    await client.waitForBot((text) => text.startsWith('welcome'));
    const before = server.received.length;
    const response = await client.upload([{ name: 'huge.cer', type: 'application/octet-stream', bytes: new Uint8Array(5 * 1024 * 1024) }]);
    assert.equal(response.status, 413);
    const body = (await response.json()) as { error: { message: string } };
    assert.match(body.error.message, /at most 4 MB/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(server.received.length, before);
  });

  it('rejects garbage uploads, bad JSON and wrong tokens with Direct Line errors', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    const base = `${client.domain}/conversations/${client.conversationId}`;

    const garbage = await fetch(`${base}/upload`, {
      method: 'POST',
      headers: client.headers({ 'Content-Type': 'multipart/form-data; boundary=xyz' }),
      body: 'not multipart at all',
    });
    assert.equal(garbage.status, 400);
    assert.match(((await garbage.json()) as { error: { message: string } }).error.message, /multipart/);

    const notJson = await fetch(`${base}/activities`, {
      method: 'POST',
      headers: client.headers({ 'Content-Type': 'application/json' }),
      body: '{"type":',
    });
    assert.equal(notJson.status, 400);
    assert.match(((await notJson.json()) as { error: { message: string } }).error.message, /not valid JSON/);

    const noToken = await fetch(`${base}/activities`);
    assert.equal(noToken.status, 403);

    const other = new DirectLineTestClient(server.url);
    await other.connect();
    const foreign = await fetch(`${base}/activities`, { headers: other.headers() });
    assert.equal(foreign.status, 403, "another conversation's token does not open this one");

    const badId = await fetch(`${client.domain}/conversations/..%2F..%2Fetc/activities`, { headers: client.headers() });
    assert.equal(badId.status, 400);
  });

  it('never shows a client the serviceUrl or its key (polled activities, send and upload answers)', async () => {
    const key = new URL(server.routes.localChannel!.serviceUrl).pathname.split('/').pop() as string;
    assert.ok(key.length >= 16);
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    await client.waitForBot((text) => text.startsWith('welcome'));
    const sent = await client.send('hello there');
    const sentBody = await sent.text();
    const uploaded = await client.upload([{ name: 'a.txt', type: 'text/plain', bytes: Buffer.from('abc') }]);
    const uploadBody = await uploaded.text();
    await client.waitForBot((text) => text.startsWith('echo'));
    await client.waitForBot((text) => text.startsWith('file a.txt'));
    const roles = new Set(client.seen.map((a) => a.from?.role));
    assert.deepEqual([...roles].sort(), ['bot', 'user'], 'both user echoes and bot replies were polled');
    for (const text of [sentBody, uploadBody, ...client.seen.map((a) => JSON.stringify(a))]) {
      assert.equal(text.includes(key), false, text);
      assert.doesNotMatch(text, /serviceUrl|\/_bot\//i, text);
    }
    // The bot itself still gets the serviceUrl it replies to.
    assert.ok(server.received.some((a) => typeof a.serviceUrl === 'string' && a.serviceUrl.endsWith(`/_bot/${key}`)));
  });

  it('does not let a browser post as the bot (the bot side needs the secret serviceUrl key)', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    await client.send('hello');
    await client.waitForBot((text) => text.startsWith('welcome'));
    await client.waitForBot((text) => text.startsWith('echo'));
    // Everything a browser can see of the bot side: bot-side URLs found anywhere in polled activities.
    const seenUrls = new Set<string>();
    for (const activity of client.seen) {
      for (const match of JSON.stringify(activity).matchAll(/https?:\/\/[^"\s]*\/_bot\/[^"\s/]+/g)) seenUrls.add(match[0]);
    }
    for (const serviceUrl of seenUrls) {
      const forged = await fetch(`${serviceUrl}/v3/conversations/${client.conversationId}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'I am the bot, send me your password' }),
      });
      assert.equal(forged.status, 404, `posted as the bot through ${serviceUrl} taken from a polled activity`);
    }
    assert.deepEqual([...seenUrls], [], 'no bot-side URL is visible to the browser');
    const guessed = await fetch(`${client.domain}/_bot/guessed-key/v3/conversations/${client.conversationId}/activities`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'I am the bot, send me your password' }),
    });
    assert.equal(guessed.status, 404);
    await client.poll();
    assert.equal(
      client.seen.some((a) => a.text?.includes('password')),
      false,
    );
  });

  it('refreshes a token for the same conversation', async () => {
    const client = new DirectLineTestClient(server.url);
    await client.connect();
    const response = await fetch(`${client.domain}/tokens/refresh`, { method: 'POST', headers: client.headers() });
    assert.equal(response.status, 200);
    const refreshed = (await response.json()) as { token: string; conversationId: string };
    assert.equal(refreshed.conversationId, client.conversationId);
    assert.notEqual(refreshed.token, client.token);
    client.token = refreshed.token;
    assert.equal((await client.send('still here')).status, 200);
  });
});
