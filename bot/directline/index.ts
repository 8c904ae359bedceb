/**
 * The web chat channel of the bot host: the support page at `/`, POST /api/directline/token and,
 * only when no Direct Line secret is configured, the development-only local Direct Line.
 *
 * Composition root usage (bot/index.ts), after the server is created:
 *   mountChannelRoutes(server, channelOptionsFromEnv(process.env));
 *
 * The routes run as a restify `pre` handler, before routing and before any body parser the host
 * installs with `server.use(...)`: the channel reads (and caps) its own request bodies, uploads
 * included, whatever parsers the host uses for /api/messages.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as restify from 'restify';
import { LocalDirectLine } from './localDirectLine';
import { StaticPage } from './staticPage';
import { DEFAULT_DIRECT_LINE_ENDPOINT, TokenEndpoint } from './tokenEndpoint';

export { LocalDirectLine, PRESENCE_EVENT } from './localDirectLine';
export { ConversationStore, DEFAULT_STORE_LIMITS } from './conversationStore';
export { TokenEndpoint, TOKEN_PATH } from './tokenEndpoint';
export { StaticPage, pageCsp } from './staticPage';

export interface ChannelOptions {
  /** Azure Bot's Direct Line secret (DIRECT_LINE_SECRET). When set, the local channel is off. */
  directLineSecret?: string;
  /** Direct Line base URL (DIRECT_LINE_ENDPOINT), e.g. https://europe.directline.botframework.com. */
  directLineEndpoint?: string;
  /**
   * Allow the development-only local Direct Line when there is no secret (default true). The
   * composition root turns it off when the bot has an Azure identity (MicrosoftAppId), because
   * the local channel sends unauthenticated activities that such a bot rightly refuses.
   */
  localChannel?: boolean;
  /** Origins of sites that embed the page or request tokens (WEBCHAT_ALLOWED_ORIGINS, comma separated). */
  allowedOrigins?: string[];
  /** Trust X-Forwarded-For for rate limiting (WEBCHAT_TRUST_PROXY=true behind App Service / a proxy). */
  trustProxy?: boolean;
  /** Chat sessions per client address and minute (WEBCHAT_TOKENS_PER_MINUTE). */
  tokensPerMinute?: number;
  /** Path of the bot's messaging endpoint on this host (local channel only). */
  botPath?: string;
  /** This host as the bot reaches it (local channel only); default http://127.0.0.1:<listening port>. */
  selfUrl?: string;
  webchatDir?: string;
  /** Local channel: a page that has not polled for this long is away (the bot is told); default 6 s. */
  awayAfterMs?: number;
  log?: (message: string) => void;
}

export interface ChannelRoutes {
  /** 'off': neither a secret nor the local channel; the page loads but says chat is unavailable. */
  mode: 'azure' | 'local' | 'off';
  /** The local Direct Line, present in local mode only. */
  localChannel?: LocalDirectLine;
  /** The handler behind the routes, usable with a bare node:http server. */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

export function channelOptionsFromEnv(env: NodeJS.ProcessEnv): ChannelOptions {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  const perMinute = Number(env.WEBCHAT_TOKENS_PER_MINUTE);
  return {
    directLineSecret: env.DIRECT_LINE_SECRET?.trim() || undefined,
    localChannel: !env.MicrosoftAppId?.trim(),
    directLineEndpoint: env.DIRECT_LINE_ENDPOINT?.trim() || undefined,
    allowedOrigins: list(env.WEBCHAT_ALLOWED_ORIGINS),
    trustProxy: /^(1|true|yes)$/i.test(env.WEBCHAT_TRUST_PROXY ?? ''),
    tokensPerMinute: Number.isInteger(perMinute) && perMinute > 0 ? perMinute : undefined,
  };
}

/** Builds the channel handler; `listeningUrl` tells the local channel where this host listens. */
export function createChannelRoutes(options: ChannelOptions, listeningUrl: () => string): ChannelRoutes {
  const log = options.log ?? ((message: string) => console.warn(message));
  const mode = options.directLineSecret ? 'azure' : options.localChannel === false ? 'off' : 'local';
  const selfUrl = () => (options.selfUrl ?? listeningUrl()).replace(/\/+$/, '');
  const localChannel =
    mode === 'local'
      ? new LocalDirectLine({
          selfUrl,
          botEndpoint: () => `${selfUrl()}${options.botPath ?? '/api/messages'}`,
          awayAfterMs: options.awayAfterMs,
          log,
        })
      : undefined;
  const tokenEndpoint = new TokenEndpoint({
    directLineSecret: options.directLineSecret,
    directLineEndpoint: options.directLineEndpoint,
    localChannel,
    allowedOrigins: options.allowedOrigins,
    trustProxy: options.trustProxy,
    tokensPerMinute: options.tokensPerMinute,
    log,
  });
  const directLineOrigin = new URL(options.directLineEndpoint ?? DEFAULT_DIRECT_LINE_ENDPOINT);
  const page = new StaticPage({
    webchatDir: options.webchatDir,
    connectSources: mode === 'azure' ? [directLineOrigin.origin, `wss://${directLineOrigin.host}`] : [],
    frameAncestors: options.allowedOrigins,
  });
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> =>
    (await tokenEndpoint.handle(req, res)) ||
    (localChannel !== undefined && (await localChannel.handle(req, res))) ||
    page.handle(req, res);
  return { mode, localChannel, handle };
}

/** Registers `/` (page and assets), POST /api/directline/token and, without a secret, the local Direct Line. */
export function mountChannelRoutes(server: restify.Server, options: ChannelOptions = {}): ChannelRoutes {
  const routes = createChannelRoutes(options, () => listeningUrlOf(server.address()));
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    routes.handle(req, res).then(
      (handled) => (handled ? next(false) : next()),
      (err: unknown) => next(err as Error),
    );
  });
  return routes;
}

/** http://127.0.0.1:<port> for a wildcard listener, else the bound address. */
export function listeningUrlOf(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') return 'http://127.0.0.1:3978';
  const wildcard = address.address === '::' || address.address === '0.0.0.0' || address.address === '';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
