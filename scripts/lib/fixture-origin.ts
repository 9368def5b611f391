/**
 * A local origin for the demo and the end-to-end tests: serves a directory (fixtures/) over HTTP on
 * 127.0.0.1 like a well-behaved publisher, with ETag and Last-Modified and 304 answers to conditional
 * requests. Tests can replace what a path serves (`set`) to play a feed that gains stories.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.xml': 'application/xml',
  '.rss': 'application/rss+xml',
  '.atom': 'application/atom+xml',
  '.rdf': 'application/rdf+xml',
  '.json': 'application/feed+json',
  '.html': 'text/html; charset=utf-8',
  '.opml': 'text/x-opml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

interface Served {
  body: Buffer;
  type: string;
  modified: Date;
}

export interface FixtureOrigin {
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Serve `body` at `path` (`/feeds/x.xml`) from now on, with a fresh ETag and Last-Modified. */
  set(path: string, body: string | Buffer, type?: string): void;
  /** Requests seen, `METHOD path status`, for tests that check politeness. */
  log: string[];
  close(): Promise<void>;
}

export async function startFixtureOrigin(opts: { root: string; port?: number }): Promise<FixtureOrigin> {
  const overrides = new Map<string, Served>();
  const log: string[] = [];

  async function lookup(path: string): Promise<Served | null> {
    const override = overrides.get(path);
    if (override) return override;
    const file = normalize(join(opts.root, decodeURIComponent(path)));
    if (!file.startsWith(normalize(opts.root) + sep)) return null;
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      return {
        body: await readFile(file),
        type: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        modified: info.mtime,
      };
    } catch {
      return null;
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://origin').pathname;
    const served = req.method === 'GET' || req.method === 'HEAD' ? await lookup(path) : null;
    if (!served) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      log.push(`${req.method} ${path} 404`);
      return;
    }
    const etag = `"${createHash('sha1').update(served.body).digest('hex').slice(0, 20)}"`;
    const lastModified = new Date(Math.floor(served.modified.getTime() / 1000) * 1000);
    const headers = { etag, 'last-modified': lastModified.toUTCString(), 'cache-control': 'max-age=60' };
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const fresh =
      inm !== undefined ? inm.split(',').some((t) => t.trim() === etag) : ims !== undefined && Date.parse(ims) >= lastModified.getTime();
    if (fresh) {
      res.writeHead(304, headers).end();
      log.push(`${req.method} ${path} 304`);
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': served.type, 'content-length': served.body.length });
    res.end(req.method === 'HEAD' ? undefined : served.body);
    log.push(`${req.method} ${path} 200`);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    set(path, body, type) {
      const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      overrides.set(path, { body: buf, type: type ?? CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/xml', modified: new Date() });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
