import { strict as assert } from 'node:assert';
import {
  analyseCertificateFiles,
  analyseInputs,
  answerQuestion,
  diagnose,
  DONT_KNOW_OPTION,
  extractFindings,
  findQuestion,
  nextBestAnswer,
  render,
  type Finding,
} from '../../knowledge';
import { file, NOW, testPki } from '../certificates/pki';

const bareNdr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
const vague = 'After replacing our Exchange certificate, outbound mail to Microsoft 365 stopped.';

describe('diagnosis', () => {
  it('a bare 5.7.64 asks the question that separates its causes, with an "I don\'t know" option', () => {
    const d = diagnose(extractFindings(bareNdr).findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question!.id, 'cause-5764');
    assert.deepEqual(
      d.question!.options.map((o) => o.id),
      ['chain-not-sent', 'name-mismatch', 'ip-changed', DONT_KNOW_OPTION],
      'without ATTR36 in the NDR, ATTR36 is no option (KB 4019940 needs it)',
    );
    assert.ok(!d.candidates.some((c) => c.article === 'KB4019940' && c.confidence > 0), JSON.stringify(d.candidates));
  });

  it('each answer leads to its own cause: chain -> KB 3212877, name or IP address -> KB 4051495; ATTR36 in the NDR -> KB 4019940', () => {
    const findings = extractFindings(bareNdr).findings;
    const q = diagnose(findings).question!;
    const after = (option: string) => diagnose([...findings, ...answerQuestion(q, option)]);
    assert.equal(after('chain-not-sent').article, 'KB3212877');
    assert.equal(after('name-mismatch').verdict, 'match');
    assert.equal(after('name-mismatch').article, 'KB4051495');
    assert.equal(after('ip-changed').article, 'KB4051495');
    const ip = render(after('ip-changed'), 'en');
    assert.ok(
      ip.kind === 'match' &&
        ip.commands.some(
          (c) =>
            c.script ===
            'Set-InboundConnector -Identity "<name of the inbound connector>" -SenderIPAddresses @{Add="<new public IP address of the sending server>"}',
        ),
    );
    assert.ok(
      ip.kind === 'match' && !ip.commands.some((c) => c.script.includes('-TlsSenderCertificateName')),
      'the certificate command is not offered for an IP change',
    );
    const attr = diagnose(extractFindings(bareNdr.replace('Relay Access Denied', 'Relay Access Denied ATTR36')).findings);
    assert.equal(attr.verdict, 'match', 'ATTR36 is decisive: no question');
    assert.equal(attr.article, 'KB4019940');
    assert.deepEqual(attr.lookalikes, [], 'no look-alike repeats the answer');
  });

  it('"I don\'t know" on 5.7.64 does not guess one cause with a restart: it lists the checks that separate them', () => {
    const findings = extractFindings(bareNdr).findings;
    const q = diagnose(findings).question!;
    const d = diagnose([...findings, ...answerQuestion(q, DONT_KNOW_OPTION)]);
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.noMatchReason, 'undecided');
    assert.deepEqual(d.contenders, ['kb3212877', 'kb4051495'], 'without ATTR36, KB 4019940 does not remain');
    for (const language of ['en', 'de'] as const) {
      const reply = render(d, language);
      assert.ok(reply.kind === 'no_match');
      if (reply.kind !== 'no_match') continue;
      assert.deepEqual(
        reply.checks!.map((c) => c.reference),
        ['KB 3212877', 'KB 4051495'],
      );
      assert.ok(
        reply.checks![0].checks.some((c) => c.includes('certutil -verify')),
        'the chain check',
      );
      assert.ok(
        reply.checks![1].checks.some((c) => c.includes('Get-InboundConnector') && c.includes('TlsSenderCertificateName')),
        'the connector check',
      );
      assert.ok(!JSON.stringify(reply).includes('Restart-Service'), 'no restart without a cause');
    }
  });

  it('a routing statement does not separate the causes of 5.7.64, and "intermittent, nothing changed" argues against a missing chain', () => {
    const routed = diagnose(extractFindings(`All our mail goes through EOP. ${bareNdr}`).findings);
    assert.equal(routed.verdict, 'ask', JSON.stringify(routed.candidates));
    assert.equal(routed.question!.id, 'cause-5764');
    const plain = diagnose(extractFindings(bareNdr).findings);
    const score = (d: typeof plain, id: string) => d.candidates.find((c) => c.article === id)!.confidence;
    const intermittent = diagnose(
      extractFindings(`Only some messages bounce, intermittently, and nothing changed on our side. ${bareNdr}`).findings,
    );
    assert.ok(score(intermittent, 'KB3212877') < score(plain, 'KB3212877') / 1.5, JSON.stringify(intermittent.candidates));
    assert.ok(score(intermittent, 'KB4051495') >= score(plain, 'KB4051495'));
  });

  it('a vague description asks how mail reaches Exchange Online; relaying then asks which cause, hybrid picks KB 2888788', () => {
    const findings = extractFindings(vague).findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question!.id, 'route');
    const relay = [...findings, ...answerQuestion(d.question!, 'relay-via-eop')];
    const next = diagnose(relay);
    assert.equal(next.question?.id, 'cause-5764', 'relaying alone does not tell a missing chain from a connector that no longer matches');
    assert.equal(diagnose([...relay, ...answerQuestion(next.question, 'chain-not-sent')]).article, 'KB3212877');
    const hybrid = diagnose([...findings, ...answerQuestion(d.question!, 'hybrid')]);
    // Hybrid: KB 2888788 leads, and the next question checks its decisive condition.
    assert.equal(hybrid.candidates[0].article, 'KB2888788');
    assert.equal(hybrid.question?.id, 'internal-issuer');
    const confirmed = diagnose([...findings, ...answerQuestion(d.question!, 'hybrid'), ...answerQuestion(hybrid.question, 'yes')]);
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
      'Hybrid mail stuck. 2024-02-09T11:20:31.442Z,Outbound to Office 365,08DC,14,,,<,454 4.7.0 Temporary authentication failure,',
      'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure"',
      'Event ID: 11005\nSource: MSExchangeTransport\nDescription: Unable to validate the TLS certificate of the smart host for the connector Internet. The certificate validation error for the certificate is UntrustedRoot.',
      // (421 4.7.66 is an answer now, tls-version: test/knowledge/causes/tlsVersion.test.ts)
      "Remote Server returned '550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain. The partner connector requires TLS'",
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
    assert.ok(
      scripts.includes(
        'Get-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 | fl FriendlyName,Subject,Issuer,Services',
      ),
      scripts.join('\n'),
    );
    assert.ok(
      scripts.includes('Remove-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 -WhatIf'),
      scripts.join('\n'),
    );
    // The log shows no services: the article's command keeps a placeholder, never a made-up list.
    assert.ok(
      scripts.includes(
        'Enable-ExchangeCertificate -Thumbprint 9F8E7D6C5B4A39281706F5E4D3C2B1A098765432 -Services <services to keep besides SMTP, from Get-ExchangeCertificate>',
      ),
      scripts.join('\n'),
    );
  });
});

describe('reasoning from the send connector', () => {
  it('a hybrid send connector whose TlsCertificateName names an internal CA is KB 2888788, and the answer names that issuer', () => {
    const connector =
      'Name               : Outbound to Office 365 - 6f1d\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=Contoso-CA, DC=contoso, DC=local<S>CN=mail.contoso.com';
    const event =
      'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied';
    const d = diagnose([connector, event].flatMap((t) => extractFindings(t).findings));
    assert.equal(d.article, 'KB2888788');
    assert.ok(d.supporting.some((f) => f.kind === 'send-connector-internal-certificate'));
    const reply = render(d, 'en');
    assert.ok(
      reply.kind === 'match' && reply.steps[0].includes('names the internal CA (CN=Contoso-CA, DC=contoso, DC=local)'),
      reply.kind === 'match' ? reply.steps[0] : '',
    );
  });
});

describe("Exchange's own certificates are never KB 2888788's untrusted certificate", () => {
  const listing =
    'FriendlyName : public\nSubject : CN=mail.contoso.com\nIssuer : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nThumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nServices : IIS, SMTP\n\nFriendlyName : internal\nSubject : CN=mail.contoso.com\nIssuer : CN=contoso-DC01-CA, DC=contoso, DC=com\nThumbprint : 3333333333333333333333333333333333333333\nServices : SMTP';
  const transport =
    'Name                                   : EX01\nInternalTransportCertificateThumbprint : 3333333333333333333333333333333333333333';
  const event =
    'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied';

  it('a certificate that Get-TransportService names as internal transport certificate, pasted in another message, is not filled into any command', () => {
    const alone = render(diagnose([listing, event].flatMap((t) => extractFindings(t).findings)), 'en');
    assert.ok(
      alone.kind === 'match' && alone.commands.some((c) => c.script.includes('3333333333333333333333333333333333333333')),
      'without Get-TransportService it is the untrusted one',
    );
    const d = diagnose([listing, event, transport].flatMap((t) => extractFindings(t).findings));
    assert.equal(d.article, 'KB2888788');
    const reply = render(d, 'en');
    assert.ok(reply.kind === 'match');
    for (const c of reply.commands) assert.ok(!c.script.includes('3333333333333333333333333333333333333333'), c.script);
    // The fix that works does not depend on it: the send connector is pinned to the public certificate.
    assert.ok(
      reply.commands.some((c) =>
        c.script.includes(
          'Set-SendConnector -TlsCertificateName "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com"',
        ),
      ),
    );
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
    const later = extractFindings(
      'Event ID: 2004\nSource: MSExchangeTransport\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied',
    ).findings;
    const d = diagnose([...earlier, ...later]);
    assert.equal(d.verdict, 'match');
    assert.equal(d.article, 'KB2888788');
  });
});

describe('findings from two inputs together', () => {
  const ndr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
  const connector = (name: string) =>
    `Name                     : Inbound from relay\nConnectorType            : OnPremises\nTlsSenderCertificateName : ${name}\nRequireTls               : True`;
  const certificate = (cn: string) =>
    `Thumbprint : 0123456789ABCDEF0123456789ABCDEF01234567\nSubject    : CN=${cn}\nIssuer     : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\nServices   : IIS, SMTP`;
  const diagnoseAll = (...texts: string[]) => diagnose(texts.flatMap((t) => extractFindings(t).findings));

  it('a connector name that the SMTP certificate no longer covers is KB 4051495, with the name the certificate has', () => {
    const d = diagnoseAll(ndr, connector('relay.contoso.com'), certificate('smtp.contoso.net'));
    assert.equal(d.verdict, 'match');
    assert.equal(d.article, 'KB4051495');
    assert.ok(d.findings.some((f) => f.kind === 'connector-certificate-name-mismatch' && f.value === 'relay.contoso.com'));
    const reply = render(d, 'en');
    assert.ok(
      reply.kind === 'match' &&
        reply.commands.some(
          (c) => c.script === 'Set-InboundConnector -Identity "Inbound from relay" -TlsSenderCertificateName "smtp.contoso.net"',
        ),
      JSON.stringify(reply),
    );
  });

  it('names are compared as Microsoft documents TlsSenderCertificateName: a connector wildcard covers the domain and its subdomains, a wildcard certificate does not satisfy a single host name', () => {
    for (const [expected, cn] of [
      ['relay.contoso.com', 'relay.contoso.com'],
      ['*.contoso.com', 'relay.contoso.com'],
      ['*.contoso.com', 'a.b.contoso.com'],
      ['*.contoso.com', '*.contoso.com'],
    ]) {
      const d = diagnoseAll(ndr, connector(expected), certificate(cn));
      assert.ok(!d.findings.some((f) => f.kind === 'connector-certificate-name-mismatch'), `${expected} / ${cn}`);
      assert.ok(
        d.findings.some((f) => f.kind === 'connector-matches-sender'),
        `${expected} / ${cn}`,
      );
      assert.notEqual(d.article, 'KB4051495');
    }
    // KB 4051495's own example: a certificate CN=*.contoso.com needs TlsSenderCertificateName *.contoso.com.
    const wildcard = diagnoseAll(ndr, connector('relay.contoso.com'), certificate('*.contoso.com'));
    assert.equal(wildcard.article, 'KB4051495');
    const reply = render(wildcard, 'de');
    assert.ok(reply.kind === 'match' && reply.commands.some((c) => c.script.endsWith('-TlsSenderCertificateName "*.contoso.com"')));
  });

  it('every certificate name counts: uploaded files, openssl, prose ("the new certificate is CN=...")', async () => {
    const prose = diagnoseAll(ndr, connector('mail.contoso.com'), 'The new certificate is CN=smtp.contoso.com, issued by DigiCert.');
    assert.equal(prose.article, 'KB4051495');
    const openssl = diagnoseAll(ndr, connector('mail.contoso.com'), 'depth=0 CN = smtp.contoso.com\nVerify return code: 0 (ok)');
    assert.equal(openssl.article, 'KB4051495');
    const pki = await testPki();
    const analysis = await analyseCertificateFiles([file('smtp.cer', pki.server.der)], { trustStore: pki.store, now: NOW });
    // The test certificate is smtp.contoso.com with the SANs mail. and autodiscover.contoso.com.
    const upload = diagnose([
      ...extractFindings(ndr).findings,
      ...extractFindings(connector('relay.contoso.com')).findings,
      ...analysis.findings,
    ]);
    assert.equal(upload.article, 'KB4051495');
    assert.ok(
      upload.findings.some(
        (f) => f.kind === 'connector-certificate-name-mismatch' && (f.data?.seen as string[]).includes('autodiscover.contoso.com'),
      ),
      JSON.stringify(upload.findings.map((f) => f.kind)),
    );
    const fits = diagnose([
      ...extractFindings(ndr).findings,
      ...extractFindings(connector('mail.contoso.com')).findings,
      ...analysis.findings,
    ]);
    assert.ok(
      fits.findings.some((f) => f.kind === 'connector-matches-sender'),
      'a SAN of the uploaded certificate fits the connector',
    );
  });

  it('an IP-based connector is not certificate validation: a new sending address outside SenderIPAddresses (CIDR too) is KB 4051495', () => {
    const ipConnector =
      'ConnectorType                : OnPremises\nSenderIPAddresses            : {203.0.113.0/29}\nRestrictDomainsToIPAddresses : True\nTlsSenderCertificateName     :';
    const greeting = (ip: string) =>
      `2025-02-27T13:45:10.052Z,Outbound via EOP,08DDCB6035607431,4,10.0.8.12:49811,52.101.40.17:25,<,250  DM6NAM10FT057.mail.protection.outlook.com Hello [${ip}] SIZE 157286400 PIPELINING,`;
    const outside = diagnoseAll(ndr, ipConnector, greeting('203.0.113.18'));
    assert.ok(!outside.findings.some((f) => f.kind === 'connector' && f.value === 'inbound-certificate-validation'));
    assert.equal(outside.article, 'KB4051495');
    const reply = render(outside, 'en');
    assert.ok(reply.kind === 'match' && reply.commands.some((c) => c.script.endsWith('-SenderIPAddresses @{Add="203.0.113.18"}')));
    assert.ok(reply.kind === 'match' && !reply.commands.some((c) => c.script.includes('TlsSenderCertificateName "')));
    const inside = diagnoseAll(ndr, ipConnector, greeting('203.0.113.6'));
    assert.ok(inside.findings.some((f) => f.kind === 'connector-matches-sender'));
    assert.notEqual(inside.article, 'KB4051495');
  });

  it('evidence against a missing chain weighs as much as evidence for it', () => {
    for (const against of [
      "Certificate chain\n 0 s:CN = mail.contoso.com\n   i:C = US, O = Let's Encrypt, CN = R10\n 1 s:C = US, O = Let's Encrypt, CN = R10\n   i:C = US, O = Internet Security Research Group, CN = ISRG Root X1\nVerification: OK",
      'certlm shows all three levels of the certification path.',
      'CertUtil: -verify command completed successfully.',
      'We already imported the intermediates into LocalMachine\\CA.',
    ]) {
      const d = diagnoseAll(ndr, 'Our relay sends through EOP.', against);
      assert.notEqual(d.article, 'KB3212877', against);
      assert.ok(d.candidates.find((c) => c.article === 'KB3212877')!.confidence < 0.3, `${against}: ${JSON.stringify(d.candidates)}`);
    }
  });
});

describe('"still not working": the next answer', () => {
  it('offers the other article only when its own evidence supports it, explained by that evidence', () => {
    const hybrid = extractFindings(
      'Im Hybrid-Setup kommen seit dem Zertifikatstausch keine Mails mehr in Exchange Online an. Ereignis 2004, zwei Zertifikate am SMTP-Dienst.',
    ).findings;
    assert.equal(diagnose(hybrid).article, 'KB2888788');
    assert.equal(nextBestAnswer(hybrid, ['KB2888788']), undefined, 'KB 3212877 has nothing of its own here');

    const both = extractFindings(
      "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\nEvent ID: 2004\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot",
    ).findings;
    const next = nextBestAnswer(both, ['KB2888788'])!;
    assert.equal(next.article, 'KB3212877');
    assert.ok(
      next.supporting.length > 0 && next.supporting.every((f) => f.kind === 'smtp-reply' && f.value === '5.7.64'),
      JSON.stringify(next.supporting),
    );
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
    assert.equal(
      alone.diagnosis.verdict,
      'no_match',
      `${alone.diagnosis.verdict} ${alone.diagnosis.question?.id ?? alone.diagnosis.article}`,
    );
    assert.equal(alone.diagnosis.lookalikes[0].id, 'internal-certificate-only');
    const reply = render(alone.diagnosis, 'en');
    assert.ok(reply.kind === 'no_match' && /certificate from a public CA for this name/.test(reply.lookalikes[0].hint));
    const german = render(alone.diagnosis, 'de');
    assert.ok(
      german.kind === 'no_match' && /Zertifikat einer öffentlichen Zertifizierungsstelle für diesen Namen/.test(german.lookalikes[0].hint),
    );
    assert.ok(
      !alone.diagnosis.lookalikes.some((l) => l.id === 'internal-ca-sender-certificate'),
      'the same certificate is not named twice',
    );
    // Relaying through EOP (5.7.64), the neighbour worded for the inbound connector leads.
    const relayed = await analyseInputs(
      ["Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'"],
      [{ name: 'internal.cer', bytes: pki.internalServer.der }],
    );
    assert.equal(relayed.diagnosis.lookalikes[0]?.id, 'internal-ca-sender-certificate');
    // With its public twin it is the article.
    const pair = await analyseInputs(
      [],
      [
        { name: 'internal.cer', bytes: pki.internalServer.der },
        { name: 'public.cer', bytes: pki.server.der },
      ],
    );
    assert.equal(pair.diagnosis.article, 'KB2888788');
  });
});
