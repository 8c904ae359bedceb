/** Teams rejects messages over about 28 KB: every card the bot builds stays under its budget. */
import { strict as assert } from 'assert';
import { buildCertificateReportCard } from '../../dialogs/cards/certificateReportCard';
import { byteSize, CARD_BYTE_BUDGET } from '../../dialogs/cards/adaptive';
import type { CertificateAnalysis, CertificateReport } from '../../knowledge';

function certificate(i: number): CertificateReport {
  const long = (prefix: string) => `${prefix}${'x'.repeat(400)}`;
  return {
    fileName: long(`file-${i}-`), subject: long('CN='), issuer: long('CN='), serialNumber: 'ab'.repeat(20),
    thumbprint: 'A'.repeat(40), sha256: 'B'.repeat(64), notBefore: '2026-01-01T00:00:00.000Z', notAfter: '2027-01-01T00:00:00.000Z',
    subjectAltNames: Array.from({ length: 100 }, (_, n) => `host-${n}-${'y'.repeat(50)}.contoso.com`),
    keyAlgorithm: 'RSA', keySize: 2048, signatureAlgorithm: 'sha256RSA', isCA: false, selfSigned: false, serverAuthEku: true,
    aiaIssuerUrls: [], ocspUrls: [], crlUrls: [], problems: ['expired', 'weak-signature', 'name-mismatch', 'no-server-auth-eku'],
    subjectAltNameCount: 100, internalIssuerReasons: [],
  };
}

describe('card sizes', () => {
  it('a certificate report of 200 large certificates with many notes fits the Teams limit', () => {
    const certificates = Array.from({ length: 200 }, (_, i) => certificate(i));
    const analysis = { certificates, chains: [], findings: [], fileIssues: [], pairs: [] } as unknown as CertificateAnalysis;
    const notes = Array.from({ length: 50 }, (_, i) => `note ${i} ${'z'.repeat(2000)}`);
    for (const language of ['en', 'de'] as const) {
      const card = buildCertificateReportCard(analysis, language, notes);
      assert.ok(byteSize(card) <= CARD_BYTE_BUDGET, `${byteSize(card)} bytes`);
    }
  });
});
