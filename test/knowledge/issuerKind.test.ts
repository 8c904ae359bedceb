/** The internal-CA verdict from text agrees with the certificate analysis' rules. */
import { strict as assert } from 'node:assert';
import { judgeIssuer } from '../../knowledge/evidence/issuerKind';

describe('issuer judgement from text', () => {
  const cases: Array<[string, string]> = [
    ['CN=Litware Issuing CA 01, DC=litware, DC=local', 'internal'],
    ['CN = contoso-DC01-CA, DC = contoso, DC = com', 'internal'], // openssl spacing
    ['CN=Firma Issuing CA, O=firma.local', 'internal'],
    ['CN=Stadt-Beispiel-SubCA', 'internal'],
    ['CN=Microsoft Azure RSA TLS Issuing CA 03, O=Microsoft Corporation, C=US', 'public'],
    ['CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB', 'public'],
    ["CN=R11, O=Let's Encrypt, C=US", 'public'],
    ['CN=Some Vendor Root, O=Vendor, C=AD', 'unknown'], // Andorra is a country, not an AD domain
  ];
  for (const [issuer, kind] of cases) {
    it(`${issuer} -> ${kind}`, () => assert.equal(judgeIssuer(issuer, 'CN=mail.contoso.com').kind, kind));
  }
  it('an issuer equal to the subject is self-signed', () => {
    assert.equal(judgeIssuer('CN=EX01', 'CN = EX01').kind, 'self-signed');
  });
});
