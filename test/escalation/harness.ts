/**
 * The real bot host over real HTTP for handoff tests: startServer in local mode with the embedded
 * stores in a temp folder, a stand-in channel server as every user's serviceUrl (replies and
 * proactive messages really go there), and the desk API called like the desk page calls it.
 */
import { strict as assert } from 'assert';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../bot/config';
import { type BotApp, type StartOptions, startServer } from '../../bot/index';
import { consoleLogger } from '../../bot/logging/consoleLogger';
import type { RelayMessage } from '../../bot/cases/caseStore';
import type { EscalationDetails } from '../../bot/escalation/details';
import type { CaseListItem } from '../../bot/escalation/caseView';
import type { CaseSummary } from '../../dialogs/ports';
import type { RenderedReply } from '../../knowledge';
import { silentLogger } from '../bot/helpers/testBot';

/** HANDOFF_TEST_LOG=1 shows the bot's log while a test runs. */
const logger = process.env.HANDOFF_TEST_LOG ? consoleLogger : silentLogger;
import { activityTexts, type ChannelServer, startChannelServer } from '../helpers/channelServer';
import { makeTempDir, removeTempDir } from '../helpers/tempDir';

/** A case as GET /api/desk/cases/{id} and the case actions show it (bot/escalation/caseView.ts). */
export interface DeskCaseView extends Omit<CaseListItem, 'summary'> {
  summary: CaseSummary & { trigger?: string };
  transcript: Array<{ from: string; text: string; at: string }>;
  messages: RelayMessage[];
  delivery: {
    teams?: { state: string; lastError?: string };
    webhook?: { pending: number; lastFailure?: NonNullable<EscalationDetails['webhook']>['lastFailure'] };
    contactCenter?: EscalationDetails['contactCenter'];
    nobodyNotice?: EscalationDetails['nobodyNotice'];
  };
}

/** The desk API's answers as the desk page reads them: each route sends its own part. */
export type DeskJson = Partial<DeskCaseView> & {
  cases?: CaseListItem[];
  message?: RelayMessage;
  error?: { code: string; message: string };
  /** POST /assist */
  verdict?: string;
  reply?: RenderedReply;
  canSend?: boolean;
  certificates?: Array<{ thumbprint: string; chainStatus: string }>;
};

export interface DeskAnswer {
  status: number;
  json: DeskJson;
}

export interface UserOptions {
  locale?: string;
  channelId?: string;
  name?: string;
}

export interface Harness {
  app: BotApp;
  channel: ChannelServer;
  dataDir: string;
  /** A user in one conversation; `say` returns what the bot sent into it during that turn. */
  user(conversationId: string, options?: UserOptions): TestUser;
  desk(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<DeskAnswer>;
  restart(): Promise<void>;
  /** Talk to another bot process on the same data (a child process) instead of the in-process app. */
  pointAt(url: string | undefined): void;
  close(): Promise<void>;
}

export interface TestUser {
  conversationId: string;
  say(input: string | Partial<Activity>): Promise<Array<Record<string, unknown>>>;
  /** Everything the bot sent into this conversation so far (turn replies and proactive messages). */
  received(): Array<Record<string, unknown>>;
  /** Waits for a message into this conversation whose texts match. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
}

export const ANNA = { id: 'agent-anna', name: 'Anna Berger' };
export const BEN = { id: 'agent-ben', name: 'Ben Okafor' };

/** A paste the knowledge core cannot place (verdict no_match). */
export const UNCLEAR_PROBLEM =
  'Since Monday our mail server stops sending to one partner after a few minutes, no error anywhere that I can find.';

let counter = 0;

export function textsOf(activities: Array<Record<string, unknown>>): string {
  return activities.flatMap(activityTexts).join('\n');
}

export async function startHarness(env: Record<string, string> = {}, options: StartOptions = {}): Promise<Harness> {
  const dataDir = makeTempDir('handoff-e2e');
  const channel = await startChannelServer();
  // "{channel}" in a value stands for the channel server's URL (e.g. AGENT_TEAMS_SERVICE_URL).
  const filled = Object.fromEntries(Object.entries(env).map(([name, value]) => [name, value.replace('{channel}', channel.url)]));
  const config = () => loadConfig({ PORT: '0', BOT_DATA_DIR: dataDir, HANDOFF_SWEEP_SECONDS: '0.1', ...filled }, dataDir);
  let app = await startServer(config(), { host: '127.0.0.1', logger, deskPollMs: 100, ...options });
  let pointedAt: string | undefined;
  const base = () => pointedAt ?? app.url;

  const harness: Harness = {
    get app() {
      return app;
    },
    channel,
    dataDir,
    user(conversationId, userOptions = {}) {
      const channelId = userOptions.channelId ?? 'webchat';
      return {
        conversationId,
        async say(input) {
          const before = channel.activitiesIn(conversationId).length;
          const activity = typeof input === 'string' ? { text: input } : input;
          const response = await fetch(`${base()}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              type: 'message',
              id: `user-activity-${++counter}`,
              channelId,
              serviceUrl: channel.url,
              from: { id: `user-of-${conversationId}`, name: userOptions.name ?? '', role: 'user' },
              recipient: { id: 'bot', name: 'Bot', role: 'bot' },
              conversation: { id: conversationId, conversationType: 'personal' },
              locale: userOptions.locale ?? 'en-US',
              timestamp: new Date().toISOString(),
              ...activity,
            }),
          });
          assert.ok(response.status === 200 || response.status === 201, `HTTP ${response.status}: ${await response.text()}`);
          return channel.activitiesIn(conversationId).slice(before);
        },
        received: () => channel.activitiesIn(conversationId),
        async waitFor(pattern, timeoutMs = 10_000) {
          const request = await channel.waitFor(
            (candidate) => candidate.conversationId === conversationId && pattern.test(activityTexts(candidate.body).join('\n')),
            timeoutMs,
          );
          return request.body;
        },
      };
    },
    async desk(method, path, body, headers = {}) {
      const response = await fetch(`${base()}/api/desk${path}`, {
        method,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as DeskJson) : {} };
    },
    async restart() {
      await app.close();
      app = await startServer(config(), { host: '127.0.0.1', logger, deskPollMs: 100, ...options });
    },
    pointAt(url) {
      pointedAt = url;
    },
    async close() {
      await app?.close();
      await channel.close();
      removeTempDir(dataDir);
    },
  };
  return harness;
}

/** Opens a case from a conversation: an unclear problem, then "Talk to a person". Returns the case id. */
export async function escalate(user: TestUser, input: string = UNCLEAR_PROBLEM): Promise<string> {
  await user.say(input);
  const replies = await user.say({ text: '', value: { action: 'handoff' } });
  const match = /#([0-9A-Z]{8})/.exec(textsOf(replies));
  assert.ok(match, `a case number in the reply: ${textsOf(replies)}`);
  return match[1];
}

export const until = async (condition: () => Promise<boolean> | boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
