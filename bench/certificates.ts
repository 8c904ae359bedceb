/**
 * Certificate analysis figures for `npm run bench`.
 * Headline: analysing a 4-certificate chain (server, two intermediates, root; RSA-2048,
 * every signature verified) - target under 10 ms - as a ratio to merely parsing the same
 * four certificates with @peculiar/x509. Also: indexing the bundled public root store
 * (once per process), a 10 000-SAN certificate, and hostile inputs (1 MB of random bytes).
 */
import * as tls from 'tls';
import { webcrypto } from 'crypto';
import { analyseCertificateFiles, readCertificateFile, TrustStore } from '../knowledge/certificates';
import { x509 } from '../knowledge/certificates/cryptoSetup';
import { issue, NOW, type Issued } from '../test/certificates/pki';
import { medianMs, medianMsAsync, type BenchResult } from './types';

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

async function rsaKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey({ ...RSA_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, [
    'sign',
    'verify',
  ]);
}

async function rsaChain(): Promise<Issued[]> {
  const root = await issue({
    subject: 'CN=Bench Root, O=Bench Trust, C=US',
    ca: true,
    keys: await rsaKeys(),
    signingAlgorithm: RSA_SHA256,
  });
  const policy = await issue({
    subject: 'CN=Bench Policy CA, O=Bench Trust, C=US',
    ca: true,
    issuer: root,
    keys: await rsaKeys(),
    signingAlgorithm: RSA_SHA256,
    aia: 'http://crt.bench.test/root.crt',
  });
  const issuing = await issue({
    subject: 'CN=Bench TLS CA, O=Bench Trust, C=US',
    ca: true,
    issuer: policy,
    keys: await rsaKeys(),
    signingAlgorithm: RSA_SHA256,
    aia: 'http://crt.bench.test/policy.crt',
  });
  const server = await issue({
    subject: 'CN=smtp.contoso.com',
    issuer: issuing,
    keys: await rsaKeys(),
    signingAlgorithm: RSA_SHA256,
    sans: ['smtp.contoso.com', 'mail.contoso.com'],
    aia: 'http://crt.bench.test/tls.crt',
    eku: ['1.3.6.1.5.5.7.3.1'],
  });
  return [server, issuing, policy, root];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export async function benchCertificates(): Promise<BenchResult[]> {
  const chain = await rsaChain();
  const store = TrustStore.fromCertificates([chain[3].pem]);
  const files = chain.map((c, i) => ({ name: `c${i}.cer`, bytes: c.der }));

  const parse = medianMs(() => chain.forEach((c) => new x509.X509Certificate(c.der.slice())), 50, 10);
  const analyse = await medianMsAsync(
    () => analyseCertificateFiles(files, { now: NOW, trustStore: store, hostNames: ['smtp.contoso.com'] }),
    50,
    10,
  );
  const serverAlone = await medianMsAsync(() => analyseCertificateFiles(files.slice(0, 1), { now: NOW, trustStore: store }), 50, 10);

  const indexStore = medianMs(() => TrustStore.fromCertificates(tls.rootCertificates), 10, 2);
  const publicStore = TrustStore.publicRoots();

  const sans = Array.from({ length: 10_000 }, (_, i) => `host${i}.contoso.com`);
  const manyNames = await issue({ subject: 'CN=host0.contoso.com', issuer: chain[1], sans, signingAlgorithm: RSA_SHA256 });
  const manyNamesMs = await medianMsAsync(
    () =>
      analyseCertificateFiles([{ name: 'many.cer', bytes: manyNames.der }], {
        now: NOW,
        trustStore: store,
        hostNames: ['host9999.contoso.com'],
      }),
    5,
    1,
  );

  const random = new Uint8Array(1024 * 1024);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  const randomMs = medianMs(() => readCertificateFile({ name: 'random.cer', bytes: random }), 10, 2);
  const base64Noise = new Uint8Array(Buffer.from(Buffer.from(random.subarray(0, 750 * 1024)).toString('base64')));
  const base64Ms = medianMs(() => readCertificateFile({ name: 'noise.cer', bytes: base64Noise }), 10, 2);
  const pemNoise = new Uint8Array(Buffer.from('-----BEGIN CERTIFICATE-----\n'.repeat(35_000)));
  const pemNoiseMs = medianMs(() => readCertificateFile({ name: 'noise.pem', bytes: pemNoise }), 10, 2);

  return [
    { name: 'analyse a 4-certificate RSA-2048 chain (read, verify, findings)', value: round(analyse), unit: 'ms', note: 'target < 10 ms' },
    { name: 'baseline: parse the same 4 certificates (@peculiar/x509)', value: round(parse), unit: 'ms' },
    { name: 'analysis / parse', value: round(analyse / parse), unit: 'x' },
    { name: 'analyse the server certificate alone (incomplete chain)', value: round(serverAlone), unit: 'ms' },
    { name: `index the bundled public root store (${publicStore.size} roots, once)`, value: round(indexStore), unit: 'ms' },
    {
      name: 'analyse a certificate with 10 000 SANs',
      value: round(manyNamesMs),
      unit: 'ms',
      note: `${(manyNames.der.length / 1024).toFixed(0)} KB`,
    },
    { name: 'reject 1 MB of random bytes', value: round(randomMs), unit: 'ms' },
    { name: 'reject 1 MB of Base64 noise (decoded and sniffed)', value: round(base64Ms), unit: 'ms' },
    { name: 'reject 35 000 unterminated PEM BEGIN lines (~1 MB)', value: round(pemNoiseMs), unit: 'ms' },
  ];
}
