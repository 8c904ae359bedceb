/**
 * The chain-building bomb of issue 13, generated at test time: one upload set whose
 * certificates all name the same issuer ("CN=Evil CA") and many self-issued "CN=Evil CA"
 * CA certificates with different RSA keys, so that a naive chain builder checks every
 * (certificate, candidate issuer) pair with a full RSA operation.
 *
 * Nothing here is a real key pair: moduli, exponents and signatures are random bytes shaped
 * so that OpenSSL performs the whole modular exponentiation before it rejects the signature
 * (signature shorter than every modulus, same byte length). That is what made the original
 * upload expensive, and it is cheap to generate.
 */
import { randomBytes } from 'crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import * as asn1X509 from '@peculiar/asn1-x509';
import { x509 } from '../../knowledge/certificates/cryptoSetup';

const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;

export interface RsaShape {
  modulusBits: number;
  exponentBits: number;
}

/** The keys of the original bomb: 3072-bit moduli (the largest OpenSSL allows any exponent for) and 3070-bit exponents. */
export const ABSURD_EXPONENT: RsaShape = { modulusBits: 3072, exponentBits: 3070 };
/** Keys that pass every sanity check: the cap on signature checks alone must bound the work. */
export const ORDINARY_RSA: RsaShape = { modulusBits: 2048, exponentBits: 17 };

export interface BombOptions {
  /** Certificates issued by "CN=Evil CA" (server certificates, so each starts a chain). */
  leaves: number;
  /** Self-issued "CN=Evil CA" CA certificates, each with its own key. */
  issuers: number;
  issuerKey: RsaShape;
  /** The leaves' own keys (they are never used to check anything). */
  leafKey?: RsaShape;
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/** Random positive integer of exactly `bits` bits, odd (as moduli and exponents are). */
function randomInteger(bits: number, topByteMask = 0xff): Buffer {
  const bytes = randomBytes(Math.ceil(bits / 8));
  const topBits = bits - (bytes.length - 1) * 8;
  bytes[0] = (bytes[0] & ((1 << topBits) - 1) & topByteMask) | (1 << (topBits - 1));
  bytes[bytes.length - 1] |= 1;
  return bytes;
}

function derInteger(value: Buffer): Buffer {
  return tlv(0x02, value[0] & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value);
}

function rsaSpki(shape: RsaShape): asn1X509.SubjectPublicKeyInfo {
  const rsaPublicKey = tlv(
    0x30,
    Buffer.concat([derInteger(randomInteger(shape.modulusBits)), derInteger(randomInteger(shape.exponentBits))]),
  );
  return new asn1X509.SubjectPublicKeyInfo({
    algorithm: new asn1X509.AlgorithmIdentifier({ algorithm: RSA_ENCRYPTION, parameters: DER_NULL }),
    subjectPublicKey: new Uint8Array(rsaPublicKey).buffer,
  });
}

function name(text: string): asn1X509.Name {
  return AsnConvert.parse(new x509.Name(text).toArrayBuffer(), asn1X509.Name);
}

function extension(oid: string, critical: boolean, value: unknown): asn1X509.Extension {
  return new asn1X509.Extension({ extnID: oid, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function certificateDer(subject: string, key: RsaShape, extensions: asn1X509.Extension[], signatureBits: number): Buffer {
  const serial = randomBytes(12);
  serial[0] &= 0x7f;
  const signature = new asn1X509.AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: DER_NULL });
  const tbsCertificate = new asn1X509.TBSCertificate({
    version: asn1X509.Version.v3,
    serialNumber: new Uint8Array(serial).buffer,
    signature,
    issuer: name('CN=Evil CA'),
    validity: new asn1X509.Validity({ notBefore: new Date('2020-01-01T00:00:00Z'), notAfter: new Date('2040-01-01T00:00:00Z') }),
    subject: name(subject),
    subjectPublicKeyInfo: rsaSpki(key),
    extensions: new asn1X509.Extensions(extensions),
  });
  // Below every issuer modulus (top bit clear) and of the same byte length: OpenSSL runs the full exponentiation.
  const signatureValue = randomInteger(signatureBits - 1);
  const certificate = new asn1X509.Certificate({
    tbsCertificate,
    signatureAlgorithm: signature,
    signatureValue: new Uint8Array(signatureValue).buffer,
  });
  return Buffer.from(AsnConvert.serialize(certificate));
}

function pem(der: Buffer): string {
  return `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}

function bombCertificates(options: BombOptions): Buffer[] {
  const leafKey = options.leafKey ?? ORDINARY_RSA;
  const signatureBits = options.issuerKey.modulusBits;
  const certificates: Buffer[] = [];
  for (let i = 0; i < options.leaves; i++) {
    const host = `victim-${i}.example.com`;
    certificates.push(
      certificateDer(
        `CN=${host}`,
        leafKey,
        [
          extension(asn1X509.id_ce_basicConstraints, true, new asn1X509.BasicConstraints({ cA: false })),
          extension(
            asn1X509.id_ce_subjectAltName,
            false,
            new asn1X509.SubjectAlternativeName([new asn1X509.GeneralName({ dNSName: host })]),
          ),
        ],
        signatureBits,
      ),
    );
  }
  for (let i = 0; i < options.issuers; i++) {
    certificates.push(
      certificateDer(
        'CN=Evil CA',
        options.issuerKey,
        [extension(asn1X509.id_ce_basicConstraints, true, new asn1X509.BasicConstraints({ cA: true }))],
        signatureBits,
      ),
    );
  }
  return certificates;
}

/** The bomb as one PEM bundle, leaves first. */
export function chainBomb(options: BombOptions): string {
  return bombCertificates(options).map(pem).join('');
}

/** The bomb as one PKCS#7 file (.p7b, DER): the form of the original upload, small enough to be kept in the conversation. */
export function chainBombP7b(options: BombOptions): Uint8Array {
  const collection = new x509.X509Certificates(bombCertificates(options).map((der) => new x509.X509Certificate(new Uint8Array(der))));
  return new Uint8Array(collection.export('raw'));
}

/** The upload of the issue: 200 certificates, 3070-bit exponents, as a .p7b that a conversation keeps (and so re-analyses on every later upload). */
export const ISSUE_BOMB: BombOptions = {
  leaves: 120,
  issuers: 80,
  issuerKey: ABSURD_EXPONENT,
  leafKey: { modulusBits: 512, exponentBits: 17 },
};
