/**
 * Composition root: config -> storage -> adapter -> bot -> server. Nothing else constructs these;
 * tests call createApp/startServer with their own config and parts.
 */
import * as dotenv from 'dotenv';
import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import type { CaseState } from '../dialogs/caseState';
import { SupportDialog, type UserProfile } from '../dialogs/supportDialog';
import { type Logger, botTokenFor, consoleLogger, createAdapter, installTurnErrorHandler } from './adapter';
import { SafeAttachmentFetcher } from './attachments';
import { type BotConfig, loadConfig } from './config';
import { BotFrameworkHandoff } from './handoff';
import { closeServer, createServer, listen } from './server';
import { channelOptionsFromEnv, mountChannelRoutes } from './directline';
import { type BotStorage, createStorage } from './storage';
import { SupportBot } from './supportBot';
import { CASE_PROPERTY, ConversationSaver } from './conversationSaver';
import { type RetentionSweep, startRetentionSweep } from './store/retention';
import type { CloudAdapter } from 'botbuilder';
import type { AttachmentFetcher, HandoffPort } from '../dialogs/ports';

export interface BotParts {
  bot: SupportBot;
  dialog: SupportDialog;
  conversationState: ConversationState;
  userState: UserState;
}

export interface BuildOptions {
  attachments?: AttachmentFetcher;
  handoff?: HandoffPort;
  logger?: Logger;
}

/** The bot and its state over a given storage (shared by the HTTP host and the console chat). */
export function buildBot(config: BotConfig, storage: BotStorage, options: BuildOptions = {}): BotParts {
  const conversationState = new ConversationState(storage.storage);
  const userState = new UserState(storage.storage);
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
    handoff: options.handoff ?? new BotFrameworkHandoff(storage.storage, options.logger ?? consoleLogger),
    maxDownloadBytes: config.maxDownloadBytes,
  });
  const saver = new ConversationSaver(conversationState, storage.storage, options.logger ?? consoleLogger);
  return { bot: new SupportBot(conversationState, userState, dialog, saver), dialog, conversationState, userState };
}

export interface BotApp extends BotParts {
  config: BotConfig;
  server: Server;
  adapter: CloudAdapter;
  storage: BotStorage;
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
}

export async function startServer(config: BotConfig, options: StartOptions = {}): Promise<BotApp> {
  const logger = options.logger ?? consoleLogger;
  const storage = options.storage ?? (await createStorage(config.storage, logger));
  const parts = buildBot(config, storage, { ...options, logger });
  const adapter = createAdapter(config);
  installTurnErrorHandler(adapter, (context) => parts.dialog.languageFor(context), logger);
  let draining = false;
  const checkReady = async () => {
    if (draining) throw new Error('shutting down');
    await storage.checkReady?.();
  };
  const server = createServer({ adapter, bot: parts.bot, maxBodyBytes: config.maxBodyBytes, logger, checkReady });
  let address;
  try {
    address = await listen(server, config.port, options.host ?? config.host);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const url = config.publicUrl ?? `http://localhost:${address.port}`;
  const retention = startRetentionSweep(storage, config.retentionDays, logger);
  // Channel routes (web chat page, local Direct Line) are mounted here, once the URL is known.

  let closing: Promise<void> | undefined;
  return {
    ...parts,
    config,
    server,
    adapter,
    storage,
    url,
    port: address.port,
    retention,
    close() {
      closing ??= (async () => {
        draining = true;
        retention.stop();
        await closeServer(server);
        await storage.close();
      })();
      return closing;
    },
  };
}

async function main(): Promise<void> {
  dotenv.config({ quiet: true });
  const config = loadConfig();
  const app = await startServer(config);
  // Web chat page at /, POST /api/directline/token and, in local mode only, the local Direct Line.
  const channels = mountChannelRoutes(app.server, { ...channelOptionsFromEnv(process.env), localChannel: config.localMode });
  consoleLogger.info(`web chat: ${app.url}/ (${channels.mode === 'azure' ? 'Azure Direct Line' : channels.mode === 'local' ? 'local Direct Line, development only' : 'off: set DIRECT_LINE_SECRET'})`);
  consoleLogger.info(
    `mailflow-tls-bot listening on ${app.url} (POST /api/messages, GET /healthz, GET /readyz); ` +
      `${config.localMode ? 'local mode: no MicrosoftAppId, unauthenticated (Emulator, local Direct Line)' : `app ${config.microsoftAppId}`}; ` +
      `state: ${app.storage.description}; retention: ${config.retentionDays > 0 ? `${config.retentionDays} days` : 'off'}`,
  );
  const shutdown = (signal: string) => {
    consoleLogger.info(`${signal}: shutting down`);
    // A hard deadline, so a stuck connection cannot keep the process alive forever; it leaves a
    // turn that is still downloading an attachment time to finish and save its state.
    setTimeout(() => process.exit(1), config.downloadTimeoutMs + 5_000).unref();
    app.close().then(
      () => process.exit(0),
      (error) => {
        consoleLogger.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error) => {
    consoleLogger.error('mailflow-tls-bot failed to start:', error);
    process.exit(1);
  });
}
