/** Realistic Teams activities replayed against the bot; download URLs served by a local server. */
import { strict as assert } from 'assert';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { type FileServer, startFileServer } from '../bot/helpers/fileServer';
import { NDR_5_7_64_EN, TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';
import { buttons, cardsIn, makeTestBot, visibleText } from '../bot/helpers/testBot';

const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';
const TENANT = { id: '72f988bf-0000-0000-0000-000000000000' };

describe('Teams', () => {
  let files: FileServer;
  let certs: TestCertificates;

  before(async () => {
    certs = await makeCertificates('mail.woodgrove.com');
    files = await startFileServer();
    files.routes.set('/personal/admin/Documents/leaf.cer', { body: certs.leafDer });
    files.routes.set('/personal/admin/Documents/signin.cer', {
      body: '<html><body>Sign in to SharePoint</body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    files.routes.set('/personal/admin/Documents/loop.cer', { status: 302, headers: { location: '/personal/admin/Documents/loop.cer' } });
    files.routes.set('/personal/admin/Documents/elsewhere.cer', { status: 302, headers: { location: 'file:///etc/passwd' } });
    files.routes.set('/personal/admin/Documents/slow.cer', { hang: true });
    files.routes.set('/personal/admin/Documents/huge.log', { streamBytes: 4 * 1024 * 1024, headers: { 'content-type': 'text/plain' } });
  });
  after(() => files.close());

  const fileInfo = (name: string, fileType = name.split('.').pop() ?? '') => ({
    contentType: FILE_INFO,
    name,
    contentUrl: `https://woodgrove-my.sharepoint.com/personal/admin/Documents/${name}`,
    content: {
      downloadUrl: `${files.url}/personal/admin/Documents/${name}?tempauth=SECRETTEMPAUTH123`,
      uniqueId: '1a2b',
      fileType,
      etag: '"{1A2B},1"',
    },
  });
  const personal = {
    conversation: { id: 'a:1personalchat', conversationType: 'personal', tenantId: TENANT.id, isGroup: false, name: '' },
    channelData: { tenant: TENANT },
  };

  it('welcomes when the app is installed, once even though Teams also sends conversationUpdate', async () => {
    const bot = makeTestBot({ channelId: 'msteams', locale: 'de-DE' });
    const installed = await bot.send({ type: 'installationUpdate', action: 'add', ...personal });
    assert.match(visibleText(installed), /Fehlermeldung einfügen/);
    const update = await bot.send({ type: 'conversationUpdate', membersAdded: [{ id: 'bot-1', name: 'Mailflow bot' }], ...personal });
    assert.equal(update.length, 0);
  });

  it('welcomes when added to a team channel', async () => {
    const bot = makeTestBot({ channelId: 'msteams', conversationId: '19:general@thread.tacv2' });
    const replies = await bot.send({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'bot-1', name: 'Mailflow bot' }],
      conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' },
      channelData: { tenant: TENANT, team: { id: '19:general@thread.tacv2' }, eventType: 'teamMemberAdded' },
    });
    assert.match(visibleText(replies), /Paste an error/);
  });

  it('removes the @mention in a channel and replies in the same thread', async () => {
    const bot = makeTestBot({ channelId: 'msteams' });
    const thread = { id: '19:general@thread.tacv2;messageid=1700000000001', conversationType: 'channel', isGroup: true, name: '' };
    const mention = { type: 'mention', text: '<at>Mailflow bot</at>', mentioned: { id: 'bot-1', name: 'Mailflow bot' } };
    const help = await bot.send({
      id: 'm-1',
      text: '<at>Mailflow bot</at> help',
      entities: [mention],
      conversation: thread,
      channelData: { tenant: TENANT, team: { id: '19:general@thread.tacv2' } },
    });
    assert.match(visibleText(help), /What I can do/, 'the mention is gone, so "help" is recognised');
    const answer = await bot.send({
      id: 'm-2',
      text: `<at>Mailflow bot</at> ${TWO_SMTP_CERTIFICATES}`,
      entities: [mention],
      conversation: thread,
      channelData: { tenant: TENANT },
    });
    assert.match(visibleText(answer), /KB 2888788/);
    assert.doesNotMatch(visibleText(answer), /<at>/);
    for (const reply of answer) {
      assert.equal(reply.conversation?.id, thread.id);
      assert.equal(reply.replyToId, 'm-2');
    }
  });

  it('downloads a personal-chat file upload from downloadUrl without any token', async () => {
    const bot = makeTestBot({ channelId: 'msteams' });
    const replies = await bot.send({ text: '', attachments: [fileInfo('leaf.cer')], ...personal });
    const text = visibleText(replies);
    assert.match(text, /Certificate report/);
    assert.ok(text.includes(certs.leafThumbprint));
    const request = files.requests.find((entry) => entry.path.endsWith('/leaf.cer'));
    assert.ok(request, 'downloadUrl fetched');
    assert.equal(request.headers.authorization, undefined);
    assert.doesNotMatch(JSON.stringify(replies), /SECRETTEMPAUTH123/);
  });

  it('explains bad downloads clearly and leaks no URL secret', async () => {
    const bot = makeTestBot({ channelId: 'msteams', env: { DOWNLOAD_TIMEOUT_MS: '400', MAX_UPLOAD_BYTES: String(512 * 1024) } });
    const replies = await bot.send({
      text: '',
      attachments: [
        fileInfo('missing.cer'),
        fileInfo('signin.cer'),
        fileInfo('loop.cer'),
        fileInfo('elsewhere.cer'),
        fileInfo('slow.cer'),
        fileInfo('huge.log'),
      ],
      ...personal,
    });
    const text = visibleText(replies);
    assert.match(text, /"missing\.cer".*"not found"/);
    assert.match(text, /"signin\.cer" is a web page, not a file/);
    assert.match(text, /"loop\.cer".*redirected too often/);
    assert.match(text, /could not download "elsewhere\.cer"/);
    assert.match(text, /Downloading "slow\.cer" took too long/);
    assert.match(text, /"huge\.log" is larger than 512 KB/);
    assert.doesNotMatch(JSON.stringify(replies), /SECRETTEMPAUTH123|tempauth|at \w+ \(/);
  });

  it('skips the HTML message body, says it cannot read images, and fetches nothing for them', async () => {
    const bot = makeTestBot({ channelId: 'msteams' });
    const before = files.requests.length;
    const replies = await bot.send({
      text: 'screenshot',
      attachments: [
        { contentType: 'text/html', content: '<p>screenshot</p>' },
        {
          contentType: 'image/png',
          contentUrl: 'https://smba.trafficmanager.net/emea/v3/attachments/0-abc/views/original',
          name: 'image.png',
        },
      ],
      ...personal,
    });
    const text = visibleText(replies);
    assert.match(text, /I cannot read "image\.png" \(image\/png\)/);
    assert.doesNotMatch(text, /text\/html/);
    assert.equal(files.requests.length, before);
  });

  it('explains that files shared in a channel cannot be opened, and suggests personal chat', async () => {
    const bot = makeTestBot({ channelId: 'msteams', locale: 'de-DE' });
    const before = files.requests.length;
    const replies = await bot.send({
      text: '<at>Mailflow bot</at> hier das Zertifikat',
      entities: [{ type: 'mention', text: '<at>Mailflow bot</at>', mentioned: { id: 'bot-1', name: 'Mailflow bot' } }],
      attachments: [
        { contentType: 'text/html', content: '<div><at>Mailflow bot</at> hier das Zertifikat<attachment id="abc"></attachment></div>' },
        { contentType: 'reference', contentUrl: `${files.url}/sites/team/Shared%20Documents/relay.cer`, name: 'relay.cer' },
      ],
      conversation: { id: '19:general@thread.tacv2;messageid=1700000000009', conversationType: 'channel', isGroup: true, name: '' },
      channelData: { tenant: TENANT, team: { id: '19:general@thread.tacv2' } },
    });
    assert.match(visibleText(replies), /"relay\.cer" kann ich hier nicht öffnen.*persönlichen Chat/);
    assert.equal(files.requests.length, before, 'nothing fetched');
    assert.equal(cardsIn(replies).length, 0, 'no "no match" card on top of the explanation');
  });

  it('keeps every card within the Teams message size, even for a huge paste', async () => {
    const bot = makeTestBot({ channelId: 'msteams' });
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) {
      lines.push(
        `2024-11-03T14:${String(i % 60).padStart(2, '0')}:09.123Z,OUTBOUND-TO-O365,08DD${i},${i},10.0.0.5:${20000 + i},104.47.20.36:25,<,550 5.7.64 TenantAttribution; Relay Access Denied [CY4PEPF0000${i}.namprd03.prod.outlook.com] ${'x'.repeat(200)},`,
      );
    }
    const replies = await bot.send({ text: `${NDR_5_7_64_EN}\n${lines.join('\n')}`, ...personal });
    assert.ok(cardsIn(replies).length > 0);
    for (const reply of replies)
      assert.ok(Buffer.byteLength(JSON.stringify(reply)) < 28 * 1024, `reply of ${Buffer.byteLength(JSON.stringify(reply))} bytes`);
    const answered = await bot.send({ value: [...buttons(replies).values()][0], ...personal });
    for (const reply of answered)
      assert.ok(Buffer.byteLength(JSON.stringify(reply)) < 28 * 1024, `reply of ${Buffer.byteLength(JSON.stringify(reply))} bytes`);
  });
});
