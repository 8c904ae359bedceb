/** A local HTTP server that plays the part of attachment hosts (Direct Line, Teams downloadUrl ...). */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Never answer (for timeouts). */
  hang?: boolean;
  /** Stream this many bytes of filler (for size caps). */
  streamBytes?: number;
}

export interface FileServer {
  url: string;
  routes: Map<string, Route>;
  /** Headers of every request, by path, for assertions (e.g. no Authorization). */
  requests: Array<{ path: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startFileServer(): Promise<FileServer> {
  const routes = new Map<string, Route>();
  const requests: FileServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (route.hang) return;
    res.writeHead(route.status ?? 200, route.headers ?? { 'content-type': 'application/octet-stream' });
    if (route.streamBytes) {
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      let sent = 0;
      const pump = () => {
        while (sent < route.streamBytes!) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('error', () => undefined);
      pump();
      return;
    }
    res.end(route.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
