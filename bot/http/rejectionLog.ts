/**
 * Rejected requests (bad activities, failed authentication, foreign Host headers) are logged one
 * line each, without a stack, and at most `perMinute` lines a minute: a flood of forged requests
 * must not flood the log. What was held back is counted in the next line that gets through.
 */
import type { Logger } from '../logging/logger';

export interface Rejection {
  status: number;
  /** Short code: bad-activity, unauthorized, host-not-allowed, bad-request ... */
  reason: string;
  method?: string;
  path?: string;
  remote?: string;
  [key: string]: string | number | undefined;
}

export class RejectionLog {
  private windowStart = 0;
  private inWindow = 0;
  private suppressed = 0;

  constructor(
    private readonly logger: Logger,
    private readonly perMinute = 20,
    private readonly clock: () => number = Date.now,
  ) {}

  record(rejection: Rejection): void {
    const now = this.clock();
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (this.inWindow >= this.perMinute) {
      this.suppressed++;
      return;
    }
    this.inWindow++;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger.warn('request rejected', {
      event: 'request-rejected',
      ...rejection,
      ...(suppressed > 0 ? { suppressedBefore: suppressed } : {}),
    });
  }
}
