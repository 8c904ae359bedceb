import { strict as assert } from 'assert';
import { createHash, webcrypto } from 'crypto';
import * as tls from 'tls';
import { analyseCertificateFiles, describeCertificateAnalysis, TrustStore, type CertificateAnalysis } from '../../knowledge/certificates';
import { x509 } from '../../knowledge/certificates/cryptoSetup';
import { file, issue, NOW, testPki, type TestPki } from './pki';

/** Finding kinds that say something about the certificates (their names, `certificate-names`, are context for the connector check). */
function kinds(analysis: CertificateAnalysis): string[] {
  return analysis.findings
    .map((f) => f.kind)
    .filter((k) => k !== 'certificate-names')
    .sort();
}

function findingOf(analysis: CertificateAnalysis, kind: string) {
  const found = analysis.findings.find((f) => f.kind === kind);
  assert.ok(found, `expected a ${kind} finding, got ${kinds(analysis).join(', ')}`);
  return found;
}

describe('certificates: analyseCertificateFiles', function () {
  let pki: TestPki;
  before(async function () {
    pki = await testPki();
  });
  const analyse = (files: Array<{ name: string; bytes: Uint8Array }>, hostNames?: string[]) =>
    analyseCertificateFiles(files, { now: NOW, trustStore: pki.store, hostNames });

  describe('chains', function () {
    it('names the missing intermediate and its AIA download URL when only the server certificate is given (KB 3212877)', async function () {
      const analysis = await analyse([file('smtp.cer', pki.server.der)]);
      assert.equal(analysis.chains.length, 1);
      assert.equal(analysis.chains[0].status, 'incomplete');
      const finding = findingOf(analysis, 'chain-incomplete');
      assert.equal(finding.source, 'certificate');
      assert.equal(finding.data?.missingIssuer, 'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US');
      assert.equal(finding.data?.aiaUrl, 'http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt');
      assert.equal(finding.data?.thumbprint, pki.server.thumbprint);
      assert.match(finding.excerpt, /smtp\.cer/);
      assert.match(finding.excerpt, /Fabrikam TLS RSA CA 2024/);
      const english = describeCertificateAnalysis(analysis, 'en').join('\n');
      assert.match(english, /incomplete/);
      assert.match(english, /http:\/\/crt\.fabrikam\.test\/FabrikamTLSRSACA2024\.crt/);
      assert.match(english, /KB 3212877/);
      const german = describeCertificateAnalysis(analysis, 'de').join('\n');
      assert.match(german, /unvollständig/);
      assert.match(german, /FabrikamTLSRSACA2024\.crt/);
    });

    it('accepts a chain complete up to a trusted root, even across two files, without chain findings', async function () {
      const analysis = await analyse([file('server.cer', pki.server.der), file('intermediate.crt', pki.intermediate.pem)]);
      const chain = analysis.chains.find((c) => c.path[0] === pki.server.thumbprint);
      assert.ok(chain);
      assert.equal(chain.status, 'complete-public');
      assert.equal(chain.rootFromStore, true);
      assert.equal(chain.root, 'CN=Fabrikam Test Root R1, O=Fabrikam Trust Services, C=US');
      assert.deepEqual(chain.path, [pki.server.thumbprint, pki.intermediate.thumbprint, pki.root.thumbprint]);
      assert.deepEqual(kinds(analysis), []);
      assert.match(
        describeCertificateAnalysis(analysis, 'en').join('\n'),
        /complete up to the publicly trusted root CN=Fabrikam Test Root R1/,
      );
    });

    it('accepts a full PEM bundle that includes the trusted root itself', async function () {
      const bundle = pki.server.pem + '\n' + pki.intermediate.pem + '\n' + pki.root.pem;
      const analysis = await analyse([file('fullchain.pem', bundle)]);
      assert.equal(analysis.certificates.length, 3);
      assert.equal(analysis.chains.length, 1);
      assert.equal(analysis.chains[0].status, 'complete-public');
      assert.equal(analysis.chains[0].rootFromStore, false);
    });

    it('reports a chain that ends in an internal root as untrusted, with the reasons', async function () {
      const analysis = await analyse([
        file(
          'internal.p7b',
          new Uint8Array(new x509.X509Certificates([pki.internalServer.certificate, pki.internalRoot.certificate]).export('raw')),
        ),
      ]);
      const chain = analysis.chains[0];
      assert.equal(chain.status, 'untrusted-root');
      assert.equal(chain.root, 'CN=contoso-DC01-CA, DC=contoso, DC=local');
      assert.ok(chain.internalReasons.includes('root-not-public'));
      assert.ok(chain.internalReasons.includes('dc-components'));
      const finding = findingOf(analysis, 'untrusted-root');
      assert.equal(finding.data?.basis, 'chain');
      assert.ok(!kinds(analysis).includes('chain-incomplete'));
    });

    it('reports a leaf whose internal issuer was not given as an incomplete chain (issuer, AIA) and, separately, the issuer as internal; never as an untrusted root', async function () {
      const analysis = await analyse([file('relay.cer', pki.orphanInternal.der)]);
      assert.ok(!kinds(analysis).includes('untrusted-root'), 'a root that was never seen is not called untrusted');
      const incomplete = findingOf(analysis, 'chain-incomplete');
      assert.equal(incomplete.data?.missingIssuer, 'CN=LITWARE-CA, DC=litware, DC=corp', 'Windows order, CN first');
      const internal = findingOf(analysis, 'issuer-looks-internal');
      assert.deepEqual(internal.data?.reasons, ['dc-components', 'internal-domain-name', 'ad-cs-ca-name']);
      assert.ok(analysis.certificates[0].problems.includes('issuer-looks-internal'));
      const report = describeCertificateAnalysis(analysis, 'en').join('\n');
      assert.match(report, /incomplete/);
      assert.match(report, /looks like an internal \(enterprise\) certificate authority by its name/);
      assert.doesNotMatch(report, /ends in the root/);
    });

    it('judges a neutral issuer name as internal when the certificate points to it by an AD CS ldap:/// address', async function () {
      const ca = await issue({ subject: 'CN=Contoso Issuing CA 01, O=Contoso', ca: true });
      const server = await issue({
        subject: 'CN=smtp.contoso.com',
        issuer: ca,
        sans: ['smtp.contoso.com'],
        aia: 'ldap:///CN=Contoso%20Issuing%20CA%2001,CN=AIA,CN=Public%20Key%20Services,CN=Services,CN=Configuration,DC=contoso,DC=com?cACertificate?base?objectClass=certificationAuthority',
      });
      const analysis = await analyse([file('smtp.cer', server.der)]);
      assert.deepEqual(findingOf(analysis, 'issuer-looks-internal').data?.reasons, ['ad-cs-ldap-url']);
      assert.ok(!kinds(analysis).includes('untrusted-root'));
    });

    it('an expired CA certificate in a bundle is not "the certificate has expired"', async function () {
      const oldCa = await issue({
        subject: 'CN=Old Cross Sign CA, O=Fabrikam',
        ca: true,
        notBefore: new Date(NOW.getTime() - 800 * 86_400_000),
        notAfter: new Date(NOW.getTime() - 10 * 86_400_000),
      });
      const analysis = await analyse([file('bundle.pem', pki.server.pem + oldCa.pem)]);
      assert.ok(!kinds(analysis).includes('expired'));
      assert.ok(kinds(analysis).includes('ca-expired'));
    });

    it('reports a self-signed server certificate', async function () {
      const analysis = await analyse([file('ex01.cer', pki.selfSigned.der)]);
      assert.equal(analysis.chains[0].status, 'self-signed');
      assert.equal(findingOf(analysis, 'self-signed').data?.thumbprint, pki.selfSigned.thumbprint);
      assert.equal(analysis.certificates[0].selfSigned, true);
      assert.ok(analysis.certificates[0].problems.includes('self-signed'));
    });

    it('verifies signatures: a CA that copies a trusted root name but has another key is not trusted', async function () {
      const impostorRoot = await issue({ subject: pki.root.certificate.subject, ca: true });
      const impostorServer = await issue({ subject: 'CN=smtp.contoso.com', issuer: impostorRoot, sans: ['smtp.contoso.com'] });
      const analysis = await analyse([file('fake.pem', impostorServer.pem + impostorRoot.pem)]);
      assert.equal(analysis.chains[0].status, 'untrusted-root');
      const alone = await analyse([file('fake.cer', impostorServer.der)]);
      assert.equal(alone.chains[0].status, 'incomplete');
    });

    it('recognises a real root of the bundled public store as publicly trusted', async function () {
      const pem = tls.rootCertificates.find((r) => r.length > 0) as string;
      const analysis = await analyseCertificateFiles([file('root.crt', pem)], { now: NOW });
      assert.equal(analysis.certificates.length, 1);
      assert.equal(analysis.chains[0].status, 'complete-public');
      assert.ok(TrustStore.publicRoots().size > 100);
      // And the same root is not public for a store that lacks it.
      const other = await analyseCertificateFiles([file('root.crt', pem)], { now: NOW, trustStore: pki.store });
      assert.equal(other.chains[0].status, 'untrusted-root');
    });
  });

  describe('two certificates for one FQDN (KB 2888788)', function () {
    it('produces the pair finding with both thumbprints, worded for files: they cover the name, "if both are enabled for SMTP"', async function () {
      const analysis = await analyse([
        file('public.cer', pki.server.der),
        file('intermediate.cer', pki.intermediate.der),
        file('internal.cer', pki.internalServer.der),
      ]);
      const finding = findingOf(analysis, 'uploaded-certificate-pair');
      assert.ok(!kinds(analysis).includes('smtp-bound-to-two-certificates'), 'files carry no service assignment: not "bound to SMTP"');
      assert.equal(finding.value, 'smtp.contoso.com');
      assert.equal(finding.data?.fqdn, 'smtp.contoso.com');
      assert.equal(finding.data?.trustedThumbprint, pki.server.thumbprint);
      assert.equal(finding.data?.untrustedThumbprint, pki.internalServer.thumbprint);
      assert.equal(finding.data?.untrustedIssuer, 'CN=contoso-DC01-CA, DC=contoso, DC=local');
      assert.equal(finding.data?.untrustedSubject, 'CN=smtp.contoso.com');
      assert.equal(finding.data?.trustedChain, 'verified');
      assert.match(finding.excerpt, /chain verified to a public root/);
      const english = describeCertificateAnalysis(analysis, 'en').join('\n');
      assert.match(
        english,
        /Two certificates cover smtp\.contoso\.com: CN=smtp\.contoso\.com, O=Contoso Ltd, C=DE \([0-9A-F]{40}\) chains to a public root/,
      );
      assert.match(english, /if both are enabled for SMTP, Exchange can use the internal one \(KB 2888788\)/);
      assert.doesNotMatch(english, /bound to SMTP/);
      const german = describeCertificateAnalysis(analysis, 'de').join('\n');
      assert.match(german, /Sind beide für SMTP aktiviert, kann Exchange das interne verwenden \(KB 2888788\)/);
      assert.match(german, new RegExp(`auf ${pki.server.thumbprint} festgelegt werden, nicht auf ${pki.internalServer.thumbprint}`));
    });

    it('still pairs them when the public certificate comes without its intermediate, but does not call it public, and does not blame the missing intermediate', async function () {
      const analysis = await analyse([file('public.cer', pki.server.der), file('internal.cer', pki.internalServer.der)]);
      const finding = findingOf(analysis, 'uploaded-certificate-pair');
      assert.equal(finding.data?.untrustedThumbprint, pki.internalServer.thumbprint);
      assert.equal(finding.data?.trustedChain, 'not-verified');
      assert.doesNotMatch(finding.excerpt, /\(public\)|verified to a public root/);
      // The internal certificate's issuer was not supplied: its chain is incomplete (issue 10, point 7); the public one's missing intermediate is not blamed.
      assert.ok(!analysis.findings.some((f) => f.kind === 'chain-incomplete' && f.data?.thumbprint === pki.server.thumbprint));
      const english = describeCertificateAnalysis(analysis, 'en').join('\n');
      assert.match(english, /whose chain could not be verified/);
      assert.doesNotMatch(english, /chains to a public root/);
    });

    it('says "its issuer\'s name looks like a public CA (chain not verified)" when only the name says public', async function () {
      const lookalikeCa = await issue({ subject: 'C=US, O=DigiCert Inc, CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1', ca: true });
      const server = await issue({ subject: 'CN=smtp.contoso.com', issuer: lookalikeCa, sans: ['smtp.contoso.com'] });
      const analysis = await analyse([file('public.cer', server.der), file('internal.cer', pki.internalServer.der)]);
      assert.equal(findingOf(analysis, 'uploaded-certificate-pair').data?.trustedChain, 'issuer-looks-public');
      assert.match(
        findingOf(analysis, 'uploaded-certificate-pair').excerpt,
        /its issuer's name looks like a public CA \(chain not verified\)/,
      );
      assert.match(describeCertificateAnalysis(analysis, 'en').join('\n'), /has a name that looks like a public CA \(chain not verified/);
      assert.match(
        describeCertificateAnalysis(analysis, 'de').join('\n'),
        /hat einen Namen wie eine öffentliche Zertifizierungsstelle \(Kette nicht geprüft/,
      );
    });

    it('does not pair certificates for different names', async function () {
      const analysis = await analyse([file('a.cer', pki.expiresSoon.der), file('b.cer', pki.internalServer.der)]);
      assert.ok(!kinds(analysis).includes('uploaded-certificate-pair'));
    });

    it('pairs a wildcard public certificate with an internal one for a name it covers', async function () {
      const analysis = await analyse([file('wild.cer', pki.wildcard.der), file('internal.cer', pki.internalServer.der)]);
      assert.equal(findingOf(analysis, 'uploaded-certificate-pair').data?.fqdn, 'smtp.contoso.com');
    });

    it('never takes a self-signed certificate (Exchange\'s own "Microsoft Exchange" or Auth certificate) as the untrusted twin', async function () {
      const exchangeOwn = await issue({ subject: 'CN=EX01', sans: ['EX01', 'smtp.contoso.com'], eku: ['1.3.6.1.5.5.7.3.1'] });
      const auth = await issue({ subject: 'CN=Microsoft Exchange Server Auth Certificate', sans: ['smtp.contoso.com'] });
      const analysis = await analyse([
        file('public.cer', pki.server.der),
        file('int.cer', pki.intermediate.der),
        file('ex01.cer', exchangeOwn.der),
        file('auth.cer', auth.der),
      ]);
      assert.ok(!kinds(analysis).includes('uploaded-certificate-pair'), kinds(analysis).join(', '));
      assert.ok(!kinds(analysis).includes('internal-certificate-without-public-twin'));
      assert.deepEqual(analysis.pairs, []);
    });

    it('one internal-CA certificate without a public twin is not KB 2888788: the report says a public certificate is needed', async function () {
      const analysis = await analyse([file('internal.cer', pki.internalServer.der)]);
      assert.ok(!kinds(analysis).includes('uploaded-certificate-pair'));
      assert.equal(findingOf(analysis, 'internal-certificate-without-public-twin').data?.thumbprint, pki.internalServer.thumbprint);
      assert.match(
        describeCertificateAnalysis(analysis, 'en').join('\n'),
        /so this alone is not KB 2888788: the server needs a certificate from a public CA for this name/,
      );
      assert.match(
        describeCertificateAnalysis(analysis, 'de').join('\n'),
        /daher ist das allein nicht KB 2888788: Der Server braucht für diesen Namen ein Zertifikat einer öffentlichen Zertifizierungsstelle/,
      );
      // With its public twin the same certificate is half of a pair instead.
      const both = await analyse([file('internal.cer', pki.internalServer.der), file('public.cer', pki.server.der)]);
      assert.ok(!kinds(both).includes('internal-certificate-without-public-twin'));
    });
  });

  describe('per certificate', function () {
    it('gives the SHA-1 thumbprint as Exchange shows it and the SHA-256', async function () {
      const analysis = await analyse([file('smtp.cer', pki.server.der)]);
      const report = analysis.certificates[0];
      assert.equal(report.thumbprint, createHash('sha1').update(pki.server.der).digest('hex').toUpperCase());
      assert.match(report.thumbprint, /^[0-9A-F]{40}$/);
      assert.equal(report.sha256, createHash('sha256').update(pki.server.der).digest('hex').toUpperCase());
      assert.equal(report.subject, 'CN=smtp.contoso.com, O=Contoso Ltd, C=DE');
      assert.equal(report.commonName, 'smtp.contoso.com');
      assert.deepEqual(report.subjectAltNames, ['smtp.contoso.com', 'mail.contoso.com', 'autodiscover.contoso.com']);
      assert.equal(report.keyAlgorithm, 'ECC');
      assert.equal(report.keyCurve, 'prime256v1');
      assert.equal(report.signatureAlgorithm, 'sha256ECDSA');
      assert.equal(report.isCA, false);
      assert.equal(report.serverAuthEku, true);
      assert.deepEqual(report.aiaIssuerUrls, ['http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt']);
      assert.deepEqual(report.ocspUrls, ['http://ocsp.example.test']);
      assert.deepEqual(report.crlUrls, ['http://crl.example.test/ca.crl']);
      assert.equal(report.notAfter, pki.server.certificate.notAfter.toISOString());
    });

    it('flags expired, not yet valid and soon expiring certificates', async function () {
      const analysis = await analyse([
        file('old.cer', pki.expired.der),
        file('future.cer', pki.notYetValid.der),
        file('soon.cer', pki.expiresSoon.der),
        file('int.cer', pki.intermediate.der),
      ]);
      const byFile = (name: string) => analysis.certificates.find((c) => c.fileName === name);
      assert.deepEqual(byFile('old.cer')?.problems, ['expired']);
      assert.deepEqual(byFile('future.cer')?.problems, ['not-yet-valid']);
      assert.deepEqual(byFile('soon.cer')?.problems, ['expires-soon']);
      assert.deepEqual(byFile('int.cer')?.problems, []);
      assert.equal(findingOf(analysis, 'expires-soon').data?.days, 12);
      const english = describeCertificateAnalysis(analysis, 'en').join('\n');
      assert.match(english, /CN=old\.contoso\.com expired on \d{4}-\d{2}-\d{2}/);
      assert.match(english, /in 12 day\(s\)/);
    });

    it('shows distinguished names in Windows order (CN first, S= for the state, quoted values), as Get-ExchangeCertificate does', async function () {
      // Encoded C first, as public CAs encode them: OpenSSL and @peculiar/x509 would print "C=GB, S..., CN=..." first.
      const ca = await issue({
        subject: new x509.Name([
          { C: ['GB'] },
          { ST: ['Greater Manchester'] },
          { L: ['Salford'] },
          { O: ['Contoso, Ltd.'] },
          { CN: ['Contoso RSA CA'] },
        ]),
        ca: true,
      });
      const leaf = await issue({ subject: 'C=DE, O=Contoso, CN=mail.contoso.com', issuer: ca, sans: ['mail.contoso.com'] });
      const analysis = await analyse([file('leaf.cer', leaf.der)]);
      const report = analysis.certificates[0];
      assert.equal(report.subject, 'CN=mail.contoso.com, O=Contoso, C=DE');
      assert.equal(report.issuer, 'CN=Contoso RSA CA, O="Contoso, Ltd.", L=Salford, S=Greater Manchester, C=GB');
      assert.equal(analysis.chains[0].missingIssuer, report.issuer);
    });

    it('writes dates the German way in German (TT.MM.JJJJ), the ISO way in English', async function () {
      const analysis = await analyse([file('old.cer', pki.expired.der), file('int.cer', pki.intermediate.der)]);
      const day = pki.expired.certificate.notAfter.toISOString().slice(0, 10);
      const [y, m, d] = day.split('-');
      assert.match(describeCertificateAnalysis(analysis, 'de').join('\n'), new RegExp(`ist am ${d}\\.${m}\\.${y} abgelaufen`));
      assert.match(describeCertificateAnalysis(analysis, 'en').join('\n'), new RegExp(`expired on ${day}`));
      assert.doesNotMatch(describeCertificateAnalysis(analysis, 'de').join('\n'), /\d{4}-\d\d-\d\d/);
    });

    it('flags a SHA-1 signature and a 1024-bit RSA key, but not a SHA-256 certificate', async function () {
      const analysis = await analyse([file('sha1.cer', pki.sha1.der), file('weak.cer', pki.weakRsa.der), file('ok.cer', pki.server.der)]);
      const weak = analysis.findings.filter((f) => f.kind === 'weak-signature');
      assert.equal(weak.length, 2);
      assert.deepEqual(weak.map((f) => f.data?.reason).sort(), ['key-size', 'signature']);
      assert.equal(analysis.certificates.find((c) => c.fileName === 'sha1.cer')?.signatureAlgorithm, 'sha1ECDSA');
      assert.equal(analysis.certificates.find((c) => c.fileName === 'weak.cer')?.keySize, 1024);
      assert.ok(!analysis.certificates.find((c) => c.fileName === 'ok.cer')?.problems.includes('weak-signature'));
    });

    it('flags a certificate without the Server Authentication EKU', async function () {
      const analysis = await analyse([file('client.cer', pki.clientOnly.der), file('int.cer', pki.intermediate.der)]);
      assert.equal(findingOf(analysis, 'no-server-auth-eku').data?.thumbprint, pki.clientOnly.thumbprint);
      assert.equal(analysis.certificates.find((c) => c.fileName === 'client.cer')?.serverAuthEku, false);
    });

    it('shows hostile names with visible escapes and bounded length, and never matches them', async function () {
      const hostile = await issue({
        subject: new x509.Name([{ CN: [`mail.contoso.com\nInjected: line ${'x'.repeat(2000)}`] }]),
        issuer: pki.intermediate,
        sans: ['mail.contoso.com\u0000.evil.example'],
      });
      const analysis = await analyse([file('hostile.cer', hostile.der)], ['mail.contoso.com']);
      const report = analysis.certificates[0];
      // eslint-disable-next-line no-control-regex -- the test looks for control characters that got through
      assert.ok(!/[\u0000-\u001f]/.test(report.subject + report.subjectAltNames.join('')));
      assert.match(report.subject, /^CN=mail\.contoso\.com\\(x0a|0A)Injected/);
      assert.ok(report.subject.length <= 300);
      assert.equal(report.subjectAltNames[0], 'mail.contoso.com\\x00.evil.example');
      assert.equal(findingOf(analysis, 'name-mismatch').value, 'mail.contoso.com');
      for (const line of describeCertificateAnalysis(analysis, 'en')) assert.ok(!line.includes('\n'));
    });

    it('counts a certificate given twice only once', async function () {
      const analysis = await analyse([file('a.cer', pki.server.der), file('b.pem', pki.server.pem)]);
      assert.equal(analysis.certificates.length, 1);
      assert.equal(analysis.chains.length, 1);
    });
  });

  describe('host names', function () {
    it('matches a wildcard by RFC 6125 rules and reports names it does not cover', async function () {
      const covered = await analyse([file('wild.cer', pki.wildcard.der), file('int.cer', pki.intermediate.der)], ['mail.contoso.com']);
      assert.ok(!kinds(covered).includes('name-mismatch'));
      for (const host of ['a.b.contoso.com', 'contoso.com', 'mail.fabrikam.com']) {
        const analysis = await analyse([file('wild.cer', pki.wildcard.der), file('int.cer', pki.intermediate.der)], [host]);
        const finding = findingOf(analysis, 'name-mismatch');
        assert.equal(finding.value, host);
        assert.match(
          describeCertificateAnalysis(analysis, 'en').join('\n'),
          new RegExp(`None of the certificates covers ${host.replace(/\./g, '\\.')}`),
        );
      }
    });

    it('is satisfied when any of the uploaded server certificates covers the host', async function () {
      const analysis = await analyse([file('a.cer', pki.expiresSoon.der), file('b.cer', pki.server.der)], ['SMTP.Contoso.com.']);
      assert.ok(!kinds(analysis).includes('name-mismatch'));
    });
  });

  it('never keeps or shows a private key that sits in a PEM bundle with the certificate', async function () {
    const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    const keyPem = `-----BEGIN PRIVATE KEY-----\r\n${pkcs8.match(/.{1,64}/g)?.join('\r\n')}\r\n-----END PRIVATE KEY-----\r\n`;
    const analysis = await analyse([file('server-with-key.pem', pki.server.pem + keyPem + pki.intermediate.pem)]);
    assert.equal(analysis.certificates.length, 2);
    assert.equal(findingOf(analysis, 'private-key-present').value, 'server-with-key.pem');
    const everything =
      JSON.stringify(analysis) +
      describeCertificateAnalysis(analysis, 'de').join('') +
      describeCertificateAnalysis(analysis, 'en').join('');
    assert.ok(!everything.includes(pkcs8.slice(0, 40)), 'key material must not appear in the analysis');
    assert.match(describeCertificateAnalysis(analysis, 'en')[0], /private key/);
    assert.match(describeCertificateAnalysis(analysis, 'de')[0], /privaten Schlüssel/);
  });
});
