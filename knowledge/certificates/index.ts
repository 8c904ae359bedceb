/**
 * Certificate analysis: uploaded certificate files become reports, chain verdicts and
 * findings for the diagnosis. No Bot Framework here; the bot and the CLI call these.
 */
export { analyseCertificateFiles, type AnalyseOptions } from './analyse';
export { analyseCertificateFilesOffThread, CertificateAnalysisPool, type AnalysisPoolOptions } from './analysisPool';
export { classifyFile, readCertificateFile, type FileReading } from './readCertificateFile';
export { describeCertificateAnalysis } from './describeAnalysis';
export { TrustStore } from './trustStore';
export { coversHost, buildNameSet, normaliseHostName } from './hostNames';
export { internalNameReasons, internalUrlReasons, type InternalReason } from './internalCa';
export { decodeText as textOfFile } from './textDecoding';
export { exchangeThumbprint, intermediateFileName } from './exchangeCommands';
export { catalogue, localized, message, type CatalogueKey } from './catalogue';
export { FINDING_SOURCE } from './certificateFindings';
export * as limits from './limits';
export type {
  UploadedFile,
  FileClass,
  CertificateReport,
  ChainReport,
  FileIssue,
  CertificatePairReport,
  CertificateAnalysis,
} from './types';
