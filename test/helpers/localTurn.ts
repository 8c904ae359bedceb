/**
 * One message turn against a running host in local mode (no app id, no token), sent as the
 * Emulator sends it but with deliveryMode "expectReplies", so the bot's replies come back in the
 * HTTP response. Shared by the end-to-end tests and the benchmarks.
 */

/** The message activity: local-mode defaults, then `fields` (text, attachments, id, locale ...). */
export function localMessage(conversation: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'user-1', role: 'user' },
    recipient: { id: 'bot', role: 'bot' },
    conversation: { id: conversation },
    locale: 'en-US',
    ...fields,
  };
}

/** POSTs the message to `baseUrl`/api/messages. */
export function postLocalTurn(baseUrl: string, conversation: string, fields: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(localMessage(conversation, fields)),
  });
}
