/**
 * Serves the support chat page at `/`: webchat/index.html, its script, styles and icons, the embed
 * script for other sites, and botframework-webchat's prebuilt browser bundle straight from
 * node_modules (no CDN: the page works offline and under a strict Content-Security-Policy).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface StaticPageOptions {
  /** Folder with index.html, app.js, style.css, embed.js (default: <project>/webchat). */
  webchatDir?: string;
  /** Extra connect-src sources (Azure Direct Line https and wss origins in production). */
  connectSources?: string[];
  /** Sites allowed to show the page in an iframe (CSP frame-ancestors), besides the bot itself. */
  frameAncestors?: string[];
}

interface Asset {
  file: string;
  type: string;
  /** Own files change with the code; the versioned Web Chat bundle may be cached. */
  cache: string;
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

export class StaticPage {
  private readonly assets: Map<string, Asset>;
  private readonly cache = new Map<string, { body: Buffer; gzip: Buffer; etag: string }>();
  private readonly csp: string;

  constructor(options: StaticPageOptions = {}) {
    const dir = options.webchatDir ?? path.join(PROJECT_ROOT, 'webchat');
    // The package exports only its entry points; its folder is two levels above lib/index.js.
    const bundle = path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
    const own = 'no-cache';
    this.assets = new Map<string, Asset>([
      ['/', { file: path.join(dir, 'index.html'), type: 'text/html; charset=utf-8', cache: own }],
      ['/index.html', { file: path.join(dir, 'index.html'), type: 'text/html; charset=utf-8', cache: own }],
      ['/webchat/app.js', { file: path.join(dir, 'app.js'), type: 'text/javascript; charset=utf-8', cache: own }],
      ['/webchat/style.css', { file: path.join(dir, 'style.css'), type: 'text/css; charset=utf-8', cache: own }],
      ['/webchat/icon.svg', { file: path.join(dir, 'icon.svg'), type: 'image/svg+xml', cache: own }],
      ['/webchat/avatar.svg', { file: path.join(dir, 'avatar.svg'), type: 'image/svg+xml', cache: own }],
      ['/embed.js', { file: path.join(dir, 'embed.js'), type: 'text/javascript; charset=utf-8', cache: own }],
      ['/webchat/botframework-webchat.js', { file: bundle, type: 'text/javascript; charset=utf-8', cache: 'public, max-age=86400' }],
    ]);
    this.csp = pageCsp(options.connectSources ?? [], options.frameAncestors ?? []);
  }

  get contentSecurityPolicy(): string {
    return this.csp;
  }

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname === '/favicon.ico') {
      res.writeHead(301, { Location: '/webchat/icon.svg' });
      res.end();
      return true;
    }
    const asset = this.assets.get(pathname);
    if (!asset) return false;
    const content = this.load(asset.file);
    if (req.headers['if-none-match'] === content.etag) {
      res.writeHead(304, { ETag: content.etag });
      res.end();
      return true;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? content.gzip : content.body;
    const headers: Record<string, string | number> = {
      'Content-Type': asset.type,
      'Content-Length': body.length,
      'Cache-Control': asset.cache,
      ETag: content.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (gzip) headers['Content-Encoding'] = 'gzip';
    if (asset.type.startsWith('text/html')) headers['Content-Security-Policy'] = this.csp;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  /** Files are read once and kept (with their gzip form): the bundle is ~4 MB, ~1 MB zipped. */
  private load(file: string): { body: Buffer; gzip: Buffer; etag: string } {
    let content = this.cache.get(file);
    if (!content) {
      const body = readFileSync(file);
      content = { body, gzip: gzipSync(body), etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      this.cache.set(file, content);
    }
    return content;
  }
}

/**
 * Web Chat needs inline styles (its CSS-in-JS) and blob: URLs (it reads a picked file through
 * one before uploading); everything else comes from this host.
 */
export function pageCsp(connectSources: string[], frameAncestors: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    // Images (thumbnails of uploads) come from the Direct Line service in production.
    `img-src ${["'self'", 'data:', 'blob:', ...connectSources.filter((source) => source.startsWith('https:'))].join(' ')}`,
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", 'blob:', ...connectSources].join(' ')}`,
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
}
