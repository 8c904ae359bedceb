/**
 * Downloads an attachment without trusting the URL: http(s) only, a size cap enforced while
 * streaming, an overall timeout, a few redirects (each hop re-checked: scheme, address, and whether
 * it may carry the bot token), no private addresses unless allowed (checked on the resolved IP, so a
 * public name pointing at 127.0.0.1 is caught too), and HTML sniffing (a sign-in or error page is
 * not a file).
 */
import * as dns from 'dns';
import * as http from 'http';
import * as https from 'https';
import { isIP, type LookupFunction } from 'net';
import type { DownloadFailure } from '../../dialogs/ports';
import { isBotTokenHost, isPrivateAddress } from './hostPolicy';

export type DownloadResult =
  { ok: true; bytes: Uint8Array; contentType?: string; finalUrl: string } | { ok: false; failure: DownloadFailure; status?: number };

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  allowPrivateHosts: boolean;
  /** Returns the bot token; only called for URLs on Bot Framework/Teams hosts. */
  getBotToken?: () => Promise<string | undefined>;
  /** Which URLs may carry the bot token (default isBotTokenHost; tests substitute a local server). */
  isTokenHost?: (url: URL) => boolean;
  /** Which addresses count as private (default isPrivateAddress; tests let their local server pass). */
  isPrivateAddress?: (address: string) => boolean;
}

class DownloadError extends Error {
  constructor(
    readonly failure: DownloadFailure,
    readonly status?: number,
  ) {
    super(failure);
  }
}

/** The DNS lookup hook: refuses a name when any of its addresses is private (exported for tests). */
export function guardedLookup(allowPrivate: boolean, isPrivate: (address: string) => boolean = isPrivateAddress): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses;
      // Every resolved address is checked (a name may resolve to ::ffff:127.0.0.1, 64:ff9b::a00:1 ...).
      const blocked = !allowPrivate && list.some((entry) => isIP(entry.address) === 0 || isPrivate(entry.address));
      if (blocked || list.length === 0) {
        return callback(Object.assign(new Error('blocked address'), { code: 'EBLOCKED' }), '', 4);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

function looksLikeHtml(bytes: Uint8Array, contentType: string | undefined): boolean {
  if (contentType && /^\s*(text\/html|application\/xhtml\+xml)/i.test(contentType)) return true;
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || /^<head[\s>]/.test(head);
}

function fetchOnce(url: URL, headers: Record<string, string>, options: DownloadOptions, signal: AbortSignal) {
  return new Promise<{ status: number; location?: string; contentType?: string; bytes: Uint8Array }>((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // IP literals never reach the lookup hook, so they are checked here, in the form the URL parser
    // normalised them to (0x7f000001, 2130706433 and 127.1 are 127.0.0.1; [::ffff:127.0.0.1] is [::ffff:7f00:1]).
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const isPrivate = options.isPrivateAddress ?? isPrivateAddress;
    if (!options.allowPrivateHosts && isPrivate(host)) return reject(new DownloadError('blocked-host'));
    const request = client.get(url, { headers, signal, lookup: guardedLookup(options.allowPrivateHosts, isPrivate) }, (response) => {
      const status = response.statusCode ?? 0;
      const location = typeof response.headers.location === 'string' ? response.headers.location : undefined;
      const contentType = response.headers['content-type'];
      if (status >= 300 && status < 400) {
        response.resume();
        return resolve({ status, location, contentType, bytes: new Uint8Array() });
      }
      if (status !== 200) {
        response.resume();
        return reject(new DownloadError(status === 404 || status === 410 ? 'not-found' : 'http-error', status));
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        response.destroy();
        return reject(new DownloadError('too-large'));
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > options.maxBytes) {
          response.destroy();
          request.destroy();
          reject(new DownloadError('too-large'));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve({ status, contentType, bytes: new Uint8Array(Buffer.concat(chunks)) }));
      response.on('error', (error) => reject(error));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EBLOCKED') reject(new DownloadError('blocked-host'));
      else reject(error);
    });
  });
}

export async function safeDownload(rawUrl: string, options: DownloadOptions): Promise<DownloadResult> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return { ok: false, failure: 'bad-url' };
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const maxRedirects = options.maxRedirects ?? 3;
  try {
    for (let hop = 0; ; hop++) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, failure: 'bad-url' };
      if (url.username || url.password) return { ok: false, failure: 'bad-url' };
      const headers: Record<string, string> = { 'user-agent': 'mailflow-tls-bot', accept: '*/*' };
      // The token goes to Microsoft bot hosts only, decided again on every hop.
      if ((options.isTokenHost ?? isBotTokenHost)(url) && options.getBotToken) {
        const token = await options.getBotToken();
        if (token) headers.authorization = `Bearer ${token}`;
      }
      const response = await fetchOnce(url, headers, options, controller.signal);
      if (response.status >= 300 && response.status < 400) {
        if (!response.location || hop >= maxRedirects) return { ok: false, failure: 'too-many-redirects' };
        try {
          url = new URL(response.location, url);
        } catch {
          return { ok: false, failure: 'bad-url' };
        }
        continue;
      }
      if (looksLikeHtml(response.bytes, response.contentType)) return { ok: false, failure: 'html' };
      return { ok: true, bytes: response.bytes, contentType: response.contentType, finalUrl: url.toString() };
    }
  } catch (error) {
    if (error instanceof DownloadError) return { ok: false, failure: error.failure, status: error.status };
    if (controller.signal.aborted) return { ok: false, failure: 'timeout' };
    return { ok: false, failure: 'network' };
  } finally {
    clearTimeout(timer);
  }
}
