/** A certificate made at test time (no key material is committed): DER bytes and thumbprint. */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export interface GeneratedCertificate {
  der: Buffer;
  pem: string;
  thumbprint: string;
}

export async function selfSignedCertificate(commonName: string): Promise<GeneratedCertificate> {
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '0a1b2c3d',
    name: `CN=${commonName}`,
    notBefore: new Date(Date.now() - 24 * 3600 * 1000),
    notAfter: new Date(Date.now() + 365 * 24 * 3600 * 1000),
    keys: keys,
    signingAlgorithm: algorithm,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: commonName }])],
  });
  const der = Buffer.from(certificate.rawData);
  const thumbprint = Buffer.from(await certificate.getThumbprint('SHA-1'))
    .toString('hex')
    .toUpperCase();
  return { der, pem: certificate.toString('pem'), thumbprint };
}
