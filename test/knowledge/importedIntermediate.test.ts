/**
 * KB 3212877's fix reported applied (a console transcript of Import-Certificate or certutil -addstore CA)
 * while the same paste shows the chain still not sent (openssl) or built (certutil -verify): the evidence
 * of the chain wins over the transcript. The answer stays KB 3212877 and leads to the restart; when the
 * console printed another certificate than the missing issuer, it says the wrong one was imported.
 * A transcript with nothing against it stays the fix applied.
 */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type Diagnosis, type RenderedMatch } from '../../knowledge';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";
const THUMBPRINT = '759BC575B5B0253F7F08808B1AF25BF5CB4885EE';

const importCertificate = (subject: string) =>
  `PS C:\\> Import-Certificate -FilePath C:\\certs\\intermediate.cer -CertStoreLocation Cert:\\LocalMachine\\CA\n\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\CA\n\nThumbprint                                Subject\n----------                                -------\n${THUMBPRINT}  ${subject}\n`;
const opensslLeafOnly = (issuer: string) =>
  `$ openssl s_client -starttls smtp -connect mail.contoso.com:25 -showcerts\nCertificate chain\n 0 s:CN = mail.contoso.com\n   i:${issuer}\nVerify return code: 21 (unable to verify the first certificate)\n`;
const opensslWithIntermediate = `$ openssl s_client -starttls smtp -connect mail.contoso.com:25 -showcerts\nCertificate chain\n 0 s:CN = mail.contoso.com\n   i:C = US, O = Let's Encrypt, CN = R11\n 1 s:C = US, O = Let's Encrypt, CN = R11\n   i:C = US, O = Internet Security Research Group, CN = ISRG Root X1\nVerify return code: 0 (ok)\n`;

function answer(text: string): { d: Diagnosis; language: 'de' | 'en' } {
  const extraction = extractFindings(text);
  return { d: diagnose(extraction.findings), language: extraction.language };
}

function reply(d: Diagnosis, language: 'de' | 'en'): RenderedMatch {
  assert.equal(d.verdict, 'match', `${d.verdict} ${d.noMatchReason ?? ''} ${JSON.stringify(d.candidates)}`);
  assert.equal(d.article, 'KB3212877');
  const r = render(d, language);
  assert.equal(r.kind, 'match');
  return r;
}

const labels = (r: RenderedMatch) => r.evidence.map((e) => e.label).join('\n');
const main = (r: RenderedMatch) => (r.commands.find((c) => c.main) ?? r.commands[0]).script;

describe('imported intermediate, chain still not served', () => {
  it('English: the right intermediate imported, openssl still shows only the server certificate -> KB 3212877, restart first', () => {
    const { d, language } = answer(
      `${importCertificate("CN=R11, O=Let's Encrypt, C=US")}\nStill bouncing: ${NDR}\n${opensslLeafOnly("C = US, O = Let's Encrypt, CN = R11")}`,
    );
    const r = reply(d, language);
    assert.match(r.steps[0], /already imported, yet the server still sends its certificate without it: restart the sending service/);
    assert.match(main(r), /^Restart-Service MSExchangeTransport/);
    assert.ok(!r.steps.some((s) => /run mmc/.test(s)), 'no export steps for an intermediate already imported');
    assert.doesNotMatch(labels(r), /wrong intermediate/);
  });

  it('English: the wrong intermediate imported (R3, the issuer is R11) -> KB 3212877, and it says so', () => {
    const { d, language } = answer(
      `${importCertificate("CN=R3, O=Let's Encrypt, C=US")}\n${NDR}\n${opensslLeafOnly("C = US, O = Let's Encrypt, CN = R11")}`,
    );
    const r = reply(d, language);
    assert.match(labels(r), /The console shows R3 imported .* the wrong intermediate certificate was imported/);
    assert.match(r.steps[0], /is not the intermediate your server certificate needs: the server certificate is issued by CN=R11/);
    assert.ok(r.commands.some((c) => c.script.includes("-like '*R11*'")));
  });

  it('English: certutil -addstore CA, and certutil -verify still reports the issuer missing', () => {
    const { d, language } = answer(
      [
        'C:\\>certutil -addstore CA c:\\temp\\sectigo.cer',
        'CA "Intermediate Certification Authorities"',
        'Certificate "Sectigo RSA Domain Validation Secure Server CA" added to store.',
        'CertUtil: -addstore command completed successfully.',
        '',
        'C:\\>certutil -verify c:\\temp\\relay.cer',
        'Missing Issuer: CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB',
        'Incomplete certificate chain',
        'CertUtil: -verify command FAILED: 0x800b010a (-2146762486 CERT_E_CHAINING)',
        NDR,
      ].join('\n'),
    );
    const r = reply(d, language);
    assert.match(r.steps[0], /already imported/);
    assert.doesNotMatch(labels(r), /wrong intermediate/);
  });

  it('German: imported, openssl shows only the server certificate', () => {
    const { d, language } = answer(
      `${importCertificate('CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB')}\nTrotzdem weiterhin ${NDR_DE}. Der Test von außen:\n${opensslLeafOnly('C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA')}`,
    );
    assert.equal(language, 'de');
    const r = reply(d, language);
    assert.match(r.steps[0], /^Das Zwischenzertifikat ist bereits importiert, trotzdem sendet der Server sein Zertifikat noch ohne es/);
    assert.match(main(r), /^Restart-Service MSExchangeTransport/);
  });

  it('German: the wrong intermediate imported', () => {
    const { d, language } = answer(
      `${importCertificate("CN=R3, O=Let's Encrypt, C=US")}\nTrotzdem weiterhin ${NDR_DE}. Der Test von außen:\n${opensslLeafOnly("C = US, O = Let's Encrypt, CN = R11")}`,
    );
    assert.equal(language, 'de');
    const r = reply(d, language);
    assert.match(labels(r), /Die Konsole zeigt R3 .* das falsche Zwischenzertifikat importiert/);
    assert.match(r.steps[0], /ist nicht das Zwischenzertifikat, das Ihr Serverzertifikat braucht/);
  });

  it('near miss: the transcript alone is still the fix applied (no KB 3212877)', () => {
    const { d } = answer(`${importCertificate("CN=R11, O=Let's Encrypt, C=US")}\n${NDR}`);
    assert.ok(!(d.verdict === 'match' && d.article === 'KB3212877'), JSON.stringify(d.candidates));
    assert.ok(d.findings.some((f) => f.kind === 'chain-complete' && f.value === 'fix-applied'));
    assert.ok(!d.findings.some((f) => f.kind === 'intermediate-imported-not-served' || f.kind === 'wrong-intermediate-imported'));
  });

  it('near miss: imported, and openssl shows the intermediate served: no KB 3212877, nothing said about a wrong import', () => {
    const { d } = answer(`${importCertificate("CN=R11, O=Let's Encrypt, C=US")}\n${NDR}\n${opensslWithIntermediate}`);
    assert.ok(!(d.verdict === 'match' && d.article === 'KB3212877'), JSON.stringify(d.candidates));
    assert.ok(!d.findings.some((f) => f.kind === 'intermediate-imported-not-served' || f.kind === 'wrong-intermediate-imported'));
  });
});
