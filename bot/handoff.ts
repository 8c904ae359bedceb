/**
 * Handoff to a human: the Bot Framework handoff protocol event `handoff.initiate` with the case
 * summary as context and the transcript as attachment, sent into the conversation (Direct Line /
 * Web Chat / Emulator clients and agent hubs see it). The request is also written to storage
 * (`handoff/<channel>/<conversation>`) so an agent-side process can pick it up; Teams does not
 * deliver event activities to people, so there the stored request is what counts.
 */
import { type Activity, ActivityTypes, EventFactory, type Storage, type TurnContext } from 'botbuilder';
import type { CaseSummary, HandoffPort, TranscriptLine } from '../dialogs/ports';

export interface HandoffLogger {
  warn(message: string): void;
}

export function handoffStorageKey(channelId: string, conversationId: string): string {
  return `handoff/${encodeURIComponent(channelId)}/${encodeURIComponent(conversationId)}`;
}

function transcriptActivities(context: TurnContext, lines: TranscriptLine[]): Activity[] {
  const { conversation, from, recipient, channelId } = context.activity;
  return lines.map(
    (line) =>
      ({
        type: ActivityTypes.Message,
        channelId,
        conversation,
        from: line.from === 'user' ? from : recipient,
        recipient: line.from === 'user' ? recipient : from,
        text: line.text,
        timestamp: new Date(line.at),
      }) as Activity,
  );
}

export class BotFrameworkHandoff implements HandoffPort {
  constructor(
    private readonly storage: Storage,
    private readonly logger: HandoffLogger = console,
  ) {}

  async initiate(context: TurnContext, summary: CaseSummary, transcript: TranscriptLine[]): Promise<void> {
    await this.storage.write({
      [handoffStorageKey(summary.channelId, summary.conversationId)]: { state: 'requested', summary, transcript },
    });
    if (context.activity.channelId === 'msteams') return;
    const event = EventFactory.createHandoffInitiation(context, summary, { activities: transcriptActivities(context, transcript) });
    try {
      await context.sendActivity(event);
    } catch (error) {
      // The request is stored; a channel that refuses event activities must not break the chat.
      this.logger.warn(`handoff.initiate could not be sent on ${summary.channelId}: ${(error as Error).message}`);
    }
  }
}
