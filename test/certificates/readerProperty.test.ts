import { strict as assert } from 'assert';
import * as fc from 'fast-check';
import { analyseCertificateFiles, readCertificateFile } from '../../knowledge/certificates';
import { file, NOW, testPki, type TestPki } from './pki';

/**
 * Property: whatever bytes arrive, the reader answers (certificates and/or issues with a
 * message) and never throws past its boundary. Inputs: random bytes, random text around
 * PEM armour, and real certificates with bytes flipped, cut or inserted.
 */
describe('certificates: reader property (fast-check)', function () {
  let pki: TestPki;
  before(async function () {
    pki = await testPki();
  });

  function assertAnswered(name: string, bytes: Uint8Array): void {
    const reading = readCertificateFile({ name, bytes });
    assert.ok(reading.certificates.length > 0 || reading.issues.length > 0, 'a file must yield certificates or a message');
    for (const issue of reading.issues) {
      assert.ok(issue.message.en.length > 0 && issue.message.de.length > 0);
    }
  }

  it('never throws on random bytes', function () {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), (bytes) => assertAnswered('random.cer', bytes)),
      { numRuns: 300 },
    );
  });

  it('never throws on random text with PEM-looking lines', function () {
    const line = fc.oneof(
      fc.constant('-----BEGIN CERTIFICATE-----'),
      fc.constant('-----END CERTIFICATE-----'),
      fc.constant('-----BEGIN PKCS7-----'),
      fc.constant('-----BEGIN PRIVATE KEY-----'),
      fc.base64String({ maxLength: 80 }),
      fc.string({ maxLength: 80 }),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) =>
        assertAnswered('paste.pem', new Uint8Array(Buffer.from(lines.join('\r\n')))),
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on mutated real certificates and chains', async function () {
    const sources = [
      pki.server.der,
      pki.intermediate.der,
      pki.internalServer.der,
      new Uint8Array(Buffer.from(pki.server.pem + pki.intermediate.pem)),
    ];
    const mutation = fc.record({
      source: fc.integer({ min: 0, max: sources.length - 1 }),
      flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
      cut: fc.option(fc.nat()),
      insert: fc.option(fc.record({ at: fc.nat(), bytes: fc.uint8Array({ maxLength: 64 }) })),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let bytes = Uint8Array.from(sources[m.source]);
        for (const flip of m.flips) bytes[flip.at % bytes.length] = flip.value;
        if (m.insert) {
          const at = m.insert.at % bytes.length;
          bytes = Uint8Array.from([...bytes.subarray(0, at), ...m.insert.bytes, ...bytes.subarray(at)]);
        }
        if (m.cut !== null) bytes = bytes.subarray(0, m.cut % (bytes.length + 1));
        assertAnswered('mutated.cer', bytes);
        // The whole analysis (chain building, signature checks) must not reject either.
        const analysis = await analyseCertificateFiles([file('mutated.cer', bytes), file('int.cer', pki.intermediate.der)], {
          now: NOW,
          trustStore: pki.store,
        });
        assert.ok(Array.isArray(analysis.findings));
      }),
      { numRuns: 200 },
    );
  });
});
