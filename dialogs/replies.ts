/** Turns rendered knowledge-core replies into Bot Framework activities (cards + copyable text). */
import { type Activity, CardFactory, MessageFactory } from 'botbuilder';
import type { Language, RenderedReply } from '../knowledge/types';
import type { AdaptiveCard } from './cards/adaptive';
import { buildAnswerCard, buildCommandsMessage } from './cards/answerCard';
import type { CodeStyle } from './cards/commandBlock';
import { buildNoMatchCard } from './cards/noMatchCard';
import { buildQuestionCard } from './cards/questionCard';
import { buildValueRequestMessage } from './valueRequestMessage';

export function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  // Shown in notifications and by channels without card support.
  activity.summary = summary;
  return activity;
}

export interface ReplyBundle {
  activities: Array<Partial<Activity>>;
  /** One line for the handoff transcript. */
  transcriptLine: string;
}

export interface ReplyOptions {
  /** A line above the answer's title. */
  intro?: string;
  /** The channel the reply goes to: Teams gets its CodeBlock element for commands. */
  channelId?: string;
}

export function codeStyleFor(channelId: string | undefined): CodeStyle {
  return channelId === 'msteams' ? 'teams' : 'plain';
}

export function replyFor(rendered: RenderedReply, language: Language, options: ReplyOptions = {}): ReplyBundle {
  if (rendered.kind === 'match') {
    const headline = `${rendered.kb}: ${rendered.title}`;
    const activities = [
      cardActivity(buildAnswerCard(rendered, language, { intro: options.intro, codeStyle: codeStyleFor(options.channelId) }), headline),
    ];
    const commands = buildCommandsMessage(rendered, language);
    if (commands) activities.push(MessageFactory.text(commands));
    const missing = buildValueRequestMessage(rendered, language);
    if (missing) activities.push(MessageFactory.text(missing));
    return { activities, transcriptLine: headline };
  }
  if (rendered.kind === 'ask') {
    return { activities: [cardActivity(buildQuestionCard(rendered, language), rendered.text)], transcriptLine: rendered.text };
  }
  return { activities: [cardActivity(buildNoMatchCard(rendered, language), rendered.text)], transcriptLine: rendered.text };
}
