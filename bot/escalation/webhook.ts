/**
 * Ticket systems: every case event (created, assigned, released, closed, contact, rated) is
 * POSTed as JSON to HANDOFF_WEBHOOK_URL.
 *
 * - Signature: `X-Mailflow-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with
 *   `X-Mailflow-Timestamp` (Unix seconds): the receiver recomputes it and rejects old timestamps.
 * - Idempotency: `Idempotency-Key` (also the body's `id`) is the same on every attempt of one event.
 * - Retries: network errors, timeouts, 408, 425, 429 and 5xx are tried again with exponential
 *   backoff (Retry-After honoured), up to HANDOFF_WEBHOOK_MAX_ATTEMPTS; other answers are final.
 *   Events go out in order: a later one waits for the earlier. The last failure stays on the case.
 * - Reverse SSRF policy: https only outside local mode (config.ts), no redirects followed, private
 *   and loopback addresses refused (checked on the resolved address) unless allowed.
 * What is owed is written on the case with the change itself, so a restart loses nothing.
 */
import { createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { isIP } from 'node:net';
import type { Logger } from '../logging/logger';
import type { CaseRecord, CaseStore } from '../cases/caseStore';
import { guardedLookup } from '../download/safeDownload';
import { isPrivateAddress } from '../download/hostPolicy';
import type { WebhookConfig } from './config';
import { detailsOf, type WebhookDelivery, type WebhookRefusal } from './details';
import type { CaseEventKind, CaseOutbox } from './events';
import { mutateCase } from './mutateCase';

const EVENTS: Partial<Record<CaseEventKind, string>> = {
  created: 'case.created',
  assigned: 'case.assigned',
  released: 'case.released',
  closed: 'case.closed',
  contact: 'case.contact',
  rated: 'case.rated',
};

/** Deliveries kept per case: every pending one, and the last few that ended. */
const KEEP_FINISHED = 10;
const MAX_RETRY_AFTER_MS = 3600_000;

export interface PostResult {
  status?: number;
  retryAfterMs?: number;
  error?: string;
  /** The address policy refused the call (a private or loopback address): final, never retried. */
  refused?: 'private-address';
}

export type Poster = (url: string, body: string, headers: Record<string, string>, config: WebhookConfig) => Promise<PostResult>;

/** Signs a body the way receivers verify it. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The case as the ticket system gets it: no conversation reference, evidence only. */
export function webhookCase(record: CaseRecord, deskUrl?: string): Record<string, unknown> {
  const details = detailsOf(record);
  return {
    id: record.id,
    status: record.status,
    language: record.language,
    channelId: record.channelId,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.assignedTo ? { assignedTo: record.assignedTo, assignedAt: record.assignedAt } : {}),
    ...(record.closedAt ? { closedAt: record.closedAt, closedBy: details.closedBy } : {}),
    trigger: details.trigger,
    ...(details.userName ? { userName: details.userName } : {}),
    ...(details.contact ? { contact: { email: details.contact.email } } : {}),
    ...(details.rating ? { rating: details.rating } : {}),
    summary: record.summary,
    transcript: record.transcript,
    ...(deskUrl ? { deskUrl } : {}),
  };
}

function retryable(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500;
}

/**
 * POST with the address policy, no redirects, and a deadline: `timeoutMs` bounds the whole attempt
 * (connect, send, the complete answer), not only silence, so a receiver that trickles its answer
 * cannot hold the case's later events (they go out in order) or outlast the delivery's lease.
 */
export const postJson: Poster = (url, body, headers, config) =>
  new Promise((done) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!config.allowPrivate && isIP(host) !== 0 && isPrivateAddress(host)) {
      done({ error: 'the webhook address is private or loopback (not allowed)', refused: 'private-address' });
      return;
    }
    const timer: { deadline?: NodeJS.Timeout } = {};
    const resolve = (result: PostResult) => {
      clearTimeout(timer.deadline);
      done(result);
    };
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(config.allowPrivate),
        timeout: config.timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const after = Number(response.headers['retry-after']);
          resolve({
            status,
            ...(Number.isFinite(after) && after >= 0 ? { retryAfterMs: Math.min(after * 1000, MAX_RETRY_AFTER_MS) } : {}),
          });
        });
        response.on('error', () => resolve({ error: 'the connection broke while reading the answer' }));
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    timer.deadline = setTimeout(() => {
      resolve({ error: `no complete answer within ${config.timeoutMs} ms` });
      request.destroy();
    }, config.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      resolve({
        ...(code === 'EBLOCKED' ? { refused: 'private-address' as const } : {}),
        error:
          code === 'EBLOCKED'
            ? 'the webhook host resolves to a private or loopback address (not allowed)'
            : code === 'ETIMEDOUT'
              ? `no answer within ${config.timeoutMs} ms`
              : `network error${/^[A-Z_]{2,30}$/.test(code) ? ` (${code})` : ''}`,
      });
    });
    request.end(body);
  });

export interface WebhookOutboxOptions {
  store: CaseStore;
  config: WebhookConfig;
  logger: Logger;
  deskUrl?: (caseId: string) => string | undefined;
  now?: () => Date;
  post?: Poster;
}

export class WebhookOutbox implements CaseOutbox {
  readonly name = 'webhook';
  private readonly now: () => Date;
  private readonly post: Poster;
  /** One flush per case at a time in this process (the lease keeps other instances out). */
  private readonly flushing = new Map<string, Promise<void>>();

  constructor(private readonly options: WebhookOutboxOptions) {
    this.now = options.now ?? (() => new Date());
    this.post = options.post ?? postJson;
  }

  mark(details: ReturnType<typeof detailsOf>, kind: CaseEventKind, at: string): void {
    const event = EVENTS[kind];
    if (!event) return;
    const webhook = (details.webhook ??= { deliveries: [] });
    webhook.deliveries.push({ key: randomUUID(), event, occurredAt: at, state: 'pending', attempts: 0, nextAttemptAt: at });
    const finished = webhook.deliveries.filter((delivery) => delivery.state !== 'pending');
    if (finished.length > KEEP_FINISHED) {
      const drop = new Set(finished.slice(0, finished.length - KEEP_FINISHED));
      webhook.deliveries = webhook.deliveries.filter((delivery) => !drop.has(delivery));
    }
  }

  owes(record: CaseRecord, now: Date): boolean {
    const next = this.due(detailsOf(record).webhook?.deliveries ?? []);
    return next !== undefined && this.isDue(next, now);
  }

  flush(caseId: string): Promise<void> {
    const running = this.flushing.get(caseId);
    if (running) return running;
    const work = this.flushLoop(caseId).finally(() => this.flushing.delete(caseId));
    this.flushing.set(caseId, work);
    return work;
  }

  /** The first pending delivery: events go out in order. */
  private due(deliveries: WebhookDelivery[]): WebhookDelivery | undefined {
    return deliveries.find((delivery) => delivery.state === 'pending');
  }

  private isDue(delivery: WebhookDelivery, now: Date): boolean {
    const time = now.toISOString();
    return (!delivery.nextAttemptAt || delivery.nextAttemptAt <= time) && (!delivery.leaseUntil || delivery.leaseUntil <= time);
  }

  private async flushLoop(caseId: string): Promise<void> {
    for (let sent = 0; sent < 50; sent++) {
      // Lease the next due delivery, so another instance does not send it at the same time.
      let leased: WebhookDelivery | undefined;
      const leaseResult = await mutateCase(this.options.store, caseId, (_record, details) => {
        const next = this.due(details.webhook?.deliveries ?? []);
        if (!next || !this.isDue(next, this.now())) return 'skip';
        next.leaseUntil = new Date(this.now().getTime() + this.options.config.timeoutMs + 5_000).toISOString();
        next.attempts += 1;
        leased = { ...next };
        return undefined;
      });
      if (!leaseResult || !leased) return;
      const delivery: WebhookDelivery = leased;
      const outcome = await this.send(leaseResult.record, delivery);
      await mutateCase(this.options.store, caseId, (_record, details) => {
        const webhook = details.webhook;
        const entry = webhook?.deliveries.find((candidate) => candidate.key === delivery.key);
        if (!webhook || !entry) return 'skip';
        delete entry.leaseUntil;
        if (outcome.ok) {
          delete webhook.refused;
          entry.state = 'delivered';
          delete entry.nextAttemptAt;
          delete entry.lastError;
          return undefined;
        }
        entry.lastError = outcome.error;
        const final = !outcome.retry || entry.attempts >= this.options.config.maxAttempts;
        if (outcome.refused)
          webhook.refused = { reason: outcome.refused, message: outcome.error, event: entry.event, at: this.now().toISOString() };
        if (final) {
          entry.state = 'failed';
          delete entry.nextAttemptAt;
          webhook.lastFailure = {
            event: entry.event,
            key: entry.key,
            at: this.now().toISOString(),
            error: outcome.error,
            attempts: entry.attempts,
          };
        } else {
          const backoff = this.options.config.retryBaseMs * 2 ** (entry.attempts - 1);
          entry.nextAttemptAt = new Date(this.now().getTime() + Math.max(backoff, outcome.retryAfterMs ?? 0)).toISOString();
        }
        return undefined;
      });
      if (!outcome.ok) {
        this.options.logger.warn(
          `handoff webhook: ${delivery.event} of case ${caseId} failed (attempt ${delivery.attempts}): ${outcome.error}`,
        );
        if (outcome.retry) this.scheduleRetry(caseId);
        return;
      }
    }
  }

  /** In-process retry timer (the sweep covers restarts and other instances). */
  private scheduleRetry(caseId: string): void {
    void this.options.store.get(caseId).then(
      (record) => {
        const next = record ? this.due(detailsOf(record).webhook?.deliveries ?? []) : undefined;
        if (!next?.nextAttemptAt) return;
        const wait = Math.max(0, Date.parse(next.nextAttemptAt) - this.now().getTime());
        if (wait > 10 * 60_000) return;
        setTimeout(() => void this.flush(caseId).catch(() => undefined), wait + 5).unref();
      },
      () => undefined,
    );
  }

  private async send(
    record: CaseRecord,
    delivery: WebhookDelivery,
  ): Promise<{ ok: true } | { ok: false; retry: boolean; error: string; retryAfterMs?: number; refused?: WebhookRefusal['reason'] }> {
    const body = JSON.stringify({
      id: delivery.key,
      event: delivery.event,
      occurredAt: delivery.occurredAt,
      attempt: delivery.attempts,
      case: webhookCase(record, this.options.deskUrl?.(record.id)),
    });
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const headers = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': 'mailflow-tls-bot-webhook/1',
      'Idempotency-Key': delivery.key,
      'X-Mailflow-Event': delivery.event,
      'X-Mailflow-Timestamp': timestamp,
      'X-Mailflow-Signature': webhookSignature(this.options.config.secret, timestamp, body),
    };
    const result = await this.post(this.options.config.url, body, headers, this.options.config);
    if (result.status !== undefined && result.status >= 200 && result.status < 300) return { ok: true };
    if (result.status !== undefined) {
      const redirect = result.status >= 300 && result.status < 400;
      return {
        ok: false,
        retry: retryable(result.status),
        error: `HTTP ${result.status}${redirect ? ' (redirects are not followed)' : ''}`,
        retryAfterMs: result.retryAfterMs,
      };
    }
    // A policy refusal is final: the address will not stop being private by waiting.
    if (result.refused) return { ok: false, retry: false, refused: result.refused, error: result.error ?? 'refused by the address policy' };
    return { ok: false, retry: true, error: result.error ?? 'no answer' };
  }
}
