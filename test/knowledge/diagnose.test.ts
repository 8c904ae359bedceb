import { strict as assert } from 'node:assert';
import { analyseInputs, answerQuestion, diagnose, DONT_KNOW_OPTION, extractFindings, findQuestion, nextBestAnswer, render, type Finding } from '../../knowledge';
import { testPki } from '../certificates/pki';

const bareNdr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
const vague = 'After replacing our Exchange certificate, outbound mail to Microsoft 365 stopped.';

describe('diagnosis', () => {
  it('a bare 5.7.64 asks the question that separates its three causes, with an "I don\'t know" option', () => {
    const d = diagnose(extractFindings(bareNdr).findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question!.id, 'cause-5764');
    assert.deepEqual(d.question!.options.map((o) => o.id), ['chain-not-sent', 'name-mismatch', 'attr36', DONT_KNOW_OPTION]);
  });

  it('answering "chain not sent" gives KB 3212877; "name mismatch" names KB 4051495 and claims no article', () => {
    const findings = extractFindings(bareNdr).findings;
    const q = diagnose(findings).question!;
    const chain = diagnose([...findings, ...answerQuestion(q, 'chain-not-sent')]);
    assert.equal(chain.verdict, 'match');
    assert.equal(chain.article, 'KB3212877');
    const name = diagnose([...findings, ...answerQuestion(q, 'name-mismatch')]);
    assert.equal(name.verdict, 'no_match');
    assert.equal(name.lookalikes[0].reference, 'KB 4051495');
  });

  it('"I don\'t know" on 5.7.64 answers KB 3212877 with the notes that rule out the other two causes', () => {
    const findings = extractFindings(bareNdr).findings;
    const q = diagnose(findings).question!;
    const d = diagnose([...findings, ...answerQuestion(q, DONT_KNOW_OPTION)]);
    assert.equal(d.verdict, 'match');
    assert.equal(d.article, 'KB3212877');
    const reply = render(d, 'en');
    assert.ok(reply.kind === 'match');
    assert.ok(reply.kind === 'match' && reply.ruleOut.some((r) => r.includes('TlsSenderCertificateName')) && reply.ruleOut.some((r) => r.includes('ATTR36')));
    assert.ok(reply.kind === 'match' && reply.notices.some((n) => /not fully sure/.test(n)), 'low confidence is said plainly');
  });

  it('a vague description asks how mail reaches Exchange Online; each answer picks one article', () => {
    const findings = extractFindings(vague).findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question!.id, 'route');
    assert.equal(diagnose([...findings, ...answerQuestion(d.question!, 'relay-via-eop')]).article, 'KB3212877');
    const hybrid = diagnose([...findings, ...answerQuestion(d.question!, 'hybrid')]);
    // Hybrid: KB 2888788 leads, and the next question checks its decisive condition.
    assert.equal(hybrid.candidates[0].article, 'KB2888788');
    assert.equal(hybrid.question?.id, 'internal-issuer');
    const confirmed = diagnose([...findings, ...answerQuestion(d.question!, 'hybrid'), ...answerQuestion(hybrid.question!, 'yes')]);
    assert.equal(confirmed.verdict, 'match');
    assert.equal(confirmed.article, 'KB2888788');
  });

  it('stops asking after the bound and says it cannot tell instead of guessing', () => {
    let findings: Finding[] = extractFindings(vague).findings;
    const asked: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = diagnose(findings, { maxQuestions: 1 });
      if (d.verdict !== 'ask') {
        assert.equal(d.verdict, 'no_match');
        assert.equal(d.noMatchReason, 'questions-exhausted');
        break;
      }
      asked.push(d.question!.id);
      findings = [...findings, ...answerQuestion(d.question!, DONT_KNOW_OPTION)];
    }
    assert.deepEqual(asked, ['route']);
  });

  it('an unknown option adds nothing; questions can be found again by id', () => {
    const q = findQuestion('route')!;
    assert.deepEqual(answerQuestion(q, 'forged-option'), []);
    assert.equal(findQuestion('no-such-question'), undefined);
  });

  it('never claims an article for neighbouring problems, even next to a matching keyword', () => {
    for (const text of [
      'Hybrid mail stuck. 2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC,14,,,*,,TLS negotiation failed with error UnknownCredentials',
      'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure"',
      'Event ID: 11005\nSource: MSExchangeTransport\nDescription: Unable to validate the TLS certificate of the smart host for the connector Internet. The certificate validation error for the certificate is UntrustedRoot.',
      '421 4.7.66 TLS 1.0 and 1.1 are not supported. Please upgrade/update your client to support TLS 1.2.',
      "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied ATTR36 [AM4PEPF00027A5C.eurprd04.prod.outlook.com]'",
    ]) {
      const d = diagnose(extractFindings(text).findings);
      assert.notEqual(d.verdict, 'match', `claimed ${d.article} for: ${text}`);
    }
  });

  it('the verbose send log naming an internal certificate is enough for KB 2888788, with that thumbprint', () => {
    const log = [
      '2024-05-02T08:11:42.120Z,Outbound to Office 365,08DC6A0F11111111,15,,,*,,Sending certificate',
      '2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,16,,,*,CN=mail.contoso.com,Certificate subject',
      '2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,17,,,*,"CN=Contoso Issuing CA, DC=contoso, DC=com",Certificate issuer name',
      '2024-05-02T08:11:42.121Z,Outbound to Office 365,08DC6A0F11111111,19,,,*,9F8E7D6C5B4A39281706F5E4D3C2B1A098765432,Certificate thumbprint',
      '2024-05-02T08:11:42.300Z,Outbound to Office 365,08DC6A0F11111111,20,,,<,454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied,',
    ].join('\n');
    const d = diagnose(extractFindings(log).findings);
    assert.equal(d.article, 'KB2888788');
    const reply = render(d, 'en');
    assert.ok(reply.kind === 'match');
    const scripts = reply.commands.map((c) => c.script);
    assert.ok(scripts.includes('Get-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 | fl FriendlyName,Subject,Issuer,Services'), scripts.join('\n'));
    assert.ok(scripts.includes('Remove-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 -WhatIf'), scripts.join('\n'));
    // The log shows no services: the article's command keeps a placeholder, never a made-up list.
    assert.ok(scripts.includes('Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 -Services <services to keep besides SMTP, from Get-ExchangeCertificate>'), scripts.join('\n'));
  });
});

describe('reasoning from the send connector', () => {
  it('a hybrid send connector whose TlsCertificateName names an internal CA is KB 2888788, and the answer names that issuer', () => {
    const connector = 'Name               : Outbound to Office 365 - 6f1d\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com';
    const event = 'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied';
    const d = diagnose([connector, event].flatMap((t) => extractFindings(t).findings));
    assert.equal(d.article, 'KB2888788');
    assert.ok(d.supporting.some((f) => f.kind === 'send-connector-internal-certificate'));
    const reply = render(d, 'en');
    assert.ok(reply.kind === 'match' && reply.steps[0].includes('names the internal CA (CN=Contoso-CA, DC=contoso, DC=local)'), reply.kind === 'match' ? reply.steps[0] : '');
  });
});

describe("Exchange's own certificates are never KB 2888788's untrusted certificate", () => {
  const listing = 'FriendlyName : public\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nThumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nServices : IIS, SMTP\n\nFriendlyName : internal\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-DC01-CA, DC=contoso, DC=com\nThumbprint : 3333333333333333333333333333333333333333\nServices : SMTP';
  const transport = 'Name                                   : EX01\nInternalTransportCertificateThumbprint : 3333333333333333333333333333333333333333';
  const event = 'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied';

  it('a certificate that Get-TransportService names as internal transport certificate, pasted in another message, is not filled into any command', () => {
    const alone = render(diagnose([listing, event].flatMap((t) => extractFindings(t).findings)), 'en');
    assert.ok(alone.kind === 'match' && alone.commands.some((c) => c.script.includes('3333333333333333333333333333333333333333')), 'without Get-TransportService it is the untrusted one');
    const d = diagnose([listing, event, transport].flatMap((t) => extractFindings(t).findings));
    assert.equal(d.article, 'KB2888788');
    const reply = render(d, 'en');
    assert.ok(reply.kind === 'match');
    for (const c of reply.commands) assert.ok(!c.script.includes('3333333333333333333333333333333333333333'), c.script);
    // The fix that works does not depend on it: the send connector is pinned to the public certificate.
    assert.ok(reply.commands.some((c) => c.script.includes('Set-SendConnector -TlsCertificateName "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com"')));
  });

  it('the self-signed "Microsoft Exchange" certificate next to a public one leads to pinning the send connector, never to changing the self-signed one', () => {
    const text = `${event}\nThumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nCertificateDomains : {mail.contoso.com, ex01.contoso.com}\nServices : IIS, SMTP\n\nFriendlyName : Microsoft Exchange\nThumbprint : 89ABCDEF0123456789ABCDEF0123456789ABCDEF\nSubject : CN=EX01\nIssuer : CN=EX01\nCertificateDomains : {EX01, ex01.contoso.com}\nServices : IMAP, POP, IIS, SMTP`;
    const reply = render(diagnose(extractFindings(text).findings), 'en');
    assert.ok(reply.kind === 'match');
    for (const c of reply.commands) assert.ok(!c.script.includes('89ABCDEF0123456789ABCDEF0123456789ABCDEF'), c.script);
    assert.equal(reply.commands[0].script, 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
  });
});

describe('diagnosis across turns', () => {
  it('a decisive paste for the other article wins over an earlier, weaker finding in the same conversation', () => {
    const earlier = extractFindings("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'").findings;
    const later = extractFindings('Event ID: 2004\nSource: MSExchangeTransport\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied').findings;
    const d = diagnose([...earlier, ...later]);
    assert.equal(d.verdict, 'match');
    assert.equal(d.article, 'KB2888788');
  });
});

describe('findings from two inputs together', () => {
  const ndr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
  const connector = 'Name                     : Inbound from relay\nConnectorType            : OnPremises\nTlsSenderCertificateName : relay.contoso.com\nRequireTls               : True';
  const certificate = (cn: string) => `Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject    : CN=${cn}\nIssuer     : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices   : IIS, SMTP`;

  it('a connector name that the SMTP certificate no longer covers is KB 4051495, not KB 3212877', () => {
    const findings = [ndr, connector, certificate('smtp.contoso.net')].flatMap((t) => extractFindings(t).findings);
    const d = diagnose(findings);
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.lookalikes[0].reference, 'KB 4051495');
    assert.ok(d.findings.some((f) => f.kind === 'connector-certificate-name-mismatch' && f.value === 'relay.contoso.com'));
  });

  it('a matching name (also by wildcard) raises no such finding', () => {
    for (const cn of ['relay.contoso.com', '*.contoso.com']) {
      const findings = [ndr, connector, certificate(cn)].flatMap((t) => extractFindings(t).findings);
      assert.ok(!diagnose(findings).findings.some((f) => f.kind === 'connector-certificate-name-mismatch'), cn);
    }
  });
});

describe('"still not working": the next answer', () => {
  it('offers the other article only when its own evidence supports it, explained by that evidence', () => {
    const hybrid = extractFindings('Im Hybrid-Setup kommen seit dem Zertifikatstausch keine Mails mehr in Exchange Online an. Ereignis 2004, zwei Zertifikate am SMTP-Dienst.').findings;
    assert.equal(diagnose(hybrid).article, 'KB2888788');
    assert.equal(nextBestAnswer(hybrid, ['KB2888788']), undefined, 'KB 3212877 has nothing of its own here');

    const both = extractFindings("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\nEvent ID: 2004\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot").findings;
    const next = nextBestAnswer(both, ['KB2888788'])!;
    assert.equal(next.article, 'KB3212877');
    assert.ok(next.supporting.length > 0 && next.supporting.every((f) => f.kind === 'smtp-reply' && f.value === '5.7.64'), JSON.stringify(next.supporting));
  });

  it('after answered questions, no evidence reads as "cannot tell", not "no sign"', () => {
    const q = findQuestion('route')!;
    const d = diagnose(answerQuestion(q, DONT_KNOW_OPTION));
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.noMatchReason, 'questions-exhausted');
  });
});

describe('uploaded certificates and KB 2888788', () => {
  it('one internal-CA certificate without a public twin is not KB 2888788: the answer names the fix, a public certificate', async () => {
    const pki = await testPki();
    const alone = await analyseInputs([], [{ name: 'internal.cer', bytes: pki.internalServer.der }]);
    assert.equal(alone.diagnosis.verdict, 'no_match', `${alone.diagnosis.verdict} ${alone.diagnosis.question?.id ?? alone.diagnosis.article}`);
    assert.equal(alone.diagnosis.lookalikes[0].id, 'internal-certificate-only');
    const reply = render(alone.diagnosis, 'en');
    assert.ok(reply.kind === 'no_match' && /certificate from a public CA for this name/.test(reply.lookalikes[0].hint));
    const german = render(alone.diagnosis, 'de');
    assert.ok(german.kind === 'no_match' && /Zertifikat einer öffentlichen Zertifizierungsstelle für diesen Namen/.test(german.lookalikes[0].hint));
    // With its public twin it is the article.
    const pair = await analyseInputs([], [{ name: 'internal.cer', bytes: pki.internalServer.der }, { name: 'public.cer', bytes: pki.server.der }]);
    assert.equal(pair.diagnosis.article, 'KB2888788');
  });
});
