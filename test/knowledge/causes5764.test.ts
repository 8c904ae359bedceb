/**
 * Issue 10 (the 550 5.7.64 family): whose chain an event is about, pastes that tell history,
 * errors outside the product's scope, and causes that the evidence rules out.
 */
import { strict as assert } from 'node:assert';
import { answerQuestion, diagnose, extractFindings, findQuestion, render } from '../../knowledge';

describe('issue 10: direction, history, scope', () => {
  const ndr = "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'";
  const capi2 = (subject: string, process: string, code = '800B0109') =>
    `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-CAPI2" /><EventID>30</EventID><Computer>SMTP01.contoso.com</Computer></System><UserData><CertVerifyCertificateChainPolicy><Policy type="CERT_CHAIN_POLICY_SSL" constant="4" /><Certificate fileRef="EC53.cer" subjectName="${subject}" /><EventAuxInfo ProcessName="${process}" /><Result value="${code}">x</Result></CertVerifyCertificateChainPolicy></UserData></Event>`;

  it('CAPI2 event 30 alone, without any 5.7.64, is not a full match: it asks whether relaying fails first', () => {
    const findings = extractFindings(capi2('relay.contoso.com', 'lsass.exe')).findings;
    const d = diagnose(findings);
    assert.equal(d.verdict, 'ask');
    assert.equal(d.question!.id, 'relay-symptom');
    assert.equal(d.candidates[0].article, 'KB3212877');
    assert.equal(diagnose([...findings, ...answerQuestion(d.question!, 'yes')]).article, 'KB3212877');
    const works = diagnose([...findings, ...answerQuestion(d.question!, 'no')]);
    assert.notEqual(works.verdict, 'match', 'no restart for an event without a failing relay');
    const withNdr = diagnose(extractFindings(`${ndr}\n${capi2('relay.contoso.com', 'lsass.exe')}`).findings);
    assert.equal(withNdr.verdict, 'match');
    assert.equal(withNdr.article, 'KB3212877');
  });

  it("CAPI2 event 30 of EdgeTransport about Exchange Online's certificate is the local trust store, not KB 3212877", () => {
    const d = diagnose(
      extractFindings(`${capi2('mail.protection.outlook.com', 'EdgeTransport.exe', '800B010A')}\nLastError: 451 4.4.0 TLS errors`).findings,
    );
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.lookalikes[0].id, 'receive-untrusted-exo-chain');
    assert.match(d.lookalikes[0].hint.en, /DigiCert Global Root G2/);
    assert.ok(!d.findings.some((f) => f.kind === 'chain-error' && f.value === '800B010A'), "not read as the server's own chain");
  });

  it('reads a fragment of the event as admins paste it', () => {
    const fragment =
      '<Certificate fileRef="DD9D.cer" subjectName="mail.klinger.de" />\n<EventAuxInfo ProcessName="lsass.exe" />\n<Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result>';
    const d = diagnose(extractFindings(`Relay über EOP: 550 5.7.64 TenantAttribution\n${fragment}`).findings);
    assert.equal(d.article, 'KB3212877');
    assert.ok(d.supporting.some((f) => f.kind === 'chain-error' && f.value === 'schannel-own-chain'));
  });

  it('the route question is not either/or: a hybrid server that relays with a public certificate but no intermediate is KB 3212877 too', () => {
    const text = `Hybrid, connector made by the HCW. ${ndr}\nCertificate chain\n 0 s:CN = mail.contoso.com\n   i:C = US, O = DigiCert Inc, CN = GeoTrust TLS RSA CA G1\nVerify return code: 21 (unable to verify the first certificate)`;
    const d = diagnose(extractFindings(text).findings);
    assert.equal(d.article, 'KB3212877', JSON.stringify(d.candidates));
    const q = findQuestion('route')!;
    const hybridAnswer = diagnose([...extractFindings(text).findings, ...answerQuestion(q, 'hybrid')]);
    assert.ok(
      hybridAnswer.candidates.find((c) => c.article === 'KB3212877')!.confidence >= 0.7,
      'answering "hybrid" does not rule the chain out',
    );
  });

  it('a paste that tells history is about the present problem', () => {
    const text = [
      'Background: last month we had exactly this bounce (550 5.7.64 TenantAttribution) and it was the missing intermediate, CAPI2 event 30 with 800B0109 from lsass. We imported the intermediate and it was fixed.',
      '',
      'Now after the renewal it is back. This time openssl shows depth=0, 1 and 2 and "Verify return code: 0 (ok)", and the new cert is CN=mail2025.contoso.com.',
      'Get-InboundConnector: TlsSenderCertificateName : mail.contoso.com',
    ].join('\n');
    const findings = extractFindings(text).findings;
    assert.ok(!findings.some((f) => f.kind === 'chain-error'), 'the fixed cause of last month is not evidence now');
    assert.ok(
      findings.some((f) => f.kind === 'smtp-reply' && f.value === '5.7.64'),
      '"it is back": the error still counts',
    );
    const d = diagnose(findings);
    assert.equal(d.article, 'KB4051495');
  });

  it('a certificate that now carries another name leads towards KB 4051495 even before the connector is shown', () => {
    const d = diagnose(
      extractFindings(
        `After renewing the certificate our relay through Office 365 fails: ${ndr}. The new certificate's subject is CN=webmail.contoso.com; the old one was mail.contoso.com.`,
      ).findings,
    );
    assert.ok(d.findings.some((f) => f.kind === 'change' && f.value === 'certificate-name-changed'));
    assert.equal(d.candidates[0].article, 'KB4051495', JSON.stringify(d.candidates));
    assert.equal(d.verdict, 'ask', 'the connector itself is not shown: one question first');
  });

  it('hybrid plus an error that has nothing to do with TLS is out of scope: no certificate question, said plainly', () => {
    const d = diagnose(
      extractFindings(
        "Hybrid. Users on-prem can't email a colleague we migrated to EXO yesterday:\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
      ).findings,
    );
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.noMatchReason, 'out-of-scope');
    assert.equal(d.question, undefined);
    assert.equal(d.lookalikes.length, 0);
    const en = render(d, 'en');
    assert.ok(
      en.kind === 'no_match' && en.text.startsWith('5.1.1 is not a TLS-certificate problem'),
      en.kind === 'no_match' ? en.text : '',
    );
    const de = render(d, 'de');
    assert.ok(de.kind === 'no_match' && de.text.startsWith('5.1.1 ist kein TLS-Zertifikatproblem'));
  });

  it('454 4.7.5 in an on-premises queue: the remote side refused our certificate (not "we do not trust Exchange Online")', () => {
    const d = diagnose(
      extractFindings(
        'LastError: 451 4.4.0 Primary target IP address responded with: "454 4.7.5 Certificate Validation Failure." Attempted failover to alternate host',
      ).findings,
    );
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.lookalikes[0].id, 'remote-refused-certificate');
  });

  it('the hints of 5.7.51 and 12014 say what Microsoft documents', () => {
    const partner = diagnose(
      extractFindings(
        "550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain.",
      ).findings,
    );
    assert.match(partner.lookalikes[0].hint.en, /RestrictDomainsToIPAddresses/);
    assert.match(partner.lookalikes[0].hint.en, /RestrictDomainsToCertificate/);
    const stale = diagnose(extractFindings('Event ID: 12014\nSource: MSExchangeFrontEndTransport').findings);
    assert.equal(stale.lookalikes[0].reference, 'KB 2989382');
    assert.match(stale.lookalikes[0].hint.en, /Set-ReceiveConnector -TlsCertificateName \$null/);
    assert.match(stale.lookalikes[0].hint.de, /Assistenten für die Hybridkonfiguration/);
  });
});

describe('issue 10: a connector name that can never be an accepted domain', () => {
  it('is ATTR36 territory (KB 4019940), not a name to put back into the connector', () => {
    const d = diagnose(
      extractFindings(
        "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\nConnector: TlsSenderCertificateName : exchange.northwind.local",
      ).findings,
    );
    assert.notEqual(d.article, 'KB4051495');
    assert.ok(d.findings.some((f) => f.kind === 'certificate-domain-not-accepted' && f.value === 'internal-name'));
    assert.ok(d.candidates.find((c) => c.article === 'KB4051495')!.confidence < 0.2);
  });
});

describe('issue 10: when the evidence rules the causes out', () => {
  it('says the symptom fits but its causes are ruled out, and lists what remains, instead of "no sign of a problem"', () => {
    const d = diagnose(
      extractFindings(
        '5.7.64 TenantAttribution on all relayed mail. Inbound connector expects smtp.contoso.com, our certificate is for smtp.contoso.com too. Certificate chain is complete, openssl Verify return code: 0 (ok). Public IP unchanged.',
      ).findings,
    );
    assert.equal(d.verdict, 'no_match');
    assert.equal(d.noMatchReason, 'ruled-out');
    assert.deepEqual(d.ruledOut, ['kb3212877', 'kb4051495']);
    for (const language of ['en', 'de'] as const) {
      const reply = render(d, language);
      assert.ok(reply.kind === 'no_match' && reply.text.includes('KB 3212877, KB 4051495'), JSON.stringify(reply));
      assert.ok(
        reply.kind === 'no_match' && !(reply.checks ?? []).some((c) => c.reference === 'KB 4019940'),
        'without ATTR36 the accepted-domain cause does not remain',
      );
      assert.match(
        reply.kind === 'no_match' ? reply.text : '',
        language === 'de' ? /keine der anderen mir bekannten Ursachen/ : /none of the other causes I know/,
      );
      assert.ok(!JSON.stringify(reply).includes('Import-Certificate'));
    }
  });
});
