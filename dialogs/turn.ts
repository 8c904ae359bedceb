/**
 * One turn of the support conversation as every part of it sees it (the routing in
 * supportDialog.ts, the evidence, the answers, the escalation), and the one way they reply: in
 * the turn's language, with a line for the case's transcript.
 */
import { type Activity, MessageFactory, type TurnContext } from 'botbuilder';
import type { Language } from '../knowledge/types';
import { type CaseState, recordTranscript } from './caseState';
import { type StringKey, t } from './strings';

export interface Turn {
  context: TurnContext;
  /** The case as this turn changes it; the dialog saves it at the end of the turn. */
  state: CaseState;
  language: Language;
}

/** Sends the activities in the turn's language; the transcript gets `transcriptLine`, or their texts. */
export async function send(turn: Turn, activities: Array<Partial<Activity>>, transcriptLine?: string): Promise<void> {
  for (const activity of activities) activity.locale = turn.language === 'de' ? 'de-DE' : 'en-US';
  await turn.context.sendActivities(activities);
  recordTranscript(turn.state, 'bot', transcriptLine ?? activities.map((activity) => activity.text ?? '').join('\n'));
}

/** One UI string as a message. */
export async function say(turn: Turn, key: StringKey): Promise<void> {
  const message = t(turn.language, key);
  await send(turn, [MessageFactory.text(message)], message);
}
