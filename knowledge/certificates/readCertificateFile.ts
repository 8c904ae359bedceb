/**
 * Turns one uploaded file into parsed certificates plus file-level issues, whatever format
 * the admin has: DER .cer, PEM (one or many blocks, CRLF, text around it, UTF-16 from
 * PowerShell), Base64 without armour, PKCS#7 (.p7b/.p7c, DER or PEM). PKCS#12 files and
 * private keys are recognised and never opened: only their presence is reported.
 *
 * Never throws: every failure becomes a FileIssue with a message in both languages.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate as AsnCertificate } from '@peculiar/asn1-x509';
import { x509 } from './cryptoSetup';
import { localized, type CatalogueKey } from './catalogue';
import { readTlv, sniffDer } from './derSniff';
import { BER_LIMITS, MAX_FILE_BYTES } from './limits';
import { scanPem } from './pemBlocks';
import { decodeBareBase64, decodeText, looksLikeHtml } from './textDecoding';
import type { FileClass, FileIssue, UploadedFile } from './types';

export interface ParsedCertificate {
  certificate: x509.X509Certificate;
  /** The ASN.1 structure behind `certificate` (x509 keeps its own copy protected). */
  asn: AsnCertificate;
  /** The DER bytes exactly as supplied (thumbprints are computed over these). */
  der: Uint8Array;
  fileName: string;
}

export interface FileReading {
  fileName: string;
  fileClass: FileClass;
  certificates: ParsedCertificate[];
  issues: FileIssue[];
}

/** What the DER and PEM parts of one file turned out to contain. */
interface Contents {
  certificates: ParsedCertificate[];
  privateKey: boolean;
  pfx: boolean;
  csr: boolean;
  crl: boolean;
  publicKey: boolean;
  emptyPkcs7: boolean;
  truncated: boolean;
  tooComplex: boolean;
  brokenPem: boolean;
  unknown: boolean;
  /** Classifying only: once one certificate parsed, the others are recognised but not parsed. */
  classifyOnly?: boolean;
  /** Classifying only: a PKCS#7 bundle was found (not parsed here). */
  pkcs7ForAnalysis?: boolean;
}

function emptyContents(): Contents {
  return {
    certificates: [],
    privateKey: false,
    pfx: false,
    csr: false,
    crl: false,
    publicKey: false,
    emptyPkcs7: false,
    truncated: false,
    tooComplex: false,
    brokenPem: false,
    unknown: false,
  };
}

const parseOptions = { berOptions: { ...BER_LIMITS } };

/** asn1js reports its resource limits with these words. */
function isLimitError(error: unknown): boolean {
  return error instanceof Error && /maximum|exceed|too deep|depth|node count/i.test(error.message);
}

function recordParseFailure(contents: Contents, error: unknown): void {
  if (isLimitError(error)) contents.tooComplex = true;
  else contents.truncated = true;
}

/** Parses one certificate and touches the fields the analysis reads, so that lazy errors surface here. */
function parseCertificate(der: Uint8Array, fileName: string, contents: Contents): void {
  if (contents.classifyOnly && contents.certificates.length > 0) return;
  try {
    const asn = AsnConvert.parse(der.slice(), AsnCertificate, parseOptions);
    const certificate = new x509.X509Certificate(asn, parseOptions);
    void certificate.subject;
    void certificate.issuer;
    void certificate.notBefore;
    void certificate.notAfter;
    contents.certificates.push({ certificate, asn, der, fileName });
  } catch (error) {
    recordParseFailure(contents, error);
  }
}

function parsePkcs7(der: Uint8Array, fileName: string, contents: Contents): void {
  // Routing only: a PKCS#7 bundle goes to the analysis, which parses (and explains) it off the event loop.
  if (contents.classifyOnly) {
    contents.pkcs7ForAnalysis = true;
    return;
  }
  let collection: x509.X509Certificates;
  try {
    collection = new x509.X509Certificates(der.slice(), parseOptions);
  } catch (error) {
    recordParseFailure(contents, error);
    return;
  }
  if (collection.length === 0) contents.emptyPkcs7 = true;
  for (const certificate of collection) {
    parseCertificate(new Uint8Array(certificate.rawData), fileName, contents);
  }
}

/** Most DER elements read from one blob (several certificates concatenated into one .cer). */
const MAX_CONCATENATED = 50;

/**
 * Routes one DER blob by its outer structure. Thumbprints must be over the certificate's
 * own bytes, so trailing bytes (a CRLF, padding) are cut off, and certificates simply
 * concatenated into one file are read one after the other.
 */
function readDer(der: Uint8Array, fileName: string, contents: Contents, pemLabel?: string): void {
  let offset = 0;
  for (let count = 0; count < MAX_CONCATENATED && offset < der.length; count++) {
    const element = readTlv(der, offset);
    const end = element ? Math.min(element.end, der.length) : der.length;
    const first = count === 0;
    const piece = der.subarray(offset, element && element.end <= der.length ? element.end : der.length);
    if (!first && (sniffDer(piece).kind !== 'certificate' || !element || element.end > der.length)) return;
    readOneDer(piece, fileName, contents, pemLabel);
    offset = end;
  }
}

/** A PEM label says what the body should be when the bytes themselves are too damaged to tell. */
function readByLabel(label: string | undefined, contents: Contents): void {
  if (label && /REQUEST/.test(label)) contents.csr = true;
  else if (label && /CRL/.test(label)) contents.crl = true;
  else if (label && /PUBLIC KEY/.test(label)) contents.publicKey = true;
  else if (label && /CERTIFICATE|PKCS7|CMS/.test(label)) contents.brokenPem = true;
  else contents.unknown = true;
}

function readOneDer(der: Uint8Array, fileName: string, contents: Contents, pemLabel?: string): void {
  const sniff = sniffDer(der);
  switch (sniff.kind) {
    case 'certificate':
      if (sniff.truncated) contents.truncated = true;
      else parseCertificate(der, fileName, contents);
      return;
    case 'pkcs7':
      if (sniff.truncated) contents.truncated = true;
      else parsePkcs7(der, fileName, contents);
      return;
    case 'pfx':
      contents.pfx = true;
      return;
    case 'private-key':
      contents.privateKey = true;
      return;
    case 'csr':
      contents.csr = true;
      return;
    case 'crl':
      contents.crl = true;
      return;
    case 'public-key':
      contents.publicKey = true;
      return;
    default:
      readByLabel(pemLabel, contents);
  }
}

function readPemText(text: string, fileName: string, contents: Contents): boolean {
  const scan = scanPem(text);
  if (scan.blocks.length === 0 && scan.brokenArmour === 0) return false;
  if (scan.brokenArmour > 0) contents.brokenPem = true;
  for (const block of scan.blocks) {
    if (block.privateKey) contents.privateKey = true;
    else if (block.damaged || !block.der) contents.brokenPem = true;
    else readDer(block.der, fileName, contents, block.label);
  }
  return true;
}

/** The one issue that best explains a file without certificates. */
function explainNoCertificate(contents: Contents): CatalogueKey {
  if (contents.csr) return 'file.csr';
  if (contents.crl) return 'file.crl';
  if (contents.publicKey) return 'file.publicKey';
  if (contents.tooComplex) return 'file.tooComplex';
  if (contents.truncated) return 'file.truncated';
  if (contents.emptyPkcs7) return 'file.emptyPkcs7';
  if (contents.brokenPem) return 'file.brokenPem';
  return 'file.unknown';
}

function issue(fileName: string, kind: FileIssue['kind'], key: CatalogueKey, params: Record<string, string | number> = {}): FileIssue {
  return { fileName, kind, message: localized(key, { file: fileName, ...params }) };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

function issuesFor(fileName: string, contents: Contents): FileIssue[] {
  const issues: FileIssue[] = [];
  const count = contents.certificates.length;
  if (contents.pfx) issues.push(issue(fileName, 'private-key-present', 'file.pfx'));
  if (contents.privateKey) {
    issues.push(
      count > 0
        ? issue(fileName, 'private-key-present', 'file.privateKeyWithCertificates', { count })
        : issue(fileName, 'private-key-present', 'file.privateKeyOnly'),
    );
  }
  if (count === 0 && !contents.pfx && !contents.privateKey) {
    const key = explainNoCertificate(contents);
    issues.push(issue(fileName, key === 'file.truncated' ? 'truncated' : 'not-a-certificate', key));
  } else if (count > 0 && (contents.brokenPem || contents.truncated || contents.tooComplex)) {
    // Some parts read, others not: say so, a missing intermediate may hide in the broken part.
    const key = contents.tooComplex ? 'file.tooComplex' : contents.truncated ? 'file.truncated' : 'file.brokenPem';
    issues.push(issue(fileName, 'truncated', key));
  }
  return issues;
}

function classOf(contents: Contents): FileClass {
  if (contents.pfx || contents.privateKey) return 'private-key';
  return contents.certificates.length > 0 || contents.pkcs7ForAnalysis ? 'certificate' : 'unknown';
}

export function readCertificateFile(file: UploadedFile, classifyOnly = false): FileReading {
  const fileName = file.name || 'upload';
  const bytes = file.bytes;
  if (bytes.length === 0) {
    return { fileName, fileClass: 'unknown', certificates: [], issues: [issue(fileName, 'empty', 'file.empty')] };
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return {
      fileName,
      fileClass: quickClass(bytes),
      certificates: [],
      issues: [issue(fileName, 'too-large', 'file.tooLarge', { size: formatBytes(bytes.length), limit: formatBytes(MAX_FILE_BYTES) })],
    };
  }
  const contents: Contents = { ...emptyContents(), classifyOnly };
  try {
    const text = decodeText(bytes);
    if (text === undefined) {
      readDer(bytes, fileName, contents);
    } else if (!readPemText(text, fileName, contents)) {
      if (looksLikeHtml(text)) {
        return { fileName, fileClass: 'unknown', certificates: [], issues: [issue(fileName, 'not-a-certificate', 'file.html')] };
      }
      const bare = decodeBareBase64(text);
      if (!bare) {
        return { fileName, fileClass: 'text', certificates: [], issues: [issue(fileName, 'not-a-certificate', 'file.text')] };
      }
      readDer(bare, fileName, contents);
    }
  } catch (error) {
    // Defensive: the steps above catch their own errors; anything else still becomes a message.
    recordParseFailure(contents, error);
  }
  return { fileName, fileClass: classOf(contents), certificates: contents.certificates, issues: issuesFor(fileName, contents) };
}

/** Class of a file too large to read in full, from its first bytes only. */
function quickClass(bytes: Uint8Array): FileClass {
  const kind = sniffDer(bytes).kind;
  if (kind === 'pfx' || kind === 'private-key') return 'private-key';
  if (kind === 'certificate' || kind === 'pkcs7') return 'certificate';
  const head = decodeText(bytes.subarray(0, 64 * 1024));
  if (head === undefined) return 'unknown';
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(head)) return 'private-key';
  if (/-----BEGIN (CERTIFICATE|PKCS7|X509 CERTIFICATE)-----/.test(head)) return 'certificate';
  return looksLikeHtml(head) ? 'unknown' : 'text';
}

/**
 * What a file is, for routing: certificates go to the analysis, text to the text extractors.
 * 'private-key' files (PFX, PEM with a key) must not be stored; they may still be handed to
 * analyseCertificateFiles, which reads the certificates beside the key and never the key.
 * The file name only tips the balance towards 'private-key' for .pfx/.p12/.key files.
 */
export function classifyFile(name: string, bytes: Uint8Array): FileClass {
  let fileClass: FileClass;
  try {
    // Routing needs one certificate, not 200: the rest is parsed by the analysis (in its worker).
    fileClass = readCertificateFile({ name, bytes }, true).fileClass;
  } catch {
    fileClass = 'unknown';
  }
  if (fileClass !== 'certificate' && /\.(pfx|p12|key)$/i.test(name)) return 'private-key';
  return fileClass;
}
