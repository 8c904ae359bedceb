/**
 * TLS 1.0/1.1 refused by Exchange Online (issue 20, item 8; cause tls-version): answered for the
 * formats admins paste, with the SCHANNEL fix for servers and the legacy endpoint only for SMTP AUTH
 * devices, never claimed when the log shows another failure or TLS 1.2 working.
 */
import { strict as assert } from 'node:assert';
import { answerOf, summary } from './seenAnswer';

const ID = 'tls-version';

const SERVER_POSITIVES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
  { name: "the issue's log line", lang: 'en', text: 'TLS protocol SP_PROT_TLS1_0_CLIENT negotiation failed' },
  {
    name: 'send protocol log (CSV) with TLS 1.1',
    lang: 'en',
    text: '2026-12-07T18:02:11.873Z,Outbound to Office 365 - 6c1e4f2a,08DE1A2B3C4D5E6F,6,10.0.0.5:28817,52.101.68.10:25,*,,TLS protocol SP_PROT_TLS1_1_CLIENT negotiation failed',
  },
  {
    name: 'Get-Queue | fl with 4.7.66',
    lang: 'en',
    text: 'Identity      : EX01\\8\nNextHopDomain : contoso-com.mail.protection.outlook.com\nStatus        : Retry\nLastError     : 421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.',
  },
  {
    name: 'IIS SMTP W3C log (spaces as +)',
    lang: 'en',
    text: '2026-12-03 07:14:09 52.101.11.2 OutboundConnectionResponse SMTPSVC1 RELAY01 - 25 - - 421+4.7.66+TLS+1.0+and+1.1+are+not+supported.+Please+upgrade/update+your+client+to+support+TLS+1.2. 0 0 120 0 218 SMTP - - - -',
  },
  {
    name: 'German prose: SocketError after hardening',
    lang: 'de',
    text: 'Seit dem Wochenende hängen alle Mails an Exchange Online mit 421 4.4.2 Connection dropped due to SocketError. Wir haben TLS 1.2 bei der Härtung deaktiviert.',
  },
  {
    name: 'German prose around the English log line',
    lang: 'de',
    text: 'Im Sendeprotokoll steht: TLS protocol SP_PROT_TLS1_0_CLIENT negotiation failed. Ziel ist fabrikam-de.mail.protection.outlook.com.',
  },
];

describe('cause tls-version (TLS 1.0/1.1, issue 20 item 8)', () => {
  for (const p of SERVER_POSITIVES)
    it(`answers a server's paste: ${p.name} (${p.lang}), with the SCHANNEL fix and no legacy endpoint`, () => {
      const seen = answerOf(p.text, p.lang);
      assert.equal(seen.diagnosis.verdict, 'match', summary(seen));
      assert.equal(seen.diagnosis.article, ID, summary(seen));
      assert.match(seen.commands, /SCHANNEL\\Protocols\\TLS 1\.2\\\$_/);
      assert.match(seen.commands, /DisabledByDefault -Value 0/);
      assert.match(seen.commands, /SchUseStrongCrypto/);
      assert.doesNotMatch(seen.commands, /AllowLegacyTLSClients/, 'the legacy endpoint is for SMTP AUTH clients only');
      assert.ok(seen.reply.kind === 'match' && seen.reply.commands.find((c) => c.main)?.script.includes('TLS 1.2'));
      if (p.lang === 'de') assert.match(seen.words, /Windows PowerShell mit Administratorrechten/);
      else assert.match(seen.words, /elevated Windows PowerShell/);
    });

  it('a device that signs in to smtp.office365.com: firmware first, the legacy endpoint only as the documented last resort (en, de)', () => {
    for (const [lang, text] of [
      [
        'en',
        'The copier sends through smtp.office365.com port 587: 421 4.7.66 TLS 1.0 and 1.1 are not supported. Visit https://aka.ms/smtp_auth_tls',
      ],
      ['de', 'Unser Kopierer schickt über smtp.office365.com und bekommt 421 4.7.66 TLS 1.0 and 1.1 are not supported.'],
    ] as const) {
      const seen = answerOf(text, lang);
      assert.equal(seen.diagnosis.article, ID, summary(seen));
      assert.ok(seen.reply.kind === 'match');
      const legacy = seen.reply.commands.find((c) => c.script === 'Set-TransportConfig -AllowLegacyTLSClients $true');
      assert.ok(legacy, seen.commands);
      assert.ok(!legacy.main, 'never the main fix');
      assert.match(legacy.label, lang === 'de' ? /weniger sicher/ : /less secure/);
      assert.match(seen.words, lang === 'de' ? /Firmware/ : /firmware/);
      assert.doesNotMatch(seen.commands, /Retry-Queue/, 'a device has no Exchange queue');
    }
  });

  it('a bare SocketError asks whether TLS 1.2 is on; "off" answers it, "on" does not', async () => {
    const { answerQuestion, diagnose, extractFindings } = await import('../../../knowledge');
    const findings = extractFindings('LastError : 421 4.4.2 Connection dropped due to SocketError').findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question?.id, 'tls12-enabled-on-sender');
    assert.equal(diagnose([...findings, ...answerQuestion(d.question, 'tls12-off')]).article, ID);
    assert.notEqual(diagnose([...findings, ...answerQuestion(d.question, 'tls12-on')]).verdict, 'match');
  });

  const NEAR_MISSES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
    {
      name: 'UnknownCredentials',
      lang: 'en',
      text: 'TLS negotiation failed with error UnknownCredentials\nLastError : 451 4.4.0 Primary target IP address responded with: "421 4.4.1 Connection timed out."',
    },
    {
      name: 'TLS 1.2 negotiated, then 5.7.64',
      lang: 'en',
      text: '2026-12-07T10:01:02.111Z,Outbound to Office 365,08DE11,5,10.0.0.5:1234,52.101.40.17:25,*,,TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256\n2026-12-07T10:01:03.001Z,Outbound to Office 365,08DE11,9,10.0.0.5:1234,52.101.40.17:25,<,550 5.7.64 TenantAttribution; Relay Access Denied',
    },
    {
      name: 'a SocketError with TLS 1.2 on (firewall)',
      lang: 'en',
      text: 'LastError : 421 4.4.2 Connection dropped due to SocketError. TLS 1.2 is enabled, the firewall does SSL inspection.',
    },
    {
      name: 'German plan without an error',
      lang: 'de',
      text: 'Wir wollen TLS 1.0 abschalten, was müssen wir bei Exchange Online beachten?',
    },
    {
      name: 'SMTP AUTH disabled',
      lang: 'en',
      text: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
    },
    {
      name: 'German: TLS 1.2 is on, TLS 1.0 is off',
      lang: 'de',
      text: 'TLS 1.2 ist aktiviert, TLS 1.0 deaktiviert. Die Mails bleiben trotzdem mit 451 4.4.0 DNS query failed hängen.',
    },
  ];
  for (const n of NEAR_MISSES)
    it(`does not claim it: ${n.name} (${n.lang})`, () => {
      const seen = answerOf(n.text, n.lang);
      assert.ok(!(seen.diagnosis.verdict === 'match' && seen.diagnosis.article === ID), summary(seen));
    });
});
