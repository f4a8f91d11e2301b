import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
};

export interface StaticServer {
  origin: string;
  url(relativePath: string): string;
  /** Serves `html` at `relativePath` instead of the file (a page that changed since it was clipped). */
  override(relativePath: string, html: string | null): void;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 at a free port (fixture pages for E2E tests and the demo). */
export async function serveFolder(root: string): Promise<StaticServer> {
  const base = path.resolve(root);
  const overrides = new Map<string, string>();
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const replaced = overrides.get(pathname);
    if (replaced !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html'] }).end(replaced);
      return;
    }
    const file = path.resolve(base, `.${pathname}`);
    if (!file.startsWith(base) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (relativePath) => `${origin}/${relativePath.replace(/^\//, '')}`,
    override(relativePath, html) {
      const key = `/${relativePath.replace(/^\//, '')}`;
      if (html === null) overrides.delete(key);
      else overrides.set(key, html);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
