/**
 * The agent desk: the page at /desk and the one HTTP API every agent surface and the tests use.
 *
 *   GET  /api/desk/cases?status=queued|assigned|closed   {"cases": [...]} (queued: oldest first)
 *   GET  /api/desk/cases/{id}                            the case: summary, transcript, messages
 *   POST /api/desk/cases/{id}/take      {agent}          200 with the case; 409 when another agent has it
 *   POST /api/desk/cases/{id}/messages  {agent, text}    200 once the user's channel accepted it; 502 otherwise
 *   GET  /api/desk/cases/{id}/messages[?after=N]         relay messages both ways, oldest first
 *   POST /api/desk/cases/{id}/answer    {agent, text?, files?}  the bot's answer card for that input, to the user
 *   POST /api/desk/cases/{id}/close     {agent}          closed; the user is asked for a rating
 *   POST /api/desk/cases/{id}/release   {agent}          back to the queue
 *   POST /api/desk/cases/{id}/transfer  {agent, to}      to another agent (stays assigned; the user is told who continues)
 *   POST /api/desk/cases/{id}/notes     {agent, text}    an internal note: stored with the case, never sent to the user
 *   GET  /api/desk/replies                               canned replies per language (webchat/desk/replies/*.json)
 *   GET|POST /api/desk/agents           POST {agent}     agents a case can be transferred to (POST: "I am at the desk")
 *   POST /api/desk/assist               {text?, files?, caseId?, language?}  agent assist (nothing is sent)
 *   GET  /api/desk/events                                Server-Sent Events (live queue)
 *   GET  /api/desk/me                                    how the desk authenticated this request
 * Errors: {"error": {"code", "message"}}. POSTs must be Content-Type application/json and, when they
 * carry an Origin, come from this host (else 415 / 403). Authentication: deskAuth.ts. An agent identity from App
 * Service Authentication wins over the `agent` in the body.
 *
 * Mounted as a restify `pre` handler (like the channel routes): it reads its own bodies.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type * as restify from 'restify';
import type { Finding, Language } from '../../knowledge/types';
import type { CaseSummary } from '../../dialogs/ports';
import type { Logger } from '../logging/logger';
import type { AgentRef, CaseStatus } from '../cases/caseStore';
import { clientAddress, HttpError, readJsonObject, sendJson } from '../directline/httpUtil';
import { EscalationError, type EscalationService } from '../escalation/escalationService';
import { agentAnswerActivities, assistInputFrom, runAssist } from './assist';
import { caseFindings } from './caseEvidence';
import { loadCannedReplies } from './cannedReplies';
import { labelledView } from './deskCaseView';
import { type DeskAccess, type DeskAuthOptions, deskAccess } from './deskAuth';
import { DEFAULT_DESK_AUTH_LIMIT, type DeskAuthLimit, DeskAuthThrottle } from './deskAuthThrottle';
import type { DeskEventHub } from './deskEvents';
import { DeskPage } from './deskPage';

const API = '/api/desk';
const MAX_JSON_BYTES = 64 * 1024;
/** Agent assist takes files (base64 in JSON): up to 10 files of 1 MB. */
const MAX_ASSIST_BYTES = 15 * 1024 * 1024;
const CASE_ID = /^[A-Za-z0-9-]{1,40}$/;
const STATUSES = new Set<CaseStatus>(['queued', 'assigned', 'closed']);
const MAX_KNOWN_AGENTS = 500;
const KNOWN_AGENT_MS = 12 * 3600_000;

export interface DeskRoutesOptions {
  service: EscalationService;
  events: DeskEventHub;
  auth: DeskAuthOptions;
  logger: Logger;
  page?: DeskPage;
  /** Failed authentications per client before 429 (default: 10 in 5 minutes). */
  authLimit?: DeskAuthLimit;
  /** The client is the rightmost X-Forwarded-For entry (behind App Service / a proxy: WEBCHAT_TRUST_PROXY). */
  trustProxy?: boolean;
  now?: () => number;
}

function agentFrom(body: Record<string, unknown>, access: Extract<DeskAccess, { ok: true }>): AgentRef {
  if (access.agent) return access.agent;
  const agent = body.agent as { id?: unknown; name?: unknown } | undefined;
  const id = typeof agent?.id === 'string' ? agent.id.trim() : '';
  // eslint-disable-next-line no-control-regex -- control characters are stripped from the agent's name on purpose
  const name = typeof agent?.name === 'string' ? agent.name.replace(/[\u0000-\u001F\u007F<>[\]()*_`#]/g, '').trim() : '';
  if (!id || id.length > 128 || /\s/.test(id))
    throw new HttpError(400, 'BadArgument', '"agent.id" must be a non-empty id without spaces (at most 128 characters).');
  if (!name || name.length > 100) throw new HttpError(400, 'BadArgument', '"agent.name" must be the agent\'s name (1 to 100 characters).');
  return { id, name };
}

/** A case number from the path; a malformed escape ("%E0%A4%A") is no case number either (400, not 500). */
function decodedCaseId(raw: string): string {
  let id: string;
  try {
    id = decodeURIComponent(raw).toUpperCase();
  } catch {
    id = '';
  }
  if (!CASE_ID.test(id)) throw new HttpError(400, 'BadArgument', 'That is not a case number.');
  return id;
}

/**
 * A page on another site can POST to the desk from the agent's browser (in local mode the desk
 * needs no key; with App Service Authentication the sign-in cookie goes along). Browsers send
 * such requests without asking first only as forms or text/plain, and they name the page's
 * Origin: so a desk POST must be application/json, and an Origin must be this host's.
 */
function checkSameSiteJson(req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (host === undefined || host !== req.headers.host)
      throw new HttpError(403, 'Forbidden', 'The agent desk does not take requests from a page on another site.');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json')
    throw new HttpError(415, 'UnsupportedMediaType', 'Send desk requests with "Content-Type: application/json".');
}

export class DeskRoutes {
  private readonly page: DeskPage;
  /** Agents who used this desk lately (for "transfer to"), newest first; other instances' show up through their cases. */
  private readonly agents = new Map<string, { agent: AgentRef; at: number }>();
  private replies: ReturnType<typeof loadCannedReplies> | undefined;
  private readonly throttle: DeskAuthThrottle;

  constructor(private readonly options: DeskRoutesOptions) {
    this.page = options.page ?? new DeskPage();
    this.throttle = new DeskAuthThrottle(options.authLimit ?? DEFAULT_DESK_AUTH_LIMIT, options.logger, options.now);
  }

  /** Handles the request when it is the desk's; false leaves it to other routes. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    // Every request passes here (a pre-handler): only a path that contains "desk" can be the
    // desk's (parsing resolves dots and slashes but adds no letters), so turns skip the parse.
    if (!(req.url ?? '/').includes('desk')) return false;
    const url = new URL(req.url ?? '/', 'http://desk.local');
    if (url.pathname === '/desk' || url.pathname.startsWith('/desk/')) return this.page.handle(req, res);
    if (url.pathname !== API && !url.pathname.startsWith(`${API}/`)) return false;
    try {
      const client = clientAddress(req, this.options.trustProxy ?? false);
      const wait = this.throttle.retryAfter(client);
      if (wait !== undefined) {
        sendJson(
          res,
          429,
          {
            error: { code: 'TooManyFailedAuthentications', message: `Too many failed sign-ins to the agent desk: try again in ${wait} s.` },
          },
          { 'Retry-After': String(wait) },
        );
        return true;
      }
      const access = deskAccess(req, this.options.auth);
      if (access.ok) this.throttle.succeeded(client);
      else if (access.status === 401) this.throttle.failed(client, url.pathname);
      if (!access.ok) {
        sendJson(
          res,
          access.status,
          { error: { code: access.code, message: access.message } },
          access.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="agent desk"' } : {},
        );
        return true;
      }
      const method = req.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD') checkSameSiteJson(req);
      await this.route(req, res, url, access);
    } catch (error) {
      this.sendError(res, error);
    }
    return true;
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, access: Extract<DeskAccess, { ok: true }>): Promise<void> {
    const { service } = this.options;
    const segments = url.pathname
      .slice(API.length + 1)
      .split('/')
      .filter(Boolean);
    const method = req.method ?? 'GET';
    const [resource, rawId, action, ...rest] = segments;
    if (rest.length > 0) throw new HttpError(404, 'NotFound', 'No such desk route.');

    if (resource === 'events' && !rawId && method === 'GET') return this.options.events.subscribe(req, res);
    if (resource === 'me' && !rawId && method === 'GET')
      return sendJson(res, 200, {
        mode: access.mode,
        ...(access.agent ? { agent: access.agent } : {}),
        settings: { slaMinutes: service.config.slaMinutes },
      });
    if (resource === 'replies' && !rawId && method === 'GET') return sendJson(res, 200, { replies: this.cannedReplies() });
    if (resource === 'agents' && !rawId) {
      // POST says "I am at the desk" (so colleagues can hand cases to this agent), GET only lists.
      if (method === 'POST') this.seen(agentFrom(await readJsonObject(req, MAX_JSON_BYTES), access));
      else if (method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', 'Use GET or POST.');
      return sendJson(res, 200, { agents: await this.knownAgents() });
    }
    if (resource === 'assist' && !rawId && method === 'POST') {
      const body = await readJsonObject(req, MAX_ASSIST_BYTES);
      const input = assistInputFrom(body);
      const forCase = await this.assistCase(body);
      const result = await runAssist(input, forCase?.language ?? (body.language === 'de' ? 'de' : 'en'), forCase?.findings);
      return sendJson(res, 200, { ...result.json, ...(forCase ? { caseId: forCase.id } : {}) });
    }
    if (resource !== 'cases') throw new HttpError(404, 'NotFound', 'No such desk route.');

    if (!rawId) {
      if (method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', 'Use GET to list cases.');
      const status = (url.searchParams.get('status') ?? 'queued') as CaseStatus;
      if (!STATUSES.has(status)) throw new HttpError(400, 'BadArgument', 'status must be queued, assigned or closed.');
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit') ?? 200) || 200, 1), 500);
      const { cases, unreadable } = await service.list(status, limit);
      // One corrupt row must not hide the queue: the others are listed, the agent is told how many are missing.
      const notice = unreadable > 0 ? { unreadable, notice: `${unreadable} ${unreadable === 1 ? 'case' : 'cases'} could not be read` } : {};
      return sendJson(res, 200, { cases, ...notice });
    }
    const id = decodedCaseId(rawId);

    if (!action) {
      if (method !== 'GET') throw new HttpError(405, 'MethodNotAllowed', 'Use GET to read a case.');
      return sendJson(res, 200, labelledView(await service.view(id)));
    }
    if (action === 'messages' && method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? 0);
      return sendJson(res, 200, { messages: await service.messages(id, Number.isInteger(after) && after > 0 ? after : undefined) });
    }
    if (method !== 'POST') throw new HttpError(405, 'MethodNotAllowed', 'Use POST for case actions.');
    const body = await readJsonObject(req, action === 'answer' ? MAX_ASSIST_BYTES : MAX_JSON_BYTES);
    const agent = agentFrom(body, access);
    this.seen(agent);
    switch (action) {
      case 'take':
        await service.take(id, agent, 'desk');
        return sendJson(res, 200, labelledView(await service.view(id)));
      case 'release':
        await service.release(id, agent);
        return sendJson(res, 200, labelledView(await service.view(id)));
      case 'close':
        await service.close(id, agent);
        return sendJson(res, 200, labelledView(await service.view(id)));
      case 'transfer': {
        const to = agentFrom({ agent: body.to }, { ok: true, mode: access.mode });
        await service.transfer(id, agent, to);
        return sendJson(res, 200, labelledView(await service.view(id)));
      }
      case 'messages':
        return sendJson(res, 200, { message: await service.agentMessage(id, agent, body.text) });
      case 'notes':
        return sendJson(res, 200, { message: await service.agentNote(id, agent, body.text) });
      case 'answer': {
        const input = assistInputFrom(body);
        const view = await service.view(id);
        // The card the agent saw in assist: the case's evidence plus what the agent added.
        const result = await runAssist(input, view.language as Language, caseFindings(view.summary as Partial<CaseSummary>));
        const answer = agentAnswerActivities(result.rendered, result.language);
        return sendJson(res, 200, { message: await service.agentAnswer(id, agent, () => answer) });
      }
      default:
        throw new HttpError(404, 'NotFound', 'No such case action.');
    }
  }

  /**
   * The case an assist is for: its language (so a sent answer is in the user's language) and its
   * stored evidence, which the diagnosis starts from. A caseId that is no case number is a 400.
   */
  private async assistCase(body: Record<string, unknown>): Promise<{ id: string; language: Language; findings: Finding[] } | undefined> {
    if (body.caseId === undefined || body.caseId === null || body.caseId === '') return undefined;
    if (typeof body.caseId !== 'string') throw new HttpError(400, 'BadArgument', '"caseId" must be a case number.');
    const id = decodedCaseId(body.caseId);
    const view = await this.options.service.view(id);
    return { id, language: view.language as Language, findings: caseFindings(view.summary as Partial<CaseSummary>) };
  }

  private seen(agent: AgentRef): void {
    this.agents.delete(agent.id);
    this.agents.set(agent.id, { agent, at: Date.now() });
    if (this.agents.size > MAX_KNOWN_AGENTS) this.agents.delete(this.agents.keys().next().value as string);
  }

  /** Who a case can be handed to: agents seen here in the last 12 hours and those holding a case now. */
  private async knownAgents(): Promise<AgentRef[]> {
    const since = Date.now() - KNOWN_AGENT_MS;
    const agents = new Map<string, AgentRef>();
    for (const { agent, at } of [...this.agents.values()].reverse()) if (at >= since) agents.set(agent.id, agent);
    const { cases } = await this.options.service.list('assigned', 500);
    for (const item of cases) if (item.assignedTo && !agents.has(item.assignedTo.id)) agents.set(item.assignedTo.id, item.assignedTo);
    return [...agents.values()];
  }

  private cannedReplies(): ReturnType<typeof loadCannedReplies> {
    this.replies ??= loadCannedReplies();
    return this.replies;
  }

  private sendError(res: ServerResponse, error: unknown): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof EscalationError) {
      const extra: Record<string, unknown> = {};
      if (error.details.assignedTo) extra.assignedTo = error.details.assignedTo;
      if (error.details.message) extra.message = error.details.message;
      sendJson(res, error.status, { error: { code: error.code, message: error.message }, ...extra });
      return;
    }
    if (error instanceof HttpError) {
      sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      return;
    }
    this.options.logger.error('desk API failed:', error);
    sendJson(res, 500, { error: { code: 'ServiceError', message: 'The desk could not handle the request.' } });
  }
}

/** Registers /desk and /api/desk/* on the bot's restify server. */
export function mountDeskRoutes(server: restify.Server, routes: DeskRoutes): void {
  server.pre((req: restify.Request, res: restify.Response, next: restify.Next) => {
    routes.handle(req, res).then(
      (handled) => (handled ? next(false) : next()),
      (err: unknown) => next(err as Error),
    );
  });
}
