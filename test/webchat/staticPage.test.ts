import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createChannelRoutes } from '../../bot/directline';
import { pageCsp } from '../../bot/directline/staticPage';

describe('support chat page routes', () => {
  let server: http.Server;
  let url = '';

  before(async () => {
    const routes = createChannelRoutes({ log: () => undefined, allowedOrigins: ['https://support.contoso.com'] }, () => url);
    server = http.createServer((req, res) => {
      void routes.handle(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page at / with a strict Content-Security-Policy that lets configured sites embed it', async () => {
    const response = await fetch(`${url}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /frame-ancestors 'self' https:\/\/support\.contoso\.com/);
    const html = await response.text();
    assert.match(html, /<script src="\/webchat\/botframework-webchat.js">/);
    assert.doesNotMatch(html, /https?:\/\/cdn/i, 'no CDN');
  });

  it('lets the page load upload thumbnails from the Azure Direct Line service, and nothing else', () => {
    const csp = pageCsp(['https://directline.botframework.com', 'wss://directline.botframework.com'], []);
    assert.match(csp, /img-src 'self' data: blob: https:\/\/directline\.botframework\.com;/);
    assert.match(pageCsp([], []), /img-src 'self' data: blob:;/);
  });

  it('serves the bot avatar and the page icon as SVG', async () => {
    for (const asset of ['/webchat/avatar.svg', '/webchat/icon.svg']) {
      const response = await fetch(`${url}${asset}`);
      assert.equal(response.status, 200, asset);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml');
      assert.match(await response.text(), /<svg [^>]*aria-label="Mailflow TLS Assistant"/);
    }
  });

  it('serves the Web Chat bundle from node_modules, compressed, with a validator', async () => {
    const response = await fetch(`${url}/webchat/botframework-webchat.js`, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(response.status, 200);
    const text = await response.text();
    assert.ok(text.length > 1_000_000 && text.includes('renderWebChat'));
    const etag = response.headers.get('etag') as string;
    const again = await fetch(`${url}/webchat/botframework-webchat.js`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const zipped = await new Promise<{ encoding?: string; bytes: Buffer }>((resolve, reject) => {
      http
        .get(`${url}/webchat/botframework-webchat.js`, { headers: { 'Accept-Encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    });
    assert.equal(zipped.encoding, 'gzip');
    assert.ok(zipped.bytes.length < text.length / 2);
    assert.equal(gunzipSync(zipped.bytes).toString(), text);
  });

  it('serves the embed script and leaves unknown paths to other routes', async () => {
    const embed = await fetch(`${url}/embed.js`);
    assert.equal(embed.status, 200);
    assert.match(await embed.text(), /WEBCHAT_ALLOWED_ORIGINS/);
    assert.equal((await fetch(`${url}/webchat/../package.json`)).status, 404);
    assert.equal((await fetch(`${url}/api/messages`)).status, 404);
  });
});
