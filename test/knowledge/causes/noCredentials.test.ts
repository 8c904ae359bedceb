/**
 * Issue 20, item 1: "TLS negotiation failed with error NoCredentials" (KB 4495258) is answered:
 * the certificate's private key is missing or unreadable, with the thumbprint and the send
 * connector filled from the paste, in English and German; UnknownCredentials, a bare queue
 * timeout and an IIS relay are not claimed.
 */
import { strict as assert } from 'node:assert';
import { answerOf, matchOf, notClaimed } from './answerOf';

const SESSION = 'Outbound to Office 365 8f3c2d1e-4b5a-4c3d-9e8f-0a1b2c3d4e5f';
const sendLog = (last: string) =>
  [
    `2026-11-30T07:14:02.101Z,${SESSION},08DE1A2B3C4D5E6F,5,10.0.5.12:40112,52.101.40.17:25,>,STARTTLS,`,
    `2026-11-30T07:14:02.117Z,${SESSION},08DE1A2B3C4D5E6F,6,10.0.5.12:40112,52.101.40.17:25,<,220 2.0.0 SMTP server ready,`,
    `2026-11-30T07:14:02.118Z,${SESSION},08DE1A2B3C4D5E6F,7,10.0.5.12:40112,52.101.40.17:25,*,,Sending certificate`,
    `2026-11-30T07:14:02.118Z,${SESSION},08DE1A2B3C4D5E6F,8,10.0.5.12:40112,52.101.40.17:25,*,CN=mail.contoso.com,Certificate subject`,
    `2026-11-30T07:14:02.118Z,${SESSION},08DE1A2B3C4D5E6F,9,10.0.5.12:40112,52.101.40.17:25,*,"CN=R11, O=Let's Encrypt, C=US",Certificate issuer name`,
    `2026-11-30T07:14:02.118Z,${SESSION},08DE1A2B3C4D5E6F,10,10.0.5.12:40112,52.101.40.17:25,*,3F2A9C0D7E6B5A4F3E2D1C0B9A8F7E6D5C4B3A29,Certificate thumbprint`,
    `2026-11-30T07:14:02.119Z,${SESSION},08DE1A2B3C4D5E6F,11,10.0.5.12:40112,52.101.40.17:25,*,,${last}`,
  ].join('\n');

const QUEUE =
  'LastError : [{LED=451 4.4.395 Target host responded with error. -> 421 4.4.1 Connection timed out};{MSG=};{FQDN=contoso-com.mail.protection.outlook.com};{IP=52.101.40.17};{LRT=11/30/2026 7:14:02 AM}]';

describe('issue 20: NoCredentials (KB 4495258)', () => {
  it('a verbose send log: the answer names the offered certificate and the connector in its commands', () => {
    const m = matchOf(sendLog('TLS negotiation failed with error NoCredentials'), 'no-credentials');
    assert.equal(m.kb, 'KB 4495258');
    assert.match(m.url, /^https:\/\/learn\.microsoft\.com\//);
    assert.ok(
      m.scripts.some(
        (s) => s.includes('Cert:\\LocalMachine\\My') && s.includes("'3F2A9C0D7E6B5A4F3E2D1C0B9A8F7E6D5C4B3A29'") && /HasPrivateKey/.test(s),
      ),
      m.scripts.join('\n'),
    );
    assert.ok(m.scripts.some((s) => s.startsWith(`Get-SendConnector "${SESSION}"`)));
    assert.ok(
      m.scripts.some(
        (s) =>
          /^Import-ExchangeCertificate -FileData \(\[System\.IO\.File\]::ReadAllBytes\('/.test(s) &&
          s.includes('(Get-Credential).password'),
      ),
    );
    assert.ok(m.scripts.includes('Enable-ExchangeCertificate -Thumbprint 3F2A9C0D7E6B5A4F3E2D1C0B9A8F7E6D5C4B3A29 -Services SMTP'));
    assert.match(m.all, /additive/);
    assert.match(m.all, /Elevated Windows PowerShell/);
    assert.match(m.all, /Exchange Management Shell/);
    assert.doesNotMatch(m.all, /Set-ReceiveConnector|-Force|RequireTLS \$false/);
  });

  it('Get-Queue | fl plus a sentence naming NoCredentials', () => {
    matchOf(`${QUEUE}\nand the SmtpSend log says TLS negotiation failed with error NoCredentials`, 'no-credentials');
  });

  it('Get-ExchangeCertificate | fl with HasPrivateKey False fills that certificate', () => {
    const text = [
      'send log: NoCredentials. Get-ExchangeCertificate -Thumbprint 5566778899AABBCCDDEEFF00112233445566778A | fl',
      '',
      'Thumbprint    : 5566778899AABBCCDDEEFF00112233445566778A',
      'Subject       : CN=mail.fabrikam.com',
      "Issuer        : CN=R11, O=Let's Encrypt, C=US",
      'HasPrivateKey : False',
      'Services      : SMTP',
      'Status        : Valid',
    ].join('\n');
    const m = matchOf(text, 'no-credentials');
    assert.ok(m.scripts.some((s) => s === 'Remove-Item -Path Cert:\\LocalMachine\\My\\5566778899AABBCCDDEEFF00112233445566778A -WhatIf'));
    assert.ok(m.evidence.some((e) => /private key/.test(e.label)));
  });

  it("German prose and the German article's wording give an answer entirely in German", () => {
    const prose =
      "Seit dem Zertifikatstausch hängen alle Mails an Exchange Online in der Warteschlange (421 4.4.1 Connection timed out). Im Sendeprotokoll steht 'TLS negotiation failed with error NoCredentials'. Das neue Zertifikat habe ich als .cer importiert.";
    const m = matchOf(prose, 'no-credentials');
    assert.match(m.title, /privaten Schlüssel/);
    assert.match(m.all, /Exchange-Verwaltungsshell/);
    assert.match(m.all, /Windows PowerShell als Administrator/);
    assert.doesNotMatch(m.steps.join(' '), /\b(?:the|and|with|remove)\b/);
    matchOf(
      'Im Protokoll: Fehler bei der TLS-Aushandlung mit dem Fehler NoCredentials. Mails an Office 365 bleiben hängen.',
      'no-credentials',
    );
  });

  it('near misses: UnknownCredentials, a bare queue timeout, a key-less certificate without the error, an IIS relay', () => {
    notClaimed(sendLog('TLS negotiation failed with error UnknownCredentials'), 'no-credentials');
    const timeout = answerOf(QUEUE);
    assert.notEqual(timeout.diagnosis.verdict, 'match', timeout.summary);
    notClaimed(
      'Get-ExchangeCertificate | fl\nThumbprint : 5566778899AABBCCDDEEFF00112233445566778A\nSubject : CN=mail.fabrikam.com\nHasPrivateKey : False',
      'no-credentials',
    );
    notClaimed('IIS SMTP relay (SMTPSVC) to Office 365, the log says NoCredentials', 'no-credentials');
  });
});
