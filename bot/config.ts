/**
 * Bot host configuration, read once from the environment (and .env) in the composition root.
 * Nothing else reads process.env, so tests build a config object directly.
 */
import * as path from 'path';
import { isLogLevel, type LogLevel } from './logging/jsonLogger';
import { type EscalationConfig, loadEscalationConfig } from './escalation/config';

export type StorageConfig =
  | {
      kind: 'azure-blob';
      connectionString: string;
      container: string;
      /** Escalation cases: Azure Table Storage (same account unless TABLE_STORAGE_CONNECTION_STRING). */
      tableConnectionString: string;
      casesTable: string;
    }
  /**
   * `container`: the blob container of an Azurite `.data` folder from earlier versions (migration);
   * `sync`: BOT_DATA_SYNC, whether every commit also waits for the disk (see bot/store/sqliteDatabase.ts).
   */
  | { kind: 'embedded'; dataDir: string; container: string; sync: 'normal' | 'full' };

export interface BotConfig {
  port: number;
  /**
   * Interface to listen on (HOST). Local mode is unauthenticated and may download from private
   * addresses, so it listens on loopback only unless HOST says otherwise; with an app id: all.
   */
  host?: string;
  /** Base URL the host is reachable at (PUBLIC_URL); unset: http://localhost:<listening port>. */
  publicUrl?: string;
  microsoftAppId: string;
  microsoftAppPassword: string;
  microsoftAppType: string;
  microsoftAppTenantId: string;
  /** No MicrosoftAppId: Emulator / local Direct Line mode, unauthenticated. */
  localMode: boolean;
  storage: StorageConfig;
  /** Attachment downloads may reach localhost/private addresses (local mode only by default). */
  allowPrivateDownloadHosts: boolean;
  maxDownloadBytes: number;
  downloadTimeoutMs: number;
  /** restify bodyParser limit; JSON bodies above it get HTTP 413. */
  maxBodyBytes: number;
  /** REQUEST_BODY_TIMEOUT_MS: a request body not complete this long after its headers gets 408 (0: none). */
  bodyTimeoutMs: number;
  /** MAX_CONNECTIONS_PER_CLIENT: open connections per client address (0: no cap; default 0 behind a trusted proxy). */
  maxConnectionsPerClient: number;
  /** LOG_LEVEL: fatal, error, warn, info (default), debug (one line per activity), trace, silent. */
  logLevel: LogLevel;
  /** Conversation state not written and closed cases not changed for this many days are deleted; 0: keep forever. */
  retentionDays: number;
  /** Human handoff: wait time, office hours, agent desk, Teams agents' channel, webhook (docs/human-handoff.md). */
  escalation: EscalationConfig;
}

type Env = Record<string, string | undefined>;

function intFrom(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

function flagFrom(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  return /^(1|true|yes|on)$/i.test(value.trim());
}

function logLevelFrom(value: string | undefined): LogLevel {
  const level = (value ?? '').trim().toLowerCase();
  return isLogLevel(level) ? level : 'info';
}

export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): BotConfig {
  const port = intFrom(env.PORT, 3978);
  const microsoftAppId = (env.MicrosoftAppId ?? '').trim();
  const localMode = microsoftAppId === '';
  const container = (env.BLOB_STORAGE_CONTAINER ?? '').trim() || 'bot-state';
  const connectionString = (env.BLOB_STORAGE_CONNECTION_STRING ?? '').trim();
  const storage: StorageConfig = connectionString
    ? {
        kind: 'azure-blob',
        connectionString,
        container,
        tableConnectionString: env.TABLE_STORAGE_CONNECTION_STRING?.trim() || connectionString,
        casesTable: tableNameFrom(env.CASES_TABLE),
      }
    : {
        kind: 'embedded',
        dataDir: path.resolve(cwd, env.BOT_DATA_DIR?.trim() || '.data'),
        container,
        sync: env.BOT_DATA_SYNC?.trim().toLowerCase() === 'full' ? 'full' : 'normal',
      };
  return {
    port,
    host: env.HOST?.trim() || (localMode ? '127.0.0.1' : undefined),
    publicUrl: env.PUBLIC_URL?.trim() ? env.PUBLIC_URL.trim().replace(/\/+$/, '') : undefined,
    microsoftAppId,
    microsoftAppPassword: env.MicrosoftAppPassword ?? '',
    microsoftAppType: env.MicrosoftAppType ?? '',
    microsoftAppTenantId: env.MicrosoftAppTenantId ?? '',
    localMode,
    storage,
    allowPrivateDownloadHosts: flagFrom(env.ALLOW_PRIVATE_DOWNLOAD_HOSTS, localMode),
    maxDownloadBytes: intFrom(env.MAX_UPLOAD_BYTES, 2 * 1024 * 1024),
    downloadTimeoutMs: intFrom(env.DOWNLOAD_TIMEOUT_MS, 10_000),
    maxBodyBytes: intFrom(env.MAX_BODY_BYTES, 4 * 1024 * 1024),
    bodyTimeoutMs: intFrom(env.REQUEST_BODY_TIMEOUT_MS, 20_000),
    // Behind a trusted proxy (App Service) every connection comes from the proxy: no cap by default.
    maxConnectionsPerClient: intFrom(env.MAX_CONNECTIONS_PER_CLIENT, flagFrom(env.WEBCHAT_TRUST_PROXY, false) ? 0 : 256),
    logLevel: logLevelFrom(env.LOG_LEVEL),
    retentionDays: intFrom(env.STATE_RETENTION_DAYS, 30),
    escalation: loadEscalationConfig(env, localMode),
  };
}

/** Azure table names: 3 to 63 letters and digits, starting with a letter. */
function tableNameFrom(value: string | undefined): string {
  const name = value?.trim() ?? '';
  if (name === '') return 'botcases';
  if (!/^[A-Za-z][A-Za-z0-9]{2,62}$/.test(name))
    throw new Error(`CASES_TABLE "${name}" is not a valid Azure table name (3 to 63 letters and digits, starting with a letter)`);
  return name;
}
