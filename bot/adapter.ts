/**
 * CloudAdapter with ConfigurationBotFrameworkAuthentication. With an empty MicrosoftAppId the SDK
 * accepts unauthenticated activities and replies to any serviceUrl without a token: that is local
 * mode (Emulator, the built-in local Direct Line, tests). The logger is in bot/logging/, the turn
 * error handler in turnErrorHandler.ts, the bot token in botToken.ts.
 */
import {
  type Activity,
  CloudAdapter,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from './config';
import { ReusingBotFrameworkAuthentication } from './reusedClients';

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

/**
 * `authentication` overrides the SDK's endpoints (OpenID metadata of the channel and Emulator
 * token issuers, as sovereign clouds need); tests point them at a local stand-in.
 */
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
