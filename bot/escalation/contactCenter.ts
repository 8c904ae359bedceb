/**
 * Contact-center platforms: the Bot Framework handoff protocol's `handoff.initiate` event (case
 * summary as context, the redacted transcript attached), sent into the user's conversation where
 * an agent hub listening to the channel picks it up; optionally also the message Dynamics 365
 * Contact Center (Omnichannel) reads: `channelData.tags` holding the serialized command
 * {"type":"Escalate","context":{...}} (Microsoft's documented form), whose text is the escalation
 * summary only the human agent sees. Teams does not deliver event activities to people, so
 * nothing is sent there. A channel that refuses these activities never breaks the handoff.
 */
import { type Activity, ActivityTypes, EventFactory, MessageFactory, type TurnContext } from 'botbuilder';
import type { CaseSummary, TranscriptLine } from '../../dialogs/ports';
import type { Logger } from '../logging/logger';
import { deliveryError } from './proactive';

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

/** One line for the contact center's agent: case number, verdict and what the bot thinks. */
export function escalationSummaryText(caseId: string, summary: CaseSummary): string {
  const verdict = summary.answer ? `${summary.answer.kb}: ${summary.answer.title}` : (summary.lookalikes?.[0]?.title ?? summary.verdict);
  const certificates = summary.certificates.map((certificate) => `${certificate.subject} (${certificate.thumbprint})`).join('; ');
  return [
    `Mail flow TLS case #${caseId} (${summary.language})`,
    `Bot: ${verdict}, confidence ${Math.round(summary.confidence * 100)}%`,
    certificates ? `Certificates: ${certificates}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export class ContactCenterBridge {
  constructor(private readonly options: { d365Tags: boolean; logger: Logger }) {}

  async announce(context: TurnContext, caseId: string, summary: CaseSummary, transcript: TranscriptLine[]): Promise<void> {
    if (context.activity.channelId === 'msteams') return;
    const event = EventFactory.createHandoffInitiation(
      context,
      { caseId, ...summary },
      { activities: transcriptActivities(context, transcript) },
    );
    await this.sendQuietly(context, event, 'handoff.initiate');
    if (this.options.d365Tags) {
      const escalation = MessageFactory.text(escalationSummaryText(caseId, summary));
      const topic = summary.article ?? (summary.verdict === 'no_match' ? 'no-match' : 'unclear');
      escalation.channelData = {
        tags: JSON.stringify({
          type: 'Escalate',
          context: { BotHandoffTopic: topic, mailflowCaseId: caseId, mailflowLanguage: summary.language },
        }),
      };
      await this.sendQuietly(context, escalation, 'the Dynamics 365 escalation message');
    }
  }

  private async sendQuietly(context: TurnContext, activity: Partial<Activity>, what: string): Promise<void> {
    try {
      await context.sendActivity(activity);
    } catch (error) {
      this.options.logger.warn(`${what} could not be sent on ${context.activity.channelId}: ${deliveryError(error).message}`);
    }
  }
}
