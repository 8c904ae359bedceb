/**
 * GET /api/desk/events: Server-Sent Events for the desk page. Every changed case is sent as
 * `event: case` with its queue item (status, assignee, newest message number ...); the page
 * reloads what it shows. Changes made in this process arrive at once; changes made by other bot
 * instances come from the store's changedSince, polled once a second for all connected desks
 * together (only while at least one desk is connected). A comment line every 15 s keeps proxies
 * from closing the stream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger';
import type { CaseRecord, CaseStore } from '../cases/caseStore';
import type { EscalationService } from '../escalation/escalationService';

export interface DeskEventHubOptions {
  store: CaseStore;
  service: EscalationService;
  logger: Logger;
  pollMs?: number;
  heartbeatMs?: number;
}

/** Changes within this window before the cursor are read again (clock skew between instances). */
const OVERLAP_MS = 5_000;
const MAX_REMEMBERED = 5_000;
const MAX_CLIENTS = 200;

export class DeskEventHub {
  private readonly clients = new Set<ServerResponse>();
  /** eTag last sent per case, so a change is sent once whether it came in-process or by polling. */
  private readonly sent = new Map<string, string>();
  private cursor = new Date().toISOString();
  private pollTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private polling = false;
  private readonly unsubscribe: () => void;
  private nextEventId = 1;

  constructor(private readonly options: DeskEventHubOptions) {
    this.unsubscribe = options.service.onEvent((event) => void this.publish(event.record));
  }

  get connected(): number {
    return this.clients.size;
  }

  subscribe(req: IncomingMessage, res: ServerResponse): void {
    if (this.clients.size >= MAX_CLIENTS) {
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '10' });
      res.end('Too many desk connections.');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n: connected\n\n');
    this.clients.add(res);
    const drop = () => {
      this.clients.delete(res);
      if (this.clients.size === 0) this.stopTimers();
    };
    req.on('close', drop);
    res.on('close', drop);
    this.startTimers();
  }

  /** Ends every stream (before the server closes: an open stream would keep it waiting). */
  close(): void {
    this.unsubscribe();
    this.stopTimers();
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  private startTimers(): void {
    if (!this.pollTimer) {
      this.cursor = new Date().toISOString();
      this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 1000);
      this.pollTimer.unref();
    }
    if (!this.heartbeatTimer) {
      this.heartbeatTimer = setInterval(() => this.write(': keep-alive\n\n'), this.options.heartbeatMs ?? 15_000);
      this.heartbeatTimer.unref();
    }
  }

  private stopTimers(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.pollTimer = undefined;
    this.heartbeatTimer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.clients.size === 0) return;
    this.polling = true;
    try {
      const since = new Date(Date.parse(this.cursor) - OVERLAP_MS).toISOString();
      const changed = await this.options.store.changedSince(since, { limit: 500 });
      for (const record of changed) {
        if (record.updatedAt > this.cursor) this.cursor = record.updatedAt;
        await this.publish(record);
      }
    } catch (error) {
      this.options.logger.warn(`desk events: reading changes failed: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  private async publish(record: CaseRecord): Promise<void> {
    if (this.clients.size === 0 || this.sent.get(record.id) === record.eTag) return;
    this.sent.delete(record.id);
    this.sent.set(record.id, record.eTag);
    if (this.sent.size > MAX_REMEMBERED) this.sent.delete(this.sent.keys().next().value as string);
    const item = await this.options.service.listItem(record).catch(() => undefined);
    if (!item) return;
    this.write(`id: ${this.nextEventId++}\nevent: case\ndata: ${JSON.stringify(item)}\n\n`);
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.write(chunk);
  }
}
