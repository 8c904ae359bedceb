/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication. With an empty MicrosoftAppId the SDK
 * accepts unauthenticated activities and replies to any serviceUrl without a token: that is local
 * mode (Emulator, the built-in local Direct Line, tests).
 */
import {
  type BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  MessageFactory,
  type TurnContext,
} from 'botbuilder';
import type { Language } from '../knowledge/types';
import { t } from '../dialogs/strings';
import type { BotConfig } from './config';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: Logger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, error) => console.error(message, error instanceof Error ? error.stack ?? error.message : error ?? ''),
};

export function createAdapter(config: BotConfig): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
}

/**
 * Logs the error for operators and tells the user politely, in their language, without details.
 * State is not saved for the failed turn, so the conversation continues from the last good turn.
 */
export function installTurnErrorHandler(adapter: BotAdapter, languageFor: (context: TurnContext) => Promise<Language>, logger: Logger): void {
  adapter.onTurnError = async (context, error) => {
    const activity = context.activity;
    logger.error(`Turn failed (channel ${activity?.channelId}, conversation ${activity?.conversation?.id}, type ${activity?.type}):`, error);
    try {
      const language = await languageFor(context).catch((): Language => 'en');
      await context.sendActivity(MessageFactory.text(t(language, 'error.turn')));
    } catch (sendError) {
      logger.error('Could not tell the user about the failed turn:', sendError);
    }
  };
}

/** The bot's outgoing token from the turn's connector client, for Bot Framework/Teams file URLs. */
export async function botTokenFor(context: TurnContext): Promise<string | undefined> {
  const adapter = context.adapter as unknown as { ConnectorClientKey?: symbol };
  const client = adapter.ConnectorClientKey ? context.turnState.get(adapter.ConnectorClientKey) : undefined;
  const credentials = (client as { credentials?: { getToken?: () => Promise<string> } } | undefined)?.credentials;
  if (typeof credentials?.getToken !== 'function') return undefined;
  const token = await credentials.getToken();
  return token || undefined;
}
