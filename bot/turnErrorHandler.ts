/**
 * What a failed turn does: logs the error for operators and tells the user politely, in their
 * language, without details. State is not saved for the failed turn, so the conversation
 * continues from the last good turn.
 */
import { type BotAdapter, MessageFactory, type TurnContext } from 'botbuilder';
import type { Language } from '../knowledge/types';
import { t } from '../dialogs/strings';
import { activityFields, type Logger } from './logging/logger';

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
