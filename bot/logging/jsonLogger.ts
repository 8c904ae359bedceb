/**
 * Structured logs: one JSON line per event (pino), with a level, a time, an event name and the
 * ids that let an operator follow a conversation (channel, conversation, activity), never the
 * user's words. As a last line of defence every string that reaches a line, error messages and
 * stacks included, goes through the table of secret shapes first.
 */
import pino from 'pino';
import { redactSecrets } from '../../knowledge/redact';
import type { LogFields, Logger } from './logger';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

const MAX_STRING = 500;
const MAX_STACK = 4000;

function clean(text: string, max = MAX_STRING): string {
  const redacted = redactSecrets(text).text;
  return redacted.length > max ? `${redacted.slice(0, max)}…` : redacted;
}

function cleanFields(fields: LogFields | undefined): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(fields ?? {})) {
    if (value === undefined) continue;
    out[key] = typeof value === 'string' ? clean(value) : value;
  }
  return out;
}

/** An error as log fields: type, code, redacted message and (for internal failures) the redacted stack. */
export function errorFields(error: unknown, withStack: boolean): Record<string, string | number> {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a thrown non-Error is logged as String() shows it, its type beside it
  if (!(error instanceof Error)) return error === undefined ? {} : { type: typeof error, message: clean(String(error)) };
  const fields: Record<string, string | number> = { type: error.name, message: clean(error.message) };
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  if (withStack && error.stack) fields.stack = clean(error.stack, MAX_STACK);
  return fields;
}

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Where the lines go (default standard output). */
  destination?: pino.DestinationStream;
}

export function createJsonLogger(options: JsonLoggerOptions = {}): Logger {
  const base = pino(
    {
      level: options.level ?? 'info',
      base: { service: 'mailflow-tls-bot' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    debug: (message, fields) => base.debug(cleanFields(fields), clean(message)),
    info: (message, fields) => base.info(cleanFields(fields), clean(message)),
    warn: (message, fields) => base.warn(cleanFields(fields), clean(message)),
    error: (message, error, fields) =>
      base.error({ ...cleanFields(fields), ...(error === undefined ? {} : { error: errorFields(error, true) }) }, clean(message)),
  };
}
