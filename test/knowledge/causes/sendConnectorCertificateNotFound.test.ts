/**
 * Issue 20, item 4: "454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector
 * could not be found" is answered with Set-SendConnector -TlsCertificateName "<I>issuer<S>subject"
 * of the current certificate, filled from a pasted Get-ExchangeCertificate; recognised by its
 * phrase, never by the bare code 4.7.5 (454 4.7.5 Certificate validation failure is another cause).
 */
import { strict as assert } from 'node:assert';
import { matchOf, notClaimed } from './answerOf';

const NOT_FOUND = '454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.';
const QUEUE = [
  '[PS] C:\\>Get-Queue EX19-01\\21 | fl',
  '',
  'DeliveryType     : SmartHostConnectorDelivery',
  'NextHopDomain    : outbound to office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c',
  'Status           : Retry',
  'MessageCount     : 342',
  `LastError        : ${NOT_FOUND}`,
  'Identity         : EX19-01\\21',
].join('\n');
const CONNECTOR = [
  'Name               : Outbound to Office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c',
  'Fqdn               : mail.contoso.com',
  "TlsCertificateName : <I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com",
].join('\n');
const CERTIFICATES = [
  'Thumbprint : 1111111111111111111111111111111111111111',
  'Subject    : CN=Microsoft Exchange',
  'Issuer     : CN=Microsoft Exchange',
  'Services   : IMAP, POP, SMTP',
  'Status     : Valid',
  '',
  'Thumbprint : 2B7D9E0F1A2B3C4D5E6F708192A3B4C5D6E7F809',
  'Subject    : CN=mail.contoso.com',
  "Issuer     : CN=R11, O=Let's Encrypt, C=US",
  'Services   : IIS, SMTP',
  'Status     : Valid',
  'NotAfter   : 2/27/2027 11:00:00 AM',
].join('\n');

describe('issue 20: TlsCertificateName of the SendConnector could not be found', () => {
  it("Get-Queue | fl: the connector is the queue's NextHopDomain, the certificate name a readable placeholder", () => {
    const m = matchOf(QUEUE, 'send-connector-certificate-not-found');
    const main = m.commands.find((c) => c.main)!;
    assert.equal(
      main.script,
      'Set-SendConnector "outbound to office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c" -TlsCertificateName "<I><issuer of the current certificate><S><subject of the current certificate>"',
    );
    assert.match(m.all, /Exchange Management Shell/);
    assert.doesNotMatch(m.all, /Set-ReceiveConnector|Set-InboundConnector/);
  });

  it('with Get-SendConnector and Get-ExchangeCertificate: the renewed certificate (new issuer) is filled in', () => {
    const m = matchOf(`${QUEUE}\n\n${CONNECTOR}\n\n${CERTIFICATES}`, 'send-connector-certificate-not-found');
    assert.ok(
      m.scripts.includes(
        `Set-SendConnector "Outbound to Office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c" -TlsCertificateName "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"`,
      ),
      m.scripts.join('\n'),
    );
    assert.ok(m.scripts.includes('Enable-ExchangeCertificate -Thumbprint 2B7D9E0F1A2B3C4D5E6F708192A3B4C5D6E7F809 -Services SMTP'));
    assert.ok(!m.scripts.some((s) => s.includes('1111111111111111111111111111111111111111')), "never Exchange's self-signed certificate");
    assert.match(m.cause, /CN=R10/);
  });

  it("the article's lower-case spelling, a send log line and an NDR-style queue line", () => {
    matchOf(
      'LastError: 454 4.7.5 The certificate specified in the tlscertificatename of the send connector could not be found.',
      'send-connector-certificate-not-found',
    );
    matchOf(
      `2026-11-30T07:14:02.118Z,Outbound to Office 365 8f3c2d1e,08DE1A2B3C4D5E6F,6,10.0.5.12:40112,52.101.40.17:25,*,,The certificate specified in TlsCertificateName of the SendConnector could not be found.`,
      'send-connector-certificate-not-found',
    );
    matchOf(
      `LastError : [{LED=${NOT_FOUND}};{MSG=};{FQDN=contoso-com.mail.protection.outlook.com};{IP=52.101.40.17};{LRT=11/30/2026 7:14:02 AM}]`,
      'send-connector-certificate-not-found',
    );
  });

  it('German: the answer is German, with the connector and its old name', () => {
    const m = matchOf(
      `Nach dem Zertifikatswechsel haben wir das alte Zertifikat gelöscht. Jetzt steht die Warteschlange zu Office 365:\nLetzter Fehler: 451 4.4.0 Primary target IP address responded with: "${NOT_FOUND}"\n${CONNECTOR}`,
      'send-connector-certificate-not-found',
    );
    assert.match(m.title, /nennt noch ein altes Zertifikat/);
    assert.match(m.all, /Exchange-Verwaltungsshell/);
    assert.ok(
      m.scripts.some((s) =>
        s.startsWith('Set-SendConnector "Outbound to Office 365 - 61b1d24e-8f1c-4a2e-9d7b-3c5e6f7a8b9c" -TlsCertificateName'),
      ),
    );
    assert.doesNotMatch(m.steps.join(' '), /\b(?:the|and|with)\b/);
  });

  it('near misses: the other 454 4.7.5 and the bare code are not this cause', () => {
    notClaimed(
      'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure"',
      'send-connector-certificate-not-found',
    );
    notClaimed('Queue to Office 365 shows 454 4.7.5 since this morning', 'send-connector-certificate-not-found');
    notClaimed(`${CONNECTOR}\n\n${CERTIFICATES}`, 'send-connector-certificate-not-found');
  });
});
