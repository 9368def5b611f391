/**
 * The public routes: the merged feed in RSS, Atom and JSON Feed, the page, tag feeds and the sources as
 * OPML. Nothing is rendered per request for the plain documents: they are read pre-rendered (memory,
 * Cache API, KV; see src/storage/documents.ts). Filtered and tag variants are rendered from the stored
 * stories and cached by version. A conditional request is answered from the version alone.
 */
import { Hono, type Context } from 'hono';
import type { Env } from '../env';
import { renderAtom, renderHtmlPage, renderJsonFeed, renderRss, pageContentSecurityPolicy, type RenderContext } from '../render';
import { applyFilters, parseFilters, unknownTagProblem, type FeedFilters } from '../render/filters';
import { documentsStore, type DocumentsMeta, type DocumentsRecord } from '../storage/documents';

type Kind = 'rss' | 'atom' | 'json' | 'html' | 'opml';
type C = Context<{ Bindings: Env }>;

const CONTENT_TYPES: Record<Kind, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  opml: 'text/x-opml; charset=utf-8',
};

const RENDERERS = { rss: renderRss, atom: renderAtom, json: renderJsonFeed, html: renderHtmlPage } as const;

/** Before the first build: readers back off for this long (503 + Retry-After), the usual refresh tick. */
export const NOT_BUILT_RETRY_SECONDS = 60;
const FILTER_PARAMS = ['tag', 'exclude', 'limit', 'since'];
// Feeds are data: no document served from here may run anything, even if opened in a browser.
const FEED_CSP = "default-src 'none'; sandbox";

export const publicRoutes = new Hono<{ Bindings: Env }>();

publicRoutes.get('/feed.xml', (c) => serve(c, 'rss'));
publicRoutes.get('/atom.xml', (c) => serve(c, 'atom'));
publicRoutes.get('/feed.json', (c) => serve(c, 'json'));
publicRoutes.get('/', (c) => serve(c, 'html'));
publicRoutes.get('/opml.xml', (c) => serve(c, 'opml'));
publicRoutes.get('/tags/:tag/feed.xml', (c) => serve(c, 'rss', c.req.param('tag')));
publicRoutes.get('/tags/:tag/atom.xml', (c) => serve(c, 'atom', c.req.param('tag')));
publicRoutes.get('/tags/:tag/feed.json', (c) => serve(c, 'json', c.req.param('tag')));
for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/opml.xml', '/tags/:tag/feed.xml', '/tags/:tag/atom.xml', '/tags/:tag/feed.json']) {
  // Browsers preflight cross-origin conditional requests (If-None-Match is not a "simple" header).
  publicRoutes.options(path, () => new Response(null, { status: 204, headers: { ...corsHeaders(), 'access-control-max-age': '86400' } }));
}

function waitUntilOf(c: C): (p: Promise<unknown>) => void {
  try {
    const ctx = c.executionCtx;
    return (p) => ctx.waitUntil(p);
  } catch {
    return () => {};
  }
}

async function serve(c: C, kind: Kind, pathTag?: string): Promise<Response> {
  const params = new URL(c.req.url).searchParams;
  const store = documentsStore(c.env.MARQUEE_KV, waitUntilOf(c));
  const filtered = kind !== 'opml' && (pathTag !== undefined || FILTER_PARAMS.some((p) => params.has(p)));

  if (!filtered) {
    const meta = await store.meta();
    if (!meta) return notBuilt(kind);
    // Each document gets its own ETag (the version, qualified by the format), so no two URLs share one.
    if (isNotModified(c.req.raw, variantEtag(meta.etag, `/${kind}`), meta.lastModified)) {
      return notModified(kind, meta, variantEtag(meta.etag, `/${kind}`));
    }
    const got = await store.body(`/${kind}`, (r) => r[kind], { prerendered: true });
    if (!got) return notBuilt(kind);
    return ok(kind, got.meta, variantEtag(got.meta.etag, `/${kind}`), got.body, kind === 'html' ? await pageContentSecurityPolicy() : FEED_CSP);
  }

  const parsed = parseFilters(params);
  if (!parsed.ok) return badRequest(parsed.message);
  const variantPath = `/${pathTag ? `tags/${encodeURIComponent(pathTag)}/` : ''}${kind}${parsed.canonical ? `?${parsed.canonical}` : ''}`;

  const meta = await store.meta();
  if (!meta) return notBuilt(kind);
  // The variant's ETag is derived from the version and the canonical request, so a 304 needs neither
  // the stories nor the taxonomy: a variant that was served with this ETag was valid for this version.
  if (isNotModified(c.req.raw, variantEtag(meta.etag, variantPath), meta.lastModified)) {
    return notModified(kind, meta, variantEtag(meta.etag, variantPath));
  }
  const record = await store.record();
  if (!record) return notBuilt(kind);
  const taxonomy = record.context.taxonomy;
  if (pathTag !== undefined && !taxonomy.some((t) => t.id === pathTag)) {
    return new Response(`Unknown tag "${pathTag}". The tag ids are listed in /feed.json items' "tags".\n`, {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const problem = unknownTagProblem(parsed.filters, taxonomy);
  if (problem) return badRequest(problem);

  const render = (r: DocumentsRecord) => renderVariant(r, kind as Exclude<Kind, 'opml'>, parsed.filters, pathTag, parsed.canonical);
  const got = await store.body(variantPath, render);
  if (!got) return notBuilt(kind);
  return ok(kind, got.meta, variantEtag(got.meta.etag, variantPath), got.body, kind === 'html' ? await pageContentSecurityPolicy() : FEED_CSP);
}

function renderVariant(r: DocumentsRecord, kind: Exclude<Kind, 'opml'>, filters: FeedFilters, tag: string | undefined, canonical: string): string {
  // A tag feed holds the stories with that tag; its own filters (?tag=…, ?exclude=…) narrow it further.
  const base = tag ? r.stories.filter((s) => s.tags.includes(tag)) : r.stories;
  const ctx: RenderContext = { ...r.context, ...(tag ? { tag } : {}), ...(canonical ? { query: canonical } : {}) };
  return RENDERERS[kind](applyFilters(base, filters), ctx);
}

/** `"<version>-<hash of the request>"`: distinct per variant, changing whenever the version does. */
function variantEtag(etag: string, variantPath: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < variantPath.length; i++) {
    h ^= variantPath.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `"${etag.replace(/"/g, '')}-${h.toString(16).padStart(8, '0')}"`;
}

/** RFC 9110 §13.1: If-None-Match wins over If-Modified-Since; weak comparison for If-None-Match. */
export function isNotModified(req: Request, etag: string, lastModified: string): boolean {
  const inm = req.headers.get('if-none-match');
  if (inm !== null) {
    const bare = etag.replace(/^W\//, '');
    return inm.split(',').some((t) => {
      const v = t.trim();
      return v === '*' || v.replace(/^W\//, '') === bare;
    });
  }
  const ims = req.headers.get('if-modified-since');
  if (ims !== null) {
    const since = Date.parse(ims);
    const modified = Math.floor(Date.parse(lastModified) / 1000) * 1000;
    return !Number.isNaN(since) && modified <= since;
  }
  return false;
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, HEAD, OPTIONS',
    'access-control-allow-headers': 'If-None-Match, If-Modified-Since',
    'access-control-expose-headers': 'ETag, Last-Modified',
  };
}

function cachingHeaders(kind: Kind, meta: DocumentsMeta, etag: string): Record<string, string> {
  return {
    etag,
    'last-modified': new Date(meta.lastModified).toUTCString(),
    'cache-control': `public, max-age=${meta.maxAge}`,
    ...(kind === 'html' ? {} : corsHeaders()),
  };
}

function ok(kind: Kind, meta: DocumentsMeta, etag: string, body: string, csp: string): Response {
  return new Response(body, {
    headers: {
      'content-type': CONTENT_TYPES[kind],
      ...cachingHeaders(kind, meta, etag),
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      ...(kind === 'html' ? { 'referrer-policy': 'no-referrer' } : {}),
    },
  });
}

function notModified(kind: Kind, meta: DocumentsMeta, etag: string): Response {
  return new Response(null, { status: 304, headers: cachingHeaders(kind, meta, etag) });
}

function badRequest(message: string): Response {
  return new Response(`Bad request: ${message}\n`, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Before the first build there is nothing true to serve: an empty but valid feed would tell readers the
 * feed exists and has no stories. 503 with Retry-After makes readers and newsletter tools try again.
 */
function notBuilt(kind: Kind): Response {
  const message = 'Marquee has not built its feed yet: the first refresh of the sources has not finished. Try again in a minute.';
  const headers = { 'retry-after': String(NOT_BUILT_RETRY_SECONDS), 'cache-control': 'no-store' };
  if (kind === 'html') {
    return new Response(`<!doctype html><meta charset="utf-8"><title>Not built yet</title><p>${message}</p>\n`, {
      status: 503,
      headers: { ...headers, 'content-type': CONTENT_TYPES.html },
    });
  }
  return new Response(`${message}\n`, { status: 503, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' } });
}
