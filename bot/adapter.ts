/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication. With an empty MicrosoftAppId the SDK
 * accepts unauthenticated activities and replies to any serviceUrl without a token: that is local
 * mode (Emulator, the built-in local Direct Line, tests).
 */
import {
  type Activity,
  type BotAdapter,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type { Language } from '../knowledge/types';
import { t } from '../dialogs/strings';
import type { BotConfig } from './config';
import { createJsonLogger } from './logging/jsonLogger';
import { ReusingBotFrameworkAuthentication } from './reusedClients';

/** JSON lines on standard output at level info (the host builds its own from LOG_LEVEL). */
export const consoleLogger: Logger = createJsonLogger();

/** Ids and small facts for a log line (never message text: the JSON logger redacts strings all the same). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, error?: unknown, fields?: LogFields): void;
  debug?(message: string, fields?: LogFields): void;
}

/** The ids of an activity for a log line. */
export function activityFields(activity: Partial<Activity> | undefined): LogFields {
  return {
    channelId: typeof activity?.channelId === 'string' ? activity.channelId : undefined,
    conversationId: typeof activity?.conversation?.id === 'string' ? activity.conversation.id : undefined,
    activityId: typeof activity?.id === 'string' ? activity.id : undefined,
    activityType: typeof activity?.type === 'string' ? activity.type : undefined,
  };
}

/**
 * `authentication` overrides the SDK's endpoints (OpenID metadata of the channel and Emulator
 * token issuers, as sovereign clouds need); tests point them at a local stand-in.
 */
/**
 * CloudAdapter with its activity processing reachable without `process()`, whose error handling
 * answers bad requests with 500s and internal messages (bot/http/messagesRoute.ts does it instead).
 */
export class HostAdapter extends CloudAdapter {
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

export function createAdapter(
  config: BotConfig,
  authentication: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {},
): HostAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    ...authentication,
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  // The SDK's authentication, with the outbound clients kept across turns (bot/reusedClients.ts).
  return new HostAdapter(new ReusingBotFrameworkAuthentication(options));
}

/**
 * Logs the error for operators and tells the user politely, in their language, without details.
 * State is not saved for the failed turn, so the conversation continues from the last good turn.
 */
export function installTurnErrorHandler(
  adapter: BotAdapter,
  languageFor: (context: TurnContext) => Promise<Language>,
  logger: Logger,
): void {
  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    logger.error('turn failed', error, { event: 'turn-failed', ...activityFields(activity) });
    try {
      const language = await languageFor(context).catch((): Language => 'en');
      await context.sendActivity(MessageFactory.text(t(language, 'error.turn')));
    } catch (sendError) {
      logger.error('could not tell the user about the failed turn', sendError, { event: 'turn-failed-reply', ...activityFields(activity) });
    }
  };
}

/** The bot's outgoing token from the turn's connector client, for Bot Framework/Teams file URLs. */
export async function botTokenFor(context: TurnContext): Promise<string | undefined> {
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const client: unknown = adapter.ConnectorClientKey ? context.turnState.get(adapter.ConnectorClientKey) : undefined;
  const credentials = (client as { credentials?: { getToken?: () => Promise<string> } } | undefined)?.credentials;
  if (typeof credentials?.getToken !== 'function') return undefined;
  const token = await credentials.getToken();
  return token || undefined;
}
