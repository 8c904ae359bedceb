/**
 * An agent's message to the user is plain text: it is sent with textFormat "plain" (no Markdown,
 * no HTML, never a card), secrets are redacted, links may only be https. A Markdown link
 * "[label](https://...)" becomes "label (https://...)"; any other scheme (http, javascript:,
 * data:, file: ...) is refused with a reason the agent sees, rather than silently changed.
 */
import { redactSecrets } from '../../dialogs/redact';
import { type Reason, reasonText } from './reason';

export const MAX_RELAY_CHARS = 4000;

/** A refusal: `reason` in English (the desk API), `problem` to say it in the agents' language. */
export type RelayTextResult = { ok: true; text: string } | { ok: false; reason: string; problem: Reason };

function refused(problem: Reason): RelayTextResult {
  return { ok: false, reason: reasonText('en', problem), problem };
}

const SCHEME = /\b(https?|ftp|file|javascript|vbscript|data|blob|mailto|tel|smb|ldap|ms-[a-z-]+):/gi;
const MARKDOWN_LINK = /\[([^\]\n]{0,200})\]\(\s*([^)\s]{1,2000})\s*\)/g;
/** Control characters (except line breaks and tabs) and bidi controls have no place in a chat message. */
// eslint-disable-next-line no-control-regex -- these are the characters it removes
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

export function cleanAgentText(input: unknown): RelayTextResult {
  if (typeof input !== 'string') return refused({ key: 'agent.reason.notText' });
  const text = input.replace(/\r\n?/g, '\n').replace(UNPRINTABLE, '').trim();
  if (!text) return refused({ key: 'agent.reason.empty' });
  if (text.length > MAX_RELAY_CHARS) return refused({ key: 'agent.reason.tooLong', params: { max: MAX_RELAY_CHARS } });
  const unlinked = text.replace(MARKDOWN_LINK, (_whole, label: string, url: string) => (label.trim() ? `${label.trim()} (${url})` : url));
  for (const match of unlinked.matchAll(SCHEME)) {
    if (match[1].toLowerCase() !== 'https') {
      return refused({ key: 'agent.reason.httpsOnly', params: { scheme: match[1] } });
    }
  }
  return { ok: true, text: redactSecrets(unlinked).text };
}
