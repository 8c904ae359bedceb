/**
 * How an upload reads in the transcript an agent sees: "[Uploaded: relay.pem (certificate),
 * smtp.log (text file)]", so the desk's transcript shows what the customer gave next to what the
 * bot found in it (the bot's reply, the case's certificate reports). Names are redacted like every
 * file name the bot shows; nothing of the content goes here.
 */
import type { Attachment } from 'botbuilder';
import type { Language } from '../knowledge/types';
import { redactFileName } from '../knowledge/redact';
import { t } from './strings';

const CERTIFICATE = /\.(cer|crt|pem|der|p7b|p7c|pfx|p12|sst)$/i;
const TEXT = /\.(txt|log|csv|xml|evtx|json|eml|msg)$/i;
const MAX_FILES = 10;

function kindOf(attachment: Attachment): 'certificate' | 'text' | 'other' {
  const name = attachment.name ?? '';
  const type = (attachment.contentType ?? '').toLowerCase();
  if (CERTIFICATE.test(name) || /x-x509|pkcs|pkix/.test(type)) return 'certificate';
  if (TEXT.test(name) || type.startsWith('text/')) return 'text';
  return 'other';
}

/** The transcript line for a turn's files, or '' when it has none the user uploaded (cards are not files). */
export function uploadTranscriptText(attachments: Attachment[] | undefined, language: Language): string {
  const files = (attachments ?? []).filter((attachment) => !/^application\/vnd\.microsoft\.card\./i.test(attachment.contentType ?? ''));
  if (files.length === 0) return '';
  const names = files.slice(0, MAX_FILES).map((attachment, index) => {
    const name = redactFileName((attachment.name ?? '').slice(0, 120) || `file-${index + 1}`).text;
    return `${name} (${t(language, `transcript.kind.${kindOf(attachment)}`)})`;
  });
  if (files.length > MAX_FILES) names.push('…');
  return `[${t(language, 'transcript.uploaded', { files: names.join(', ') })}]`;
}
