import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, type RenderedMatch } from '../../knowledge';

const twoCertificates = `FriendlyName : Exchange public
Subject      : CN=mail.litware.com
Issuer       : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB
Thumbprint   : A1B2C3D4E5F60718293A4B5C6D7E8F9001122334
Services     : IMAP, POP, IIS, SMTP

FriendlyName : Microsoft Exchange
Subject      : CN=mail.litware.com
Issuer       : CN=Litware Issuing CA 01, DC=litware, DC=local
Thumbprint   : D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607
Services     : IIS, SMTP, UM`;

function match(text: string, lang: 'de' | 'en'): RenderedMatch {
  const reply = render(diagnose(extractFindings(text).findings), lang);
  assert.equal(reply.kind, 'match');
  return reply as RenderedMatch;
}

describe('rendering answers', () => {
  it('fills the untrusted thumbprint and keeps its other services but SMTP', () => {
    const reply = match(twoCertificates, 'en');
    const scripts = reply.commands.map((c) => c.script);
    assert.ok(scripts.includes('Enable-ExchangeCertificate -Thumbprint D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607 -Services IIS,UM'), scripts.join('\n'));
    assert.ok(scripts.includes('Get-ExchangeCertificate -Thumbprint D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607 | fl FriendlyName,Services'));
    assert.ok(scripts.some((s) => s.includes('-Thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9001122334')), 'the public certificate is checked too');
    // Enable-ExchangeCertificate only adds services: the fallback pins the send connector to the public certificate.
    assert.ok(scripts.includes('$c = Get-ExchangeCertificate -Thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9001122334; Get-SendConnector | Where-Object { $_.Name -like \'Outbound to Office 365*\' } | Set-SendConnector -TlsCertificateName "<I>$($c.Issuer)<S>$($c.Subject)"'), scripts.join('\n'));
    assert.ok(reply.steps.some((s) => s.includes('mail.litware.com')));
    assert.ok(reply.commands.every((c) => c.unfilled.length === 0));
    assert.ok(reply.evidence.some((e) => e.label.includes('mail.litware.com')));
  });

  it('never fills a Microsoft, wildcard or internal-only name into openssl -connect', () => {
    const capi2 = '<Certificate fileRef="EC53.cer" subjectName="*.contoso.com" />\n<EventAuxInfo ProcessName="lsass.exe" />\n<Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result>';
    const ndr = `Generating server: BN8NAM11FT045.mail.protection.outlook.com\nComputer: SMTP01.contoso.local\nRemote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\n${capi2}`;
    const reply = match(ndr, 'en');
    const check = reply.verify.find((v) => v.includes('openssl s_client'))!;
    assert.ok(check.includes('-connect <public name of the sending server>:25'), check);
    const tested = match(`${ndr}\n$ openssl s_client -starttls smtp -connect relay.contoso.com:25 -showcerts\nVerify return code: 21 (unable to verify the first certificate)`, 'de');
    assert.ok(tested.verify.some((v) => v.includes('-connect relay.contoso.com:25')), tested.verify.join('\n'));
  });

  it('names the server from the event\'s Computer field where no certificate name is known', () => {
    const reply = match('Event ID: 2004\nSource: MSExchangeTransport\nComputer: EX01.contoso.com\nDescription: 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied', 'en');
    assert.ok(reply.steps[0].includes('ex01.contoso.com'), reply.steps[0]);
  });

  it('says so when the input shows the configuration but no error', () => {
    const configOnly = match(twoCertificates, 'en');
    assert.ok(configOnly.notices.some((n) => n.startsWith('Nothing you gave me shows an error yet')), JSON.stringify(configOnly.notices));
    const withError = match(`${twoCertificates}\nEvent ID: 2004\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot`, 'en');
    assert.ok(!withError.notices.some((n) => n.startsWith('Nothing you gave me')));
  });

  it('answers in German with the same commands', () => {
    const reply = match(twoCertificates, 'de');
    assert.match(reply.cause, /Zwei Zertifikate/);
    assert.match(reply.commands.find((c) => c.script.startsWith('Enable-'))!.label, /nur für seine anderen Dienste aktivieren/);
  });

  it('leaves readable placeholders for values it does not know', () => {
    const reply = match('Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied', 'en');
    const enable = reply.commands.find((c) => c.script.startsWith('Enable-'))!;
    assert.equal(enable.script, 'Enable-ExchangeCertificate -Thumbprint <thumbprint of the untrusted certificate> -Services IIS,POP,IMAP');
    assert.deepEqual(enable.unfilled, ['untrustedThumbprint']);
    const german = render(diagnose(extractFindings('Ereignis-ID: 2004\nQuelle: MSExchangeTransport\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot').findings), 'de') as RenderedMatch;
    assert.ok(german.commands.some((c) => c.script.includes('<Fingerabdruck des nicht vertrauenswürdigen Zertifikats>')));
  });

  it('KB 3212877: names the missing intermediate from openssl output and keeps the article\'s import command', () => {
    const text = 'relay through EOP fails since the renewal\nCertificate chain\n 0 s:CN = smtp.litware.com\n   i:C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA\nVerify return code: 21 (unable to verify the first certificate)';
    const reply = match(text, 'en');
    assert.ok(reply.commands.some((c) => c.script === 'Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA'));
    assert.ok(reply.commands.some((c) => c.script.includes("'*Sectigo RSA Domain Validation Secure Server CA*'")));
    assert.ok(reply.steps.some((s) => s.includes('Sectigo RSA Domain Validation Secure Server CA')));
    assert.ok(reply.steps.length >= 5);
    assert.match(reply.url, /3212877/);
  });

  it('KB 3212877 from a certificate upload: the import line uses the file name of the AIA download', () => {
    const chain = {
      kind: 'chain-incomplete', value: 'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US', excerpt: 'smtp.cer', source: 'certificate',
      data: { missingIssuer: 'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US', aiaUrl: 'http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt', endEntity: 'CN=smtp.contoso.com' },
    };
    const route = { kind: 'answer-evidence', value: 'relay-via-eop', excerpt: 'relay', source: 'question' };
    const reply = render(diagnose([chain, route, ...extractFindings("550 5.7.64 TenantAttribution; Relay Access Denied").findings]), 'en') as RenderedMatch;
    assert.equal(reply.kind, 'match');
    assert.ok(reply.commands.some((c) => c.script === 'Get-ChildItem -Path c:\\import\\FabrikamTLSRSACA2024.crt | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA'), reply.commands.map((c) => c.script).join('\n'));
    assert.ok(reply.steps[0].includes('http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt'));
  });

  it('a hostile value in a paste never reaches a command', () => {
    const hostile = "relay via EOP broken\nCertificate chain\n 0 s:CN = smtp.litware.com\n   i:CN = Evil'; Remove-Item C:\\ -Recurse; '\nVerify return code: 21 (unable to verify the first certificate)";
    const reply = match(hostile, 'en');
    for (const c of reply.commands) {
      assert.ok(!c.script.includes("Evil'"), c.script);
      assert.ok(!/;\s*Remove-Item/.test(c.script), c.script);
    }
  });

  it('says what a neighbouring problem looks like, in the user\'s language', () => {
    const reply = render(diagnose(extractFindings('TLS negotiation failed with error UnknownCredentials').findings), 'de');
    assert.equal(reply.kind, 'no_match');
    assert.ok(reply.kind === 'no_match' && reply.text.startsWith('Das ist keines der Probleme, die ich lösen kann (KB 2888788, KB 3212877 und KB 4051495)'), reply.kind === 'no_match' ? reply.text : '');
    assert.ok(reply.kind === 'no_match' && reply.lookalikes[0].reference === 'KB 4051498');
  });
});
