/** A file attached inline as a `data:` URL, as some clients send small files (the bot reads it like a download). */
import type { Attachment } from 'botbuilder';

export function inlineAttachment(name: string, content: Uint8Array | string, contentType = 'application/octet-stream'): Attachment {
  return { name, contentType, contentUrl: `data:${contentType};base64,${Buffer.from(content).toString('base64')}` };
}

/** A PEM file (certificate text) attached inline. */
export function pemAttachment(name: string, pem: string): Attachment {
  return inlineAttachment(name, pem, 'application/x-pem-file');
}
