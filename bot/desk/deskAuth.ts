/**
 * Who may use the agent desk API:
 * - AGENT_DESK_KEY set: `Authorization: Bearer <key>` (compared in constant time), else 401.
 * - AGENT_DESK_APP_SERVICE_AUTH=true: App Service Authentication (Entra ID) in front of the bot
 *   signs agents in and passes X-MS-CLIENT-PRINCIPAL-ID/-NAME, which App Service strips from
 *   outside requests; the agent's identity comes from there, not from the request body.
 * - Neither, local mode: open to loopback clients only (like the local Direct Line).
 * - Neither, with a MicrosoftAppId: off (503), with the reason.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { AgentRef } from '../cases/caseStore';
import { bearerToken } from '../directline/httpUtil';

export interface DeskAuthOptions {
  key?: string;
  appServiceAuth: boolean;
  localMode: boolean;
}

export type DeskAccess =
  | { ok: true; mode: 'key' | 'app-service' | 'local'; agent?: AgentRef }
  | { ok: false; status: 401 | 403 | 503; code: string; message: string };

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/^::ffff:/i, '');
  return bare === '::1' || (isIP(bare) === 4 && bare.startsWith('127.'));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : undefined;
}

export function deskAccess(req: IncomingMessage, options: DeskAuthOptions): DeskAccess {
  if (options.appServiceAuth) {
    const id = header(req, 'x-ms-client-principal-id');
    if (id) {
      const name = header(req, 'x-ms-client-principal-name') ?? id;
      return { ok: true, mode: 'app-service', agent: { id: id.slice(0, 128), name: name.slice(0, 100) } };
    }
  }
  if (options.key) {
    const token = bearerToken(req);
    if (token && timingSafeEqual(digest(token), digest(options.key))) return { ok: true, mode: 'key' };
    return { ok: false, status: 401, code: 'Unauthorized', message: 'The agent desk needs "Authorization: Bearer <AGENT_DESK_KEY>".' };
  }
  if (options.appServiceAuth) {
    return {
      ok: false,
      status: 401,
      code: 'Unauthorized',
      message: 'Sign in through App Service Authentication (Entra ID) to use the agent desk.',
    };
  }
  if (options.localMode) {
    if (isLoopback(req.socket.remoteAddress)) return { ok: true, mode: 'local' };
    return {
      ok: false,
      status: 403,
      code: 'Forbidden',
      message: 'Without AGENT_DESK_KEY the agent desk answers on this machine (loopback) only.',
    };
  }
  return {
    ok: false,
    status: 503,
    code: 'DeskOff',
    message:
      'The agent desk is off: this bot has a MicrosoftAppId but neither AGENT_DESK_KEY nor AGENT_DESK_APP_SERVICE_AUTH is set (see docs/human-handoff.md, "Access to the desk").',
  };
}
