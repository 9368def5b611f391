/**
 * The origin that Worker-level tests fetch from (wired as miniflare's outboundService in
 * vitest.config.ts, so it runs in Node): a few outlets on http://origin.marquee.test/ serving fixtures
 * the way real servers do — ETag and 304, Last-Modified, a gzip-encoded body, a failing server.
 * No test ever reaches the network: unknown hosts get 502.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const ORIGIN_HOST = 'origin.marquee.test';

const fixture = (name: string) => readFileSync(resolve(process.cwd(), 'fixtures/feeds', name));

const DEADLINE_ETAG = '"deadline-2023-10-20"';
const EMPIRE_LAST_MODIFIED = 'Tue, 23 Jan 2024 13:45:00 GMT';

export function refreshOrigin(request: Request): Response {
  const url = new URL(request.url);
  if (url.hostname !== ORIGIN_HOST) return new Response('no network in tests', { status: 502 });
  switch (url.pathname) {
    case '/deadline/feed/':
      if (request.headers.get('if-none-match') === DEADLINE_ETAG) return new Response(null, { status: 304, headers: { etag: DEADLINE_ETAG } });
      return new Response(fixture('deadline.xml'), {
        headers: { 'content-type': 'application/rss+xml; charset=UTF-8', etag: DEADLINE_ETAG, 'cache-control': 'max-age=300' },
      });
    case '/empire/feed.atom':
      if (request.headers.get('if-modified-since') === EMPIRE_LAST_MODIFIED) return new Response(null, { status: 304 });
      return new Response(gzipSync(fixture('empire.atom')), {
        headers: { 'content-type': 'application/atom+xml', 'content-encoding': 'gzip', 'last-modified': EMPIRE_LAST_MODIFIED },
      });
    case '/indiewire/feed/':
      return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 503, headers: { 'content-type': 'text/html', 'retry-after': '600' } });
    case '/echo-headers':
      return Response.json(Object.fromEntries(request.headers));
    default:
      return new Response('not found', { status: 404 });
  }
}
