/**
 * Two limits against clients that hold the host's connections: a deadline for request bodies
 * (a body trickling one byte every few seconds is cut off with 408 once REQUEST_BODY_TIMEOUT_MS
 * have passed since its headers, however steadily the bytes come), and a cap on open connections
 * per client address (MAX_CONNECTIONS_PER_CLIENT): a connection beyond it gets a 429 and is closed
 * before any request on it is handled. Header trickling is bounded by Node's headersTimeout,
 * set to the same deadline (at most 60 s).
 */
import type { Socket } from 'node:net';
import type { Request, Response, Next, Server } from 'restify';
import type { RejectionLog } from './rejectionLog';

export interface ConnectionLimits {
  /** A request body must be complete this many ms after its headers; 0: no deadline. */
  bodyTimeoutMs: number;
  /** Open connections per client address; 0: no cap (behind a proxy every client is the proxy). */
  maxConnectionsPerClient: number;
}

const TOO_MANY_BODY = JSON.stringify({ error: 'too-many-connections', message: 'Too many open connections from this client.' });
const TOO_MANY = `HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(TOO_MANY_BODY)}\r\n\r\n${TOO_MANY_BODY}`;

const TIMED_OUT = JSON.stringify({ error: 'request-timeout', message: 'The request body did not arrive in time.' });

function clientOf(socket: Socket): string {
  return (socket.remoteAddress ?? 'unknown').replace(/^::ffff:/i, '');
}

export function installConnectionLimits(server: Server, limits: ConnectionLimits, rejections: RejectionLog): void {
  const refused = new WeakSet<Socket>();
  if (limits.maxConnectionsPerClient > 0) {
    const open = new Map<string, number>();
    server.server.on('connection', (socket: Socket) => {
      const client = clientOf(socket);
      const count = open.get(client) ?? 0;
      if (count >= limits.maxConnectionsPerClient) {
        refused.add(socket);
        rejections.record({ status: 429, reason: 'too-many-connections', remote: client, open: count });
        socket.end(TOO_MANY, () => socket.destroy());
        return;
      }
      open.set(client, count + 1);
      socket.once('close', () => {
        const left = (open.get(client) ?? 1) - 1;
        if (left > 0) open.set(client, left);
        else open.delete(client);
      });
    });
  }
  if (limits.bodyTimeoutMs > 0) server.server.headersTimeout = Math.min(limits.bodyTimeoutMs, 60_000);

  server.pre((req: Request, res: Response, next: Next) => {
    // A request that arrived on a refused connection is never handled (it got its 429).
    if (refused.has(req.socket)) {
      req.socket.destroy();
      return next(false);
    }
    if (limits.bodyTimeoutMs <= 0 || req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      rejections.record({ status: 408, reason: 'body-timeout', method: req.method, path: req.path?.(), remote: clientOf(req.socket) });
      res.writeHead(408, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(TIMED_OUT), Connection: 'close' });
      res.end(TIMED_OUT, () => req.socket.destroy());
      // Closed even if the answer cannot be flushed (a client that does not read).
      setTimeout(() => req.socket.destroy(), 1_000).unref();
      // The body reader then fails and restify would answer that error too: the 408 was the answer.
      res.send = (() => res) as Response['send'];
    }, limits.bodyTimeoutMs);
    timer.unref();
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('finish', clear);
    res.once('close', clear);
    return next();
  });
}
