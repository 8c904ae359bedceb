import { strict as assert } from 'assert';
import { isBotTokenHost, isPrivateAddress, isPublicAddress } from '../../bot/download/hostPolicy';
import { type DownloadOptions, guardedLookup, safeDownload } from '../../bot/download/safeDownload';
import { type FileServer, startFileServer } from './helpers/fileServer';

describe('safeDownload', () => {
  let files: FileServer;
  const options: DownloadOptions = { maxBytes: 64 * 1024, timeoutMs: 1500, allowPrivateHosts: true };

  before(async () => {
    files = await startFileServer();
    files.routes.set('/cert.pem', {
      body: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
      headers: { 'content-type': 'application/x-pem-file' },
    });
    files.routes.set('/login', { body: '<!DOCTYPE html><html><body>Sign in</body></html>', headers: { 'content-type': 'text/html' } });
    files.routes.set('/disguised', {
      body: '  <html><head><title>x</title></head></html>',
      headers: { 'content-type': 'application/octet-stream' },
    });
    files.routes.set('/huge', { streamBytes: 1024 * 1024, headers: { 'content-type': 'application/octet-stream' } });
    files.routes.set('/declared-huge', {
      headers: { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) },
      hang: false,
      body: 'x'.repeat(10),
    });
    files.routes.set('/slow', { hang: true });
    files.routes.set('/redirect-local', { status: 302, headers: { location: '/cert.pem' } });
    files.routes.set('/redirect-loop', { status: 302, headers: { location: '/redirect-loop' } });
    files.routes.set('/redirect-ftp', { status: 302, headers: { location: 'ftp://example.com/cert.pem' } });
    files.routes.set('/error', { status: 500, body: 'boom' });
  });
  after(() => files.close());

  it('downloads a file and keeps its bytes', async () => {
    const result = await safeDownload(`${files.url}/cert.pem`, options);
    assert.ok(result.ok);
    assert.match(Buffer.from(result.bytes).toString(), /BEGIN CERTIFICATE/);
  });

  it('reports 404 as not found', async () => {
    const result = await safeDownload(`${files.url}/missing.cer`, options);
    assert.deepEqual(result, { ok: false, failure: 'not-found', status: 404 });
  });

  it('reports other HTTP errors without their body', async () => {
    const result = await safeDownload(`${files.url}/error`, options);
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.failure, 'http-error');
  });

  it('recognises a web page (by content type and by sniffing)', async () => {
    for (const path of ['/login', '/disguised']) {
      const result = await safeDownload(`${files.url}${path}`, options);
      assert.equal(!result.ok && result.failure, 'html', path);
    }
  });

  it('aborts a streamed file above the cap, and refuses a declared oversize', async () => {
    for (const path of ['/huge', '/declared-huge']) {
      const result = await safeDownload(`${files.url}${path}`, options);
      assert.equal(!result.ok && result.failure, 'too-large', path);
    }
  });

  it('gives up on a server that never answers', async () => {
    const result = await safeDownload(`${files.url}/slow`, { ...options, timeoutMs: 300 });
    assert.equal(!result.ok && result.failure, 'timeout');
  });

  it('follows a few redirects, but not loops or other schemes', async () => {
    const followed = await safeDownload(`${files.url}/redirect-local`, options);
    assert.ok(followed.ok);
    assert.equal(followed.finalUrl, `${files.url}/cert.pem`);
    const loop = await safeDownload(`${files.url}/redirect-loop`, options);
    assert.equal(!loop.ok && loop.failure, 'too-many-redirects');
    const ftp = await safeDownload(`${files.url}/redirect-ftp`, options);
    assert.equal(!ftp.ok && ftp.failure, 'bad-url');
  });

  it('refuses non-http URLs, credentials in URLs and garbage', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'not a url', `http://user:pw@127.0.0.1:1/x`]) {
      const result = await safeDownload(url, options);
      assert.equal(!result.ok && result.failure, 'bad-url', url);
    }
  });

  it('refuses loopback and private addresses unless allowed (also by name)', async () => {
    const strict = { ...options, allowPrivateHosts: false };
    for (const url of [
      `${files.url}/cert.pem`,
      'http://10.1.2.3/x',
      'http://[::1]:1/x',
      `http://localhost:${new URL(files.url).port}/cert.pem`,
    ]) {
      const result = await safeDownload(url, strict);
      assert.equal(!result.ok && result.failure, 'blocked-host', url);
    }
  });

  it("refuses loopback however the URL spells it (the forms Node's URL parser produces)", async () => {
    const strict = { ...options, allowPrivateHosts: false, timeoutMs: 500 };
    const port = new URL(files.url).port;
    const before = files.requests.length;
    for (const host of [
      '[::ffff:127.0.0.1]', // becomes [::ffff:7f00:1], which connects to the IPv4 loopback
      '[::ffff:7f00:1]',
      '[0:0:0:0:0:ffff:7f00:1]',
      '[::127.0.0.1]', // IPv4-compatible, becomes [::7f00:1]
      '[64:ff9b::127.0.0.1]', // NAT64
      '0x7f000001',
      '2130706433',
      '127.1',
      '0177.0.0.1',
      '127.0.0.1.',
      '0',
      '[::]',
    ]) {
      const url = `http://${host}:${port}/cert.pem`;
      const result = await safeDownload(url, strict);
      assert.equal(!result.ok && result.failure, 'blocked-host', url);
    }
    assert.equal(files.requests.length, before, 'no request reached the local server');
  });

  it('refuses a private address behind a redirect', async () => {
    // The first hop is allowed by letting the test server's own address (127.0.0.1) count as
    // public; the redirects then point at the same server through IPv4-mapped and NAT64 literals.
    const port = new URL(files.url).port;
    files.routes.set('/redirect-mapped', { status: 302, headers: { location: `http://[::ffff:127.0.0.1]:${port}/cert.pem` } });
    files.routes.set('/redirect-nat64', { status: 302, headers: { location: `http://[64:ff9b::a00:1]:${port}/cert.pem` } });
    for (const path of ['/redirect-mapped', '/redirect-nat64']) {
      const before = files.requests.length;
      const result = await safeDownload(`${files.url}${path}`, {
        ...options,
        allowPrivateHosts: false,
        timeoutMs: 500,
        isPrivateAddress: (address) => address !== '127.0.0.1' && isPrivateAddress(address),
      });
      assert.equal(!result.ok && result.failure, 'blocked-host', path);
      assert.deepEqual(
        files.requests.slice(before).map((request) => request.path),
        [path],
      );
    }
  });

  it('checks every resolved address in the DNS hook (mapped, NAT64 and IPv4-compatible forms too)', async () => {
    const lookup = (host: string, allowPrivate = false) =>
      new Promise<string>((resolve) =>
        guardedLookup(allowPrivate)(host, { family: 0 }, (error, address) =>
          resolve(error ? `error ${error.code}` : typeof address === 'string' ? address : JSON.stringify(address)),
        ),
      );
    for (const host of ['::ffff:127.0.0.1', '::ffff:7f00:1', '64:ff9b::7f00:1', '::7f00:1', '::ffff:a9fe:a9fe', '127.0.0.1', 'localhost']) {
      assert.equal(await lookup(host), 'error EBLOCKED', host);
    }
    assert.equal(await lookup('8.8.8.8'), '8.8.8.8');
    assert.equal(await lookup('::ffff:127.0.0.1', true), '::ffff:127.0.0.1');
  });

  it('does not send the bot token to other hosts', async () => {
    let asked = 0;
    const before = files.requests.length;
    const result = await safeDownload(`${files.url}/cert.pem`, {
      ...options,
      getBotToken: () => (asked++, Promise.resolve('secret-token')),
    });
    assert.ok(result.ok);
    assert.equal(asked, 0);
    assert.equal(files.requests.slice(before).filter((request) => request.headers.authorization).length, 0);
  });

  it('sends the bot token to a token host', async () => {
    let asked = 0;
    const before = files.requests.length;
    const result = await safeDownload(`${files.url}/cert.pem`, {
      ...options,
      isTokenHost: (url) => url.origin === files.url,
      getBotToken: () => (asked++, Promise.resolve('secret-token')),
    });
    assert.ok(result.ok);
    assert.equal(asked, 1);
    assert.deepEqual(
      files.requests.slice(before).map((request) => request.headers.authorization),
      ['Bearer secret-token'],
    );
  });

  it('drops the bot token when a token host redirects to another host', async () => {
    const other = await startFileServer();
    try {
      other.routes.set('/cert.pem', {
        body: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
        headers: { 'content-type': 'application/x-pem-file' },
      });
      files.routes.set('/redirect-other', { status: 302, headers: { location: `${other.url}/cert.pem` } });
      const before = files.requests.length;
      const result = await safeDownload(`${files.url}/redirect-other`, {
        ...options,
        isTokenHost: (url) => url.origin === files.url,
        getBotToken: () => Promise.resolve('secret-token'),
      });
      assert.ok(result.ok);
      assert.equal(result.finalUrl, `${other.url}/cert.pem`);
      assert.deepEqual(
        files.requests.slice(before).map((request) => [request.path, request.headers.authorization]),
        [['/redirect-other', 'Bearer secret-token']],
      );
      assert.deepEqual(
        other.requests.map((request) => [request.path, request.headers.authorization]),
        [['/cert.pem', undefined]],
      );
    } finally {
      await other.close();
    }
  });
});

describe('host policy', () => {
  it('knows which hosts may receive the bot token', () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/v3/attachments/1',
      'https://europe.webchat.botframework.com/x',
      'https://us-api.asm.skype.com/v1/objects/1',
      'https://x.teams.microsoft.com/a',
    ]) {
      assert.equal(isBotTokenHost(new URL(url)), true, url);
    }
    for (const url of [
      'http://smba.trafficmanager.net/x',
      'https://contoso.sharepoint.com/personal/file.cer',
      'https://botframework.com.evil.example/x',
      'https://evilbotframework.com/x',
      'https://smba.trafficmanager.net.evil.example/x',
    ]) {
      assert.equal(isBotTokenHost(new URL(url)), false, url);
    }
  });

  it('classifies private addresses', () => {
    for (const address of [
      '127.0.0.1',
      '127.255.255.254',
      '10.0.0.5',
      '172.20.1.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '0.1.2.3',
      '100.64.0.1',
      '100.127.255.255',
      '192.0.0.8',
      '198.18.0.1',
      '198.19.255.255',
      '224.0.0.1',
      '239.1.1.1',
      '240.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      '[::1]',
      'fd00::1',
      'fc00::1',
      'fe80::1',
      'febf::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '[::ffff:7f00:1]',
      '0:0:0:0:0:ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '::ffff:10.0.0.1',
      '::ffff:0.0.0.0',
      '64:ff9b::7f00:1',
      '64:ff9b::808:808',
      '::7f00:1',
      '::8.8.8.8',
    ]) {
      assert.equal(isPrivateAddress(address), true, address);
    }
    for (const address of [
      '8.8.8.8',
      '52.96.0.1',
      '100.63.255.255',
      '100.128.0.1',
      '172.32.0.1',
      '192.0.1.1',
      '198.20.0.1',
      '223.255.255.255',
      '2603:1026::1',
      '::ffff:8.8.8.8',
      '::ffff:808:808',
      '2001:4860:4860::8888',
      'example.com',
    ]) {
      assert.equal(isPrivateAddress(address), false, address);
    }
  });

  it('refuses the IPv6 forms that reach private or tunnelled IPv4 (issue 24): SIIT, local NAT64, 6to4, Teredo, site-local', function () {
    for (const address of [
      '::ffff:0:127.0.0.1',
      '::ffff:0:7f00:1',
      '[::ffff:0:a9fe:a9fe]',
      '64:ff9b:1::7f00:1',
      '64:ff9b:1:ffff::1',
      '2002:7f00:1::1',
      '2002:c0a8:101::1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
      '2001::1',
      'fec0::1',
      'feff::1',
      '2001:db8::1',
      '100::1',
    ]) {
      assert.equal(isPrivateAddress(address), true, address);
      assert.equal(isPublicAddress(address), false, address);
    }
    // Near misses: public IPv6 next to those ranges, and names (not addresses).
    for (const address of ['2001:4860:4860::8888', '2001:1::1', '2003::1', '64:ff9b:2::1', 'fe00::1', '2603:1026::1', '[2a01:111::1]']) {
      assert.equal(isPrivateAddress(address), false, address);
      assert.equal(isPublicAddress(address), true, address);
    }
    assert.equal(isPublicAddress('8.8.8.8'), true);
    assert.equal(isPublicAddress('example.com'), false, 'a name is no public address: check what it resolves to');
  });
});
