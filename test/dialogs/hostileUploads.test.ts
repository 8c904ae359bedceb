/**
 * Hostile certificate uploads in the conversation (issue 13): the chain bomb gets a clear report,
 * and an analysis that was stopped keeps neither the files nor a half-made verdict.
 */
import { strict as assert } from 'assert';
import { newCase } from '../../dialogs/caseState';
import { processUploads } from '../../dialogs/uploads';
import { stoppedAnalysis } from '../../knowledge/certificates/analysisPool';
import { ABSURD_EXPONENT, chainBomb, ORDINARY_RSA } from '../certificates/chainBomb';
import { makeCertificates, type TestCertificates } from '../bot/helpers/certificates';
import { makeTestBot, visibleText } from '../bot/helpers/testBot';
import { pemAttachment } from '../helpers/inlineAttachment';

describe('hostile certificate uploads in the conversation', function () {
  this.timeout(120_000);
  let certs: TestCertificates;

  before(async () => {
    certs = await makeCertificates('mail.woodgrove.com');
  });

  it('reports the refused keys of the chain bomb, per certificate, in English and German', async function () {
    const bomb = chainBomb({ leaves: 40, issuers: 40, issuerKey: ABSURD_EXPONENT });
    const english = visibleText(
      await makeTestBot({ locale: 'en-US' }).send({
        attachments: [pemAttachment('bomb.pem', bomb)],
      }),
    );
    assert.match(english, /bomb\.pem: 40 certificate\(s\) have an RSA key that no certification authority issues/);
    const german = visibleText(
      await makeTestBot({ locale: 'de-DE' }).send({
        attachments: [pemAttachment('bomb.pem', bomb)],
      }),
    );
    assert.match(german, /bomb\.pem: 40 Zertifikat\(e\) haben einen RSA-Schlüssel, den keine Zertifizierungsstelle ausstellt/);
  });

  it('says when the cap on signature checks was hit', async function () {
    const bomb = chainBomb({ leaves: 100, issuers: 100, issuerKey: ORDINARY_RSA });
    const text = visibleText(
      await makeTestBot({ locale: 'en-US' }).send({
        attachments: [pemAttachment('bomb.pem', bomb)],
      }),
    );
    assert.match(text, /after 1000 signature checks \(the limit per analysis\)/);
    // 200 certificates are more than a conversation keeps: analysed all the same, and the user is told.
    assert.match(text, /"bomb\.pem" was analysed, but it is too large to keep in this conversation/);
  });

  it('keeps neither the files nor a verdict of an analysis that was stopped, and keeps what was known before', async function () {
    const state = newCase();
    const first = await processUploads(
      state,
      { files: [{ name: 'leaf.cer', bytes: certs.leafDer }], problems: [] },
      { language: 'en', maxTextChars: 200_000, maxDownloadBytes: 1 << 20 },
    );
    assert.ok(first.analysis);
    const keptFiles = [...state.certificateFiles];
    const knownFindings = [...state.certificateFindings];
    const reports = [...state.certificateReports];

    const outcome = await processUploads(
      state,
      {
        files: [{ name: 'bomb.pem', bytes: Buffer.from('-----BEGIN CERTIFICATE-----\n' + certs.caPem.split('\n').slice(1).join('\n')) }],
        problems: [],
      },
      {
        language: 'de',
        maxTextChars: 200_000,
        maxDownloadBytes: 1 << 20,
        analyseCertificates: (files, options) => Promise.resolve(stoppedAnalysis(files, options, 'time-budget', 5000)),
      },
    );
    assert.equal(outcome.analysis, undefined);
    assert.deepEqual(outcome.readNames, []);
    assert.deepEqual(outcome.notes, [
      'Die Zertifikatsauswertung wurde nach 5 s abgebrochen; diese Dateien wurden daher weder ausgewertet noch gespeichert: leaf.cer, bomb.pem. Laden Sie nur das Serverzertifikat und seine Zwischenzertifikate hoch.',
    ]);
    assert.deepEqual(state.certificateFiles, keptFiles);
    assert.deepEqual(state.certificateFindings, knownFindings);
    assert.deepEqual(state.certificateReports, reports);
  });
});
