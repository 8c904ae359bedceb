/**
 * The Bot Framework SDK's token validator writes every rejected token to console.error (the error
 * with its stack, or the whole published key list): a flood of forged requests would flood the
 * output. Those writes, and only those, become one debug line of the host's JSON log; the request
 * itself is already logged once as rejected (bot/http/rejectionLog.ts).
 */
import type { Logger } from './logger';

const SDK_SOURCES = /[\\/]botframework-connector[\\/]lib[\\/]auth[\\/]jwtTokenExtractor\.js/;

let current: Logger | undefined;
let installed = false;

function firstLine(value: unknown): string {
  const text = value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  return text.split('\n', 1)[0].slice(0, 200);
}

/** Routes the SDK's token-validation console output to `logger` (the latest host's, in a process with several). */
export function routeSdkConsole(logger: Logger): void {
  current = logger;
  if (installed) return;
  installed = true;
  const original = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const caller = new Error().stack ?? '';
    if (current && SDK_SOURCES.test(caller)) {
      current.debug?.('token validation failed', { event: 'token-rejected', detail: firstLine(args[0]) });
      return;
    }
    original(...args);
  };
}
