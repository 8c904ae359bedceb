/** The host's JSON logger writing into memory, so tests can read every line it wrote. */
import type { Logger } from '../../../bot/logging/logger';
import { createJsonLogger, type LogLevel } from '../../../bot/logging/jsonLogger';

export interface MemoryLog {
  logger: Logger;
  lines: string[];
  /** Parsed lines. */
  entries(): Array<Record<string, unknown>>;
}

export function memoryLog(level: LogLevel = 'debug'): MemoryLog {
  const lines: string[] = [];
  const logger = createJsonLogger({
    level,
    destination: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter((line) => line.length > 0)) },
  });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
