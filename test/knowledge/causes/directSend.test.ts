/**
 * Direct Send rejected, 550 5.7.68 (issue 20, item 7; cause direct-send-5-7-68): answered for the
 * formats admins paste, with a partner connector for the sender (its domain and public address
 * filled, never Exchange Online's own address), and switching the protection off only last.
 */
import { strict as assert } from 'node:assert';
import { answerOf, summary } from './seenAnswer';

const ID = 'direct-send-5-7-68';
const REPLY = '550 5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources';

const POSITIVES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
  { name: 'a device log', lang: 'en', text: `SMTP error from remote server: ${REPLY} [FR2P281CA0032.DEUP281.PROD.OUTLOOK.COM]` },
  { name: 'an NDR of a relay', lang: 'en', text: `Generating server: RELAY01.contoso.local\nRemote Server returned '${REPLY}'` },
  { name: 'a German NDR frame', lang: 'de', text: `Remoteserver hat '${REPLY}' zurückgegeben.` },
  {
    name: 'Send-MailMessage without the 550',
    lang: 'en',
    text: `Send-MailMessage : Mailbox unavailable. The server response was: ${REPLY.slice(4)}.`,
  },
  {
    name: 'an IIS SMTP W3C log',
    lang: 'en',
    text: `2026-06-03 08:14:22 52.101.68.10 OutboundConnectionResponse SMTPSVC1 RELAY01 - 25 - - ${REPLY.replace(/ /g, '+')} 0 0 110 0 312 SMTP - - - -`,
  },
  { name: 'German prose with the bare code', lang: 'de', text: 'Der Kopierer meldet seit heute 5.7.68, die Scans kommen nicht mehr an.' },
  { name: 'the phrase alone', lang: 'en', text: "Scanner says 'Direct Send not allowed for this organization' since this morning" },
];

describe('cause direct-send-5-7-68 (Direct Send rejected, issue 20 item 7)', () => {
  for (const p of POSITIVES)
    it(`answers ${p.name} (${p.lang}) with a partner connector, never leading with switching the protection off`, () => {
      const seen = answerOf(p.text, p.lang);
      assert.equal(seen.diagnosis.verdict, 'match', summary(seen));
      assert.equal(seen.diagnosis.article, ID, summary(seen));
      assert.ok(seen.reply.kind === 'match');
      const main = seen.reply.commands.find((c) => c.main);
      assert.match(main?.script ?? '', /^New-InboundConnector .*-ConnectorType Partner/);
      const off = seen.reply.commands.findIndex((c) => c.script === 'Set-OrganizationConfig -RejectDirectSend $false');
      assert.equal(off, seen.reply.commands.length - 1, 'switching off comes last');
      assert.match(seen.reply.commands[off].label, p.lang === 'de' ? /letzter Ausweg und vorübergehend/ : /last resort only and temporary/);
      assert.match(seen.words, /smtp\.office365\.com/, 'SMTP AUTH for a device that must reach external recipients');
    });

  it("fills the sender domain from the sender address and the stated public address, never Exchange Online's address", () => {
    const sent = answerOf(
      `PS C:\\> Send-MailMessage -SmtpServer contoso-com.mail.protection.outlook.com -From scan@contoso.com -To ap@contoso.com\nSend-MailMessage : Mailbox unavailable. The server response was: ${REPLY.slice(4)}`,
      'en',
    );
    assert.match(sent.commands, /-SenderDomains "contoso\.com"/);
    const german = answerOf(`Unser Kopierer bekommt 550 5.7.68. Unsere öffentliche IP ist 203.0.113.25, intern 192.168.10.40.`, 'de');
    assert.match(german.commands, /-SenderIPAddresses "203\.0\.113\.25"/);
    const postfix = answerOf(
      `postfix/smtp[2211]: 4F1A2: to=<ap@contoso.com>, relay=contoso-com.mail.protection.outlook.com[52.101.68.10]:25, status=bounced (host contoso-com.mail.protection.outlook.com[52.101.68.10] said: ${REPLY} (in reply to RCPT TO command))`,
      'en',
    );
    assert.equal(postfix.diagnosis.article, ID);
    assert.doesNotMatch(postfix.commands, /52\.101\.68\.10/);
    assert.match(postfix.commands, /-SenderIPAddresses "<public IPv4 address the sender uses>"/);
  });

  it('for the own server with a connector: correct that connector (KB 4051495) rather than a new one', () => {
    const seen = answerOf(`Hybrid, our Exchange relays through Outbound to Office 365. Remote Server returned '${REPLY}'`, 'en');
    assert.equal(seen.diagnosis.article, ID, summary(seen));
    assert.match(seen.words, /KB 4051495/);
  });

  const NEAR_MISSES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
    {
      name: '5.7.51 shares the keyword TenantInboundAttribution',
      lang: 'en',
      text: "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The connector had either the RestrictDomainsToIPAddresses or RestrictDomainsToCertificate set",
    },
    {
      name: 'the setting without a failure',
      lang: 'en',
      text: 'PS> Get-OrganizationConfig | fl RejectDirectSend\nRejectDirectSend : True\nAll fine?',
    },
    { name: 'relay refused', lang: 'de', text: 'Der Drucker bekommt 550 5.7.1 Unable to relay' },
    {
      name: 'SMTP AUTH disabled',
      lang: 'en',
      text: '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.',
    },
    { name: '5.7.64 TenantAttribution', lang: 'en', text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'" },
    { name: 'a code that only starts the same', lang: 'en', text: 'Remote Server returned 550 5.7.680 Something else entirely' },
  ];
  for (const n of NEAR_MISSES)
    it(`does not claim it: ${n.name} (${n.lang})`, () => {
      const seen = answerOf(n.text, n.lang);
      assert.ok(!(seen.diagnosis.verdict === 'match' && seen.diagnosis.article === ID), summary(seen));
    });
});
