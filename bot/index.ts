/**
 * Composition root: config -> storage -> adapter -> bot -> server. Nothing else constructs these;
 * tests call createApp/startServer with their own config and parts.
 */
import * as dotenv from 'dotenv';
import { ConversationState, type UserState } from 'botbuilder';
import type { Server } from 'restify';
import type { CaseState } from '../dialogs/caseState';
import { SupportDialog, type UserProfile } from '../dialogs/supportDialog';
import type { Logger } from './logging/logger';
import { botTokenFor } from './botToken';
import { consoleLogger } from './logging/consoleLogger';
import { createAdapter } from './adapter';
import { installTurnErrorHandler } from './turnErrorHandler';
import { isLoopbackName } from './http';
import { createJsonLogger } from './logging/jsonLogger';
import { routeSdkConsole } from './logging/sdkConsole';
import { SafeAttachmentFetcher } from './attachments';
import { type BotConfig, loadConfig } from './config';
import { closeServer, createServer, listen } from './server';
import type { CaseStore } from './cases/caseStore';
import { mountDeskRoutes } from './desk/deskRoutes';
import { chooseCaseStore } from './escalation/caseStoreChoice';
import { createEscalation, type Escalation } from './escalation';
import type { ProactiveSender } from './escalation/proactive';
import { channelOptionsFromEnv, mountChannelRoutes } from './directline';
import { type BotStorage, createStorage } from './storage';
import { SupportBot } from './supportBot';
import { CASE_PROPERTY, ConversationSaver } from './conversationSaver';
import { JsonUserState } from './turnState';
import { type RetentionSweep, startRetentionSweep } from './store/retention';
import { CommitHealth, probeCommit, trackCaseCommits, trackStateCommits } from './store/commitHealth';
import type { CloudAdapter, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import type { AttachmentFetcher, HandoffPort } from '../dialogs/ports';

export interface BotParts {
  bot: SupportBot;
  dialog: SupportDialog;
  conversationState: ConversationState;
  userState: UserState;
}

export interface BuildOptions {
  attachments?: AttachmentFetcher;
  logger?: Logger;
}

/** The bot and its state over a given storage (shared by the HTTP host and the console chat). */
export function buildBot(config: BotConfig, storage: BotStorage, options: BuildOptions & { handoff: HandoffPort }): BotParts {
  const conversationState = new ConversationState(storage.storage);
  const userState = new JsonUserState(storage.storage);
  const dialog = new SupportDialog({
    caseState: conversationState.createProperty<CaseState>(CASE_PROPERTY),
    userProfile: userState.createProperty<UserProfile>('profile'),
    attachments:
      options.attachments ??
      new SafeAttachmentFetcher({
        maxBytes: config.maxDownloadBytes,
        timeoutMs: config.downloadTimeoutMs,
        allowPrivateHosts: config.allowPrivateDownloadHosts,
        getBotToken: config.localMode ? undefined : botTokenFor,
      }),
    handoff: options.handoff,
    maxDownloadBytes: config.maxDownloadBytes,
  });
  const saver = new ConversationSaver(conversationState, storage.storage, options.logger ?? consoleLogger);
  return { bot: new SupportBot(userState, dialog, saver), dialog, conversationState, userState };
}

export interface BotApp extends BotParts {
  config: BotConfig;
  server: Server;
  adapter: CloudAdapter;
  storage: BotStorage;
  /** The human handoff: case service, desk, Teams agents' channel, webhook. */
  escalation: Escalation;
  cases: CaseStore;
  /** Base URL once listening (PUBLIC_URL, or http://localhost:<port>). */
  url: string;
  retention: RetentionSweep;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions extends BuildOptions {
  /** Use this storage instead of the configured one (tests); the app closes it on close(). */
  storage?: BotStorage;
  /** Interface to bind; default: the configured host (loopback in local mode). */
  host?: string;
  /** Bot Framework authentication endpoints (OpenID metadata, issuers): tests use a local stand-in. */
  authentication?: Partial<ConfigurationBotFrameworkAuthenticationOptions>;
  /** Use this case store (tests); default: the storage's, or the embedded one. Not closed by the app. */
  caseStore?: CaseStore;
  /** Tests: how proactive messages reach channels, the clock, the desk's polling interval. */
  proactiveSender?: ProactiveSender;
  now?: () => Date;
  deskPollMs?: number;
}

export async function startServer(config: BotConfig, options: StartOptions = {}): Promise<BotApp> {
  const logger = options.logger ?? createJsonLogger({ level: config.logLevel });
  routeSdkConsole(logger);
  if (config.escalation.problems.length) {
    throw new Error(`Human handoff settings are not valid:\n- ${config.escalation.problems.join('\n- ')}`);
  }
  const storage = options.storage ?? (await createStorage(config.storage, logger));
  let cases: { store: CaseStore; owned: boolean };
  try {
    cases = options.caseStore ? { store: options.caseStore, owned: false } : await chooseCaseStore(storage, config.storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  // Readiness follows the commits turns and cases really make (bot/store/commitHealth.ts).
  const commits = new CommitHealth(options.now);
  const trackedStorage: BotStorage = { ...storage, storage: trackStateCommits(storage.storage, commits) };
  const caseStore = trackCaseCommits(cases.store, commits);
  const adapter = createAdapter(config, options.authentication);
  let url = config.publicUrl;
  const escalation = createEscalation({
    config: config.escalation,
    store: caseStore,
    adapter,
    appId: config.microsoftAppId,
    localMode: config.localMode,
    logger,
    publicUrl: () => url,
    sender: options.proactiveSender,
    now: options.now,
    deskPollMs: options.deskPollMs,
  });
  const parts = buildBot(config, trackedStorage, { ...options, logger, handoff: escalation.service });
  installTurnErrorHandler(adapter, (context) => parts.dialog.languageFor(context), logger);
  const bindHost = options.host ?? config.host;
  const hostPolicy = config.localMode
    ? {
        publicHost: config.publicUrl ? new URL(config.publicUrl).hostname : undefined,
        allowIpLiterals: bindHost !== undefined && !isLoopbackName(bindHost),
      }
    : undefined;
  let draining = false;
  const checkReady = async () => {
    if (draining) throw new Error('shutting down');
    await commits.check(probeCommit(storage.storage, options.now));
    await storage.checkReady?.();
  };
  const server = createServer({
    adapter,
    bot: escalation.router(parts.bot),
    maxBodyBytes: config.maxBodyBytes,
    logger,
    hostPolicy,
    checkReady,
    connectionLimits: { bodyTimeoutMs: config.bodyTimeoutMs, maxConnectionsPerClient: config.maxConnectionsPerClient },
  });
  // The agent desk: /desk and /api/desk/* (docs/human-handoff.md).
  mountDeskRoutes(server, escalation.desk);
  const closeStores = async () => {
    if (cases.owned) await cases.store.close();
    await storage.close();
  };
  let address;
  try {
    address = await listen(server, config.port, bindHost);
  } catch (error) {
    await escalation.close();
    await closeStores();
    throw error;
  }
  url ??= `http://localhost:${address.port}`;
  escalation.start();
  const retention = startRetentionSweep(storage, config.retentionDays, logger);
  // Channel routes (web chat page, local Direct Line) are mounted here, once the URL is known.

  let closing: Promise<void> | undefined;
  return {
    ...parts,
    config,
    server,
    adapter,
    storage,
    escalation,
    cases: caseStore,
    url,
    port: address.port,
    retention,
    close() {
      closing ??= (async () => {
        draining = true;
        retention.stop();
        // Desk streams first: an open event stream would keep the server from closing.
        await escalation.close();
        await closeServer(server);
        await closeStores();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const logger = createJsonLogger({ level: config.logLevel });
  const app = await startServer(config, { logger });
  // Web chat page at /, POST /api/directline/token and, in local mode only, the local Direct Line.
  const channels = mountChannelRoutes(app.server, {
    ...channelOptionsFromEnv(process.env),
    localChannel: config.localMode,
    log: (message) => logger.warn(message, { event: 'channel' }),
  });
  logger.info('agent desk', { event: 'start', url: `${app.url}/desk` });
  logger.info('web chat', {
    event: 'start',
    url: `${app.url}/`,
    webChat:
      channels.mode === 'azure'
        ? 'Azure Direct Line'
        : channels.mode === 'local'
          ? 'local Direct Line, development only'
          : 'off: set DIRECT_LINE_SECRET',
  });
  logger.info(`mailflow-tls-bot listening on ${app.url} (POST /api/messages, GET /healthz, GET /readyz)`, {
    event: 'start',
    mode: config.localMode ? 'local: no MicrosoftAppId, unauthenticated (Emulator, local Direct Line)' : 'authenticated',
    appId: config.localMode ? undefined : config.microsoftAppId,
    state: app.storage.description,
    logLevel: config.logLevel,
    retention: config.retentionDays > 0 ? `${config.retentionDays} days` : 'off',
  });
  const shutdown = (signal: string) => {
    logger.info('shutting down', { event: 'stop', signal });
    // A hard deadline, so a stuck connection cannot keep the process alive forever; it leaves a
    // turn that is still downloading an attachment time to finish and save its state.
    setTimeout(() => process.exit(1), config.downloadTimeoutMs + 5_000).unref();
    app.close().then(
      () => process.exit(0),
      (error) => {
        logger.error('shutdown failed', error, { event: 'stop' });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error) => {
    consoleLogger.error('mailflow-tls-bot failed to start', error, { event: 'start-failed' });
    process.exit(1);
  });
}
