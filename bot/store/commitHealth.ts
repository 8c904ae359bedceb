/**
 * Readiness that reflects the commits this instance really makes. A store's own probe (a small
 * meta row, a tiny blob) can succeed on a full disk where a turn's state or a case (kilobytes to
 * megabytes, new pages) cannot: 272 of 300 turns failed while /readyz said 200. So every commit
 * of the state and case stores passes through `trackCommits`: one that fails (not an eTag
 * conflict, which is a lost race and no fault of the store) makes the instance not ready, and it
 * stays not ready until a commit at least as large as the failed one succeeds again: a turn's,
 * or the readiness probe's own, which writes a document of that size through the same store
 * (and deletes it) while the instance is failing. A load balancer sends no turns to an instance
 * that is not ready, so without the probe nothing could ever prove it well again.
 */
import type { Storage } from 'botbuilder';
import { CaseConflictError, type CaseStore } from '../cases/caseStore';
import { isStateConflict } from './stateStorage';

/** A probe never writes more than this (a failed write of several MB is probed with 2 MB). */
export const MAX_PROBE_BYTES = 2 * 1024 * 1024;
/** The state key of the readiness probe's document (deleted again after each probe). */
export const PROBE_KEY = 'mailflow-tls-bot/readiness-probe';

interface Failure {
  since: string;
  error: string;
  /** Size of the largest commit that failed since the last success (capped at MAX_PROBE_BYTES). */
  bytes: number;
}

export class CommitHealth {
  private failing: Failure | undefined;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** True while the last commits failed and none of their size has succeeded since. */
  get isFailing(): boolean {
    return this.failing !== undefined;
  }

  /** Size a successful commit must have to end a failure; 0 when nothing is failing (nothing to measure). */
  get bytesToProve(): number {
    return this.failing?.bytes ?? 0;
  }

  recordFailure(error: unknown, bytes: number): void {
    const message = error instanceof Error ? error.message : String(error);
    const size = Math.min(Math.max(bytes, 1), MAX_PROBE_BYTES);
    if (this.failing) {
      this.failing.error = message;
      this.failing.bytes = Math.max(this.failing.bytes, size);
    } else this.failing = { since: this.now().toISOString(), error: message, bytes: size };
  }

  /** A commit of `bytes` succeeded: a failure of at most that size is over. */
  recordSuccess(bytes: number): void {
    if (this.failing && bytes >= this.failing.bytes) this.failing = undefined;
  }

  /**
   * The readiness check: resolves at once while commits succeed; while they fail, runs `probe`
   * (a commit of the failed size) and resolves only if it succeeds.
   */
  async check(probe: (bytes: number) => Promise<void>): Promise<void> {
    const failing = this.failing;
    if (!failing) return;
    const bytes = failing.bytes;
    try {
      await probe(bytes);
    } catch (error) {
      this.recordFailure(error, bytes);
      throw new Error(`commits to the store fail since ${failing.since}: ${failing.error}`, { cause: error });
    }
    this.recordSuccess(bytes);
  }
}

/** The size of a write's arguments, measured only while failing (the healthy path pays nothing). */
function sizeOf(args: unknown[]): number {
  let bytes = 0;
  for (const arg of args) {
    if (typeof arg === 'string') bytes += arg.length;
    else if (arg !== undefined && arg !== null) {
      try {
        bytes += JSON.stringify(arg)?.length ?? 0;
      } catch {
        bytes += 1;
      }
    }
  }
  return bytes;
}

function isLostRace(error: unknown): boolean {
  return error instanceof CaseConflictError || isStateConflict(error);
}

/**
 * The same object, with `methods` (its writes) reporting to `health`; every other member is the
 * object's own. Methods are looked up on every call, so a store's own replacement of one is seen.
 */
export function trackCommits<T extends object>(target: T, methods: readonly string[], health: CommitHealth): T {
  const tracked = new Set(methods);
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property !== 'string' || !tracked.has(property)) return method.bind(object);
      return async (...args: unknown[]) => {
        const size = health.isFailing ? sizeOf(args) : 0;
        try {
          const result = await method.apply(object, args);
          if (health.isFailing) health.recordSuccess(size);
          return result;
        } catch (error) {
          if (!isLostRace(error)) health.recordFailure(error, size || sizeOf(args));
          throw error;
        }
      };
    },
  });
}

const STATE_WRITES = ['write', 'writeNew', 'writeDocument', 'delete'];
const CASE_WRITES = ['create', 'claim', 'replace', 'appendMessage', 'setDelivery'];

export function trackStateCommits<S extends Storage>(storage: S, health: CommitHealth): S {
  return trackCommits(storage, STATE_WRITES, health);
}

export function trackCaseCommits(store: CaseStore, health: CommitHealth): CaseStore {
  return trackCommits(store, CASE_WRITES, health);
}

/** The probe: a document of `bytes` written through the state store (the raw one) and deleted again. */
export function probeCommit(storage: Storage, now: () => Date = () => new Date()): (bytes: number) => Promise<void> {
  return async (bytes) => {
    await storage.write({ [PROBE_KEY]: { at: now().toISOString(), padding: 'x'.repeat(bytes), eTag: '*' } });
    await storage.delete([PROBE_KEY]);
  };
}
