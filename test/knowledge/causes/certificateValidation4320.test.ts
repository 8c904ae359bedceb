/**
 * 450 4.7.320 Certificate validation failed (issue 20, item 6): Exchange Online rejects the
 * certificate of the on-premises RECEIVING side, and the [Message=...] of its message trace decides
 * the answer: SubjectMismatch (subject-mismatch-4-7-320: the name), UntrustedRoot or a chain error
 * (receive-chain-4-7-320: the chain, the reverse of KB 3212877), CertificateExpired (a hint).
 * Before, [Message=UntrustedRoot] was titled "SubjectMismatch".
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings } from '../../../knowledge';
import { answerOf, summary } from './seenAnswer';

const NAME = 'subject-mismatch-4-7-320';
const CHAIN = 'receive-chain-4-7-320';
const led = (message: string, host = 'hybrid.contoso.com') =>
  `Reason: [{LED=450 4.7.320 Certificate validation failed [Message=${message}] [LastAttemptedServerName=${host}] [LastAttemptedIP=203.0.113.25:25]};{MSG=${message}};{FQDN=${host}};{IP=203.0.113.25};{LRT=3/11/2025 9:15:44 AM}]`;

describe('450 4.7.320: the receiving side, decided by [Message=...] (issue 20 item 6)', () => {
  const CASES: Array<{ name: string; lang: 'en' | 'de'; text: string; id: string }> = [
    {
      name: 'message trace detail, SubjectMismatch',
      lang: 'en',
      text: `Event  : Defer\nDetail : The message was deferred. ${led('SubjectMismatch')}`,
      id: NAME,
    },
    {
      name: 'German prose around the deferral, SubjectMismatch',
      lang: 'de',
      text: `Mails aus der Cloud an lokale Postfächer kommen nicht an:\n${led('SubjectMismatch', 'smtp.firma.de')}`,
      id: NAME,
    },
    { name: 'the bare code and word', lang: 'en', text: '4.7.320 SubjectMismatch', id: NAME },
    {
      name: 'message trace detail, UntrustedRoot',
      lang: 'en',
      text: `Detail : The message was deferred. ${led('UntrustedRoot')}`,
      id: CHAIN,
    },
    {
      name: 'German, UntrustedRoot',
      lang: 'de',
      text: `In der Nachrichtenablaufverfolgung steht bei „Verzögern“: ${led('UntrustedRoot', 'mail.firma.de')}`,
      id: CHAIN,
    },
    {
      name: '4.4.317 with UntrustedRoot (the same deferral in another wording)',
      lang: 'en',
      text: led('UntrustedRoot').replace('450 4.7.320 Certificate validation failed', '450 4.4.317 Cannot connect to remote server'),
      id: CHAIN,
    },
    {
      name: 'a message trace CSV export, PartialChain',
      lang: 'en',
      text: `"Date (UTC)","Sender","Recipient","Status"\n"3/11/2025 6:40:12 AM","anna@contoso.com","ben@contoso.com","Pending"\ndetail: Deferred: 450 4.7.320 Certificate validation failed [Message=PartialChain] [LastAttemptedServerName=mail.contoso.com]`,
      id: CHAIN,
    },
  ];
  for (const c of CASES)
    it(`${c.name} (${c.lang}) -> ${c.id}, with the receiving host filled`, () => {
      const seen = answerOf(c.text, c.lang);
      assert.equal(seen.diagnosis.verdict, 'match', summary(seen));
      assert.equal(seen.diagnosis.article, c.id, summary(seen));
      const host = /LastAttemptedServerName=([a-z.]+)/.exec(c.text)?.[1];
      if (host) assert.ok(seen.commands.includes(`openssl s_client -starttls smtp -connect ${host}:25 -showcerts`), seen.commands);
      assert.ok(seen.reply.kind === 'match');
      if (c.id === CHAIN) {
        assert.doesNotMatch(seen.reply.title, /SubjectMismatch/, 'UntrustedRoot is not titled SubjectMismatch');
        assert.match(
          seen.commands,
          /Import-Certificate -FilePath "C:\\import\\intermediate\.cer" -CertStoreLocation Cert:\\LocalMachine\\CA/,
        );
      } else {
        assert.match(seen.commands, /Set-ReceiveConnector -TlsCertificateName "<I>\$\(\$c\.Issuer\)<S>\$\(\$c\.Subject\)"/);
        assert.match(seen.commands, /Get-OutboundConnector \| fl Name,ConnectorType,SmartHosts,TlsSettings,TlsDomain/);
      }
      if (c.lang === 'de') assert.match(seen.words, /Exchange-Verwaltungsshell|Windows PowerShell mit Administratorrechten/);
    });

  it('SubjectMismatch after a renewal with another name: the outbound connector may check the name the new certificate has', () => {
    const seen = answerOf(
      `${led('SubjectMismatch', 'smtp.contoso.com')}\nOur receive connector now presents the new certificate (mail.contoso.com).`,
      'en',
    );
    assert.equal(seen.diagnosis.article, NAME, summary(seen));
    assert.match(
      seen.commands,
      /Set-OutboundConnector -Identity "<name of the outbound connector to your organization>" -TlsDomain "mail\.contoso\.com"/,
    );
  });

  it('a bare 4.7.320 asks what [Message=...] says; each answer leads elsewhere', () => {
    const findings = extractFindings('Cloud to on-prem mail is deferred: 450 4.7.320 Certificate validation failed').findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask', `${d.verdict} ${d.article}`);
    assert.equal(d.question?.id, 'exo-4-7-320-message');
    assert.equal(diagnose([...findings, ...answerQuestion(d.question, 'subject-mismatch')]).article, NAME);
    assert.equal(diagnose([...findings, ...answerQuestion(d.question, 'untrusted-chain')]).article, CHAIN);
    const expired = diagnose([...findings, ...answerQuestion(d.question, 'expired')]);
    assert.equal(expired.verdict, 'no_match');
    assert.equal(expired.lookalikes[0]?.id, 'receive-expired-4-7-320');
  });

  const NEAR_MISSES: Array<{ name: string; lang: 'en' | 'de'; text: string }> = [
    { name: 'CertificateExpired is its own (hint)', lang: 'en', text: led('CertificateExpired') },
    {
      name: 'our own send side: event 2004 UntrustedRoot',
      lang: 'en',
      text: 'Event ID: 2004\nSource: MSExchangeTransport\n454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied',
    },
    { name: '5.7.64 relay', lang: 'de', text: "Remoteserver hat '550 5.7.64 TenantAttribution; Relay Access Denied' zurückgegeben." },
    {
      name: 'a smart host event 11005 with UntrustedRoot',
      lang: 'en',
      text: 'Event ID: 11005\nSource: MSExchangeTransport\nDescription: The certificate validation error for the certificate of the smart host relay.example.net is UntrustedRoot.',
    },
  ];
  for (const n of NEAR_MISSES)
    it(`does not claim either 4.7.320 answer: ${n.name} (${n.lang})`, () => {
      const seen = answerOf(n.text, n.lang);
      const claimed = seen.diagnosis.verdict === 'match' ? seen.diagnosis.article : null;
      assert.ok(claimed !== NAME && claimed !== CHAIN, summary(seen));
    });
});
