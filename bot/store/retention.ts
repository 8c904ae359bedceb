/**
 * Retention: conversation state not written for STATE_RETENTION_DAYS (default 30) and escalation
 * cases closed that long ago are deleted, because the transcript and the case are personal data.
 * The sweep runs shortly after start and then every few hours in every instance; running it
 * twice at once is harmless (each delete is conditional or idempotent).
 */
import type { Logger } from '../logging/logger';
import type { BotStorage } from '../storage';

const DAY_MS = 24 * 60 * 60 * 1000;
export const SWEEP_INTERVAL_MS = 6 * 60 * 60 * 1000;
const FIRST_SWEEP_DELAY_MS = 30 * 1000;

export interface RetentionSweep {
  /** Runs one sweep now (tests, the first run); resolves with what was deleted. */
  runOnce(now?: Date): Promise<{ state: number; cases: number }>;
  stop(): void;
}

export function startRetentionSweep(
  storage: BotStorage,
  retentionDays: number,
  logger: Logger,
  intervalMs = SWEEP_INTERVAL_MS,
): RetentionSweep {
  let running: Promise<{ state: number; cases: number }> | undefined;
  const runOnce = (now = new Date()) => {
    if (!storage.sweep || retentionDays <= 0) return Promise.resolve({ state: 0, cases: 0 });
    const sweep = storage.sweep.bind(storage);
    running ??= (async () => {
      try {
        const result = await sweep(new Date(now.getTime() - retentionDays * DAY_MS));
        if (result.state + result.cases > 0) {
          logger.info(`retention (${retentionDays} days): deleted ${result.state} state items and ${result.cases} closed cases`);
        }
        return result;
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  const sweepLogged = () => {
    runOnce().catch((error) => logger.warn(`retention sweep failed: ${(error as Error).message}`));
  };
  const first = setTimeout(sweepLogged, Math.min(FIRST_SWEEP_DELAY_MS, intervalMs));
  const timer = setInterval(sweepLogged, intervalMs);
  first.unref();
  timer.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
