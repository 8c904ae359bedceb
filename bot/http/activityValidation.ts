/**
 * An incoming activity is client input: checked before the adapter sees it, so that a missing or
 * mistyped field is a 400 with a short sentence instead of an exception deep in the SDK (a 500).
 */
import type { Activity } from 'botbuilder';

export type ValidationResult = { ok: true; activity: Activity } | { ok: false; message: string };

const MAX_ID = 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isShortString(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function problem(body: Record<string, unknown>): string | undefined {
  if (!isShortString(body.type, 64)) return 'The activity needs a type (a string).';
  if (!isShortString(body.serviceUrl, 2048) || !isHttpUrl(body.serviceUrl)) return "The activity's serviceUrl must be an http(s) URL.";
  if (!isShortString(body.channelId, 128)) return 'The activity needs a channelId (a string).';
  if (!isObject(body.conversation) || !isShortString(body.conversation.id, MAX_ID)) return 'The activity needs conversation.id (a string).';
  if (body.id !== undefined && !isShortString(body.id, MAX_ID)) return "The activity's id must be a string.";
  for (const party of ['from', 'recipient'] as const) {
    const value = body[party];
    if (value === undefined) continue;
    if (!isObject(value) || (value.id !== undefined && !isShortString(value.id, MAX_ID)))
      return `The activity's ${party}.id must be a string.`;
  }
  for (const field of ['text', 'locale', 'replyToId', 'deliveryMode', 'textFormat', 'name'] as const) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string')
      return `The activity's ${field} must be a string.`;
  }
  for (const field of ['attachments', 'entities', 'membersAdded', 'membersRemoved'] as const) {
    if (body[field] !== undefined && body[field] !== null && !Array.isArray(body[field])) return `The activity's ${field} must be a list.`;
  }
  return undefined;
}

/** Dates as the SDK's own validator converts them (timestamp, expiration, localTimestamp). */
function withDates(body: Record<string, unknown>): Activity {
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['expiration', 'rawExpiration'],
    ['localTimestamp', 'rawLocalTimestamp'],
  ] as const) {
    const value = body[field];
    if (typeof value === 'string') {
      body[raw] = value;
      body[field] = new Date(value);
    }
  }
  return body as unknown as Activity;
}

export function validateActivity(body: unknown): ValidationResult {
  if (!isObject(body)) return { ok: false, message: 'The request body must be a Bot Framework activity (a JSON object).' };
  const message = problem(body);
  return message ? { ok: false, message } : { ok: true, activity: withDates(body) };
}
