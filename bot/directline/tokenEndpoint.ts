/**
 * POST /api/directline/token: what the web chat page calls first.
 * - Production (DIRECT_LINE_SECRET set): exchanges the secret for a Direct Line token bound to
 *   a fresh user id `dl_<random>` at Azure's Direct Line service. The secret stays on the server:
 *   it is only ever sent to the Direct Line endpoint, and upstream responses are never relayed raw.
 * - Local development (no secret): a token of the local Direct Line channel.
 * Either way the caller cannot choose the user id, requests from foreign web origins are refused
 * (a page elsewhere cannot mint tokens with our secret), and each client address gets a small
 * number of tokens per minute.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { HttpError, clientAddress, readBody, sendError, sendJson } from './httpUtil';
import { FixedWindowRateLimiter } from './rateLimiter';
import type { LocalDirectLine } from './localDirectLine';

export const TOKEN_PATH = '/api/directline/token';
export const DEFAULT_DIRECT_LINE_ENDPOINT = 'https://directline.botframework.com';

export interface TokenResponse {
  token: string;
  conversationId: string;
  userId: string;
  expiresIn: number;
  /** 'azure' uses Azure's Direct Line (WebSockets); 'local' the development channel (polling). */
  mode: 'azure' | 'local';
  /** The Direct Line base the page passes to createDirectLine({ domain }). */
  domain: string;
}

export interface TokenEndpointOptions {
  /** Azure Direct Line secret; when set, the local channel is not used. */
  directLineSecret?: string;
  /** Base URL of the Direct Line service (regional endpoint, or a fake in tests). */
  directLineEndpoint?: string;
  /** The local channel, used only without a secret; with neither, tokens are refused (503). */
  localChannel?: LocalDirectLine;
  /** Web origins (besides the bot's own) whose pages may request tokens. */
  allowedOrigins?: string[];
  tokensPerMinute?: number;
  trustProxy?: boolean;
  upstreamTimeoutMs?: number;
  log?: (message: string) => void;
}

export class TokenEndpoint {
  private readonly limiter: FixedWindowRateLimiter;
  private readonly endpoint: string;
  private readonly log: (message: string) => void;

  constructor(private readonly options: TokenEndpointOptions) {
    this.limiter = new FixedWindowRateLimiter(options.tokensPerMinute ?? 20, 60_000);
    this.endpoint = (options.directLineEndpoint ?? DEFAULT_DIRECT_LINE_ENDPOINT).replace(/\/+$/, '');
    this.log = options.log ?? ((message) => console.warn(message));
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== TOKEN_PATH) return false;
    try {
      if (req.method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', 'Use POST to get a chat token.');
      this.checkOrigin(req);
      if (!this.limiter.take(clientAddress(req, this.options.trustProxy ?? false))) {
        sendJson(
          res,
          429,
          { error: { code: 'TooManyRequests', message: 'Too many chat sessions started from this address. Please wait a minute.' } },
          { 'Retry-After': '60' },
        );
        return true;
      }
      // The body is ignored on purpose (a caller-chosen user id would allow impersonation); read it to free the socket.
      await readBody(req, 4 * 1024);
      sendJson(res, 200, await this.issue());
    } catch (err) {
      if (!res.headersSent) sendError(res, err);
    }
    return true;
  }

  private checkOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    if (origin === undefined) return; // not a browser cross-origin request; the rate limit applies
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    const allowed = (host !== undefined && host === req.headers.host) || (this.options.allowedOrigins ?? []).includes(origin);
    if (!allowed) throw new HttpError(403, 'Forbidden', 'This web site may not start chats with this bot.');
  }

  private async issue(): Promise<TokenResponse> {
    if (!this.options.directLineSecret) {
      if (!this.options.localChannel) {
        // A bot with an Azure identity but no Direct Line secret: the local channel could not
        // authenticate to it, so web chat is off until the secret is configured.
        throw new HttpError(503, 'NotConfigured', 'Web chat is not configured on this server (DIRECT_LINE_SECRET is missing).');
      }
      const local = this.options.localChannel.issueConversationToken();
      return { ...local, mode: 'local', domain: '/v3/directline' };
    }
    const userId = `dl_${randomBytes(12).toString('base64url')}`;
    let response: Response;
    try {
      response = await fetch(`${this.endpoint}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.options.directLineSecret}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: { id: userId } }),
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.upstreamTimeoutMs ?? 10_000),
      });
    } catch (err) {
      this.log(`direct line token: service not reachable (${(err as Error).name})`);
      throw unavailable();
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      // Status only: the upstream body is not ours to echo.
      this.log(`direct line token: service answered HTTP ${response.status}`);
      throw unavailable();
    }
    let body: { token?: unknown; conversationId?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw unavailable();
    }
    if (typeof body.token !== 'string' || typeof body.conversationId !== 'string') throw unavailable();
    return {
      token: body.token,
      conversationId: body.conversationId,
      userId,
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 3600,
      mode: 'azure',
      domain: `${this.endpoint}/v3/directline`,
    };
  }
}

function unavailable(): HttpError {
  return new HttpError(502, 'TokenServiceError', 'The chat service is not available right now. Please try again later.');
}
