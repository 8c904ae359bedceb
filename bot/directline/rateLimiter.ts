/**
 * The simplest useful rate limit: at most `limit` events per key per fixed window. Keys are
 * forgotten when their window is over, and the table is bounded so that many distinct
 * addresses cannot grow it without end.
 */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one event for `key`; false when the key is over its limit in this window. */
  take(key: string): boolean {
    const time = this.now();
    let window = this.windows.get(key);
    if (!window || time - window.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.forgetExpired(time);
      if (this.windows.size >= this.maxKeys) return false;
      window = { start: time, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.limit;
  }

  private forgetExpired(time: number): void {
    for (const [key, window] of this.windows) {
      if (time - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
