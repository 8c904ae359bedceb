import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { webcrypto } from 'crypto';
import {
  analyseCertificateFiles,
  classifyFile,
  describeCertificateAnalysis,
  readCertificateFile,
  limits,
  type FileIssue,
} from '../../knowledge/certificates';
import { x509 } from '../../knowledge/certificates/cryptoSetup';
import { file, issue, NOW, testPki, type TestPki } from './pki';

/** DER encoding of one element (definite length). */
export function tlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(content);
  let header: number[];
  if (body.length < 0x80) header = [tag, body.length];
  else {
    const lengthBytes: number[] = [];
    for (let n = body.length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
    header = [tag, 0x80 | lengthBytes.length, ...lengthBytes];
  }
  return new Uint8Array(Buffer.concat([Buffer.from(header), body]));
}

const OID_PKCS7_DATA = new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01]);

/** The outer shape of a PKCS#12 file: version 3, authSafe of type pkcs7-data, macData. */
function pfxShaped(): Uint8Array {
  const authSafe = tlv(0x30, OID_PKCS7_DATA, tlv(0xa0, tlv(0x04, new Uint8Array(200).fill(7))));
  return tlv(0x30, tlv(0x02, new Uint8Array([3])), authSafe, tlv(0x30, tlv(0x04, new Uint8Array(20))));
}

function pemOf(der: Uint8Array, label: string, eol = '\n'): string {
  const body =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g)
      ?.join(eol) ?? '';
  return `-----BEGIN ${label}-----${eol}${body}${eol}-----END ${label}-----${eol}`;
}

function onlyIssue(issues: FileIssue[]): FileIssue {
  assert.equal(issues.length, 1, `expected one issue, got ${JSON.stringify(issues.map((i) => i.kind))}`);
  return issues[0];
}

/** A bad file must get one clear message, in both languages, naming the file. */
function assertClearMessage(issue: FileIssue, fileName: string, en: RegExp, de: RegExp): void {
  assert.match(issue.message.en, en);
  assert.match(issue.message.de, de);
  assert.ok(issue.message.en.includes(fileName) && issue.message.de.includes(fileName));
  assert.notEqual(issue.message.en, issue.message.de);
}

const ACCEPTED_EN = /Accepted: \.cer\/\.crt\/\.der/;
const ACCEPTED_DE = /Akzeptiert werden: \.cer\/\.crt\/\.der/;

describe('certificates: reading files', function () {
  let pki: TestPki;
  before(async function () {
    pki = await testPki();
  });

  describe('formats admins have', function () {
    const cases: Array<{ name: string; make: (p: TestPki) => Uint8Array | string; count: number }> = [
      { name: 'DER .cer', make: (p) => p.server.der, count: 1 },
      { name: 'PEM with LF', make: (p) => p.server.pem, count: 1 },
      { name: 'PEM with CRLF', make: (p) => pemOf(p.server.der, 'CERTIFICATE', '\r\n'), count: 1 },
      {
        name: 'PEM with text around it, as copied from a browser',
        make: (p) =>
          `Subject: smtp.contoso.com\nIssuer: Fabrikam\n\n    ${pemOf(p.server.der, 'CERTIFICATE').replace(/\n/g, '\n    ')}\nCopied from the certificate viewer.`,
        count: 1,
      },
      { name: 'PEM bundle with three certificates', make: (p) => p.server.pem + p.intermediate.pem + p.root.pem, count: 3 },
      {
        name: 'Base64 .cer without armour (certutil -encode minus the lines)',
        make: (p) =>
          Buffer.from(p.server.der)
            .toString('base64')
            .match(/.{1,64}/g)!
            .join('\r\n'),
        count: 1,
      },
      {
        name: 'UTF-16 PEM as Windows PowerShell writes it',
        make: (p) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(p.server.pem, 'utf16le')])),
        count: 1,
      },
      {
        name: 'PKCS#7 .p7b (DER)',
        make: (p) => new Uint8Array(new x509.X509Certificates([p.server.certificate, p.intermediate.certificate]).export('raw')),
        count: 2,
      },
      {
        name: 'PKCS#7 .p7b (PEM, BEGIN PKCS7)',
        make: (p) =>
          pemOf(new Uint8Array(new x509.X509Certificates([p.server.certificate, p.intermediate.certificate]).export('raw')), 'PKCS7'),
        count: 2,
      },
      { name: 'X509 CERTIFICATE label', make: (p) => pemOf(p.server.der, 'X509 CERTIFICATE'), count: 1 },
    ];
    for (const c of cases) {
      it(`reads ${c.name}`, function () {
        const content = c.make(pki);
        const reading = readCertificateFile(file('upload.cer', content));
        assert.deepEqual(reading.issues, []);
        assert.equal(reading.fileClass, 'certificate');
        assert.equal(reading.certificates.length, c.count);
        assert.equal(reading.certificates[0].certificate.subject, pki.server.certificate.subject);
      });
    }
  });

  it('computes the thumbprint over the certificate alone when a DER file has trailing bytes', async function () {
    const withTrailer = new Uint8Array(Buffer.concat([Buffer.from(pki.server.der), Buffer.from('\r\n\0\0')]));
    const analysis = await analyseCertificateFiles([file('smtp.cer', withTrailer)], { now: NOW, trustStore: pki.store });
    assert.equal(analysis.certificates[0].thumbprint, pki.server.thumbprint);
  });

  it('reads DER certificates simply concatenated into one file', function () {
    const both = new Uint8Array(Buffer.concat([Buffer.from(pki.server.der), Buffer.from(pki.intermediate.der)]));
    const reading = readCertificateFile(file('chain.cer', both));
    assert.deepEqual(
      reading.certificates.map((c) => c.certificate.subject),
      [pki.server.certificate.subject, pki.intermediate.certificate.subject],
    );
  });

  describe('private keys are recognised and never read', function () {
    it('answers a PKCS#12 (.pfx) file with "do not share" and how to export the .cer instead', function () {
      const reading = readCertificateFile(file('server.pfx', pfxShaped()));
      assert.equal(reading.fileClass, 'private-key');
      assert.equal(reading.certificates.length, 0);
      const issue = onlyIssue(reading.issues);
      assert.equal(issue.kind, 'private-key-present');
      assertClearMessage(issue, 'server.pfx', /Never share a private key/, /Geben Sie private Schlüssel nie weiter/);
      assert.match(issue.message.en, /DER encoded binary X\.509 \(\.CER\)/);
      assert.match(issue.message.en, /Export-Certificate -Cert Cert:\\LocalMachine\\My\\<thumbprint> -FilePath/);
    });

    it('recognises a .cer that is really a .pfx', function () {
      const reading = readCertificateFile(file('smtp.cer', pfxShaped()));
      assert.equal(onlyIssue(reading.issues).kind, 'private-key-present');
      assert.equal(classifyFile('smtp.cer', pfxShaped()), 'private-key');
    });

    it('recognises a real PKCS#12 file made by openssl', function () {
      let dir: string | undefined;
      try {
        execFileSync('openssl', ['version'], { stdio: 'ignore' });
      } catch {
        this.skip();
      }
      try {
        dir = mkdtempSync(join(tmpdir(), 'pfx-'));
        const key = join(dir, 'k.pem');
        const cert = join(dir, 'c.pem');
        const pfx = join(dir, 'p.pfx');
        execFileSync(
          'openssl',
          [
            'req',
            '-x509',
            '-newkey',
            'ec',
            '-pkeyopt',
            'ec_paramgen_curve:P-256',
            '-nodes',
            '-keyout',
            key,
            '-out',
            cert,
            '-subj',
            '/CN=mail.contoso.com',
            '-days',
            '30',
          ],
          { stdio: 'ignore' },
        );
        execFileSync('openssl', ['pkcs12', '-export', '-inkey', key, '-in', cert, '-out', pfx, '-passout', 'pass:Secret123'], {
          stdio: 'ignore',
        });
        const reading = readCertificateFile(file('mail.pfx', new Uint8Array(readFileSync(pfx))));
        assert.equal(onlyIssue(reading.issues).kind, 'private-key-present');
        assert.equal(reading.fileClass, 'private-key');
        // The openssl key file (PEM PRIVATE KEY) next to its certificate.
        const both = readCertificateFile(file('both.pem', readFileSync(cert, 'utf8') + readFileSync(key, 'utf8')));
        assert.equal(both.certificates.length, 1);
        assert.equal(onlyIssue(both.issues).kind, 'private-key-present');
        assert.match(both.issues[0].message.en, /only the certificates were analysed/);
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    });

    for (const label of ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY']) {
      it(`recognises a PEM "${label}" without decoding it`, function () {
        const secret = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj';
        const text = `-----BEGIN ${label}-----\nProc-Type: 4,ENCRYPTED\n\n${secret}\n-----END ${label}-----\n`;
        const reading = readCertificateFile(file('server.key', text));
        assert.equal(reading.fileClass, 'private-key');
        const issue = onlyIssue(reading.issues);
        assert.equal(issue.kind, 'private-key-present');
        assert.ok(!JSON.stringify(reading).includes(secret.slice(10, 40)));
      });
    }

    it('recognises a DER PKCS#8 private key file', async function () {
      const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const pkcs8 = new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
      assert.equal(onlyIssue(readCertificateFile(file('key.der', pkcs8)).issues).kind, 'private-key-present');
      assert.equal(classifyFile('key.der', pkcs8), 'private-key');
    });
  });

  describe('bad input gets a clear message', function () {
    it('zero-length file', function () {
      const issue = onlyIssue(readCertificateFile(file('empty.cer', new Uint8Array(0))).issues);
      assert.equal(issue.kind, 'empty');
      assertClearMessage(issue, 'empty.cer', /is empty/, /ist leer/);
    });

    it('a 50 MB file is capped, not read, and the cap is named', function () {
      const big = new Uint8Array(50 * 1024 * 1024);
      big.set(pki.server.der);
      const issue = onlyIssue(readCertificateFile(file('huge.cer', big)).issues);
      assert.equal(issue.kind, 'too-large');
      assertClearMessage(issue, 'huge.cer', /50\.0 MB large.*at most 1\.0 MB/, /höchstens 1\.0 MB/);
    });

    it('a 50 MB file next to a certificate: the file is refused, the certificate still analysed', async function () {
      const big = new Uint8Array(50 * 1024 * 1024);
      const analysis = await analyseCertificateFiles([file('huge.cer', big), file('smtp.cer', pki.server.der)], {
        now: NOW,
        trustStore: pki.store,
      });
      assert.equal(onlyIssue(analysis.fileIssues).fileName, 'huge.cer');
      assert.match(analysis.fileIssues[0].message.en, /at most 1\.0 MB/);
      assert.equal(analysis.certificates.length, 1);
    });

    it('an upload set above the set cap skips the files beyond it', async function () {
      const filler = new Uint8Array(limits.MAX_FILE_BYTES - 10).fill(0x41);
      const files = Array.from({ length: 10 }, (_, i) => file(`filler${i}.txt`, filler));
      files.push(file('late.cer', pki.server.der));
      const analysis = await analyseCertificateFiles(files, { now: NOW, trustStore: pki.store });
      const late = analysis.fileIssues.find((i) => i.fileName === 'late.cer');
      assert.ok(late);
      assert.equal(late.kind, 'too-large');
      assert.match(late.message.en, /at most 10\.0 MB/);
    });

    it('truncated DER', function () {
      const issue = onlyIssue(readCertificateFile(file('cut.cer', pki.server.der.slice(0, 150))).issues);
      assert.equal(issue.kind, 'truncated');
      assertClearMessage(issue, 'cut.cer', /cut off or damaged/, /abgeschnitten oder beschädigt/);
    });

    it('wrong PEM armour (BEGIN and END do not match)', function () {
      const text = pki.server.pem.replace('-----END CERTIFICATE-----', '-----END CERT-----');
      const issue = onlyIssue(readCertificateFile(file('bad.pem', text)).issues);
      assertClearMessage(issue, 'bad.pem', /PEM armour/, /PEM-Rahmen/);
    });

    it('damaged Base64 inside the armour', function () {
      const text = pki.server.pem.replace(/\n([A-Za-z0-9+/]{10})/, '\n!!!$1');
      const issue = onlyIssue(readCertificateFile(file('bad.pem', text)).issues);
      assertClearMessage(issue, 'bad.pem', /Base64 text between them is damaged/, /Base64-Text/);
    });

    it('Base64 noise', function () {
      const noise = Buffer.from(new Uint8Array(3000).map((_, i) => (i * 7919) % 251)).toString('base64');
      const issue = onlyIssue(readCertificateFile(file('noise.cer', noise)).issues);
      assert.equal(issue.kind, 'not-a-certificate');
      assertClearMessage(issue, 'noise.cer', ACCEPTED_EN, ACCEPTED_DE);
    });

    it('an HTML page saved as .cer', function () {
      const html = '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body>Please sign in</body></html>';
      const reading = readCertificateFile(file('download.cer', html));
      assertClearMessage(onlyIssue(reading.issues), 'download.cer', /web page \(HTML\)/, /Webseite \(HTML\)/);
      assert.equal(reading.fileClass, 'unknown');
    });

    it('a certificate request instead of the certificate', async function () {
      const keys = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
      const csr = await x509.Pkcs10CertificateRequestGenerator.create({
        name: 'CN=smtp.contoso.com',
        keys,
        signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      });
      const issue = onlyIssue(readCertificateFile(file('smtp.req', csr.toString('pem'))).issues);
      assertClearMessage(issue, 'smtp.req', /certificate signing request \(CSR\)/, /Zertifikatsanforderung \(CSR\)/);
      const der = onlyIssue(readCertificateFile(file('smtp.csr', new Uint8Array(csr.rawData))).issues);
      assert.match(der.message.en, /CSR/);
    });

    it('a damaged certificate request is still named by its PEM label', function () {
      const issue = onlyIssue(
        readCertificateFile(file('req.txt', '-----BEGIN NEW CERTIFICATE REQUEST-----\nMIIB\n-----END NEW CERTIFICATE REQUEST-----\n'))
          .issues,
      );
      assert.match(issue.message.en, /certificate signing request \(CSR\)/);
    });

    it('plain text (a log saved to a file) is text, not a certificate', function () {
      const text = '2024-11-03 14:22:09 OutboundConnectionResponse 550 5.7.64 TenantAttribution; Relay Access Denied';
      const reading = readCertificateFile(file('smtp.log', text));
      assert.equal(reading.fileClass, 'text');
      assertClearMessage(onlyIssue(reading.issues), 'smtp.log', /paste its content into the chat/, /in den Chat ein/);
    });

    it('binary garbage', function () {
      const garbage = new Uint8Array(4096).map((_, i) => (i * 31 + 7) % 256);
      const issue = onlyIssue(readCertificateFile(file('garbage.bin', garbage)).issues);
      assertClearMessage(issue, 'garbage.bin', ACCEPTED_EN, ACCEPTED_DE);
    });

    it('deep ASN.1 nesting', function () {
      let nested: Uint8Array = tlv(0x05, new Uint8Array(0));
      for (let i = 0; i < 3000; i++) nested = tlv(0x30, nested);
      const inCertificateShape = tlv(
        0x30,
        tlv(0x30, tlv(0xa0, tlv(0x02, new Uint8Array([2]))), nested),
        tlv(0x30),
        tlv(0x03, new Uint8Array([0])),
      );
      const plain = onlyIssue(readCertificateFile(file('deep.cer', nested)).issues);
      assertClearMessage(plain, 'deep.cer', ACCEPTED_EN, ACCEPTED_DE);
      const shaped = onlyIssue(readCertificateFile(file('deep.cer', inCertificateShape)).issues);
      assertClearMessage(shaped, 'deep.cer', /too deeply nested/, /zu tief verschachtelt/);
    });

    it('a certificate with 10 000 SANs is read, listed in short and matched in full', async function () {
      const sans = Array.from({ length: 10_000 }, (_, i) => `host${i}.contoso.com`);
      const big = await issue({ subject: 'CN=host0.contoso.com', issuer: pki.intermediate, sans });
      const analysis = await analyseCertificateFiles([file('many.cer', big.der)], {
        now: NOW,
        trustStore: pki.store,
        hostNames: ['host9999.contoso.com'],
      });
      assert.deepEqual(analysis.fileIssues, []);
      const report = analysis.certificates[0];
      assert.equal(report.subjectAltNameCount, 10_000);
      assert.equal(report.subjectAltNames.length, limits.REPORT_SAN_LIMIT);
      assert.ok(!analysis.findings.some((f) => f.kind === 'name-mismatch'));
      assert.match(describeCertificateAnalysis(analysis, 'en').join('\n'), /and 9990 more/);
    });
  });

  describe('classifyFile', function () {
    const cases: Array<[string, (p: TestPki) => Uint8Array | string, string]> = [
      ['smtp.cer', (p) => p.server.der, 'certificate'],
      ['chain.pem', (p) => p.server.pem + p.intermediate.pem, 'certificate'],
      ['chain.p7b', (p) => new Uint8Array(new x509.X509Certificates([p.server.certificate]).export('raw')), 'certificate'],
      ['ndr.txt', () => 'Remote Server returned 550 5.7.64 TenantAttribution; Relay Access Denied', 'text'],
      ['server.pfx', () => pfxShaped(), 'private-key'],
      ['bundle.pem', (p) => p.server.pem + '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', 'private-key'],
      ['broken.pfx', () => new Uint8Array([1, 2, 3, 4]), 'private-key'],
      ['page.cer', () => '<html><body>Error 404</body></html>', 'unknown'],
      ['empty.cer', () => new Uint8Array(0), 'unknown'],
    ];
    for (const [name, make, expected] of cases) {
      it(`${name} is ${expected}`, function () {
        const content = make(pki);
        assert.equal(classifyFile(name, typeof content === 'string' ? new Uint8Array(Buffer.from(content)) : content), expected);
      });
    }
  });

  it('treats an openssl-style self-signed certificate (CA:TRUE with SAN) as a self-signed server certificate', async function () {
    const withSan = await issue({ subject: 'CN=mail.contoso.com', ca: true, sans: ['mail.contoso.com'] });
    const cnOnly = await issue({ subject: 'CN=relay01.contoso.com', ca: true });
    const realCa = await issue({ subject: 'CN=Contoso Root CA 2020', ca: true });
    for (const [certificate, status] of [
      [withSan, 'self-signed'],
      [cnOnly, 'self-signed'],
      [realCa, 'untrusted-root'],
    ] as const) {
      const analysis = await analyseCertificateFiles([file('mail.cer', certificate.der)], { now: NOW, trustStore: pki.store });
      assert.equal(analysis.chains[0].status, status);
    }
  });
});
