/**
 * Subjects are written in encoding order, as real CAs encode them (C first, CN last); Windows and
 * the reports show them reversed, CN first.
 *
 * A test PKI generated at run time (no private key is ever committed): a public-looking
 * root and intermediate, an internal AD CS style CA, server certificates for the cases the
 * analysis must tell apart. ECDSA P-256 keys keep generation fast; one RSA-1024 key covers
 * the weak-key case. Built once per test run and shared by the test files.
 */
import { webcrypto } from 'crypto';
import { x509 } from '../../knowledge/certificates/cryptoSetup';
import { TrustStore } from '../../knowledge/certificates';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const EC_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const EC_SHA1 = { name: 'ECDSA', hash: 'SHA-1' } as const;

/** The date the tests treat as "now". */
export const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;

export interface Issued {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
  der: Uint8Array;
  pem: string;
  thumbprint: string;
}

export interface TestPki {
  root: Issued;
  intermediate: Issued;
  /** smtp.contoso.com from the intermediate, with AIA pointing at the intermediate. */
  server: Issued;
  /** The same FQDN from the internal CA (KB 2888788's untrusted twin). */
  internalServer: Issued;
  internalRoot: Issued;
  expired: Issued;
  notYetValid: Issued;
  expiresSoon: Issued;
  sha1: Issued;
  weakRsa: Issued;
  wildcard: Issued;
  selfSigned: Issued;
  clientOnly: Issued;
  /** Server certificate whose issuer (an internal CA) is not supplied. */
  orphanInternal: Issued;
  /** Public roots for the tests: only `root`. */
  store: TrustStore;
}

interface IssueParams {
  subject: string | x509.Name;
  issuer?: Issued;
  keys?: CryptoKeyPair;
  sans?: string[];
  ca?: boolean;
  aia?: string;
  eku?: string[];
  notBefore?: Date;
  notAfter?: Date;
  signingAlgorithm?: Algorithm | EcdsaParams;
  issuerName?: string;
}

async function ecKeys(): Promise<CryptoKeyPair> {
  return await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
}

export async function issue(params: IssueParams): Promise<Issued> {
  const keys = params.keys ?? (await ecKeys());
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(params.ca === true, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (params.issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(params.issuer.keys.publicKey));
  if (params.sans) extensions.push(new x509.SubjectAlternativeNameExtension(params.sans.map((value) => ({ type: 'dns' as const, value }))));
  if (params.aia) {
    extensions.push(new x509.AuthorityInfoAccessExtension({ caIssuers: params.aia, ocsp: 'http://ocsp.example.test' }));
    extensions.push(new x509.CRLDistributionPointsExtension(['http://crl.example.test/ca.crl']));
  }
  if (params.eku) extensions.push(new x509.ExtendedKeyUsageExtension(params.eku));
  const common = {
    notBefore: params.notBefore ?? new Date(NOW.getTime() - 30 * DAY),
    notAfter: params.notAfter ?? new Date(NOW.getTime() + 365 * DAY),
    extensions,
    signingAlgorithm: params.signingAlgorithm ?? EC_SHA256,
  };
  const certificate = params.issuer
    ? await x509.X509CertificateGenerator.create({
        ...common,
        subject: params.subject,
        issuer: params.issuerName ?? params.issuer.certificate.subject,
        publicKey: keys.publicKey,
        signingKey: params.issuer.keys.privateKey,
      })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: params.subject, keys });
  const der = new Uint8Array(certificate.rawData);
  const thumbprint = Buffer.from(await certificate.getThumbprint('SHA-1'))
    .toString('hex')
    .toUpperCase();
  return { certificate, keys, der, pem: certificate.toString('pem'), thumbprint };
}

const SERVER_AUTH = ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'];

async function buildPki(): Promise<TestPki> {
  const root = await issue({ subject: 'C=US, O=Fabrikam Trust Services, CN=Fabrikam Test Root R1', ca: true });
  const intermediate = await issue({
    subject: 'C=US, O=Fabrikam Trust Services, CN=Fabrikam TLS RSA CA 2024',
    issuer: root,
    ca: true,
    aia: 'http://crt.fabrikam.test/root-r1.crt',
  });
  const server = await issue({
    subject: 'C=DE, O=Contoso Ltd, CN=smtp.contoso.com',
    issuer: intermediate,
    sans: ['smtp.contoso.com', 'mail.contoso.com', 'autodiscover.contoso.com'],
    aia: 'http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt',
    eku: SERVER_AUTH,
  });
  const internalRoot = await issue({ subject: 'DC=local, DC=contoso, CN=contoso-DC01-CA', ca: true });
  const internalServer = await issue({
    subject: 'CN=smtp.contoso.com',
    issuer: internalRoot,
    sans: ['smtp.contoso.com', 'ex01.contoso.local'],
    eku: SERVER_AUTH,
  });
  const leaf = (subject: string, extra: Partial<IssueParams>) =>
    issue({
      subject,
      issuer: intermediate,
      sans: [subject.replace(/^CN=/, '')],
      aia: 'http://crt.fabrikam.test/FabrikamTLSRSACA2024.crt',
      eku: SERVER_AUTH,
      ...extra,
    });
  const expired = await leaf('CN=old.contoso.com', {
    notBefore: new Date(NOW.getTime() - 400 * DAY),
    notAfter: new Date(NOW.getTime() - 10 * DAY),
  });
  const notYetValid = await leaf('CN=future.contoso.com', { notBefore: new Date(NOW.getTime() + 10 * DAY) });
  const expiresSoon = await leaf('CN=soon.contoso.com', { notAfter: new Date(NOW.getTime() + 12 * DAY + 3_600_000) });
  const sha1 = await leaf('CN=legacy.contoso.com', { signingAlgorithm: EC_SHA1 });
  const rsaKeys = await webcrypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  const weakRsa = await leaf('CN=weak.contoso.com', { keys: rsaKeys });
  const wildcard = await leaf('CN=*.contoso.com', { sans: ['*.contoso.com'] });
  const selfSigned = await issue({ subject: 'CN=EX01', sans: ['EX01', 'ex01.contoso.local'], eku: SERVER_AUTH });
  const clientOnly = await leaf('CN=client.contoso.com', { eku: ['1.3.6.1.5.5.7.3.2'] });
  const hiddenCa = await issue({ subject: 'DC=corp, DC=litware, CN=LITWARE-CA', ca: true });
  const orphanInternal = await issue({ subject: 'CN=relay.litware.com', issuer: hiddenCa, sans: ['relay.litware.com'], eku: SERVER_AUTH });
  const store = TrustStore.fromCertificates([root.pem]);
  return {
    root,
    intermediate,
    server,
    internalServer,
    internalRoot,
    expired,
    notYetValid,
    expiresSoon,
    sha1,
    weakRsa,
    wildcard,
    selfSigned,
    clientOnly,
    orphanInternal,
    store,
  };
}

let pki: Promise<TestPki> | undefined;

/** The shared test PKI (generated on first call). */
export function testPki(): Promise<TestPki> {
  if (!pki) pki = buildPki();
  return pki;
}

/** An upload from bytes or text. */
export function file(name: string, content: Uint8Array | string): { name: string; bytes: Uint8Array } {
  return { name, bytes: typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content };
}
