/**
 * The collection scripts parse with a real PowerShell grammar and are read-only by construction:
 * the check finds every state-changing command a later edit could add.
 */
import { strict as assert } from 'node:assert';
import { collectionScript, collectionScriptFileName, howToRunCollectionScript } from '../../knowledge/collect/scripts';
import { COLLECT_KINDS } from '../../knowledge/collect/format';
import { checkReadOnlyScript } from './powershellReadOnly';

describe('collection scripts: PowerShell grammar and read-only by construction', function () {
  this.timeout(20_000);

  for (const kind of COLLECT_KINDS) {
    it(`${kind}: parses without a syntax error and uses only reading commands`, async () => {
      const check = await checkReadOnlyScript(collectionScript(kind));
      assert.deepEqual(check.syntaxErrors, []);
      assert.deepEqual(check.violations, []);
      assert.ok(check.commands.includes('ConvertTo-Json') && check.commands.includes('Out-File'), check.commands.join(', '));
    });

    it(`${kind}: prints the versioned header its parser reads`, () => {
      assert.match(collectionScript(kind), new RegExp(`'mailflow-tls-collect/1 ${kind}'`));
      assert.equal(collectionScriptFileName(kind), `mailflow-tls-collect-${kind}.ps1`);
    });
  }

  it('the Exchange script reads what the issue lists, by the cmdlet reference names', () => {
    const script = collectionScript('exchange');
    for (const needed of [
      'Get-ExchangeCertificate',
      'Get-SendConnector',
      'Get-ReceiveConnector',
      'Get-TransportService',
      'Get-HybridConfiguration',
      'Get-EdgeSubscription',
      'InternalTransportCertificateThumbprint',
      'RootCAType',
      'HasPrivateKey',
      "@('CA', 'Root')",
      '12014, 12017, 12018, 2004',
      'Microsoft-Windows-CAPI2/Operational',
      'Sending certificate',
      'TLS 1.2',
    ])
      assert.ok(script.includes(needed), needed);
  });

  it('the Exchange Online script reads the connectors, accepted domains and RejectDirectSend', () => {
    const script = collectionScript('exo');
    for (const needed of [
      'Get-InboundConnector',
      'Get-OutboundConnector',
      'TlsSenderCertificateName',
      'RestrictDomainsToCertificate',
      'TlsSettings',
      'TlsDomain',
      'Get-AcceptedDomain',
      'RejectDirectSend',
    ])
      assert.ok(script.includes(needed), needed);
  });

  const additions: Array<[string, string, RegExp]> = [
    ['a Set- cmdlet', 'Set-SendConnector -Identity "Outbound to Office 365" -TlsCertificateName "x"', /verb Set/],
    ['Enable-ExchangeCertificate', 'Enable-ExchangeCertificate -Thumbprint 0123 -Services SMTP', /verb Enable/],
    ['New-Object', '$chain = New-Object System.Security.Cryptography.X509Certificates.X509Chain', /verb New/],
    ['Remove-Item', 'Remove-Item -Path $OutFile', /verb Remove/],
    ['Import-Certificate', 'Import-Certificate -FilePath C:\\i.cer -CertStoreLocation Cert:\\LocalMachine\\CA', /verb Import/],
    ['Restart-Service', 'Restart-Service MSExchangeTransport', /verb Restart/],
    ['Invoke-WebRequest', 'Invoke-WebRequest -Uri http://crl.example.com/ca.crt', /verb Invoke/],
    ['an alias', 'iwr http://example.com', /not a Verb-Noun/],
    ['the call operator', '& $command', /not written out/],
    ['a store method', '$store.Remove($certificate)', /method Remove/],
    ['Export-PfxCertificate', 'Export-PfxCertificate -Cert $c -FilePath C:\\k.pfx', /verb Export/],
    ['a private key', '$key = $c.PrivateKey', /private key/],
    ['a redirection', 'Get-Date > C:\\Windows\\x.txt', /redirection/],
  ];
  for (const [what, line, expected] of additions) {
    it(`refuses a script with ${what} added`, async () => {
      const check = await checkReadOnlyScript(`${collectionScript('exchange')}\r\n${line}\r\n`);
      assert.ok(
        check.violations.some((v) => expected.test(v)),
        `no violation for ${line}: ${check.violations.join('; ')}`,
      );
    });
  }

  it('reports a syntax error (the grammar really parses)', async () => {
    const check = await checkReadOnlyScript('foreach ($c in @(Get-ExchangeCertificate) {\r\n  $c.Thumbprint\r\n');
    assert.ok(check.syntaxErrors.length > 0);
  });

  it('says in two lines, in English and German, how to run each script', () => {
    for (const kind of COLLECT_KINDS) {
      const en = howToRunCollectionScript(kind, 'en');
      const de = howToRunCollectionScript(kind, 'de');
      assert.equal(en.length, 2);
      assert.match(en[0], new RegExp(collectionScriptFileName(kind).replace(/\./g, '\\.')));
      assert.match(de[0], /führen Sie es in .* aus/);
      assert.match(de[1], /Fügen Sie den ausgegebenen Block/);
    }
  });
});
