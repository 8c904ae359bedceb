/**
 * Reads what the analysis needs from one parsed certificate: names, keys, purposes,
 * download addresses, thumbprints. Extensions are decoded one by one with the ASN.1
 * schemas, each in its own try, so that one odd extension (an otherName SAN, a
 * vendor-specific encoding) does not make the whole certificate unreadable.
 */
import { createHash, X509Certificate as NodeX509Certificate } from 'crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import * as asn1X509 from '@peculiar/asn1-x509';
import { readTbsParts } from './derSniff';
import { BER_LIMITS, REPORT_SAN_LIMIT } from './limits';
import { publicKeyInfo } from './publicKeyInfo';
import { unusableKeyReason, type UnusableKeyReason } from './keySanity';
import { formatName, safeText } from './displayText';
import { buildNameSet, type NameSet } from './hostNames';
import type { ParsedCertificate } from './readCertificateFile';
import type { CertificateReport } from './types';

export interface CertificateFacts {
  parsed: ParsedCertificate;
  /** The report, `problems` still empty (the analysis fills it). */
  report: CertificateReport;
  /** Subject and issuer as DER hex (exact-bytes comparison, as chain builders do). */
  subjectKey: string;
  issuerKey: string;
  /** Subject Key Identifier and Authority Key Identifier (hex, lower case). */
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** Subject public key info, DER, for "same key" comparisons with store roots. */
  spkiHex: string;
  notBefore: Date;
  notAfter: Date;
  /** Subject equals issuer (a root or a self-signed certificate, signature not yet checked). */
  selfIssued: boolean;
  /** The signature algorithm is SHA-1 or weaker. */
  weakSignatureAlgorithm: boolean;
  /** DNS names the certificate is valid for (SAN, or the CN when there is no SAN). */
  names: NameSet;
  /** Set when the key is one no CA issues (see keySanity.ts): it never checks a signature. */
  unusableKey?: UnusableKeyReason;
  /** Bits of the RSA public exponent, for the message about an unusable key. */
  exponentBits?: number;
  /** Node's own parse, made on first use, for signature checks. */
  native?: NodeX509Certificate;
}

const parseOptions = { berOptions: { ...BER_LIMITS } };

/** Windows-style names (as certmgr shows them) for the signature algorithms seen in practice. */
const SIGNATURE_ALGORITHMS: Record<string, { name: string; weak: boolean }> = {
  '1.2.840.113549.1.1.2': { name: 'md2RSA', weak: true },
  '1.2.840.113549.1.1.4': { name: 'md5RSA', weak: true },
  '1.2.840.113549.1.1.5': { name: 'sha1RSA', weak: true },
  '1.3.14.3.2.29': { name: 'sha1RSA', weak: true },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', weak: false },
  '1.2.840.113549.1.1.11': { name: 'sha256RSA', weak: false },
  '1.2.840.113549.1.1.12': { name: 'sha384RSA', weak: false },
  '1.2.840.113549.1.1.13': { name: 'sha512RSA', weak: false },
  '1.2.840.10045.4.1': { name: 'sha1ECDSA', weak: true },
  '1.2.840.10045.4.3.2': { name: 'sha256ECDSA', weak: false },
  '1.2.840.10045.4.3.3': { name: 'sha384ECDSA', weak: false },
  '1.2.840.10045.4.3.4': { name: 'sha512ECDSA', weak: false },
  '1.2.840.10040.4.3': { name: 'sha1DSA', weak: true },
  '1.3.101.112': { name: 'Ed25519', weak: false },
  '1.3.101.113': { name: 'Ed448', weak: false },
};

const OID_CA_ISSUERS = '1.3.6.1.5.5.7.48.2';
const OID_OCSP = '1.3.6.1.5.5.7.48.1';
const OID_ANY_EKU = '2.5.29.37.0';

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return Buffer.from(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)).toString('hex');
}

function digest(algorithm: 'sha1' | 'sha256', der: Uint8Array): string {
  return createHash(algorithm).update(der).digest('hex').toUpperCase();
}

/** Case- and space-insensitive form of a distinguished name, for matching issuer to subject. */
export function nameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([,=+])\s*/g, '$1')
    .trim();
}

function extensionValue(extensions: asn1X509.Extension[], oid: string): ArrayBuffer | undefined {
  const extension = extensions.find((e) => e.extnID === oid);
  return extension ? extension.extnValue.buffer : undefined;
}

/** Decodes one extension; undefined when it is absent or cannot be read. */
function decode<T>(extensions: asn1X509.Extension[], oid: string, schema: new () => T): T | undefined {
  const value = extensionValue(extensions, oid);
  if (!value) return undefined;
  try {
    return AsnConvert.parse(value, schema, parseOptions);
  } catch {
    return undefined;
  }
}

function urisOf(names: asn1X509.GeneralName[] | undefined): string[] {
  return (names ?? [])
    .map((n) => n.uniformResourceIdentifier)
    .filter((u): u is string => typeof u === 'string')
    .slice(0, 10)
    .map((u) => safeText(u, 500));
}

function commonNameOf(parsed: ParsedCertificate): string | undefined {
  try {
    const values = parsed.certificate.subjectName.getField('CN');
    return values.length > 0 ? safeText(values[values.length - 1], 255) : undefined;
  } catch {
    return undefined;
  }
}

export function describeCertificate(parsed: ParsedCertificate): CertificateFacts {
  const certificate = parsed.certificate;
  const tbs = parsed.asn.tbsCertificate;
  const extensions: asn1X509.Extension[] = tbs.extensions ? Array.from(tbs.extensions) : [];

  const san = decode(extensions, asn1X509.id_ce_subjectAltName, asn1X509.SubjectAlternativeName);
  const dnsNames: string[] = [];
  const sanDisplay: string[] = [];
  let sanCount = 0;
  for (const name of san ?? []) {
    const value = name.dNSName ?? name.iPAddress;
    if (value === undefined) continue;
    sanCount++;
    if (name.dNSName !== undefined) dnsNames.push(name.dNSName);
    if (sanDisplay.length < REPORT_SAN_LIMIT) sanDisplay.push(safeText(value, 255));
  }
  const commonName = commonNameOf(parsed);

  const basic = decode(extensions, asn1X509.id_ce_basicConstraints, asn1X509.BasicConstraints);
  const eku = decode(extensions, asn1X509.id_ce_extKeyUsage, asn1X509.ExtendedKeyUsage);
  const ekuList = eku ? Array.from(eku) : undefined;
  const aia = decode(extensions, asn1X509.id_pe_authorityInfoAccess, asn1X509.AuthorityInfoAccessSyntax);
  const crl = decode(extensions, asn1X509.id_ce_cRLDistributionPoints, asn1X509.CRLDistributionPoints);
  const ski = decode(extensions, asn1X509.id_ce_subjectKeyIdentifier, asn1X509.SubjectKeyIdentifier);
  const aki = decode(extensions, asn1X509.id_ce_authorityKeyIdentifier, asn1X509.AuthorityKeyIdentifier);

  const aiaList = aia ? Array.from(aia) : [];
  const aiaIssuerUrls = urisOf(aiaList.filter((a) => a.accessMethod === OID_CA_ISSUERS).map((a) => a.accessLocation));
  const ocspUrls = urisOf(aiaList.filter((a) => a.accessMethod === OID_OCSP).map((a) => a.accessLocation));
  const crlUrls = (crl ? Array.from(crl) : []).flatMap((point) => urisOf(point.distributionPoint?.fullName)).slice(0, 10);

  const signatureOid = parsed.asn.signatureAlgorithm.algorithm;
  const signature = SIGNATURE_ALGORITHMS[signatureOid] ?? { name: signatureOid, weak: false };
  const subject = formatName(certificate.subjectName);
  const issuer = formatName(certificate.issuerName);
  const parts = readTbsParts(parsed.der);
  const spkiDer = parts
    ? new Uint8Array(Buffer.from(parts.spkiHex, 'hex'))
    : new Uint8Array(AsnConvert.serialize(tbs.subjectPublicKeyInfo));
  const key = publicKeyInfo(spkiDer);
  // The walk fails only on odd encodings the full parser tolerated; compare the names as text then.
  const subjectKey = parts?.subjectHex ?? nameKey(subject);
  const issuerKey = parts?.issuerHex ?? nameKey(issuer);

  const report: CertificateReport = {
    fileName: parsed.fileName,
    subject,
    issuer,
    serialNumber: certificate.serialNumber.toUpperCase(),
    thumbprint: digest('sha1', parsed.der),
    sha256: digest('sha256', parsed.der),
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    subjectAltNames: sanDisplay,
    subjectAltNameCount: sanCount,
    commonName,
    keyAlgorithm: key.algorithm,
    keySize: key.size,
    keyCurve: key.curve,
    signatureAlgorithm: signature.name,
    isCA: basic?.cA === true,
    selfSigned: false,
    // No EKU extension means "any purpose" (RFC 5280 4.2.1.12).
    serverAuthEku: !ekuList || ekuList.includes(asn1X509.id_kp_serverAuth) || ekuList.includes(OID_ANY_EKU),
    aiaIssuerUrls,
    ocspUrls,
    crlUrls,
    problems: [],
    internalIssuerReasons: [],
  };

  return {
    parsed,
    report,
    subjectKey,
    issuerKey,
    subjectKeyId: ski ? hex(ski.buffer) : undefined,
    authorityKeyId: aki?.keyIdentifier ? hex(aki.keyIdentifier.buffer) : undefined,
    spkiHex: hex(spkiDer),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    selfIssued: subjectKey === issuerKey,
    weakSignatureAlgorithm: signature.weak,
    unusableKey: unusableKeyReason(key),
    exponentBits: key.exponentBits,
    // RFC 6125 6.4.4: the CN counts only when there is no DNS name in the SAN.
    names: buildNameSet(dnsNames.length > 0 ? dnsNames : commonName ? [commonName] : []),
  };
}

/** Node's parse of the same DER, kept for signature checks. */
export function nativeOf(facts: CertificateFacts): NodeX509Certificate | undefined {
  if (!facts.native) {
    try {
      facts.native = new NodeX509Certificate(Buffer.from(facts.parsed.der));
    } catch {
      return undefined;
    }
  }
  return facts.native;
}

/** True when `issuer`'s key verifies `child`'s signature. */
export function isSignedBy(child: CertificateFacts, issuer: CertificateFacts): boolean {
  const childNative = nativeOf(child);
  const issuerNative = nativeOf(issuer);
  if (!childNative || !issuerNative) return false;
  try {
    return childNative.verify(issuerNative.publicKey);
  } catch {
    return false;
  }
}

/**
 * Server (end-entity) certificate, as opposed to a CA. Besides "not a CA", a CA:TRUE
 * certificate with DNS names or a host-name CN counts: `openssl req -x509` and some
 * appliances mark their self-signed server certificates CA:TRUE.
 */
export function looksLikeServerCertificate(c: CertificateFacts): boolean {
  if (!c.report.isCA || c.report.subjectAltNameCount > 0) return true;
  return /^[a-z0-9*][a-z0-9-]*(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(c.report.commonName ?? '');
}
