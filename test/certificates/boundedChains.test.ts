/**
 * Chain building with a bounded cost (issue 13): the chain-building bomb is generated here and
 * the assertions count signature verifications (Node's X509Certificate.verify calls, counted
 * independently of the analysis' own counter), never time.
 */
import { strict as assert } from 'assert';
import { X509Certificate } from 'crypto';
import { analyseCertificateFiles, describeCertificateAnalysis, limits } from '../../knowledge/certificates';
import type { CertificateAnalysis } from '../../knowledge/certificates';
import { ABSURD_EXPONENT, chainBomb, ORDINARY_RSA } from './chainBomb';
import { file, issue, NOW, testPki } from './pki';

/** Runs `work` and counts the signature verifications it made. */
async function countingVerifications(
  work: () => Promise<CertificateAnalysis>,
): Promise<{ analysis: CertificateAnalysis; verifications: number }> {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this) and put back afterwards
  const original = X509Certificate.prototype.verify;
  let verifications = 0;
  X509Certificate.prototype.verify = function (this: X509Certificate, key: Parameters<X509Certificate['verify']>[0]) {
    verifications++;
    return original.call(this, key);
  };
  try {
    const analysis = await work();
    return { analysis, verifications };
  } finally {
    X509Certificate.prototype.verify = original;
  }
}

describe('certificates: chain building with a bounded cost (hostile uploads)', function () {
  this.timeout(120_000);

  it('the 200-certificate bomb with 3070-bit RSA exponents costs no signature check: those keys are refused, per certificate', async function () {
    const bomb = chainBomb({ leaves: 100, issuers: 100, issuerKey: ABSURD_EXPONENT });
    // The naive builder checked every leaf against every "CN=Evil CA": 100 x 100 + 100 = 10,100 checks.
    const { analysis, verifications } = await countingVerifications(() => analyseCertificateFiles([file('bomb.pem', bomb)], { now: NOW }));
    assert.equal(verifications, 0);
    assert.equal(analysis.signatureChecks?.performed, 0);
    assert.equal(analysis.certificates.length, 200);
    const refused = analysis.certificates.filter((c) => c.problems.includes('unusable-key'));
    assert.equal(refused.length, 100);
    assert.ok(refused.every((c) => c.subject === 'CN=Evil CA'));
    const issue = analysis.fileIssues.find((i) => i.kind === 'unusable-key');
    assert.ok(issue, 'the report says why these certificates are not used');
    assert.match(
      issue.message.en,
      /bomb\.pem: 100 certificate\(s\) have an RSA key that no certification authority issues \(public exponent above 2\^32/,
    );
    assert.match(issue.message.de, /bomb\.pem: 100 Zertifikat\(e\) haben einen RSA-Schlüssel, den keine Zertifizierungsstelle ausstellt/);
    // Each leaf's chain still gets a verdict: its issuer was not supplied (no usable "CN=Evil CA").
    assert.equal(analysis.chains.length, 100);
    assert.ok(analysis.chains.every((chain) => chain.status === 'incomplete' && chain.missingIssuer === 'CN=Evil CA'));
    assert.ok(!analysis.findings.some((f) => f.kind === 'not-a-certificate'), 'a refused key is not evidence for the diagnosis');
    assert.match(describeCertificateAnalysis(analysis, 'en').join('\n'), /no certification authority issues/);
  });

  it('the same bomb with ordinary keys stops at the cap on signature checks and names the chains it did not finish', async function () {
    const bomb = chainBomb({ leaves: 100, issuers: 100, issuerKey: ORDINARY_RSA });
    const { analysis, verifications } = await countingVerifications(() => analyseCertificateFiles([file('bomb.pem', bomb)], { now: NOW }));
    assert.ok(verifications <= limits.MAX_SIGNATURE_CHECKS, `${verifications} verifications`);
    assert.equal(analysis.signatureChecks?.performed, limits.MAX_SIGNATURE_CHECKS);
    assert.equal(analysis.signatureChecks?.stopped, 'limit');
    const stopped = analysis.fileIssues.find((i) => i.kind === 'checks-stopped');
    assert.ok(stopped, 'the report says the cap was hit');
    assert.match(
      stopped.message.en,
      new RegExp(
        `after ${limits.MAX_SIGNATURE_CHECKS} signature checks \\(the limit per analysis\\) the chain of \\d+ certificate\\(s\\) was not checked to its end: CN=victim-`,
      ),
    );
    assert.match(stopped.message.de, /Nach 1000 Signaturprüfungen \(dem Limit pro Auswertung\)/);
    // No verdict is guessed for an unfinished chain: every reported chain was checked to its end.
    const unfinished = Number(/the chain of (\d+) certificate/.exec(stopped.message.en)?.[1]);
    assert.equal(analysis.chains.length + unfinished, 100);
    assert.ok(!analysis.findings.some((f) => f.kind === 'not-a-certificate'));
  });

  it('checks each (certificate, issuer key) pair once: two servers under one intermediate cost 4 checks, not 5', async function () {
    const pki = await testPki();
    const second = await issue({ subject: 'CN=relay.contoso.com', issuer: pki.intermediate, sans: ['relay.contoso.com'] });
    const files = [
      file('smtp.pem', pki.server.pem),
      file('relay.pem', second.pem),
      file('ca.pem', pki.intermediate.pem),
      file('root.pem', pki.root.pem),
    ];
    const { analysis, verifications } = await countingVerifications(() =>
      analyseCertificateFiles(files, { now: NOW, trustStore: pki.store }),
    );
    // server<-intermediate, relay<-intermediate, intermediate<-root, root<-root.
    assert.equal(verifications, 4);
    assert.equal(analysis.signatureChecks?.performed, 4);
    assert.deepEqual(
      analysis.chains.map((c) => c.status),
      ['complete-public', 'complete-public'],
    );
    assert.equal(analysis.certificates.find((c) => c.subject.startsWith('CN=Fabrikam Test Root'))?.selfSigned, true);
  });

  it('matches issuers by key identifier before checking a signature: a same-named CA with another key is never tried', async function () {
    const caA = await issue({ subject: 'CN=Same Name CA', ca: true });
    const caB = await issue({ subject: 'CN=Same Name CA', ca: true });
    const leaf = await issue({ subject: 'CN=mail.fabrikam.com', issuer: caB, sans: ['mail.fabrikam.com'] });
    const files = [file('leaf.pem', leaf.pem), file('a.pem', caA.pem), file('b.pem', caB.pem)];
    const { analysis, verifications } = await countingVerifications(() => analyseCertificateFiles(files, { now: NOW }));
    // leaf<-caB, caB<-caB, caA<-caA (its "self-signed" flag); never leaf<-caA.
    assert.equal(verifications, 3);
    assert.equal(analysis.chains[0].status, 'untrusted-root');
    assert.deepEqual(analysis.chains[0].path, [leaf.thumbprint, caB.thumbprint]);
  });

  it('refuses an RSA modulus beyond 16,384 bits as a problem of that certificate', async function () {
    const bomb = chainBomb({ leaves: 1, issuers: 1, issuerKey: { modulusBits: 16392, exponentBits: 17 } });
    const { analysis, verifications } = await countingVerifications(() => analyseCertificateFiles([file('huge.pem', bomb)], { now: NOW }));
    assert.equal(verifications, 0);
    const ca = analysis.certificates.find((c) => c.subject === 'CN=Evil CA');
    assert.equal(ca?.keySize, 16392);
    assert.deepEqual(ca?.problems, ['unusable-key']);
    assert.match(analysis.fileIssues.map((i) => i.message.en).join('\n'), /huge\.pem: 1 certificate\(s\) have an RSA key .*CN=Evil CA \[/);
  });

  it('stops signature checks at the time budget and says so', async function () {
    const bomb = chainBomb({ leaves: 20, issuers: 20, issuerKey: ORDINARY_RSA });
    // A budget already spent: no check may start (deterministic, whatever the machine's speed).
    const analysis = await analyseCertificateFiles([file('bomb.pem', bomb)], { now: NOW, timeBudgetMs: -1 });
    assert.equal(analysis.signatureChecks?.performed, 0);
    assert.equal(analysis.signatureChecks?.stopped, 'time');
    assert.match(analysis.fileIssues.map((i) => i.message.en).join('\n'), /took longer than the time allowed per analysis/);
    assert.equal(analysis.chains.length, 0);
  });
});
