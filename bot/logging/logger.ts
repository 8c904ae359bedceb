/**
 * What every module logs through: the Logger interface and the fields of a line. The JSON logger
 * (jsonLogger.ts) implements it; tests pass a memory logger.
 */
import type { Activity } from 'botbuilder';

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
