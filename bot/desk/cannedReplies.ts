/**
 * Canned replies for the desk: one JSON file per language in webchat/desk/replies/ (`en.json`,
 * `de.json`: `{"language", "replies": [{"id", "title", "text"}]}`), edited in the repository like
 * any other text. Read once and checked: a malformed file stops the desk route with a message
 * naming the file and the entry, not a half-filled menu. The agent inserts one into the reply box
 * and may edit it before sending (the reply rules, plain text with https links, still apply).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../knowledge/types';
import { cleanAgentText } from '../escalation/relayText';

export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CANNED_REPLIES_DIR = path.join(PROJECT_ROOT, 'webchat', 'desk', 'replies');
const LANGUAGES: Language[] = ['en', 'de'];

export class CannedRepliesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CannedRepliesError';
  }
}

function readLanguage(dir: string, language: Language): CannedReply[] {
  const file = path.join(dir, `${language}.json`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CannedRepliesError(`${file}: ${(error as Error).message}`);
  }
  const doc = parsed as { language?: unknown; replies?: unknown };
  if (doc?.language !== language) throw new CannedRepliesError(`${file}: "language" must be "${language}"`);
  if (!Array.isArray(doc.replies)) throw new CannedRepliesError(`${file}: "replies" must be a list`);
  const ids = new Set<string>();
  return doc.replies.map((entry: unknown, index) => {
    const reply = (entry ?? {}) as Partial<CannedReply>;
    for (const field of ['id', 'title', 'text'] as const)
      if (typeof reply[field] !== 'string' || !reply[field].trim())
        throw new CannedRepliesError(`${file}: reply ${index + 1} needs a non-empty "${field}"`);
    if (ids.has(reply.id as string)) throw new CannedRepliesError(`${file}: reply id "${reply.id}" is used twice`);
    ids.add(reply.id as string);
    const sendable = cleanAgentText(reply.text);
    if (!sendable.ok) throw new CannedRepliesError(`${file}: reply "${reply.id}" could not be sent: ${sendable.reason}`);
    return { id: reply.id as string, title: reply.title as string, text: reply.text as string };
  });
}

export function loadCannedReplies(dir = CANNED_REPLIES_DIR): Record<Language, CannedReply[]> {
  const out = {} as Record<Language, CannedReply[]>;
  for (const language of LANGUAGES) out[language] = readLanguage(dir, language);
  return out;
}
