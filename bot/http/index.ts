/**
 * What the host's HTTP surface does about hostile requests: the Host check of local mode, one
 * short JSON body for every error restify itself answers (never an internal message or a stack:
 * restify's own bodies quote the bad JSON, which may hold a password), and one rate-limited log
 * line per rejected request. server.ts installs it; POST /api/messages uses messagesHandler.
 */
import type { Request, Response, Next, Server } from 'restify';
import type { Logger } from '../logging/logger';
import { isAllowedHost, type HostPolicyOptions } from './hostCheck';
import { clientAddress } from './messagesRoute';
import type { RejectionLog } from './rejectionLog';

export { messagesHandler } from './messagesRoute';
export { RejectionLog } from './rejectionLog';
export { installConnectionLimits, type ConnectionLimits } from './connectionLimits';
export { validateActivity } from './activityValidation';
export { isAllowedHost, isLoopbackName, type HostPolicyOptions } from './hostCheck';

export interface HttpGuardOptions {
  /** Local mode: refuse Host headers that are not loopback (DNS rebinding). */
  hostPolicy?: HostPolicyOptions;
  logger: Logger;
  rejections: RejectionLog;
}

const SHORT_MESSAGES: Record<number, [string, string]> = {
  400: ['bad-request', 'The request is not valid.'],
  401: ['unauthorized', 'The request could not be authenticated.'],
  403: ['forbidden', 'The request is not allowed.'],
  404: ['not-found', 'Not found.'],
  405: ['method-not-allowed', 'This method is not allowed here.'],
  406: ['not-acceptable', 'No acceptable representation.'],
  408: ['request-timeout', 'The request body did not arrive in time.'],
  413: ['too-large', 'The request body is too large.'],
  415: ['unsupported-media-type', 'The request body must be JSON.'],
  429: ['too-many-requests', 'Too many requests; try again later.'],
};

/** A short body for a status: the code's own sentence, never the error's message. */
export function shortError(status: number): { error: string; message: string } {
  const known = SHORT_MESSAGES[status];
  if (known) return { error: known[0], message: known[1] };
  return status >= 500
    ? { error: 'internal', message: 'The request could not be processed.' }
    : { error: 'bad-request', message: 'The request is not valid.' };
}

export function installHttpGuards(server: Server, options: HttpGuardOptions): void {
  const { hostPolicy, logger, rejections } = options;
  if (hostPolicy) {
    server.pre((req: Request, res: Response, next: Next) => {
      if (isAllowedHost(req.headers.host, hostPolicy)) return next();
      rejections.record({ status: 403, reason: 'host-not-allowed', method: req.method, path: req.path?.(), remote: clientAddress(req) });
      res.send(403, { error: 'host-not-allowed', message: 'This local-mode bot answers only requests addressed to localhost.' });
      return next(false);
    });
  }

  // Errors restify answers itself (bad JSON, oversize bodies, unknown routes, handler failures).
  server.on(
    'restifyError',
    (
      req: Request,
      _res: Response,
      error: Error & { statusCode?: number; body?: unknown; toJSON?: () => unknown },
      callback: () => void,
    ) => {
      const status = error.statusCode ?? 500;
      if (status >= 500) logger.error('request failed', error, { event: 'request-failed', method: req.method, path: req.path?.(), status });
      else
        rejections.record({ status, reason: shortError(status).error, method: req.method, path: req.path?.(), remote: clientAddress(req) });
      const body = shortError(status);
      error.message = body.message;
      error.body = body;
      error.toJSON = () => body;
      error.toString = () => body.message;
      return callback();
    },
  );
}
