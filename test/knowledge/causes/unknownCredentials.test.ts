/**
 * Issue 20, item 2: "TLS negotiation failed with error UnknownCredentials" (KB 4051498) is answered:
 * the public certificate is not enabled for SMTP; Enable-ExchangeCertificate -Services SMTP is
 * additive and says so; the thumbprint comes from the send log or the pasted certificate listing.
 */
import { strict as assert } from 'node:assert';
import { answerOf, matchOf, notClaimed } from './answerOf';

const kbLog = (last: string) =>
  [
    '2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,15,10.10.248.7:16547,216.32.181.234:25,*,,Sending certificate',
    '2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,16,10.10.248.7:16547,216.32.181.234:25,*,"CN=*.domain.com, OU=Enterprise SSL Wildcard, O=Contoso Corporation",Certificate subject',
    '2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,17,10.10.248.7:16547,216.32.181.234:25,*,"CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US",Certificate issuer name',
    '2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,19,10.10.248.7:16547,216.32.181.234:25,*,5A1F0E2D3C4B5A69788796A5B4C3D2E1F0A9B8C7,Certificate thumbprint',
    '2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,20,10.10.248.7:16547,216.32.181.234:25,*,*.domain.com;contoso.com,Certificate alternate names',
    `2017-10-07T04:42:56.804Z,Outbound to Office 365,08D50D3D9730A8D2,21,10.10.248.7:16547,216.32.181.234:25,*,,${last}`,
  ].join('\n');

const QUEUE =
  'LastError : 451 4.4.0 Primary target IP address responded with: "421 4.4.1 Connection timed out." Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts.';

const listing = (services: string) =>
  [
    'Thumbprint : 7C4E2A9B1D3F5E6A8B0C2D4E6F8A0B1C3D5E7F90',
    'Subject    : CN=mail.contoso.com',
    'Issuer     : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
    'RootCAType : ThirdParty',
    `Services   : ${services}`,
    'Status     : Valid',
  ].join('\n');

describe('issue 20: UnknownCredentials (KB 4051498)', () => {
  it("the article's send log: the offered certificate is enabled for SMTP, additively", () => {
    const m = matchOf(kbLog('TLS negotiation failed with error UnknownCredentials'), 'unknown-credentials');
    assert.equal(m.kb, 'KB 4051498');
    assert.ok(
      m.scripts.includes('Enable-ExchangeCertificate -Thumbprint 5A1F0E2D3C4B5A69788796A5B4C3D2E1F0A9B8C7 -Services SMTP'),
      m.scripts.join('\n'),
    );
    assert.equal(
      m.commands.find((c) => c.main)?.script,
      'Enable-ExchangeCertificate -Thumbprint 5A1F0E2D3C4B5A69788796A5B4C3D2E1F0A9B8C7 -Services SMTP',
    );
    assert.ok(m.scripts.some((s) => s.startsWith('Get-SendConnector "Outbound to Office 365"')));
    assert.match(m.all, /-Services is additive/);
    assert.match(m.all, /type N/);
    assert.doesNotMatch(m.all, /Import-ExchangeCertificate|-Services IIS,|Set-ReceiveConnector/);
  });

  it('the queue and Get-ExchangeCertificate | fl with Services IIS: that certificate is filled', () => {
    const m = matchOf(`${QUEUE}\n\n${listing('IIS')}\n\nthe send log says UnknownCredentials`, 'unknown-credentials');
    assert.ok(
      m.scripts.includes('Enable-ExchangeCertificate -Thumbprint 7C4E2A9B1D3F5E6A8B0C2D4E6F8A0B1C3D5E7F90 -Services SMTP'),
      m.scripts.join('\n'),
    );
  });

  it('German prose: the answer is German and says that -Services only adds', () => {
    const m = matchOf(
      'Nach der Zertifikatserneuerung gehen keine Mails mehr zu Exchange Online. Im SmtpSend-Log: TLS negotiation failed with error UnknownCredentials. Das neue Zertifikat hat bei Services nur IIS.',
      'unknown-credentials',
    );
    assert.match(m.title, /nicht für SMTP aktiviert/);
    assert.match(m.all, /-Services ergänzt nur/);
    assert.match(m.all, /Exchange-Verwaltungsshell/);
    assert.doesNotMatch(m.steps.join(' '), /\b(?:the|and|with)\b/);
  });

  it('an Edge server told in prose', () => {
    matchOf(
      "Edge EDGE01 queue to contoso-com.mail.protection.outlook.com retries, verbose log shows UnknownCredentials right after 'Certificate alternate names'.",
      'unknown-credentials',
    );
  });

  it('near misses: NoCredentials, a queue timeout alone, the TlsCertificateName sentence, an IIS relay', () => {
    notClaimed(kbLog('TLS negotiation failed with error NoCredentials'), 'unknown-credentials');
    assert.notEqual(answerOf(QUEUE).diagnosis.verdict, 'match');
    notClaimed(
      `${listing('IIS, SMTP')}\nLastError : 454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.`,
      'unknown-credentials',
    );
    notClaimed('Our IIS SMTP relay (SMTPSVC) to Office 365 logs UnknownCredentials', 'unknown-credentials');
  });
});
