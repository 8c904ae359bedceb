/**
 * A strict multipart/form-data reader for Direct Line's `/upload`, over a body that is already
 * size-capped. Web Chat sends one `activity` part (the message template as JSON) and one `file`
 * part per attachment. We parse it ourselves because restify's multipart plugin writes files
 * to disk and may run before our handler, and the body here is small and bounded.
 */
import { HttpError } from './httpUtil';

export interface FormPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const MAX_PARTS = 20;
const MAX_HEADER_BYTES = 8 * 1024;

export function boundaryOf(contentTypeHeader: string | undefined): string {
  const header = contentTypeHeader ?? '';
  if (!/^multipart\/form-data\s*;/i.test(header)) {
    throw new HttpError(415, 'UnsupportedMediaType', 'Uploads must be sent as multipart/form-data.');
  }
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(header);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw new HttpError(400, 'BadArgument', 'The upload has no multipart boundary.');
  return boundary;
}

export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new HttpError(400, 'BadArgument', 'The upload is not valid multipart data.');
  for (;;) {
    position += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) break;
    if (body[position] === 0x0d && body[position + 1] === 0x0a) position += 2;
    else throw new HttpError(400, 'BadArgument', 'The upload is not valid multipart data.');
    const headerEnd = body.indexOf('\r\n\r\n', position);
    if (headerEnd < 0 || headerEnd - position > MAX_HEADER_BYTES) {
      throw new HttpError(400, 'BadArgument', 'The upload is not valid multipart data.');
    }
    const headers = parseHeaders(body.subarray(position, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
    if (next < 0) throw new HttpError(400, 'BadArgument', 'The upload ended before its last part.');
    const disposition = headers.get('content-disposition') ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name === undefined) throw new HttpError(400, 'BadArgument', 'An upload part has no name.');
    parts.push({
      name,
      filename: dispositionParam(disposition, 'filename'),
      contentType: headers.get('content-type'),
      data: body.subarray(dataStart, next),
    });
    if (parts.length > MAX_PARTS) throw new HttpError(400, 'BadArgument', `An upload may hold at most ${MAX_PARTS} parts.`);
    position = next + 2;
  }
  return parts;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  // Browsers do not backslash-escape here (HTML's form encoding percent-encodes `"`, CR, LF
  // instead), so a backslash is an ordinary character, e.g. in a Windows path.
  const match =
    new RegExp(`;\\s*${param}="([^"]*)"`, 'i').exec(disposition) ?? new RegExp(`;\\s*${param}=([^;\\s"]+)`, 'i').exec(disposition);
  return match ? match[1] : undefined;
}

/**
 * A file name that is safe to store and show: no path, no control characters, bounded length.
 * Browsers percent-encode quotes and line breaks in multipart file names; decode those.
 */
export function safeFileName(raw: string | undefined): string {
  let name = raw ?? '';
  try {
    name = name.replace(/%(22|0A|0D)/gi, (escape) => decodeURIComponent(escape));
  } catch {
    // keep as is
  }
  name = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters in an upload's file name are replaced on purpose
  name = name.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '_').trim();
  if (name.length > 120) {
    const dot = name.lastIndexOf('.');
    const extension = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, 120 - extension.length) + extension;
  }
  return name || 'file';
}
