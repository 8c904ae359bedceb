/** The knowledge core's secret redaction (knowledge/redact), where the dialogs have always imported it from. */
export { redactFileName, redactSecrets, type RedactionResult } from '../knowledge/redact';
