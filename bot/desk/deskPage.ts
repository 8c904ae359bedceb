/**
 * The agent desk page at /desk: webchat/desk/ (HTML, script, styles), served by the bot like the
 * web chat page, from the bot host only (no CDN), under a strict Content-Security-Policy: no
 * inline script or style, no framing, connections to this host only. The files hold no data;
 * everything comes from the desk API, which checks who asks.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

export const DESK_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const FILES: Record<string, { file: string; type: string }> = {
  '/desk': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/desk/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/desk/desk.js': { file: 'desk.js', type: 'text/javascript; charset=utf-8' },
  '/desk/format.js': { file: 'format.js', type: 'text/javascript; charset=utf-8' },
  '/desk/queueFilter.js': { file: 'queueFilter.js', type: 'text/javascript; charset=utf-8' },
  '/desk/alerts.js': { file: 'alerts.js', type: 'text/javascript; charset=utf-8' },
  '/desk/desk.css': { file: 'desk.css', type: 'text/css; charset=utf-8' },
};

export class DeskPage {
  private readonly cache = new Map<string, { body: Buffer; etag: string }>();

  constructor(private readonly dir = path.join(PROJECT_ROOT, 'webchat', 'desk')) {}

  handle(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const asset = FILES[(req.url ?? '/').split('?')[0]];
    if (!asset) return false;
    let content = this.cache.get(asset.file);
    if (!content) {
      const body = readFileSync(path.join(this.dir, asset.file));
      content = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
      this.cache.set(asset.file, content);
    }
    const headers: Record<string, string | number> = {
      'Content-Type': asset.type,
      'Cache-Control': 'no-cache',
      ETag: content.etag,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': DESK_CSP,
      'X-Frame-Options': 'DENY',
    };
    if (req.headers['if-none-match'] === content.etag) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Length': content.body.length });
    res.end(req.method === 'HEAD' ? undefined : content.body);
    return true;
  }
}
