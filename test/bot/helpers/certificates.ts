/** Test certificates made on the fly: a private CA and a server certificate it issued. */
import 'reflect-metadata';
import * as crypto from 'crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(crypto.webcrypto as unknown as Crypto);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface TestCertificates {
  caPem: string;
  leafPem: string;
  leafDer: Uint8Array;
  /** SHA-1 thumbprint of the leaf, upper-case hex as Exchange shows it. */
  leafThumbprint: string;
  keyPem: string;
}

export async function makeCertificates(hostName = 'mail.contoso-test.com'): Promise<TestCertificates> {
  const caKeys = await crypto.webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=Contoso Test Issuing CA, DC=contoso, DC=local',
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 365 * 86_400_000),
    keys: caKeys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  const leafKeys = await crypto.webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const leaf = await x509.X509CertificateGenerator.create({
    serialNumber: '02',
    subject: `CN=${hostName}`,
    issuer: ca.subject,
    notBefore: new Date(now - 86_400_000),
    notAfter: new Date(now + 200 * 86_400_000),
    signingKey: caKeys.privateKey,
    publicKey: leafKeys.publicKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: hostName }]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ],
  });
  const thumbprint = Buffer.from(await leaf.getThumbprint('SHA-1'))
    .toString('hex')
    .toUpperCase();
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', leafKeys.privateKey)).toString('base64');
  return {
    caPem: ca.toString('pem'),
    leafPem: leaf.toString('pem'),
    leafDer: new Uint8Array(leaf.rawData),
    leafThumbprint: thumbprint,
    keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`,
  };
}
