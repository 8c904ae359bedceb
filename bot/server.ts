/**
 * The restify server: POST /api/messages (Bot Framework), GET /healthz (liveness: the process
 * serves HTTP), GET /readyz (readiness: the stores answer; 503 otherwise and while shutting
 * down, so App Service or a load balancer sends no turns to an instance that would fail them).
 * Other modules mount their routes on the returned server (web chat page, local Direct Line).
 */
import type { AddressInfo } from 'net';
import * as restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { HostAdapter } from './adapter';
import type { Logger } from './logging/logger';
import {
  type ConnectionLimits,
  type HostPolicyOptions,
  installConnectionLimits,
  installHttpGuards,
  messagesHandler,
  RejectionLog,
} from './http';

export interface ServerParts {
  adapter: HostAdapter;
  bot: ActivityHandler;
  /** JSON bodies above this get HTTP 413 (a 1 MB paste must fit; JSON escaping can double it). */
  maxBodyBytes: number;
  logger: Logger;
  /** Local mode: only loopback Host headers are answered (see bot/http/hostCheck.ts). */
  hostPolicy?: HostPolicyOptions;
  /** Readiness check: resolves when the instance can serve turns. */
  checkReady?: () => Promise<void>;
  /** Body deadline and per-client connection cap (bot/http/connectionLimits.ts); default: none. */
  connectionLimits?: ConnectionLimits;
}

const READY_TIMEOUT_MS = 5_000;

export function createServer(parts: ServerParts): restify.Server {
  const server = restify.createServer({ name: 'mailflow-tls-bot' });
  const rejections = new RejectionLog(parts.logger);
  // First: a refused connection's request and a trickled body are cut off before anything reads them.
  if (parts.connectionLimits) installConnectionLimits(server, parts.connectionLimits, rejections);
  // Host check, short error bodies, one log line per rejected request (bot/http).
  installHttpGuards(server, { hostPolicy: parts.hostPolicy, logger: parts.logger, rejections });
  server.use(restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.post(
    '/api/messages',
    messagesHandler({ adapter: parts.adapter, logic: (context) => parts.bot.run(context), logger: parts.logger, rejections }),
  );

  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  let lastReadyFailure = '';
  server.get('/readyz', async (_req, res) => {
    try {
      await withTimeout(parts.checkReady?.() ?? Promise.resolve(), READY_TIMEOUT_MS);
      lastReadyFailure = '';
      res.send(200, { status: 'ready' });
    } catch (error) {
      // Logged once per kind of failure, not on every probe; the body says nothing internal.
      const reason = (error as Error)?.message ?? String(error);
      if (reason !== lastReadyFailure) parts.logger.warn(`readiness check failed: ${reason}`);
      lastReadyFailure = reason;
      res.send(503, { status: 'unavailable' });
    }
  });

  return server;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function listen(server: restify.Server, port: number, host?: string): Promise<AddressInfo> {
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    if (host) server.listen(port, host, () => resolve());
    else server.listen(port, () => resolve());
  });
  return server.address();
}

export async function closeServer(server: restify.Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold close() open; idle ones can go now.
    (server.server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  });
}
