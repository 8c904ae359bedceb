import assert from 'node:assert/strict';
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChannelRoutes } from '../../bot/directline';
import { clientAddress } from '../../bot/directline/httpUtil';

function request(forwarded: string | string[] | undefined, remoteAddress = '10.0.0.9'): IncomingMessage {
  return {
    headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
    socket: { remoteAddress },
  } as unknown as IncomingMessage;
}

describe('client address behind a proxy (WEBCHAT_TRUST_PROXY)', () => {
  it('uses the socket peer when the proxy is not trusted, whatever the header says', () => {
    assert.equal(clientAddress(request('203.0.113.7'), false), '10.0.0.9');
  });

  it('takes the rightmost X-Forwarded-For entry (added by the proxy), not the client-controlled leftmost', () => {
    assert.equal(clientAddress(request('1.1.1.1, 2.2.2.2, 203.0.113.7'), true), '203.0.113.7');
    assert.equal(clientAddress(request('spoofed-by-client,203.0.113.7'), true), '203.0.113.7');
    assert.equal(clientAddress(request(['1.1.1.1', '203.0.113.7']), true), '203.0.113.7');
    assert.equal(clientAddress(request('203.0.113.7'), true), '203.0.113.7');
  });

  it('strips the :port App Service appends, for IPv4 and bracketed IPv6', () => {
    assert.equal(clientAddress(request('1.1.1.1:1, 203.0.113.7:51234'), true), '203.0.113.7');
    assert.equal(clientAddress(request('[2001:db8::1]:51234'), true), '2001:db8::1');
    assert.equal(clientAddress(request('[::1]:443'), true), '::1');
    assert.equal(clientAddress(request('[2001:db8::1]'), true), '2001:db8::1');
    assert.equal(clientAddress(request('2001:db8::1'), true), '2001:db8::1', 'a bare IPv6 address is not cut at a colon');
  });

  it('falls back to the socket peer when the header is missing or its last entry is empty', () => {
    assert.equal(clientAddress(request(undefined), true), '10.0.0.9');
    assert.equal(clientAddress(request('203.0.113.7, '), true), '10.0.0.9');
  });

  it('rate-limits by the proxy-added address: a client cannot reset its limit by changing the leftmost entry', async () => {
    let self = '';
    const routes = createChannelRoutes({ log: () => undefined, trustProxy: true, tokensPerMinute: 2 }, () => self);
    const server = http.createServer((req, res) => void routes.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(`${self}/api/directline/token`, {
          method: 'POST',
          headers: { 'X-Forwarded-For': `198.51.100.${i}, 203.0.113.7:${40000 + i}` },
        });
        await response.arrayBuffer();
        statuses.push(response.status);
      }
      assert.deepEqual(statuses, [200, 200, 429, 429]);
      const other = await fetch(`${self}/api/directline/token`, {
        method: 'POST',
        headers: { 'X-Forwarded-For': '203.0.113.7, 203.0.113.8:1' },
      });
      await other.arrayBuffer();
      assert.equal(other.status, 200, 'another client behind the proxy has its own limit');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
