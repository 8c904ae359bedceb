/** What the answers tell admins to run: safe, filled commands and honest labels (issue 10). */
import { strict as assert } from 'node:assert';
import { diagnose, extractFindings, render, renderEvidence, type RenderedMatch } from '../../knowledge';

function match(text: string, lang: 'de' | 'en'): RenderedMatch {
  const reply = render(diagnose(extractFindings(text).findings), lang);
  assert.equal(reply.kind, 'match');
  return reply;
}

describe('rendering: safe commands (issue 10)', () => {
  const ndr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
  const onlyLeaf =
    'Certificate chain\n 0 s:CN = relay.contoso.com\n   i:C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA\nVerify return code: 21 (unable to verify the first certificate)';

  it('KB 3212877: an elevated import, a restart in a maintenance window on every sending server including Edge', () => {
    const reply = match(`${ndr}\n${onlyLeaf}`, 'en');
    const importCommand = reply.commands.find((c) => c.script.includes('Import-Certificate'))!;
    assert.match(importCommand.label, /Elevated PowerShell/);
    const restart = reply.commands.find((c) => c.script.startsWith('Restart-Service'))!;
    assert.equal(restart.script, 'Restart-Service MSExchangeTransport   # IIS SMTP relay: Restart-Service SMTPSVC');
    assert.match(restart.label, /maintenance window/);
    assert.match(restart.label, /Edge Transport/);
    const german = match(`${ndr}\n${onlyLeaf}`, 'de');
    assert.match(german.commands.find((c) => c.script.startsWith('Restart-Service'))!.label, /Wartungsfenster/);
    assert.match(german.commands.find((c) => c.script.includes('Import-Certificate'))!.label, /erhöhten Rechten/);
  });

  it('KB 3212877 from an IIS SMTP relay: the IIS SMTP restart, not the Exchange one', () => {
    const reply = match(`Our IIS SMTP relay sends through EOP. ${ndr}\n${onlyLeaf}`, 'en');
    const restarts = reply.commands.filter((c) => c.script.startsWith('Restart-Service')).map((c) => c.script);
    assert.deepEqual(restarts, ['Restart-Service SMTPSVC']);
  });

  it('KB 3212877: an intermediate published as a .p7c bundle is imported with certutil -addstore CA (Import-Certificate would take only the first certificate)', () => {
    const chain = {
      kind: 'chain-incomplete',
      value: 'CN=Federal Bridge CA, O=Example',
      excerpt: 'smtp.cer',
      source: 'certificate',
      data: {
        missingIssuer: 'CN=Federal Bridge CA, O=Example',
        aiaUrl: 'http://aia.example.test/issuedto.p7c',
        endEntity: 'CN=smtp.contoso.com',
      },
    };
    const reply = render(diagnose([chain, ...extractFindings(`Relay through EOP. ${ndr}`).findings]), 'en') as RenderedMatch;
    assert.equal(reply.kind, 'match');
    const scripts = reply.commands.map((c) => c.script);
    assert.ok(scripts.includes('certutil -addstore CA c:\\import\\issuedto.p7c'), scripts.join('\n'));
    assert.ok(!scripts.some((s) => s.includes('Import-Certificate')), scripts.join('\n'));
  });

  it('KB 4051495 in both languages: a certificate-based connector gets the name, an IP-based one the address, never the other command', () => {
    const connector =
      'Name                     : Relay von lokal\nConnectorType            : OnPremises\nTlsSenderCertificateName : relay.firma.de';
    const certificate =
      'Subject    : CN=smtp.firma.de\nIssuer     : CN=GlobalSign GCC R3 DV TLS CA 2020, O=GlobalSign nv-sa, C=BE\nThumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nServices   : SMTP';
    for (const language of ['en', 'de'] as const) {
      const byName = match(`${ndr}\n${connector}\n\n${certificate}`, language);
      assert.equal(byName.article, 'KB4051495');
      assert.ok(
        byName.commands.some(
          (c) => c.script === 'Set-InboundConnector -Identity "Relay von lokal" -TlsSenderCertificateName "smtp.firma.de"',
        ),
      );
      assert.ok(!byName.commands.some((c) => c.script.includes('SenderIPAddresses @{')));
      assert.ok(byName.steps.some((s) => s.includes('smtp.firma.de')) && byName.steps.some((s) => s.includes('relay.firma.de')));
      assert.ok(
        !byName.steps.some((s) => s.includes(language === 'en' ? '<new public IP' : '<neue öffentliche IP')),
        'no address step for a certificate connector',
      );
      assert.ok(
        byName.commands.every((c) => c.unfilled.length === 0),
        JSON.stringify(byName.commands),
      );
    }
    const byAddress = match(
      `${ndr}\nConnectorType : OnPremises\nSenderIPAddresses : {198.51.100.10}\nTlsSenderCertificateName :\nWe changed ISP, the new public address is 203.0.113.77.`,
      'de',
    );
    assert.ok(
      byAddress.commands.some(
        (c) => c.script === 'Set-InboundConnector -Identity "<Name des eingehenden Connectors>" -SenderIPAddresses @{Add="203.0.113.77"}',
      ),
    );
    assert.ok(!byAddress.commands.some((c) => c.script.includes('-TlsSenderCertificateName')));
    assert.ok(!byAddress.steps.some((s) => s.includes('Assistent')), 'the Hybrid Configuration Wizard does not make IP connectors');
  });
});

describe('rendering: an issuer that was not supplied (issue 10, point 7)', () => {
  it('is called missing, with its name, never an untrusted root', () => {
    const chain = {
      kind: 'chain-incomplete',
      value: 'CN=Contoso Issuing CA, DC=contoso, DC=local',
      excerpt: 'CN=relay.contoso.com issued by CN=Contoso Issuing CA, DC=contoso, DC=local (not supplied) — file relay.cer',
      source: 'certificate',
      data: { missingIssuer: 'CN=Contoso Issuing CA, DC=contoso, DC=local', endEntity: 'CN=relay.contoso.com' },
    };
    const [en] = renderEvidence([chain], 'en');
    assert.equal(en.label, 'The chain is incomplete: the issuing certificate CN=Contoso Issuing CA, DC=contoso, DC=local is missing');
    assert.doesNotMatch(en.label, /untrusted|root/i);
    const [de] = renderEvidence([chain], 'de');
    assert.match(de.label, /ausstellende Zertifikat CN=Contoso Issuing CA/);
  });
});

describe('rendering: CAPI2 result codes (issue 10, point 8)', () => {
  it('labels 800B0109 as CERT_E_UNTRUSTEDROOT and 800B010A as CERT_E_CHAINING', () => {
    const code = (value: string) =>
      renderEvidence([{ kind: 'chain-error', value, excerpt: `<Result value="${value}">`, source: 'event-log-xml' }], 'en')[0].label;
    assert.match(code('800B0109'), /terminated in a root certificate that is not trusted \(800B0109, CERT_E_UNTRUSTEDROOT\)/);
    assert.match(code('800B010A'), /could not be built to a trusted root \(800B010A, CERT_E_CHAINING\)/);
  });
});
