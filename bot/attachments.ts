/**
 * Finds the files in an incoming activity and downloads them safely.
 * - Teams personal chat: `application/vnd.microsoft.teams.file.download.info`, GET content.downloadUrl
 *   (pre-authenticated; no token).
 * - Emulator / Web Chat / Direct Line: `contentUrl` (local mode may fetch localhost, where the
 *   Emulator and the local Direct Line serve uploads).
 * - Bot Framework / Teams attachment URLs get the bot token; see download/hostPolicy.ts.
 * - `data:` URLs (some clients inline small files) are decoded in place.
 * - Teams channel / group chat files (`reference` attachments) need Graph: the user is told to use
 *   personal chat or paste the content.
 * Message bodies (text/html) and cards are not files and are skipped.
 */
import type { Attachment, TurnContext } from 'botbuilder';
import type { AttachmentFetcher, AttachmentProblem, ReceivedAttachments, ReceivedFile } from '../dialogs/ports';
import { type DownloadOptions, safeDownload } from './download/safeDownload';

export const TEAMS_FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
export const MAX_FILES_PER_MESSAGE = 10;

const READABLE_EXTENSIONS = /\.(cer|crt|pem|der|p7b|p7c|cert|txt|log|csv|xml|evtx\.xml|out)$/i;
const PRIVATE_KEY_EXTENSIONS = /\.(pfx|p12|key)$/i;
const READABLE_TYPES =
  /^(text\/(plain|csv|xml)|application\/(xml|pkix-cert|x-x509-ca-cert|x-x509-user-cert|x-pem-file|pkcs7-mime|x-pkcs7-certificates|octet-stream))\b/i;

export interface AttachmentFetcherOptions {
  maxBytes: number;
  timeoutMs: number;
  allowPrivateHosts: boolean;
  /** The bot's outgoing token, for Bot Framework / Teams hosts only (undefined in local mode). */
  getBotToken?: (context: TurnContext) => Promise<string | undefined>;
}

interface FileRef {
  name: string;
  url: string;
  contentType?: string;
}

function isNotAFile(attachment: Attachment): boolean {
  const type = typeof attachment.contentType === 'string' ? attachment.contentType.toLowerCase() : '';
  return (
    type === 'text/html' ||
    type.startsWith('application/vnd.microsoft.card.') ||
    type === 'application/vnd.microsoft.teams.card.o365connector'
  );
}

/** Name shown back to the user: from the attachment, else the URL's last path segment; never the query. */
function displayName(attachment: Attachment, url: string | undefined): string {
  const given = typeof attachment.name === 'string' ? attachment.name.trim() : '';
  if (given) return given.slice(0, 120);
  try {
    const last = new URL(url ?? '').pathname.split('/').filter(Boolean).pop();
    if (last && !url?.startsWith('data:')) return decodeURIComponent(last).slice(0, 120);
  } catch {
    // fall through
  }
  return 'file';
}

export function fileRefFor(attachment: Attachment): FileRef | AttachmentProblem | undefined {
  if (isNotAFile(attachment)) return undefined;
  const contentType = typeof attachment.contentType === 'string' ? attachment.contentType : undefined;
  if (contentType === TEAMS_FILE_DOWNLOAD_INFO) {
    const content = attachment.content as { downloadUrl?: unknown; fileType?: unknown } | undefined;
    const url = typeof content?.downloadUrl === 'string' ? content.downloadUrl : '';
    const name = displayName(attachment, url);
    if (PRIVATE_KEY_EXTENSIONS.test(name)) return { name, kind: 'private-key-name', contentType };
    if (!READABLE_EXTENSIONS.test(name))
      return { name, kind: 'unsupported', contentType: typeof content?.fileType === 'string' ? content.fileType : contentType };
    return url ? { name, url, contentType } : { name, kind: 'bad-url' };
  }
  const url = typeof attachment.contentUrl === 'string' ? attachment.contentUrl : undefined;
  const name = displayName(attachment, url);
  // Files shared in Teams channels and group chats: SharePoint links that only Graph can open.
  if (contentType === 'reference') return { name, kind: 'teams-shared-file', contentType };
  if (PRIVATE_KEY_EXTENSIONS.test(name) || /pkcs12|x-pkcs12/i.test(contentType ?? ''))
    return { name, kind: 'private-key-name', contentType };
  const readable = READABLE_EXTENSIONS.test(name) || READABLE_TYPES.test(contentType ?? '');
  if (!readable) return { name, kind: 'unsupported', contentType };
  if (!url) return { name, kind: 'bad-url', contentType };
  return { name, url, contentType };
}

function decodeDataUrl(url: string, maxBytes: number): Uint8Array | 'too-large' | undefined {
  const match = /^data:([^,]*?)(;base64)?,(.*)$/s.exec(url);
  if (!match) return undefined;
  const payload = match[3];
  if ((match[2] ? payload.length * 0.75 : payload.length) > maxBytes * 1.1) return 'too-large';
  let bytes: Buffer;
  try {
    bytes = match[2] ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return undefined; // malformed percent-encoding (data:text/plain,%E0%A4%A): a bad URL, not a failed turn
  }
  return bytes.length > maxBytes ? 'too-large' : new Uint8Array(bytes);
}

export class SafeAttachmentFetcher implements AttachmentFetcher {
  constructor(private readonly options: AttachmentFetcherOptions) {}

  async fetch(context: TurnContext): Promise<ReceivedAttachments> {
    const files: ReceivedFile[] = [];
    const problems: AttachmentProblem[] = [];
    // Activities are client input: `attachments` may be any JSON (a string, [null], [42]).
    const raw: unknown = context.activity.attachments;
    const attachments = (Array.isArray(raw) ? raw : []).filter(
      (entry): entry is Attachment => entry !== null && typeof entry === 'object' && !Array.isArray(entry),
    );
    const refs = attachments.map(fileRefFor).filter((ref): ref is FileRef | AttachmentProblem => ref !== undefined);
    if (refs.length > MAX_FILES_PER_MESSAGE) problems.push({ name: String(MAX_FILES_PER_MESSAGE), kind: 'too-many' });
    const download: DownloadOptions = {
      maxBytes: this.options.maxBytes,
      timeoutMs: this.options.timeoutMs,
      allowPrivateHosts: this.options.allowPrivateHosts,
      getBotToken: this.options.getBotToken ? () => this.options.getBotToken!(context) : undefined,
    };
    for (const ref of refs.slice(0, MAX_FILES_PER_MESSAGE)) {
      if ('kind' in ref) {
        problems.push(ref);
        continue;
      }
      if (ref.url.startsWith('data:')) {
        const bytes = decodeDataUrl(ref.url, this.options.maxBytes);
        if (bytes === 'too-large') problems.push({ name: ref.name, kind: 'too-large' });
        else if (!bytes) problems.push({ name: ref.name, kind: 'bad-url' });
        else files.push({ name: ref.name, bytes, contentType: ref.contentType });
        continue;
      }
      const result = await safeDownload(ref.url, download);
      if (result.ok) files.push({ name: ref.name, bytes: result.bytes, contentType: result.contentType ?? ref.contentType });
      else problems.push({ name: ref.name, kind: result.failure, contentType: ref.contentType });
    }
    return { files, problems };
  }
}
