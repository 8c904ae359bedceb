/** Secret redaction for everything users give: one table of shapes, used by the bot, the command line and the logs. */
export { redactFileName, redactSecrets, type RedactionResult } from './redact';
export { REMOVED, KEY_REMOVED, SECRET_SHAPES, type SecretShape } from './secretShapes';
export { REDACTION_NOTICE } from './notice';
