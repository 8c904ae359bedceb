/**
 * The collected output is read exactly: every documented field with its type, Windows
 * PowerShell 5.1's quirks, dates of German and US Windows; a foreign, cut-off or changed block
 * gets a clear reason in the user's language, and the ordinary `| fl` reading is untouched.
 */
import { strict as assert } from 'node:assert';
import { parseCollected, parseCollectedDate } from '../../knowledge/collect/parseCollected';
import { extractFindings } from '../../knowledge/evidence/extract';
import { analyseInputs } from '../../knowledge/analyseInputs';
import { render } from '../../knowledge/render/render';
import { exchangeOutput, exoOutput, NEW_SUBJECT, NEW_THUMB, OLD_THUMB } from './collectedSamples';

describe('collected output (mailflow-tls-collect/1): exact parser', () => {
  it('reads every section with its types: {value,Count} arrays, one value for an array, /Date()/, German and US dates', () => {
    const parsed = parseCollected(exchangeOutput());
    assert.ok(parsed?.ok, JSON.stringify(parsed));
    const out = parsed.output;
    assert.equal(out.kind, 'exchange');
    assert.deepEqual(
      out.certificates.map((c) => c.thumbprint),
      [NEW_THUMB, OLD_THUMB],
    );
    const [current, old] = out.certificates;
    assert.equal(current.subject, NEW_SUBJECT);
    assert.deepEqual(current.services, ['IMAP', 'POP', 'IIS', 'SMTP']);
    assert.equal(current.notBefore, '2026-12-01T00:00:00Z');
    assert.equal(current.notAfter, '2027-12-08T00:00:00Z');
    assert.equal(current.storeChain?.complete, true);
    assert.deepEqual(old.domains, ['mail.contoso.com']);
    assert.equal(old.notAfter, '2026-12-20T23:59:59Z');
    assert.deepEqual(out.sendConnectors[0].addressSpaces, ['smtp:contoso.mail.onmicrosoft.com;1']);
    assert.deepEqual(out.receiveConnectors[0].bindings, ['0.0.0.0:25', '[::]:25']);
    assert.match(out.hybridConfiguration?.tlsCertificateName ?? '', /^<I>CN=Old Public CA/);
  });

  it('reads the Exchange Online side', () => {
    const parsed = parseCollected(exoOutput());
    assert.ok(parsed?.ok);
    assert.equal(parsed.output.inboundConnectors[0].tlsSenderCertificateName, 'owa.contoso.com');
    assert.equal(parsed.output.outboundConnectors[0].tlsDomain, 'legacy.contoso.com');
    assert.equal(parsed.output.rejectDirectSend, false);
  });

  it('finds the block after a prompt line and a UTF-8 byte order mark', () => {
    const parsed = parseCollected(`\uFEFFPS C:\\> .\\mailflow-tls-collect-exo.ps1\n${exoOutput()}PS C:\\>`);
    assert.ok(parsed?.ok);
  });

  for (const [value, iso] of [
    ['31.12.2026 13:05:00', '2026-12-31T13:05:00Z'],
    ['31.12.2026', '2026-12-31T00:00:00Z'],
    ['12/31/2026 1:05:00 PM', '2026-12-31T13:05:00Z'],
    ['2026-12-31T14:05:00+01:00', '2026-12-31T13:05:00Z'],
    ['\\/Date(1798722300000)\\/', '2026-12-31T13:05:00Z'],
  ] as const)
    it(`reads the date ${value}`, () => assert.equal(parseCollectedDate(value), iso));

  for (const value of ['31.02.2026', '13/45/2026', 'Dienstag', '2026-13-01'])
    it(`does not guess the date ${value}`, () => assert.equal(parseCollectedDate(value), undefined));

  it('a text without the header is not this format (the ordinary extractors read it)', () => {
    assert.equal(parseCollected('Get-SendConnector | fl\n\nName : Outbound\nTlsCertificateName : <I>CN=x<S>CN=y'), undefined);
    assert.equal(parseCollected('{"format":"mailflow-tls-collect","version":1,"kind":"exo"}'), undefined);
  });

  const bad: Array<[string, string, RegExp, RegExp]> = [
    [
      'another version',
      exchangeOutput({ version: 2 }),
      /format version 2; this bot reads version 1/,
      /Formatversion 2; dieser Bot liest Version 1/,
    ],
    ['a cut-off block', exchangeOutput().slice(0, 1500), /cut off or changed/, /abgeschnitten oder verändert/],
    ['an unknown kind', 'mailflow-tls-collect/1 linux\n{}', /kind "linux"/, /Art "linux"/],
    [
      'a header from another block',
      exoOutput().replace('mailflow-tls-collect/1 exo', 'mailflow-tls-collect/1 exchange'),
      /do not belong together/,
      /passen nicht zusammen/,
    ],
  ];
  for (const [what, text, en, de] of bad) {
    it(`${what}: a clear reason in English and German, in the answer's notices`, async () => {
      const parsed = parseCollected(text);
      assert.ok(parsed && !parsed.ok);
      assert.match(parsed.error.en, en);
      assert.match(parsed.error.de, de);
      for (const language of ['en', 'de'] as const) {
        const analysis = await analyseInputs([text], [], { language });
        const reply = render(analysis.diagnosis, language);
        assert.ok(
          reply.notices.some((n) => (language === 'en' ? en : de).test(n)),
          reply.notices.join(' | '),
        );
      }
    });
  }

  it('a collected output gives the findings its sections give as | fl output (send connector, certificates)', () => {
    const kinds = extractFindings(exchangeOutput()).findings.map((f) => `${f.kind}:${f.value}`);
    assert.ok(kinds.includes('input-format:collected-exchange'), kinds.join(', '));
    assert.ok(kinds.includes('input-format:get-exchangecertificate'), kinds.join(', '));
    assert.ok(kinds.includes('input-format:get-sendconnector'), kinds.join(', '));
  });

  it('an SMTP certificate whose intermediate is not in LocalMachine\\CA is the missing-intermediate finding', () => {
    const findings = extractFindings(exchangeOutput({ missingIssuer: 'CN=GeoTrust TLS RSA CA G1, O=DigiCert Inc, C=US' })).findings;
    const missing = findings.find((f) => f.value === 'intermediate-not-in-store');
    assert.ok(missing, findings.map((f) => f.value).join(', '));
    assert.match(missing.excerpt, /certificates\[0\]\.StoreChain\.MissingIssuer : CN=GeoTrust/);
    assert.equal(
      extractFindings(exchangeOutput()).findings.some((f) => f.value === 'intermediate-not-in-store'),
      false,
    );
  });
});
