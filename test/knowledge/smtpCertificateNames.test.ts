/**
 * Get-ExchangeCertificate listed without thumbprints and without Services: the names of a listed
 * certificate go into Set-InboundConnector -TlsSenderCertificateName (KB 4051495) only when the
 * command kept only the SMTP certificates or one certificate is listed. "| fl Subject,CertificateDomains"
 * of every certificate shows the IIS one (owa.contoso.com) too, which is not the one SMTP presents.
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings, render, type Language } from '../../knowledge';

const NDR = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied [AM6PR0502CA0061.eurprd05.prod.outlook.com]'";
const NDR_DE = "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben";

/** The Set-InboundConnector -TlsSenderCertificateName command of the answer, after "the name does not match" if the bot asks. */
function nameCommand(text: string, language: Language): string {
  let findings = extractFindings(text).findings;
  let d = diagnose(findings);
  for (let asked = 0; d.verdict === 'ask' && asked < 3; asked++) {
    const option = d.question!.options.find((o) => o.id === 'name-mismatch');
    assert.ok(option, `asked ${d.question!.id} without "the name does not match"`);
    findings = [...findings, ...answerQuestion(d.question!, option.id)];
    d = diagnose(findings);
  }
  assert.equal(d.article, 'KB4051495', `${d.verdict} ${d.article ?? ''}`);
  const reply = render(d, language);
  assert.equal(reply.kind, 'match');
  const command = reply.commands.find((c) => c.script.includes('-TlsSenderCertificateName'));
  assert.ok(command, reply.commands.map((c) => c.script).join('\n'));
  return command.script;
}

const listing = (command: string, ...certs: Array<[string, string]>) =>
  [
    `PS C:\\> ${command}`,
    '',
    ...certs.flatMap(([cn, domains]) => [`Subject            : CN=${cn}`, `CertificateDomains : {${domains}}`, '']),
  ].join('\n');

describe('Get-ExchangeCertificate names without thumbprints: only the SMTP certificate names the connector', () => {
  it('every certificate listed, no Services shown: no name of the IIS certificate in the command (English)', () => {
    const text = `${listing(
      'Get-ExchangeCertificate | fl Subject,CertificateDomains',
      ['owa.contoso.com', 'owa.contoso.com, autodiscover.contoso.com'],
      ['smtp.contoso.com', 'smtp.contoso.com'],
    )}\nTlsSenderCertificateName : mail.contoso.com\n${NDR}`;
    const script = nameCommand(text, 'en');
    assert.match(script, /-TlsSenderCertificateName "<name on the new certificate>"/);
    assert.doesNotMatch(script, /owa\.contoso\.com|autodiscover/);
  });

  it('every certificate listed, no Services shown: no name of the IIS certificate in the command (German)', () => {
    const text = `${listing(
      'Get-ExchangeCertificate | fl Subject,CertificateDomains',
      ['owa.firma.de', 'owa.firma.de, autodiscover.firma.de'],
      ['smtp.firma.de', 'smtp.firma.de'],
    )}\nDer Connector erwartet TlsSenderCertificateName mail.firma.de. ${NDR_DE}`;
    const script = nameCommand(text, 'de');
    assert.match(script, /-TlsSenderCertificateName "<[^">]+>"/);
    assert.doesNotMatch(script, /owa\.firma\.de|autodiscover/);
  });

  it('near miss: the command keeps only SMTP certificates (Where-Object), its name is the one (German)', () => {
    const text = `${listing('Get-ExchangeCertificate | Where-Object {$_.Services -like "*SMTP*"} | fl Subject,CertificateDomains', [
      'smtp.firma.de',
      'smtp.firma.de',
    ])}\nDer Connector erwartet TlsSenderCertificateName mail.firma.de. ${NDR_DE}`;
    assert.match(nameCommand(text, 'de'), /-TlsSenderCertificateName "smtp\.firma\.de"/);
  });

  it('near miss: one certificate listed, its name is the one (English)', () => {
    const text = `${listing('Get-ExchangeCertificate -Server EX01 | fl Subject,CertificateDomains', ['smtp.contoso.com', 'smtp.contoso.com'])}\nTlsSenderCertificateName : mail.contoso.com\n${NDR}`;
    assert.match(nameCommand(text, 'en'), /-TlsSenderCertificateName "smtp\.contoso\.com"/);
  });

  it('"? Services -notmatch SMTP" keeps the other certificates: no name of theirs in the command (English)', () => {
    const text = `${listing(
      'Get-ExchangeCertificate | ? {$_.Services -notmatch "SMTP"} | fl Subject,CertificateDomains',
      ['owa.contoso.com', 'owa.contoso.com'],
      ['legacy.contoso.com', 'legacy.contoso.com'],
    )}\nTlsSenderCertificateName : mail.contoso.com\n${NDR}`;
    assert.doesNotMatch(nameCommand(text, 'en'), /owa\.contoso\.com|legacy\.contoso\.com/);
  });
});
