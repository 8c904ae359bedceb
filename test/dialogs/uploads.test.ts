/** Files from Emulator / Web Chat (contentUrl), served by a local HTTP server as the channel would. */
import { strict as assert } from 'assert';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { type FileServer, startFileServer } from '../bot/helpers/fileServer';
import { cardsIn, makeTestBot, visibleText } from '../bot/helpers/testBot';
import { TWO_SMTP_CERTIFICATES } from '../bot/helpers/samples';

describe('uploads (contentUrl)', () => {
  let files: FileServer;
  let certs: TestCertificates;

  before(async () => {
    certs = await makeCertificates('mail.woodgrove.com');
    files = await startFileServer();
    files.routes.set('/att/leaf.cer', { body: certs.leafDer });
    files.routes.set('/att/ca.pem', { body: certs.caPem, headers: { 'content-type': 'application/x-pem-file' } });
    files.routes.set('/att/with-key.pem', { body: certs.leafPem + certs.keyPem, headers: { 'content-type': 'application/x-pem-file' } });
    files.routes.set('/att/getcert.txt', { body: TWO_SMTP_CERTIFICATES, headers: { 'content-type': 'text/plain' } });
    files.routes.set('/att/page.cer', { body: '<!doctype html><html>Sign in</html>', headers: { 'content-type': 'text/html' } });
  });
  after(() => files.close());

  const attach = (name: string, path: string, contentType = 'application/octet-stream') => ({
    name,
    contentType,
    contentUrl: `${files.url}${path}`,
  });

  it('reports an uploaded certificate: thumbprint, names, issuer, chain', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send({ text: '', attachments: [attach('leaf.cer', '/att/leaf.cer')] });
    const text = visibleText(replies);
    assert.match(text, /Certificate report/);
    assert.ok(text.includes(certs.leafThumbprint), 'thumbprint shown');
    assert.match(text, /mail\.woodgrove\.com/);
    assert.match(text, /Contoso Test Issuing CA/);
    assert.match(text, /Chain/);
  });

  it('reads a certificate pasted as PEM text like an upload', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send(`Here is our relay certificate:\n${certs.leafPem}`);
    const text = visibleText(replies);
    assert.match(text, /Certificate report/);
    assert.ok(text.includes(certs.leafThumbprint), 'thumbprint shown');
  });

  it('reads the log lines of an openssl -showcerts capture as well as its certificate', async () => {
    files.routes.set('/att/s_client.txt', {
      body: `relay through EOP fails with relay access denied\nCertificate chain\n 0 s:CN = mail.woodgrove.com\n   i:CN = Contoso Test Issuing CA\n${certs.leafPem}\nVerify return code: 21 (unable to verify the first certificate)\n`,
      headers: { 'content-type': 'text/plain' },
    });
    const bot = makeTestBot({ locale: 'en-US' });
    const text = visibleText(await bot.send({ attachments: [attach('s_client.txt', '/att/s_client.txt', 'text/plain')] }));
    assert.ok(text.includes(certs.leafThumbprint), 'certificate analysed');
    // The test CA is an enterprise CA (DC=contoso, DC=local): importing intermediates would not help, a public certificate would.
    assert.match(text, /Relay access is denied/, 'log lines analysed');
    assert.match(text, /comes from an internal CA, which Exchange Online does not trust/);
    assert.doesNotMatch(text, /KB 3212877:/);
  });

  it('combines uploads from several messages into one chain (German report)', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    const first = visibleText(await bot.send({ attachments: [attach('leaf.cer', '/att/leaf.cer')] }));
    assert.match(first, /Kette\nunvollständig: Der Aussteller "[^"]*CN=Contoso Test Issuing CA[^"]*" fehlt/);
    const replies = await bot.send({ attachments: [attach('ca.pem', '/att/ca.pem')] });
    const text = visibleText(replies);
    assert.match(text, /Zertifikatsbericht/);
    assert.ok(text.includes(certs.leafThumbprint), 'the earlier leaf is still in the report');
    assert.match(
      text,
      /Kette\nendet in einer nicht öffentlich vertrauenswürdigen Stammzertifizierungsstelle/,
      'the chain now reaches the private root',
    );
  });

  it('reads a text log attachment like a paste', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send({ attachments: [attach('getcert.txt', '/att/getcert.txt', 'text/plain')] });
    assert.match(visibleText(replies), /KB 2888788/);
  });

  it('never keeps a private key, but reads the certificate beside it', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send({ attachments: [attach('with-key.pem', '/att/with-key.pem')] });
    const text = visibleText(replies);
    assert.match(text, /contains a private key\. I did not keep it/);
    assert.ok(text.includes(certs.leafThumbprint));
    const stored = JSON.stringify((bot.storage as unknown as { memory: unknown }).memory);
    const keyBody = certs.keyPem.split('\n')[1];
    assert.ok(
      !stored.includes(keyBody) && !stored.includes(Buffer.from(certs.keyPem).toString('base64').slice(0, 40)),
      'no key material in state',
    );
    assert.ok(!stored.includes('PRIVATE KEY'));
  });

  it('refuses .pfx without downloading it, and names unknown types', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const before = files.requests.length;
    const replies = await bot.send({
      attachments: [
        attach('server.pfx', '/att/server.pfx', 'application/x-pkcs12'),
        attach('notes.docx', '/att/notes.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'),
      ],
    });
    const text = visibleText(replies);
    assert.match(text, /"server\.pfx" contains a private key/);
    assert.match(text, /I cannot read "notes\.docx"/);
    assert.equal(files.requests.length, before, 'nothing downloaded');
  });

  it('explains a missing file and a web page instead of a file, in German', async () => {
    const bot = makeTestBot({ locale: 'de-DE' });
    const replies = await bot.send({ attachments: [attach('gone.cer', '/att/gone.cer'), attach('page.cer', '/att/page.cer')] });
    const text = visibleText(replies);
    assert.match(text, /"gone\.cer" konnte ich nicht herunterladen: Der Link meldet "nicht gefunden"/);
    assert.match(text, /"page\.cer" ist eine Webseite, keine Datei/);
    assert.equal(cardsIn(replies).length, 0, 'no diagnosis card from nothing');
  });

  it('says a file is too large, and keeps the cap while streaming', async () => {
    files.routes.set('/att/big.log', { streamBytes: 8 * 1024 * 1024, headers: { 'content-type': 'text/plain' } });
    const bot = makeTestBot({ locale: 'en-US', env: { MAX_UPLOAD_BYTES: String(256 * 1024) } });
    const replies = await bot.send({ attachments: [attach('big.log', '/att/big.log', 'text/plain')] });
    assert.match(visibleText(replies), /"big\.log" is larger than 256 KB/);
  });

  it('accepts inline data: URLs (small files some clients send inline)', async () => {
    const bot = makeTestBot({ locale: 'en-US' });
    const replies = await bot.send({
      attachments: [
        {
          name: 'ca.pem',
          contentType: 'application/x-pem-file',
          contentUrl: `data:application/x-pem-file;base64,${Buffer.from(certs.caPem).toString('base64')}`,
        },
      ],
    });
    assert.match(visibleText(replies), /Contoso Test Issuing CA/);
  });
});
