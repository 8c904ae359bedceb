/**
 * 550 5.7.51 TenantInboundAttribution with RestrictDomainsToIPAddresses / RestrictDomainsToCertificate
 * (issue 20, item 11; cause partner-connector-5-7-51): the restricting partner connector is made to
 * recognise the sender (Set-InboundConnector, filled), the hybrid server's send connector presents
 * its current certificate; the RequireTls variant of 5.7.51 stays the hint it is, and a bare 5.7.51
 * asks which of the two the text says.
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings } from '../../../knowledge';
import { answerOf, summary } from './seenAnswer';

const ID = 'partner-connector-5-7-51';
const TEXT =
  "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The connector had either the RestrictDomainsToIPAddresses or RestrictDomainsToCertificate set";
const REQUIRES_TLS =
  "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The partner connector requires TLS, but the sending server did not use TLS";
const PARTNER = `Name                         : Lockdown - only via Gateway
ConnectorType                : Partner
SenderDomains                : {smtp:*;1}
SenderIPAddresses            : {203.0.113.0/24}
TlsSenderCertificateName     :
RestrictDomainsToIPAddresses : True
RestrictDomainsToCertificate : False`;

describe('cause partner-connector-5-7-51 (5.7.51 restricted partner connector, issue 20 item 11)', () => {
  const POSITIVES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
    {
      name: "on-premises message tracking (the Exchange Team blog's line)",
      lang: 'en',
      text: `RecipientStatus : {[{LED=${TEXT} [CH3PEPF00000016.namprd21.prod.outlook.com 2025-01-29T19:07:30.476Z 08DD3FA5DBC8F401]};{MSG=};{FQDN=contoso-mail-onmicrosoft-com.mail.protection.outlook.com};{IP=52.101.194.15};{LRT=1/29/2025 7:07:29 PM}]}`,
    },
    { name: 'a German NDR frame', lang: 'de', text: `Remoteserver hat '${TEXT}' zurückgegeben.` },
    {
      name: 'Postfix of an external partner',
      lang: 'en',
      text: `status=bounced (host contoso-com.mail.protection.outlook.com[52.101.68.10] said: ${TEXT} (in reply to RCPT TO command))`,
    },
    {
      name: 'the partner connector and a short gateway reply',
      lang: 'en',
      text: `${PARTNER}\n\nGateway delivery log: 550 5.7.51 TenantInboundAttribution; Rejecting`,
    },
    {
      name: 'German prose with the connector',
      lang: 'de',
      text: `Seit wir den Mandanten auf unser Gateway eingeschränkt haben, kommt 550 5.7.51 zurück.\n${PARTNER}`,
    },
  ];
  for (const p of POSITIVES)
    it(`answers ${p.name} (${p.lang}), never by lifting the restriction`, () => {
      const seen = answerOf(p.text, p.lang);
      assert.equal(seen.diagnosis.verdict, 'match', summary(seen));
      assert.equal(seen.diagnosis.article, ID, summary(seen));
      assert.doesNotMatch(seen.commands, /RestrictDomainsTo\w+ \$false|-Enabled \$false|Remove-InboundConnector/);
      assert.doesNotMatch(seen.commands, /52\.101\./, "Exchange Online's own address is never the sender's");
    });

  it("fills the restricting connector and the sender's new address with @{Add=...}, keeping the listed ones", () => {
    for (const lang of ['en', 'de'] as const) {
      const seen = answerOf(
        `${PARTNER}\n\n550 5.7.51 TenantInboundAttribution; Rejecting. Our gateway's new public IP is 198.51.100.20.`,
        lang,
      );
      assert.equal(seen.diagnosis.article, ID, summary(seen));
      assert.ok(seen.reply.kind === 'match');
      assert.equal(
        seen.reply.commands.find((c) => c.main)?.script,
        'Set-InboundConnector -Identity "Lockdown - only via Gateway" -SenderIPAddresses @{Add="198.51.100.20"}',
      );
      assert.doesNotMatch(seen.commands, /-TlsSenderCertificateName/, 'an IP-restricted connector gets no certificate name');
    }
  });

  it('a hybrid server after a renewal: the send connector presents the current public certificate (Exchange Management Shell)', () => {
    const listing =
      'Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject    : CN=mail.contoso.com\nIssuer     : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices   : IIS, SMTP';
    const seen = answerOf(`Hybrid mail to the cloud fails since the renewal: Remote Server returned '${TEXT}'\n\n${listing}`, 'en');
    assert.equal(seen.diagnosis.article, ID, summary(seen));
    assert.ok(seen.reply.kind === 'match');
    assert.match(
      seen.reply.commands.find((c) => c.main)?.script ?? '',
      /^\$c = Get-ExchangeCertificate -Thumbprint 0123456789ABCDEF0123456789ABCDEF01234567; .*Set-SendConnector -TlsCertificateName "<I>\$\(\$c\.Issuer\)<S>\$\(\$c\.Subject\)"$/,
    );
    assert.match(seen.words, /Hybrid Configuration Wizard/);
  });

  it('a bare 5.7.51 asks what the text says; each answer leads to its own cause', () => {
    const findings = extractFindings('550 5.7.51 TenantInboundAttribution').findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question?.id, 'partner-5-7-51-text');
    assert.equal(diagnose([...findings, ...answerQuestion(d.question, 'restricted')]).article, ID);
    const tls = diagnose([...findings, ...answerQuestion(d.question, 'requires-tls')]);
    assert.equal(tls.verdict, 'no_match');
    assert.equal(tls.lookalikes[0]?.id, 'tenant-inbound-attribution');
  });

  const NEAR_MISSES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
    { name: 'the RequireTls variant', lang: 'en', text: REQUIRES_TLS },
    {
      name: 'the RequireTls variant in German prose',
      lang: 'de',
      text: `Ein Partner schickt uns das aus seinem Log: ${REQUIRES_TLS}. Sein Server kann kein STARTTLS.`,
    },
    {
      name: 'Direct Send 5.7.68',
      lang: 'en',
      text: '550 5.7.68 TenantInboundAttribution; Direct Send not allowed for this organization from unauthorized sources',
    },
    { name: '5.7.64 TenantAttribution', lang: 'en', text: "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'" },
    { name: 'a restricted connector without an error', lang: 'en', text: `${PARTNER}\nIs this configured correctly?` },
    { name: 'a recipient not found', lang: 'de', text: 'Externe Mails an uns kommen mit 550 5.1.10 RESOLVER.ADR.RecipientNotFound zurück' },
  ];
  for (const n of NEAR_MISSES)
    it(`does not claim it: ${n.name} (${n.lang})`, () => {
      const seen = answerOf(n.text, n.lang);
      assert.ok(!(seen.diagnosis.verdict === 'match' && seen.diagnosis.article === ID), summary(seen));
    });
});
