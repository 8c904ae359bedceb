/**
 * Configuration of the human handoff (docs/human-handoff.md), read from the environment by
 * loadConfig (bot/config.ts). Problems are collected, not thrown: the composition root refuses to
 * start with them listed, tests can look at them.
 */
import type { DeskAuthLimit } from '../desk/deskAuthThrottle';
import { OfficeHoursError, type OfficeHours, parseOfficeHours } from './officeHours';

type Env = Record<string, string | undefined>;

export interface WebhookConfig {
  url: string;
  secret: string;
  maxAttempts: number;
  /** First retry after this many ms, doubling each time. */
  retryBaseMs: number;
  timeoutMs: number;
  /** Private/loopback addresses allowed (local mode, or HANDOFF_WEBHOOK_ALLOW_PRIVATE). */
  allowPrivate: boolean;
}

export interface TeamsAgentConfig {
  /** The agents' channel or group chat (19:...@thread.tacv2 / @thread.v2 / @thread.skype). */
  conversationId: string;
  /** Used until the bot has seen a real activity from that conversation (then its serviceUrl is kept). */
  serviceUrl: string;
  tenantId?: string;
  /** Language of the cards and replies in the agents' conversation (AGENT_LANGUAGE, default en). */
  language: 'de' | 'en';
  /** First retry of a card Teams refused, doubling up to 6 attempts (AGENT_TEAMS_RETRY_SECONDS, default 15). */
  retryBaseMs: number;
}

export interface EscalationConfig {
  /** Minutes a queued case waits before the user is told nobody is free (0: at once). */
  waitMinutes: number;
  /** The desk's service-level target: minutes until an agent takes a queued case (its timers turn red after). */
  slaMinutes: number;
  officeHours?: OfficeHours;
  /** Bearer key of the desk API; empty: open on loopback in local mode, off (503) otherwise. */
  deskKey?: string;
  /** Trust App Service Authentication's X-MS-CLIENT-PRINCIPAL-* headers (Entra ID in front). */
  deskAppServiceAuth: boolean;
  /** Failed desk authentications per client before 429 (DESK_AUTH_MAX_FAILURES, DESK_AUTH_WINDOW_SECONDS). */
  deskAuthLimit: DeskAuthLimit;
  /** The desk's client is the rightmost X-Forwarded-For entry (WEBCHAT_TRUST_PROXY, as for the web chat). */
  deskTrustProxy: boolean;
  teams?: TeamsAgentConfig;
  webhook?: WebhookConfig;
  /** Also send Dynamics 365 Contact Center's escalation message (channelData.tags). */
  d365Tags: boolean;
  /** How often timeouts and retries are looked at. */
  sweepMs: number;
  problems: string[];
}

export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

function numberFrom(env: Env, name: string, fallback: number, problems: string[], min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    problems.push(`${name} must be a number of at least ${min} (got "${raw}")`);
    return fallback;
  }
  return value;
}

const flag = (value: string | undefined) => /^(1|true|yes|on)$/i.test((value ?? '').trim());

function webhookFrom(env: Env, localMode: boolean, problems: string[]): WebhookConfig | undefined {
  const raw = env.HANDOFF_WEBHOOK_URL?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push('HANDOFF_WEBHOOK_URL is not a URL');
    return undefined;
  }
  if (url.protocol !== 'https:' && !(localMode && url.protocol === 'http:')) {
    problems.push('HANDOFF_WEBHOOK_URL must be an https URL (http only in local mode)');
    return undefined;
  }
  if (url.username || url.password) {
    problems.push('HANDOFF_WEBHOOK_URL must not contain a user name or password (the signature authenticates the bot)');
    return undefined;
  }
  const secret = env.HANDOFF_WEBHOOK_SECRET ?? '';
  if (secret.length < 16) {
    problems.push('HANDOFF_WEBHOOK_SECRET must be set (at least 16 characters) when HANDOFF_WEBHOOK_URL is set');
    return undefined;
  }
  return {
    url: url.toString(),
    secret,
    maxAttempts: Math.max(1, Math.floor(numberFrom(env, 'HANDOFF_WEBHOOK_MAX_ATTEMPTS', 6, problems, 1))),
    retryBaseMs: numberFrom(env, 'HANDOFF_WEBHOOK_RETRY_SECONDS', 5, problems) * 1000,
    timeoutMs: numberFrom(env, 'HANDOFF_WEBHOOK_TIMEOUT_SECONDS', 10, problems, 0.1) * 1000,
    // On by default in local mode only; an explicit off holds there too (to try the production policy).
    allowPrivate: env.HANDOFF_WEBHOOK_ALLOW_PRIVATE?.trim() ? flag(env.HANDOFF_WEBHOOK_ALLOW_PRIVATE) : localMode,
  };
}

function teamsFrom(env: Env, problems: string[]): TeamsAgentConfig | undefined {
  const conversationId = env.AGENT_TEAMS_CONVERSATION_ID?.trim();
  if (!conversationId) return undefined;
  // A thread link's id ("19:...@thread.tacv2;messageid=...") names one post: the channel is before ';'.
  const channel = conversationId.split(';')[0];
  if (!/^19:[^\s;]+@thread\.(tacv2|v2|skype)$/.test(channel)) {
    problems.push(
      'AGENT_TEAMS_CONVERSATION_ID must look like 19:...@thread.tacv2 (a channel) or 19:...@thread.v2 (a group chat); see docs/human-handoff.md',
    );
    return undefined;
  }
  const serviceUrl = env.AGENT_TEAMS_SERVICE_URL?.trim() || DEFAULT_TEAMS_SERVICE_URL;
  if (!/^https?:\/\//.test(serviceUrl)) problems.push('AGENT_TEAMS_SERVICE_URL must be an http(s) URL');
  const language = (env.AGENT_LANGUAGE ?? '').trim().toLowerCase();
  if (language && language !== 'de' && language !== 'en') problems.push('AGENT_LANGUAGE must be de or en');
  return {
    conversationId: channel,
    serviceUrl,
    tenantId: env.AGENT_TEAMS_TENANT_ID?.trim() || env.MicrosoftAppTenantId?.trim() || undefined,
    language: language === 'de' ? 'de' : 'en',
    retryBaseMs: numberFrom(env, 'AGENT_TEAMS_RETRY_SECONDS', 15, problems, 0.01) * 1000,
  };
}

export function loadEscalationConfig(env: Env, localMode: boolean): EscalationConfig {
  const problems: string[] = [];
  let officeHours: OfficeHours | undefined;
  const hours = env.HANDOFF_OFFICE_HOURS?.trim();
  if (hours) {
    try {
      officeHours = parseOfficeHours(hours, env.HANDOFF_TIMEZONE?.trim() || 'UTC');
    } catch (error) {
      if (!(error instanceof OfficeHoursError)) throw error;
      problems.push(`HANDOFF_OFFICE_HOURS / HANDOFF_TIMEZONE: ${error.message}`);
    }
  }
  const deskKey = env.AGENT_DESK_KEY?.trim() || undefined;
  if (deskKey && deskKey.length < 16) problems.push('AGENT_DESK_KEY must be at least 16 characters long');
  return {
    waitMinutes: numberFrom(env, 'HANDOFF_WAIT_MINUTES', 15, problems),
    slaMinutes: numberFrom(env, 'HANDOFF_SLA_MINUTES', 10, problems, 1),
    officeHours,
    deskKey,
    deskAppServiceAuth: flag(env.AGENT_DESK_APP_SERVICE_AUTH),
    deskAuthLimit: {
      maxFailures: Math.floor(numberFrom(env, 'DESK_AUTH_MAX_FAILURES', 10, problems)),
      windowMs: numberFrom(env, 'DESK_AUTH_WINDOW_SECONDS', 300, problems, 1) * 1000,
    },
    deskTrustProxy: flag(env.WEBCHAT_TRUST_PROXY),
    teams: teamsFrom(env, problems),
    webhook: webhookFrom(env, localMode, problems),
    d365Tags: flag(env.HANDOFF_D365_TAGS),
    sweepMs: numberFrom(env, 'HANDOFF_SWEEP_SECONDS', 15, problems, 0.05) * 1000,
    problems,
  };
}
