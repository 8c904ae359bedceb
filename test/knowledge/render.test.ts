import { strict as assert } from 'node:assert';
import {
  answerQuestion,
  diagnose,
  DONT_KNOW_OPTION,
  extractFindings,
  loadKnowledgeBase,
  render,
  type RenderedMatch,
} from '../../knowledge';

const twoCertificates = `FriendlyName : Exchange public
Subject      : CN=mail.litware.com
Issuer       : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB
Thumbprint   : A1B2C3D4E5F60718293A4B5C6D7E8F9001122334
Services     : IMAP, POP, IIS, SMTP

FriendlyName : Microsoft Exchange
Subject      : CN=mail.litware.com
Issuer       : CN=Litware Issuing CA 01, DC=litware, DC=local
Thumbprint   : D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607
Services     : IIS, SMTP, UM`;

function match(text: string, lang: 'de' | 'en'): RenderedMatch {
  const reply = render(diagnose(extractFindings(text).findings), lang);
  assert.equal(reply.kind, 'match');
  return reply;
}

describe('rendering answers', () => {
  it('leads with the send connector: read TlsCertificateName, then pin the hybrid send connector to the public certificate by issuer and subject', () => {
    const reply = match(twoCertificates, 'en');
    const scripts = reply.commands.map((c) => c.script);
    assert.equal(scripts[0], 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
    const pin =
      'Get-SendConnector | Where-Object { $_.Name -like \'Outbound to Office 365*\' } | Set-SendConnector -TlsCertificateName "<I>CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB<S>CN=mail.litware.com"';
    assert.ok(scripts.includes(pin), scripts.join('\n'));
    // The pin comes before anything the article itself does with the internal certificate.
    assert.ok(scripts.indexOf(pin) < scripts.findIndex((x) => x.startsWith('Enable-ExchangeCertificate')));
    assert.ok(
      reply.steps[0].startsWith(
        'Read which certificate the send connector to Exchange Online asks for: Get-SendConnector | fl Name,Fqdn,TlsCertificateName',
      ),
      reply.steps[0],
    );
    assert.match(
      reply.steps[1],
      /Pin the hybrid send connector.*A1B2C3D4E5F60718293A4B5C6D7E8F9001122334.*Hybrid Configuration Wizard again.*Update Secure Mail Certificate for Connectors/,
    );
    assert.ok(reply.steps.some((x) => x.includes('mail.litware.com')));
    assert.ok(
      reply.commands.every((c) => c.unfilled.length === 0),
      JSON.stringify(reply.commands.filter((c) => c.unfilled.length)),
    );
    assert.ok(reply.evidence.some((e) => e.label.includes('mail.litware.com')));
  });

  it("shows the article's Enable-ExchangeCertificate only as the article's, with the warning from Microsoft's cmdlet reference", () => {
    for (const lang of ['en', 'de'] as const) {
      const reply = match(twoCertificates, lang);
      const enable = reply.commands.find((c) => c.script.startsWith('Enable-ExchangeCertificate'))!;
      assert.equal(enable.script, 'Enable-ExchangeCertificate -Thumbprint D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607 -Services IIS,UM');
      assert.match(
        enable.label,
        lang === 'en'
          ? /^The article's own command, not the fix: .*SMTP will still be listed.*Default Web Site \(OWA, EWS, Autodiscover, hybrid free\/busy, mailbox moves\)/
          : /^Der Befehl des Artikels, nicht die Lösung: .*SMTP wird weiterhin aufgeführt.*Standardwebsite/,
      );
      const warning = reply.steps.find((x) => x.includes('learn.microsoft.com/powershell/module/exchange/enable-exchangecertificate'))!;
      assert.ok(warning, 'the answer cites the cmdlet reference where it departs from the article');
      assert.match(warning, lang === 'en' ? /SMTP will still be listed/ : /SMTP wird danach also weiterhin aufgeführt/);
      assert.doesNotMatch(warning, /\bmay still\b/);
      assert.match(
        warning,
        lang === 'en'
          ? /Outlook on the web, EWS, Autodiscover, hybrid free\/busy and mailbox moves/
          : /Outlook im Web, EWS, AutoErmittlung, Frei\/Gebucht-Informationen im Hybridmodus und Postfachverschiebungen/,
      );
      // Every placeholder of the answer is filled or readable: no raw {name} anywhere.
      const everything = [
        reply.cause,
        ...reply.steps,
        ...reply.verify,
        ...reply.ruleOut,
        ...reply.commands.map((c) => `${c.label} ${c.script}`),
      ].join('\n');
      assert.doesNotMatch(everything, /\{[A-Za-z]+\}/);
    }
  });

  it('never emits "-Services None" and never a default service list: nothing to keep drops the article\'s command, unknown services stay a placeholder', () => {
    const smtpOnly = twoCertificates.replace('Services     : IIS, SMTP, UM', 'Services     : SMTP');
    const reply = match(smtpOnly, 'en');
    assert.ok(
      reply.commands.every((c) => !/-Services\s+None/i.test(c.script)),
      reply.commands.map((c) => c.script).join('\n'),
    );
    assert.ok(
      !reply.commands.some((c) => c.script.startsWith('Enable-ExchangeCertificate')),
      "no service to keep: the article's command does not apply",
    );
    const unknown = match(
      'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied',
      'en',
    );
    const enable = unknown.commands.find((c) => c.script.startsWith('Enable-'))!;
    assert.equal(
      enable.script,
      'Enable-ExchangeCertificate -Thumbprint <thumbprint of the untrusted certificate> -Services <services to keep besides SMTP, from Get-ExchangeCertificate>',
    );
    assert.deepEqual(enable.unfilled, ['untrustedThumbprint', 'remainingServices']);
    assert.ok(!unknown.commands.some((c) => /IIS,POP,IMAP/.test(c.script)));
  });

  it('removes a certificate only after the checks, with -WhatIf first, and says to restart IIS after moving IIS', () => {
    const reply = match(twoCertificates, 'en');
    const scripts = reply.commands.map((c) => c.script);
    const remove = scripts.findIndex((x) => x.startsWith('Remove-ExchangeCertificate'));
    assert.equal(scripts[remove], 'Remove-ExchangeCertificate -Thumbprint D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607 -WhatIf');
    assert.equal(scripts.filter((x) => x.startsWith('Remove-ExchangeCertificate')).length, 1, 'never a removal without -WhatIf');
    for (const check of [
      'Get-ReceiveConnector | fl Identity,Fqdn,TlsCertificateName',
      'Get-TransportService | fl Name,InternalTransportCertificateThumbprint',
      'netsh http show sslcert ipport=0.0.0.0:444',
      'Get-EdgeSubscription',
    ]) {
      const at = scripts.indexOf(check);
      assert.ok(at >= 0 && at < remove, `${check} comes before the removal`);
    }
    const retire = reply.steps.find((x) => x.includes('Remove-ExchangeCertificate'))!;
    assert.match(retire, /iisreset \/noforce/);
    assert.match(retire, /Exchange Back End site \(port 444\)/);
    assert.match(retire, /Edge subscription/);
    assert.match(retire, /-WhatIf first/);
  });

  it('quotes the exact English error text of event 2004 in both languages', () => {
    const text = '454 4.7.0 Failed to establish appropriate TLS channel: UntrustedRoot: Access Denied';
    for (const lang of ['en', 'de'] as const) {
      const reply = match(`Event ID: 2004\nSource: MSExchangeTransport\nDescription: ${text}`, lang);
      assert.ok(reply.title.includes(text), reply.title);
      assert.ok(
        reply.verify.some((v) => v.includes(text)),
        reply.verify.join('\n'),
      );
    }
    assert.match(match(`Ereignis-ID: 2004\n${text}`, 'de').title, /Konnte keinen geeigneten TLS-Kanal einrichten/);
  });

  it('keeps TlsCertificateName safe: a name PowerShell would expand is read from the certificate by thumbprint instead', () => {
    const hostile = twoCertificates.replace(
      'Issuer       : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB',
      'Issuer       : CN=Sectigo $(Remove-Item C:\\ -Recurse) CA, O=Sectigo Limited, C=GB',
    );
    const reply = match(hostile, 'en');
    const pin = reply.commands.find((c) => c.script.includes('Set-SendConnector'))!;
    assert.doesNotMatch(pin.script, /Remove-Item/);
    assert.ok(
      pin.script.endsWith(
        '-TlsCertificateName (Get-ExchangeCertificate -Thumbprint A1B2C3D4E5F60718293A4B5C6D7E8F9001122334 | ForEach-Object { "<I>$($_.Issuer)<S>$($_.Subject)" })',
      ),
      pin.script,
    );
  });

  it('never fills a Microsoft, wildcard or internal-only name into openssl -connect', () => {
    const capi2 =
      '<Certificate fileRef="EC53.cer" subjectName="*.contoso.com" />\n<EventAuxInfo ProcessName="lsass.exe" />\n<Result value="800B0109">A certificate chain processed, but terminated in a root certificate which is not trusted by the trust provider.</Result>';
    const ndr = `Generating server: BN8NAM11FT045.mail.protection.outlook.com\nComputer: SMTP01.contoso.local\nRemote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'\n${capi2}`;
    const reply = match(ndr, 'en');
    const check = reply.verify.find((v) => v.includes('openssl s_client'))!;
    assert.ok(check.includes('-connect <public name of the sending server>:25'), check);
    const tested = match(
      `${ndr}\n$ openssl s_client -starttls smtp -connect relay.contoso.com:25 -showcerts\nVerify return code: 21 (unable to verify the first certificate)`,
      'de',
    );
    assert.ok(
      tested.verify.some((v) => v.includes('-connect relay.contoso.com:25')),
      tested.verify.join('\n'),
    );
  });

  it("names the server from the event's Computer field where no certificate name is known", () => {
    const reply = match(
      'Event ID: 2004\nSource: MSExchangeTransport\nComputer: EX01.contoso.com\nDescription: 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied',
      'en',
    );
    assert.ok(reply.steps[0].includes('ex01.contoso.com'), reply.steps[0]);
  });

  it('says so when the input shows the configuration but no error', () => {
    const configOnly = match(twoCertificates, 'en');
    assert.ok(
      configOnly.notices.some((n) => n.startsWith('Nothing you gave me shows an error yet')),
      JSON.stringify(configOnly.notices),
    );
    const withError = match(
      `${twoCertificates}\nEvent ID: 2004\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot`,
      'en',
    );
    assert.ok(!withError.notices.some((n) => n.startsWith('Nothing you gave me')));
  });

  it('answering a question does not hide that no error was seen', () => {
    // Two SMTP certificates for one name whose issuers the table does not show: the bot asks, the user answers.
    const table =
      'Thumbprint                                Services   Subject\n----------                                --------   -------\nE1D2C3B4A5968778695A4B3C2D1E0F1A2B3C4D5E  IP.WS..    CN=webmail.contoso.de\nC0FFEE1234567890ABCDEF1234567890ABCDEF12  IP.WS..    CN=webmail.contoso.de\n';
    const findings = extractFindings(table).findings;
    const asked = diagnose(findings);
    assert.equal(asked.question?.id, 'internal-issuer');
    const answered = diagnose([...findings, ...answerQuestion(asked.question, 'yes')]);
    assert.equal(answered.article, 'KB2888788');
    for (const lang of ['en', 'de'] as const) {
      const reply = render(answered, lang) as RenderedMatch;
      assert.ok(
        reply.notices.some((n) =>
          n.startsWith(lang === 'en' ? 'Nothing you gave me shows an error yet' : 'Ihre Angaben zeigen noch keinen Fehler'),
        ),
        JSON.stringify(reply.notices),
      );
    }
  });

  it('answers in German with the same commands', () => {
    const reply = match(twoCertificates, 'de');
    assert.match(reply.cause, /Zwei Zertifikate/);
    assert.match(
      reply.commands.find((c) => c.script.includes('Set-SendConnector'))!.label,
      /^Die Lösung: Hybrid-Sendeconnector auf das Zertifikat der öffentlichen Zertifizierungsstelle festlegen \(oder den Assistenten für die Hybridkonfiguration erneut ausführen\)$/,
    );
    assert.deepEqual(
      reply.commands.map((c) => c.script),
      match(twoCertificates, 'en').commands.map((c) => c.script),
    );
  });

  it('leaves readable placeholders for values it does not know', () => {
    const reply = match(
      'Event ID: 2004\nSource: MSExchangeTransport\nDescription: 454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied',
      'en',
    );
    const pin = reply.commands.find((c) => c.script.includes('Set-SendConnector'))!;
    assert.ok(
      pin.script.endsWith('-TlsCertificateName "<I><Issuer of the public certificate><S><Subject of the public certificate>"'),
      pin.script,
    );
    assert.deepEqual(pin.unfilled, ['trustedTlsCertificateName']);
    const german = render(
      diagnose(
        extractFindings(
          'Ereignis-ID: 2004\nQuelle: MSExchangeTransport\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot',
        ).findings,
      ),
      'de',
    ) as RenderedMatch;
    assert.ok(german.commands.some((c) => c.script.includes('<Fingerabdruck des nicht vertrauenswürdigen Zertifikats>')));
    assert.ok(
      german.commands.some((c) => c.script.includes('"<I><Issuer des öffentlichen Zertifikats><S><Subject des öffentlichen Zertifikats>"')),
    );
  });

  it("KB 3212877: names the missing intermediate from openssl output and keeps the article's import command", () => {
    const text =
      'relay through EOP fails since the renewal\nCertificate chain\n 0 s:CN = smtp.litware.com\n   i:C = GB, O = Sectigo Limited, CN = Sectigo RSA Domain Validation Secure Server CA\nVerify return code: 21 (unable to verify the first certificate)';
    const reply = match(text, 'en');
    assert.ok(
      reply.commands.some(
        (c) =>
          c.script === 'Get-ChildItem -Path c:\\import\\intermediateca.cer | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA',
      ),
    );
    assert.ok(reply.commands.some((c) => c.script.includes("'*Sectigo RSA Domain Validation Secure Server CA*'")));
    assert.ok(reply.steps.some((s) => s.includes('Sectigo RSA Domain Validation Secure Server CA')));
    assert.ok(reply.steps.length >= 5);
    assert.match(reply.url, /3212877/);
  });

  it('KB 3212877 from a certificate upload: the import line uses the file name of the AIA download', () => {
    const chain = {
      kind: 'chain-incomplete',
      value: 'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US',
      excerpt: 'smtp.cer',
      source: 'certificate',
      data: {
        missingIssuer: 'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US',
        aiaUrl: 'http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt',
        endEntity: 'CN=smtp.contoso.com',
      },
    };
    const route = { kind: 'answer-evidence', value: 'relay-via-eop', excerpt: 'relay', source: 'question' };
    const reply = render(
      diagnose([chain, route, ...extractFindings('550 5.7.64 TenantAttribution; Relay Access Denied').findings]),
      'en',
    ) as RenderedMatch;
    assert.equal(reply.kind, 'match');
    assert.ok(
      reply.commands.some(
        (c) =>
          c.script ===
          'Get-ChildItem -Path c:\\import\\FabrikamTLSRSACA2024.crt | Import-Certificate -CertStoreLocation cert:\\LocalMachine\\CA',
      ),
      reply.commands.map((c) => c.script).join('\n'),
    );
    assert.ok(reply.steps[0].includes('http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt'));
  });

  it('a hostile value in a paste never reaches a command', () => {
    const hostile =
      "relay via EOP broken\nCertificate chain\n 0 s:CN = smtp.litware.com\n   i:CN = Evil'; Remove-Item C:\\ -Recurse; '\nVerify return code: 21 (unable to verify the first certificate)";
    const reply = match(hostile, 'en');
    for (const c of reply.commands) {
      assert.ok(!c.script.includes("Evil'"), c.script);
      assert.ok(!/;\s*Remove-Item/.test(c.script), c.script);
    }
  });

  it("says what a neighbouring problem looks like, in the user's language", () => {
    const reply = render(diagnose(extractFindings('454 4.7.0 Temporary authentication failure').findings), 'de');
    assert.equal(reply.kind, 'no_match');
    assert.ok(
      reply.kind === 'no_match' &&
        reply.text.startsWith('Das ist keines der Probleme, die ich lösen kann (') &&
        ['KB 2888788', 'KB 3212877', 'KB 4019940', 'KB 4051495'].every((kb) => reply.text.split('.')[0].includes(kb)),
      reply.kind === 'no_match' ? reply.text : '',
    );
    for (const answer of loadKnowledgeBase().articles)
      assert.ok(reply.kind === 'no_match' && reply.text.includes(answer.kb), `${answer.kb} is named among the problems it solves`);
    assert.ok(reply.kind === 'no_match' && /Kerberos|kerberos|authentication/i.test(reply.lookalikes[0].title));
    assert.ok(reply.kind === 'no_match' && reply.lookalikes[0].hint.length > 20);
  });

  it("when nothing is found, says what to paste next, in the user's language", () => {
    const en = render(diagnose(extractFindings('Our mail is weird since yesterday.').findings), 'en');
    assert.equal(en.kind, 'no_match');
    assert.ok(en.kind === 'no_match' && en.pasteNext);
    for (const needed of [
      'Diagnostic information for administrators',
      'Get-Queue | fl Identity,LastError',
      'event 2004',
      'Get-ExchangeCertificate | fl',
    ])
      assert.ok(en.kind === 'no_match' && en.pasteNext.includes(needed), needed);
    const de = render(diagnose(extractFindings('Unsere Mails gehen seit gestern nicht.').findings), 'de');
    assert.ok(
      de.kind === 'no_match' &&
        de.pasteNext!.includes('Diagnoseinformationen für Administratoren') &&
        de.pasteNext!.includes('Get-Queue | fl Identity,LastError'),
    );
    // A named neighbouring problem is the answer: no "paste more" then.
    const neighbour = render(diagnose(extractFindings('454 4.7.0 Temporary authentication failure').findings), 'en');
    assert.ok(neighbour.kind === 'no_match' && neighbour.pasteNext === undefined);
    // Nor when the answer lists the checks that separate the causes, or calls a non-TLS error out of scope.
    const ndr = extractFindings("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'").findings;
    const undecided = render(diagnose([...ndr, ...answerQuestion(diagnose(ndr).question!, DONT_KNOW_OPTION)]), 'en');
    assert.ok(undecided.kind === 'no_match' && undecided.checks?.length && undecided.pasteNext === undefined);
    const outOfScope = render(
      diagnose(
        extractFindings(
          "Hybrid. Users on-prem can't email a colleague we migrated to EXO yesterday:\nRemote Server returned '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'",
        ).findings,
      ),
      'en',
    );
    assert.ok(
      outOfScope.kind === 'no_match' &&
        outOfScope.text.startsWith('5.1.1 is not a TLS-certificate problem') &&
        outOfScope.pasteNext === undefined,
    );
  });

  it('a question says how to check each option, in the user\'s language ("I don\'t know" needs none)', () => {
    const asked = diagnose(extractFindings("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'").findings);
    for (const lang of ['en', 'de'] as const) {
      const reply = render(asked, lang);
      assert.ok(reply.kind === 'ask');
      for (const o of reply.options) {
        if (o.id === 'dont-know') assert.equal(o.howToCheck, undefined);
        else assert.ok(o.howToCheck && o.howToCheck.length > 40, `${lang} ${o.id}`);
      }
      const capi2 = reply.options.find((o) => o.id === 'chain-not-sent')!;
      assert.match(capi2.howToCheck!, lang === 'en' ? /CAPI2 > Operational.*800B0109/ : /CAPI2 > Betriebsbereit.*800B0109/);
    }
  });
});
