/**
 * POST /api/messages without the SDK's own error handling, which answers a missing field with a
 * 500, a forged token with the validator's internal message, and writes a stack to the console
 * for each: the activity is validated first (400), the adapter's processActivity is called
 * directly, and any failure before the bot's logic runs is authentication (401, the metadata
 * endpoint being down included); a failure after it is a 500 that reveals nothing.
 */
import type { TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import { activityFields, type Logger } from '../logging/logger';
import type { HostAdapter } from '../adapter';
import { errorFields } from '../logging/jsonLogger';
import { validateActivity } from './activityValidation';
import type { RejectionLog } from './rejectionLog';

export interface MessagesRouteParts {
  adapter: Pick<HostAdapter, 'processAuthenticated'>;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
  rejections: RejectionLog;
}

export function clientAddress(req: Request): string | undefined {
  return req.socket?.remoteAddress ?? undefined;
}

export function messagesHandler(parts: MessagesRouteParts): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const where = { method: req.method, path: '/api/messages', remote: clientAddress(req) };
    const validation = validateActivity(req.body);
    if (!validation.ok) {
      parts.rejections.record({ status: 400, reason: 'bad-activity', ...where });
      res.send(400, { error: 'bad-activity', message: validation.message });
      return;
    }
    const activity = validation.activity;
    const header = req.headers.authorization;
    const authorization = typeof header === 'string' ? header : '';
    let started = false;
    try {
      const invokeResponse = await parts.adapter.processAuthenticated(authorization, activity, async (context) => {
        started = true;
        parts.logger.debug?.('activity', { event: 'activity', ...activityFields(context.activity) });
        await parts.logic(context);
      });
      res.status(invokeResponse?.status ?? 200);
      if (invokeResponse?.body !== undefined) res.send(invokeResponse.body);
      res.end();
    } catch (error) {
      if (!started) {
        // Token missing, forged, expired, for another bot, or the login metadata unreachable.
        parts.rejections.record({ status: 401, reason: 'unauthorized', ...where, errorType: errorFields(error, false).type });
        res.send(401, { error: 'unauthorized', message: 'The request could not be authenticated.' });
        return;
      }
      parts.logger.error('activity failed', error, { event: 'activity-failed', ...activityFields(activity) });
      if (!res.headersSent) res.send(500, { error: 'internal', message: 'The request could not be processed.' });
    }
  };
}
