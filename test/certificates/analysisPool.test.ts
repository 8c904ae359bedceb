/**
 * The certificate analysis in worker threads (issue 13): the same analysis as in-thread, the
 * event loop free while it runs, a hard stop at the time budget, "busy" beyond the queue.
 * No assertion on durations: budgets used here are either generous or already spent.
 */
import { strict as assert } from 'assert';
import { analyseCertificateFiles, CertificateAnalysisPool } from '../../knowledge/certificates';
import { chainBomb, ORDINARY_RSA } from './chainBomb';
import { file, NOW, testPki } from './pki';

describe('certificates: analysis in worker threads with a time budget', function () {
  this.timeout(120_000);
  const pools: CertificateAnalysisPool[] = [];
  const pool = (options: ConstructorParameters<typeof CertificateAnalysisPool>[0]) => {
    const created = new CertificateAnalysisPool(options);
    pools.push(created);
    return created;
  };

  after(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it('gives the same analysis as in-thread, custom trust store and host names included', async function () {
    const pki = await testPki();
    const files = [file('smtp.pem', pki.server.pem), file('ca.pem', pki.intermediate.pem), file('internal.pem', pki.internalServer.pem)];
    const options = { now: NOW, trustStore: pki.store, hostNames: ['smtp.contoso.com'] };
    const offThread = await pool({ size: 1 }).analyse(files, options);
    const inThread = await analyseCertificateFiles(files, options);
    assert.equal(offThread.stopped, undefined);
    assert.deepEqual(offThread, inThread);
    assert.equal(offThread.chains[0].status, 'complete-public');
    assert.ok(offThread.findings.some((f) => f.kind === 'uploaded-certificate-pair'));
  });

  it('leaves the event loop free while a hostile upload is analysed', async function () {
    const bomb = chainBomb({ leaves: 100, issuers: 100, issuerKey: ORDINARY_RSA });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      const analysis = await pool({ size: 1 }).analyse([file('bomb.pem', bomb)], { now: NOW });
      assert.equal(analysis.signatureChecks?.stopped, 'limit');
      // In-thread the analysis is one synchronous stretch: no timer could fire before it ends.
      assert.ok(ticks > 0, 'timers ran while the worker analysed');
    } finally {
      clearInterval(timer);
    }
  });

  it('stops an analysis at the time budget, says which files were not analysed, and goes on with a fresh worker', async function () {
    const bomb = chainBomb({ leaves: 100, issuers: 100, issuerKey: { modulusBits: 16384, exponentBits: 32 } });
    const tight = pool({ size: 1, budgetMs: 1, graceMs: 0 });
    const stopped = await tight.analyse([file('bomb.pem', bomb)], { now: NOW });
    assert.equal(stopped.stopped, 'time-budget');
    assert.deepEqual(stopped.certificates, []);
    assert.equal(stopped.fileIssues[0].kind, 'analysis-stopped');
    assert.match(
      stopped.fileIssues[0].message.en,
      /The certificate analysis was stopped after 0 s, so these files were not analysed and not kept: bomb\.pem/,
    );
    assert.match(stopped.fileIssues[0].message.de, /Die Zertifikatsauswertung wurde nach 0 s abgebrochen/);

    const pki = await testPki();
    const generous = pool({ size: 1 });
    const next = await generous.analyse([file('smtp.pem', pki.server.pem)], { now: NOW, trustStore: pki.store });
    assert.equal(next.stopped, undefined);
    assert.equal(next.certificates.length, 1);
  });

  it('answers "busy" instead of queueing without end', async function () {
    const pki = await testPki();
    const single = pool({ size: 1, maxQueued: 0 });
    const first = single.analyse([file('smtp.pem', pki.server.pem)], { now: NOW });
    const second = await single.analyse([file('relay.pem', pki.server.pem)], { now: NOW });
    assert.equal(second.stopped, 'busy');
    assert.match(second.fileIssues[0].message.en, /Too many certificate analyses are running right now.*relay\.pem/);
    const firstResult = await first;
    assert.equal(firstResult.stopped, undefined, JSON.stringify(firstResult.fileIssues));
    assert.equal(firstResult.certificates.length, 1);
  });
});
