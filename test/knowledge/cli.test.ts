/** The diagnose command line, run as a user runs it (a child process on real files). */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../helpers/paths';
import { testPki } from '../certificates/pki';
import { answerQuestion, diagnose, DONT_KNOW_OPTION, extractFindings, render, type InputsAnalysis } from '../../knowledge';
import { type DiagnoseJson, toJson, toText } from '../../knowledge/cli';

const cli = path.join(projectRoot(), 'dist', 'knowledge', 'cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagnose-cli-'));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The `--json` output, as a script that reads it sees it. */
const parsed = (stdout: string) => JSON.parse(stdout) as DiagnoseJson;

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('diagnose command line', () => {
  it('--json prints exactly one object with the verdict, article, findings and filled commands', () => {
    const file = write(
      'certs.txt',
      'Subject : CN=mail.litware.com\nIssuer : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, C=GB\nThumbprint : A1B2C3D4E5F60718293A4B5C6D7E8F9001122334\nServices : IMAP, POP, IIS, SMTP\n\nSubject : CN=mail.litware.com\nIssuer : CN=Litware Issuing CA 01, DC=litware, DC=local\nThumbprint : D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607\nServices : IMAP, POP, IIS, SMTP\n',
    );
    const r = run(['--json', file]);
    assert.equal(r.code, 0, r.stderr);
    const out = parsed(r.stdout);
    assert.equal(out.verdict, 'match');
    assert.equal(out.article, 'KB2888788');
    assert.ok(out.confidence > 0.7 && out.confidence <= 1);
    assert.ok(
      out.commands?.includes('Enable-ExchangeCertificate -Thumbprint D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F607 -Services IIS,POP,IMAP'),
    );
    assert.ok(
      out.findings.some(
        (f: { kind: string; value: string; excerpt: string }) =>
          f.kind === 'smtp-bound-to-two-certificates' && f.value === 'mail.litware.com' && f.excerpt.length > 0,
      ),
    );
    assert.equal(out.language, 'en');
    // Every answer of the catalogue is a candidate (the TLS mail-flow family adds to the first four).
    const candidates = out.candidates.map((c: { article: string }) => c.article);
    for (const id of ['KB2888788', 'KB3212877', 'KB4019940', 'KB4051495']) assert.ok(candidates.includes(id), id);
  });

  it('reads standard input with "-" and asks a question for a bare 5.7.64', () => {
    const r = run(['--json', '-'], "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'");
    const out = parsed(r.stdout);
    assert.equal(out.verdict, 'ask');
    assert.equal(out.article, null);
    assert.equal(out.question?.id, 'cause-5764');
    assert.ok((out.question?.options.length ?? 0) >= 3);
    assert.equal(out.commands, undefined);
  });

  it('--lang de answers in German in the readable report', () => {
    const file = write(
      'event.txt',
      'Event ID: 2004\nSource: MSExchangeTransport\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied',
    );
    const r = run(['--lang', 'de', file]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /KB 2888788/);
    assert.match(r.stdout, /Ursache:/);
    assert.match(r.stdout, /Enable-ExchangeCertificate -Thumbprint <Fingerabdruck des nicht vertrauenswürdigen Zertifikats>/);
    assert.match(r.stdout, /\(Trefferwahrscheinlichkeit \d+ %\)/);
    assert.doesNotMatch(r.stdout, /Konfidenz|Sicherheit/);
  });

  it('no_match is exit code 0 with null article', () => {
    const r = run(['--json', write('ooo.txt', 'How do I set an out of office reply for a shared mailbox?')]);
    assert.equal(r.code, 0);
    const out = parsed(r.stdout);
    assert.equal(out.verdict, 'no_match');
    assert.equal(out.article, null);
  });

  it('reads relative paths from the folder the user ran npm in (INIT_CWD), not the package folder', () => {
    write('relative.txt', '454 4.7.0 Temporary authentication failure');
    const r = spawnSync(process.execPath, [cli, '--json', 'relative.txt'], {
      encoding: 'utf8',
      cwd: projectRoot(),
      env: { ...process.env, INIT_CWD: dir },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(parsed(r.stdout).lookalikes?.[0].title ?? '', /Kerberos/);
  });

  it('usage errors and unreadable files give a clear message and a non-zero exit code', () => {
    const none = run([]);
    assert.equal(none.code, 2);
    assert.equal(none.stdout, '');
    assert.match(none.stderr, /no input file given/);
    assert.match(none.stderr, /usage: npm run --silent diagnose/);
    const badLang = run(['--lang', 'fr', 'x']);
    assert.equal(badLang.code, 2);
    assert.match(badLang.stderr, /--lang takes "de" or "en"/);
    const missing = run([path.join(dir, 'nope.txt')]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*nope\.txt: no such file/);
    assert.doesNotMatch(missing.stderr, /at .*\.js:\d+/, 'no stack trace');
    const directory = run([dir]);
    assert.equal(directory.code, 1);
    assert.match(directory.stderr, /is a directory/);
  });

  it('certificate files: names the missing intermediate with its download URL; two certificates for one name pin the send connector to the public one', async () => {
    const pki = await testPki();
    const server = path.join(dir, 'smtp.cer');
    const internal = path.join(dir, 'internal.pem');
    fs.writeFileSync(server, pki.server.der);
    fs.writeFileSync(internal, pki.internalServer.pem);
    const alone = parsed(run(['--json', server]).stdout);
    assert.equal(alone.certificates?.[0].thumbprint, pki.server.thumbprint);
    assert.equal(alone.chains?.[0].status, 'incomplete');
    assert.equal(
      alone.chains?.[0].missingIssuer,
      'CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US',
      'Windows order, CN first',
    );
    const missingIssuerUrl = alone.chains?.[0].missingIssuerUrls?.[0] ?? '';
    assert.ok(missingIssuerUrl.startsWith('http://'), JSON.stringify(alone.chains));
    assert.notEqual(alone.article, 'KB2888788');
    const report = run([server]).stdout;
    assert.ok(report.includes(missingIssuerUrl), 'the readable report gives the download URL');

    const both = parsed(run(['--json', server, internal]).stdout);
    assert.equal(both.verdict, 'match');
    assert.equal(both.article, 'KB2888788');
    assert.equal(both.commands?.[0], 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
    // Issuer and subject in Windows order, as Get-ExchangeCertificate shows them and TlsCertificateName needs them.
    assert.ok(
      both.commands?.includes(
        'Get-SendConnector | Where-Object { $_.Name -like \'Outbound to Office 365*\' } | Set-SendConnector -TlsCertificateName "<I>CN=Fabrikam TLS RSA CA 2024, O=Fabrikam Trust Services, C=US<S>CN=smtp.contoso.com, O=Contoso Ltd, C=DE"',
      ),
      both.commands?.join('\n'),
    );
    // Files carry no services: the article's command keeps a placeholder, never a default list or "None".
    assert.ok(
      both.commands?.includes(
        `Enable-ExchangeCertificate -Thumbprint ${pki.internalServer.thumbprint} -Services <services to keep besides SMTP, from Get-ExchangeCertificate>`,
      ),
      both.commands?.join('\n'),
    );
    assert.ok(both.commands?.every((c: string) => !/-Services (?:None|IIS,POP,IMAP)/.test(c)));
    assert.equal(both.pairs?.[0].trustedChain, 'not-verified');
  });

  it('--help prints the usage, including --answer, to standard output with exit code 0', () => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(
        r.stdout,
        /^usage: npm run --silent diagnose -- \[--json\] \[--lang de\|en\] \[--answer QUESTION=OPTION\]\.\.\. FILE\.\.\./,
      );
      assert.match(r.stdout, /--answer {2}answer a question the diagnosis asks, e\.g\. --answer internal-issuer=yes/);
    }
  });

  it('--answer QUESTION=OPTION (repeatable) walks the questions to the answer, as the bot does after the clicks', () => {
    const vague = write('vague.txt', 'After replacing our Exchange certificate, outbound mail to Microsoft 365 stopped.');
    const asked = parsed(run(['--json', vague]).stdout);
    assert.equal(asked.verdict, 'ask');
    assert.equal(asked.question?.id, 'route');
    const halfway = parsed(run(['--json', '--answer', 'route=hybrid', vague]).stdout);
    assert.equal(halfway.verdict, 'ask');
    assert.equal(halfway.question?.id, 'internal-issuer');
    const answered = parsed(run(['--json', '--answer', 'route=hybrid', '--answer=internal-issuer=yes', vague]).stdout);
    assert.equal(answered.verdict, 'match');
    assert.equal(answered.article, 'KB2888788');
    assert.deepEqual(answered.answers, [
      { question: 'route', option: 'hybrid' },
      { question: 'internal-issuer', option: 'yes' },
    ]);
    assert.equal(answered.commands?.[0], 'Get-SendConnector | fl Name,Fqdn,TlsCertificateName');
    // The order on the command line does not matter; each answer is used when its question comes up.
    const reordered = parsed(run(['--json', '--answer', 'internal-issuer=yes', '--answer', 'route=hybrid', vague]).stdout);
    assert.equal(reordered.article, 'KB2888788');
    // A renewed certificate fits KB 4051495 as well as KB 3212877 (issue 10, point 10): relaying alone asks which cause.
    const relayOnly = parsed(run(['--json', '--answer', 'route=relay-via-eop', vague]).stdout);
    assert.equal(relayOnly.question?.id, 'cause-5764');
    const relay = parsed(run(['--json', '--answer', 'route=relay-via-eop', '--answer', 'cause-5764=chain-not-sent', vague]).stdout);
    assert.equal(relay.article, 'KB3212877');
    const dontKnow = parsed(run(['--json', '--answer', 'route=dont-know', vague]).stdout);
    assert.deepEqual(dontKnow.answers, [{ question: 'route', option: 'dont-know' }]);
    assert.notEqual(dontKnow.question?.id, 'route', '"I don\'t know" is an answer too: the question is not asked again');
  });

  it('--answer: a question that does not come up is reported on standard error; a wrong question or option is a usage error', () => {
    const ndr = write('ndr-answer.txt', "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'");
    const unused = run(['--json', '--answer', 'internal-issuer=yes', '--answer', 'cause-5764=chain-not-sent', ndr]);
    assert.equal(unused.code, 0, unused.stderr);
    const out = parsed(unused.stdout);
    assert.equal(out.article, 'KB3212877');
    assert.deepEqual(out.unusedAnswers, [{ question: 'internal-issuer', option: 'yes' }]);
    assert.match(unused.stderr, /--answer internal-issuer=yes was not used: that question did not come up/);
    const badQuestion = run(['--answer', 'colour=blue', ndr]);
    assert.equal(badQuestion.code, 2);
    assert.match(badQuestion.stderr, /--answer: there is no question "colour" \(questions: .*internal-issuer.*\)/);
    const badOption = run(['--answer', 'route=carrier-pigeon', ndr]);
    assert.equal(badOption.code, 2);
    assert.match(
      badOption.stderr,
      /--answer: question "route" has no option "carrier-pigeon" \(options: relay-via-eop, hybrid, dont-know\)/,
    );
    const malformed = run(['--answer', 'route', ndr]);
    assert.equal(malformed.code, 2);
    assert.match(malformed.stderr, /--answer takes QUESTION=OPTION/);
    const twice = run(['--answer', 'route=hybrid', '--answer', 'route=relay-via-eop', ndr]);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /answered twice/);
  });

  it('the readable report says how to check each option and how to answer from the command line; "nothing found" says what to paste next', () => {
    const ndr = write('ndr-text.txt', "Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'");
    const english = run([ndr]).stdout;
    assert.match(english, /\[chain-not-sent\] .*\n\s+How to check: On the sending server, Event Viewer/);
    assert.match(english, /Answer from the command line: --answer cause-5764=<option>/);
    const german = run(['--lang', 'de', ndr]).stdout;
    assert.match(german, /So prüfen Sie das: Auf dem sendenden Server zeigt die Ereignisanzeige/);
    const nothing = run([write('nothing.txt', 'Mail is slow today.')]).stdout;
    assert.match(nothing, /Get-Queue \| fl Identity,LastError/);
    const nichts = run(['--lang', 'de', write('nichts.txt', 'Heute ist alles langsam.')]).stdout;
    assert.match(nichts, /Diagnoseinformationen für Administratoren/);
  });

  it("reads UTF-16 files as PowerShell's Out-File writes them", () => {
    const text =
      'Event ID: 2004\r\nSource: MSExchangeTransport\r\n454 4.7.0 Unable to establish a suitable TLS channel: UntrustedRoot: Access Denied\r\n';
    const file = path.join(dir, 'utf16.txt');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const out = parsed(run(['--json', file]).stdout);
    assert.equal(out.article, 'KB2888788');
  });

  it('a private key file is recognised and never echoed', () => {
    const keyFile = write(
      'server.key',
      '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSECRETSECRETSECRETSECRETSECRETSECRETSECRETSECRET\n-----END PRIVATE KEY-----\n',
    );
    const r = run(['--json', keyFile]);
    assert.equal(r.code, 0);
    assert.ok(!r.stdout.includes('SECRETSECRET'), 'key material echoed');
    const out = parsed(r.stdout);
    assert.ok(
      out.fileIssues?.some((i: { kind: string }) => i.kind === 'private-key-present'),
      JSON.stringify(out.fileIssues),
    );
  });
});

describe('diagnose command line: several causes still close', () => {
  it('--json and the readable report list the checks that separate the causes', () => {
    const findings = extractFindings("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'").findings;
    const question = diagnose(findings).question!;
    const known = [...findings, ...answerQuestion(question, DONT_KNOW_OPTION)];
    const analysis: InputsAnalysis = {
      diagnosis: diagnose(known),
      findings: known,
      language: 'en',
      certificates: undefined,
      redacted: false,
    };
    const reply = render(analysis.diagnosis, 'en');
    const json = toJson(analysis, reply) as { verdict: string; checks: Array<{ reference: string; checks: string[] }> };
    assert.equal(json.verdict, 'no_match');
    assert.deepEqual(
      json.checks.map((c) => c.reference),
      ['KB 3212877', 'KB 4051495'],
    );
    const text = toText(analysis, reply);
    assert.match(text, /KB 4051495: .*inbound connector/);
    assert.match(text, /- In Exchange Online PowerShell \(Connect-ExchangeOnline\), Get-InboundConnector/);
  });
});
