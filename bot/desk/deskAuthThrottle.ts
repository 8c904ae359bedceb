/**
 * Failed desk authentications, limited per client: after `maxFailures` wrong or missing keys
 * within `windowMs` (counted from the client's first failure), every desk API request from that
 * client gets 429 with Retry-After until the window is over, the right key included, so guessing
 * is held to `maxFailures` tries per window instead of thousands a second. A success ends the
 * client's count. Each failure is logged (client address and count, never the key), and so is
 * the moment a client is locked out; the requests refused while locked are not, so a flood cannot
 * flood the log. The table is bounded: beyond `maxClients`, expired entries go first, then the oldest.
 */
import type { Logger } from '../logging/logger';

export interface DeskAuthLimit {
  /** Failures per client and window before 429 (DESK_AUTH_MAX_FAILURES); 0 turns the limit off. */
  maxFailures: number;
  /** The window, from a client's first failure (DESK_AUTH_WINDOW_SECONDS). */
  windowMs: number;
}

export const DEFAULT_DESK_AUTH_LIMIT: DeskAuthLimit = { maxFailures: 10, windowMs: 5 * 60_000 };

interface Window {
  start: number;
  failures: number;
}

export class DeskAuthThrottle {
  private readonly clients = new Map<string, Window>();

  constructor(
    private readonly limit: DeskAuthLimit,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly maxClients = 10_000,
  ) {}

  /** Seconds the client must wait (Retry-After) when it is locked out now; undefined when it may try. */
  retryAfter(client: string): number | undefined {
    if (this.limit.maxFailures <= 0) return undefined;
    const window = this.current(client);
    if (!window || window.failures < this.limit.maxFailures) return undefined;
    return Math.max(1, Math.ceil((window.start + this.limit.windowMs - this.now()) / 1000));
  }

  failed(client: string, path: string): void {
    if (this.limit.maxFailures <= 0) return;
    let window = this.current(client);
    if (!window) {
      if (this.clients.size >= this.maxClients) this.makeRoom();
      window = { start: this.now(), failures: 0 };
      this.clients.set(client, window);
    }
    window.failures += 1;
    const fields = { event: 'desk-auth-failed', remote: client, path, failures: window.failures, maxFailures: this.limit.maxFailures };
    if (window.failures === this.limit.maxFailures) {
      this.logger.warn(
        `agent desk: ${window.failures} failed authentications from ${client}: locked out for ${Math.ceil(this.limit.windowMs / 1000)} s from the first`,
        { ...fields, event: 'desk-auth-locked' },
      );
    } else this.logger.warn('agent desk: failed authentication', fields);
  }

  succeeded(client: string): void {
    this.clients.delete(client);
  }

  private current(client: string): Window | undefined {
    const window = this.clients.get(client);
    if (window && this.now() - window.start >= this.limit.windowMs) {
      this.clients.delete(client);
      return undefined;
    }
    return window;
  }

  private makeRoom(): void {
    const time = this.now();
    for (const [client, window] of this.clients) if (time - window.start >= this.limit.windowMs) this.clients.delete(client);
    // Still full: the oldest entry goes (a Map iterates in insertion order).
    if (this.clients.size >= this.maxClients) {
      const oldest = this.clients.keys().next();
      if (!oldest.done) this.clients.delete(oldest.value);
    }
  }
}
