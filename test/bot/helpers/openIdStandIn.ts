/**
 * A local stand-in for the Bot Framework login metadata: /.well-known/openidconfiguration pointing
 * at /keys, a JWKS with one RSA key (kid "stand-in", endorsed for the test channels), and a signer
 * for tokens with that key or with a key the JWKS does not know. Lets tests send forged and valid
 * channel tokens to a bot with a MicrosoftAppId without reaching login.botframework.com.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface OpenIdStandIn {
  url: string;
  metadataUrl: string;
  /** Authentication overrides for startServer: every endpoint, the metadata ones pointing here. */
  authentication: Record<string, string | boolean>;
  /** A channel token signed with the published key (`known`) or with a key the JWKS lacks. */
  sign(claims: Record<string, unknown>, options?: { key?: 'known' | 'unknown'; kid?: string }): string;
  close(): Promise<void>;
}

export const CHANNEL_ISSUER = 'https://api.botframework.com';

function base64url(value: Buffer | string): string {
  return Buffer.from(value).toString('base64url');
}

function jwt(claims: Record<string, unknown>, key: KeyObject, kid: string): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const now = Math.floor(Date.now() / 1000);
  const payload = base64url(JSON.stringify({ iss: CHANNEL_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims }));
  const signer = createSign('RSA-SHA256');
  signer.update(`${header}.${payload}`);
  return `${header}.${payload}.${base64url(signer.sign(key))}`;
}

export async function startOpenIdStandIn(
  endorsements: string[] = ['emulator', 'msteams', 'webchat', 'directline'],
): Promise<OpenIdStandIn> {
  const known = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const unknown = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = known.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  let base = '';
  const server = http.createServer((req, res) => {
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url?.startsWith('/.well-known/openidconfiguration'))
      return send({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] });
    if (req.url === '/keys') return send({ keys: [{ kty: 'RSA', use: 'sig', kid: 'stand-in', n: jwk.n, e: jwk.e, endorsements }] });
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const metadataUrl = `${base}/.well-known/openidconfiguration`;
  return {
    url: base,
    metadataUrl,
    authentication: {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      OAuthUrl: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      CallerId: 'urn:botframework:azure',
    },
    sign: (claims, options = {}) =>
      jwt(claims, options.key === 'unknown' ? unknown.privateKey : known.privateKey, options.kid ?? 'stand-in'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
