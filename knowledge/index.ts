/** The knowledge core's public face: the bot, the command line, tests and benchmarks use only this. */
export * from './types';
export { extractFindings, MAX_TEXT_CHARS } from './evidence/extract';
export {
  diagnose,
  MATCH_THRESHOLD,
  nextBestAnswer,
  answerQuestion,
  findQuestion,
  DONT_KNOW_OPTION,
  DEFAULT_MAX_QUESTIONS,
} from './diagnose';
export { render, renderEvidence, type RenderOptions } from './render/render';
export { hypothesisNotices } from './render/hypotheses';
export { commandValues } from './render/commandValues';
export { detectLanguage, formatDay } from './language';
export {
  loadKnowledgeBase,
  findCause,
  findArticle,
  KnowledgeBaseError,
  type Article,
  type Cause,
  type KnowledgeBase,
} from './knowledgeBase';
export { canonicalCauseId, sameCause, legacyArticleId } from './causeIds';
export { catalogueEntries, causeRef, type CatalogueEntry } from './causeCatalogue';
export {
  analyseCertificateFiles,
  analyseCertificateFilesOffThread,
  classifyFile,
  textOfFile,
  describeCertificateAnalysis,
} from './certificates';
export { analyseInputs, certificateHostNames, textAroundPem, type InputsAnalysis } from './analyseInputs';
export type { UploadedFile, CertificateAnalysis, CertificateReport, ChainReport, FileIssue } from './certificates/types';
export { collectionScript, collectionScriptFileName, howToRunCollectionScript } from './collect/scripts';
export type { CollectKind } from './collect/format';
