/**
 * Small helpers over plain node:http for the channel routes. The channel handlers work on
 * node's IncomingMessage/ServerResponse (restify's req/res extend them), so the same code runs
 * behind restify in the bot and behind a bare http.Server in tests.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads the request body up to `maxBytes`. Bigger bodies are refused as soon as the cap is
 * passed (the rest is drained, not buffered), so a hostile client cannot fill memory.
 */
export function readBody(req: IncomingMessage, maxBytes: number, timeoutMs = 30_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      req.resume();
      reject(new HttpError(413, 'TooLarge', `Request body is larger than ${maxBytes} bytes.`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err: Error | undefined, body?: Buffer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(body as Buffer);
    };
    // Slow-drip bodies would otherwise hold a request open forever.
    const timer = setTimeout(() => {
      finish(new HttpError(408, 'Timeout', 'The request body did not arrive in time.'));
      req.destroy();
    }, timeoutMs);
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        finish(new HttpError(413, 'TooLarge', `Request body is larger than ${maxBytes} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(undefined, Buffer.concat(chunks)));
    req.on('error', (err) => finish(err));
  });
}

/** Parses a JSON body; anything that is not a JSON object is a 400 with a plain message. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  const raw = await readBody(req, maxBytes);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'BadArgument', 'The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HttpError(400, 'BadArgument', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Direct Line's error shape, so Web Chat and other Direct Line clients understand it. */
export function sendError(res: ServerResponse, err: unknown): void {
  if (err instanceof HttpError) {
    sendJson(res, err.status, { error: { code: err.code, message: err.message } });
    return;
  }
  // Never echo internal error text: it may carry URLs or tokens.
  sendJson(res, 500, { error: { code: 'ServiceError', message: 'The chat service failed to handle the request.' } });
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

/**
 * Client address for rate limiting: the socket peer, or, when told to trust the proxy, the
 * RIGHTMOST X-Forwarded-For entry, the one our proxy added. Entries to its left come from the
 * client and can be anything. The proxy's `:port` suffix (App Service sends `ip:port`, and
 * `[v6]:port` for IPv6) is removed so one client is one key whatever port it connects from.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const entries = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
    const last = withoutPort(entries[entries.length - 1].trim());
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/** `1.2.3.4:5678` -> `1.2.3.4`, `[::1]:443` / `[::1]` -> `::1`; a bare IPv6 address stays as it is. */
function withoutPort(entry: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(entry);
  if (bracketed) return bracketed[1];
  const v4WithPort = /^([^:]+):\d*$/.exec(entry);
  return v4WithPort ? v4WithPort[1] : entry;
}
