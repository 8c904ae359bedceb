import { strict as assert } from 'assert';
import { internalNameReasons, internalUrlReasons } from '../../knowledge/certificates';

describe('certificates: internal CA names', function () {
  const internal: Array<[string, string[]]> = [
    ['CN=contoso-EX01-CA, DC=contoso, DC=local', ['dc-components', 'internal-domain-name', 'ad-cs-ca-name']],
    ['CN=LITWARE-CA, DC=litware, DC=com', ['dc-components', 'ad-cs-ca-name']],
    ['CN=Issuing CA 01 (pki.fabrikam.corp), O=Fabrikam', ['internal-domain-name']],
    ['CN=Tailspin Enterprise Issuing CA, O=Tailspin, DC=tailspin, DC=lan', ['dc-components', 'internal-domain-name']],
  ];
  const publicNames = [
    'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
    "CN=R3, O=Let's Encrypt, C=US",
    'CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, ST=Greater Manchester, C=GB',
    'CN=Go Daddy Secure Certificate Authority - G2, OU=http://certs.godaddy.com/repository/, O="GoDaddy.com, Inc.", L=Scottsdale, ST=Arizona, C=US',
    'CN=GeoTrust TLS RSA CA G1, OU=www.digicert.com, O=DigiCert Inc, C=US',
    'CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US',
    'CN=GlobalSign GCC R3 DV TLS CA 2020, O=GlobalSign nv-sa, C=BE',
  ];
  for (const [name, reasons] of internal) {
    it(`explains why ${name} looks internal`, function () {
      assert.deepEqual(internalNameReasons(name), reasons);
    });
  }
  for (const name of publicNames) {
    it(`does not call ${name} internal`, function () {
      assert.deepEqual(internalNameReasons(name), []);
    });
  }

  it('recognises the LDAP AIA/CDP addresses of AD CS, not HTTP ones', function () {
    assert.deepEqual(
      internalUrlReasons([
        'ldap:///CN=contoso-DC01-CA,CN=AIA,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=local?cACertificate?base?objectClass=certificationAuthority',
      ]),
      ['ad-cs-ldap-url'],
    );
    assert.deepEqual(internalUrlReasons(['http://crt.sectigo.com/SectigoRSADomainValidationSecureServerCA.crt']), []);
  });
});
