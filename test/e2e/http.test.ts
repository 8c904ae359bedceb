/**
 * The real host over real HTTP: restify, CloudAdapter in local mode, the embedded SQLite store
 * on disk, conversing with deliveryMode "expectReplies" (replies come back in the HTTP response).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { type BotApp, startServer } from '../../bot/index';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { type FileServer, startFileServer } from '../bot/helpers/fileServer';
import { EVENT_2004_DE, INTERNAL_THUMBPRINT, NDR_5_7_64_EN, TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { buttons, silentLogger, visibleText } from '../bot/helpers/testBot';

type Replies = Array<Partial<Activity>>;

describe('bot over HTTP (expectReplies, embedded storage)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let app: BotApp;
  let files: FileServer;
  let certs: TestCertificates;
  let nextId = 1;

  const start = async () => startServer(loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir }), { host: '127.0.0.1', logger: silentLogger });

  async function post(body: unknown, raw?: string): Promise<Response> {
    return fetch(`${app.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw ?? JSON.stringify(body),
    });
  }

  async function send(conversation: string, activity: Partial<Activity>): Promise<Replies> {
    const response = await post({
      type: 'message',
      id: `a-${nextId++}`,
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9', // never called: replies come back in the response
      deliveryMode: 'expectReplies',
      from: { id: 'user-1', name: 'Admin', role: 'user' },
      recipient: { id: 'bot', name: 'Bot', role: 'bot' },
      conversation: { id: conversation },
      locale: 'en-US',
      timestamp: new Date().toISOString(),
      ...activity,
    });
    assert.equal(response.status, 200, await response.clone().text());
    const body = (await response.json()) as { activities: Replies };
    return body.activities;
  }

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailflow-bot-e2e-'));
    certs = await makeCertificates('relay.woodgrove.com');
    files = await startFileServer();
    files.routes.set('/v3/attachments/att-1/views/original', {
      body: certs.leafPem,
      headers: { 'content-type': 'application/x-pem-file' },
    });
    app = await start();
  });

  after(async () => {
    await app?.close();
    await files?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${app.url}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  it('welcomes a new conversation', async () => {
    const replies = await send('welcome-1', {
      type: 'conversationUpdate',
      membersAdded: [
        { id: 'user-1', name: 'Admin' },
        { id: 'bot', name: 'Bot' },
      ],
    });
    assert.match(visibleText(replies), /Mailflow TLS Assistant/);
    assert.deepEqual(
      [...buttons(replies).values()].map((value) => value.action),
      ['describe', 'paste', 'upload', 'handoff'],
    );
  });

  it('continues the same interview after a restart of the server', async () => {
    const question = await send('interview-1', { text: NDR_5_7_64_EN });
    const option = [...buttons(question).values()].find((value) => value.optionId === 'chain-not-sent');
    assert.ok(option, 'the question offers the missing-chain answer');
    await app.close();
    app = await start();
    const answer = await send('interview-1', { text: '', value: option });
    const text = visibleText(answer);
    assert.match(text, /KB 3212877/);
    assert.match(text, /Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA/);
  });

  it('answers Get-ExchangeCertificate output with the untrusted thumbprint in Enable-ExchangeCertificate', async () => {
    const replies = await send('getcert-1', { text: TWO_SMTP_CERTIFICATES });
    const text = visibleText(replies);
    assert.match(text, /KB 2888788/);
    assert.match(text, new RegExp(`Enable-ExchangeCertificate -Thumbprint ${INTERNAL_THUMBPRINT} -Services`));
  });

  it('reports a certificate uploaded by contentUrl', async () => {
    const replies = await send('upload-1', {
      text: '',
      attachments: [
        { name: 'relay.pem', contentType: 'application/x-pem-file', contentUrl: `${files.url}/v3/attachments/att-1/views/original` },
      ],
    });
    const text = visibleText(replies);
    assert.match(text, /Certificate report/);
    assert.ok(text.includes(certs.leafThumbprint));
    assert.match(text, /relay\.woodgrove\.com/);
  });

  it('keeps both certificates when two uploads of one conversation arrive at the same time', async () => {
    // Each file is served after a pause, so that turns running side by side would both have read
    // the (empty) case before either saves it, as on a busy channel.
    const slow = http.createServer((req, res) => {
      const body = req.url === '/ca.pem' ? certs.caPem : certs.leafPem;
      setTimeout(() => res.end(body), 300);
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(slow.address() as { port: number }).port}`;
    const upload = (name: string) =>
      send('parallel-uploads', { attachments: [{ name, contentType: 'application/x-pem-file', contentUrl: `${base}/${name}` }] });
    let replies: Replies[];
    try {
      replies = await Promise.all([upload('relay.pem'), upload('ca.pem')]);
    } finally {
      slow.close();
    }
    // The turn that ran second must have seen both files: its report lists two certificates.
    const counts = replies.map((reply) => visibleText(reply).match(/^Thumbprint$/gm)?.length ?? 0).sort();
    assert.deepEqual(counts, [1, 2], replies.map(visibleText).join('\n---\n'));
  });

  it('answers in German for a German locale', async () => {
    const replies = await send('german-1', { text: EVENT_2004_DE, locale: 'de-DE' });
    const text = visibleText(replies);
    assert.match(text, /KB 2888788/);
    assert.match(text, /Ursache/);
    assert.match(text, /Erster Schritt/);
  });

  it('accepts a 1 MB paste, refuses bodies above the limit with 413, and bad JSON with 400', async () => {
    const big = await send('big-1', { text: `${TWO_SMTP_CERTIFICATES}\n${'y'.repeat(1024 * 1024)}` });
    assert.match(visibleText(big), /KB 2888788/);
    const oversize = await post({ type: 'message', text: 'z'.repeat(5 * 1024 * 1024) });
    assert.equal(oversize.status, 413);
    const broken = await post(undefined, '{"type": "message", ');
    assert.equal(broken.status, 400);
    const stillFine = await send('big-1', { text: 'help' });
    assert.match(visibleText(stillFine), /What I can do/);
  });

  it('replies to the channel at its serviceUrl without a token in local mode (as with the Emulator)', async () => {
    const received: Array<{ url: string; authorization?: string; body: Partial<Activity> }> = [];
    const channel = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({
          url: req.url ?? '',
          authorization: req.headers.authorization,
          body: JSON.parse(body || '{}') as Partial<Activity>,
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `r-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, '127.0.0.1', resolve));
    try {
      const port = (channel.address() as { port: number }).port;
      const response = await post({
        type: 'message',
        id: 'emu-1',
        channelId: 'emulator',
        serviceUrl: `http://127.0.0.1:${port}`,
        from: { id: 'user-1', name: 'Admin' },
        recipient: { id: 'bot', name: 'Bot' },
        conversation: { id: 'emulator-conv-1' },
        locale: 'en-US',
        text: TWO_SMTP_CERTIFICATES,
      });
      assert.equal(response.status, 200);
      assert.ok(received.length >= 2, 'answer card and command message posted back');
      assert.ok(received.every((entry) => entry.url.startsWith('/v3/conversations/emulator-conv-1/activities')));
      assert.ok(received.every((entry) => entry.authorization === undefined));
      assert.match(
        received.map((entry) => JSON.stringify(entry.body)).join(' '),
        /Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432/,
      );
    } finally {
      channel.closeAllConnections();
      await new Promise<void>((resolve) => channel.close(() => resolve()));
    }
  });
});
