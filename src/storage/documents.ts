/**
 * The pre-rendered documents Marquee serves, stored as ONE KV record (`doc:main`) so a rebuild costs a
 * single write (the Free plan allows 1,000 writes a day). The record carries everything serving needs:
 * the four documents, the OPML, the curated stories (for tag feeds and filters) and the render context
 * (site, taxonomy, sources), so a request never reads the configuration.
 *
 * Read path, fastest first:
 *  1. this isolate's memory (fresh for MEMORY_TTL_MS; a rebuild in this isolate replaces it at once);
 *  2. the Cache API: a tiny "pointer" entry naming the current version (etag, lastModified), then the
 *     body of each document keyed by that version, so a conditional request is answered from the
 *     pointer alone without reading any document body;
 *  3. KV (`getWithMetadata`), which fills both layers above.
 */
import type { Story } from '../model';
import type { RenderContext } from '../render';

export const DOCUMENTS_KEY = 'doc:main';
/** Bump when the renderers change what they write, so the ETag changes with them. */
export const RENDER_VERSION = 1;
/** How long an isolate trusts the record in its memory; KV itself takes up to a minute to propagate. */
export const MEMORY_TTL_MS = 30_000;
/** How long a colo's Cache API trusts the version pointer. */
export const POINTER_TTL_SECONDS = 30;
/** KV edge cache for the record (the minimum KV allows). */
const KV_CACHE_TTL_SECONDS = 60;

const CACHE_ORIGIN = 'https://marquee-documents.internal';

export type DocumentFormat = 'rss' | 'atom' | 'json' | 'html' | 'opml';

export interface DocumentsMeta {
  /** Strong ETag value including its quotes: `"3f9a…"`. Depends on the stories and render context only. */
  etag: string;
  /** ISO date of the rebuild that produced this etag (unchanged while the etag is unchanged). */
  lastModified: string;
  /** Seconds readers may reuse a document: aligned with the configured refresh interval. */
  maxAge: number;
}

export interface DocumentsRecord extends DocumentsMeta {
  version: typeof RENDER_VERSION;
  rss: string;
  atom: string;
  json: string;
  html: string;
  opml: string;
  /** The curated stories, newest-ranked first, as the documents list them. */
  stories: Story[];
  context: RenderContext;
}

/** SHA-256 over the stories and the render context (never the clock), as a quoted hex ETag. */
export async function documentsEtag(stories: Story[], context: RenderContext): Promise<string> {
  const input = JSON.stringify({ v: RENDER_VERSION, stories, context });
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"${hex.slice(0, 32)}"`;
}

interface MemoryEntry {
  record: DocumentsRecord;
  at: number;
}

// Per-isolate: Workers reuse an isolate across requests, so this spares KV and the cache for most reads.
let memory: MemoryEntry | null = null;

/** Forget this isolate's copy (tests, and after a write elsewhere). */
export function forgetDocumentsInMemory(): void {
  memory = null;
}

function defaultCache(): Cache | null {
  return typeof caches !== 'undefined' && 'default' in caches ? (caches as unknown as { default: Cache }).default : null;
}

function pointerUrl(): string {
  return `${CACHE_ORIGIN}/pointer`;
}

/** Cache API key of a pre-rendered or filtered document of one version. */
export function documentCacheUrl(etag: string, path: string): string {
  return `${CACHE_ORIGIN}/v/${encodeURIComponent(etag.replace(/"/g, ''))}${path.startsWith('/') ? path : `/${path}`}`;
}

export interface DocumentsStore {
  /** The current version, without reading any document body when a cache layer has it. */
  meta(): Promise<DocumentsMeta | null>;
  /** The whole record (bodies and stories). */
  record(): Promise<DocumentsRecord | null>;
  /**
   * One document of the current version: `make` picks or renders it from the record. Unless
   * `prerendered` and the record is in memory, the Cache API is asked first (keyed by version and
   * `path`), and a body made from the record is put there for the next request in this colo.
   */
  body(path: string, make: (record: DocumentsRecord) => string, opts?: { prerendered?: boolean }): Promise<{ meta: DocumentsMeta; body: string } | null>;
}

/** Cached bodies are immutable (keyed by version), so they may live long; the pointer decides what is current. */
const BODY_TTL_SECONDS = 86_400;

/**
 * A reader for one request. `waitUntil` lets cache fills finish after the response is sent.
 * Each layer is consulted at most once per request.
 */
export function documentsStore(kv: KVNamespace, waitUntil: (p: Promise<unknown>) => void = () => {}): DocumentsStore {
  let loaded: Promise<DocumentsRecord | null> | null = null;
  const cache = defaultCache();

  const loadRecord = (): Promise<DocumentsRecord | null> => {
    loaded ??= (async () => {
      if (memory && Date.now() - memory.at < MEMORY_TTL_MS) return memory.record;
      const { value } = await kv.getWithMetadata<DocumentsMeta>(DOCUMENTS_KEY, {
        type: 'text',
        cacheTtl: KV_CACHE_TTL_SECONDS,
      });
      if (value === null) return null;
      // A record written by an older renderer is still served (better than 503) until the next rebuild.
      const record = JSON.parse(value) as DocumentsRecord;
      memory = { record, at: Date.now() };
      if (cache) waitUntil(putPointer(cache, record));
      return record;
    })();
    return loaded;
  };

  return {
    async meta() {
      if (memory && Date.now() - memory.at < MEMORY_TTL_MS) return pick(memory.record);
      if (cache) {
        const hit = await cache.match(pointerUrl());
        if (hit) return (await hit.json()) as DocumentsMeta;
      }
      const record = await loadRecord();
      return record ? pick(record) : null;
    },
    record: loadRecord,
    async body(path, make, opts = {}) {
      const meta = await this.meta();
      if (!meta) return null;
      const inMemory = memory && Date.now() - memory.at < MEMORY_TTL_MS && memory.record.etag === meta.etag ? memory.record : null;
      if (inMemory && opts.prerendered) return { meta, body: make(inMemory) };
      if (cache) {
        const hit = await cache.match(documentCacheUrl(meta.etag, path));
        if (hit) return { meta, body: await hit.text() };
      }
      const record = inMemory ?? (await loadRecord());
      if (!record) return null;
      const body = make(record);
      if (cache) {
        const response = new Response(body, { headers: { 'cache-control': `max-age=${BODY_TTL_SECONDS}` } });
        waitUntil(cache.put(documentCacheUrl(record.etag, path), response).catch(() => undefined));
      }
      return { meta: pick(record), body };
    },
  };
}

function pick(r: DocumentsMeta): DocumentsMeta {
  return { etag: r.etag, lastModified: r.lastModified, maxAge: r.maxAge };
}

async function putPointer(cache: Cache, meta: DocumentsMeta): Promise<void> {
  await cache.put(
    pointerUrl(),
    new Response(JSON.stringify(pick(meta)), {
      headers: { 'content-type': 'application/json', 'cache-control': `max-age=${POINTER_TTL_SECONDS}` },
    }),
  );
}

/** Reads the stored record straight from KV (the rebuild compares etags with it). */
export async function readDocumentsRecord(kv: KVNamespace): Promise<DocumentsRecord | null> {
  const value = await kv.get(DOCUMENTS_KEY, 'text');
  if (value === null) return null;
  return JSON.parse(value) as DocumentsRecord;
}

/**
 * Stores a new record in one KV write (metadata carries the version, for tools listing keys), then
 * makes this isolate and this colo's cache serve it at once.
 */
export async function writeDocumentsRecord(kv: KVNamespace, record: DocumentsRecord): Promise<void> {
  await kv.put(DOCUMENTS_KEY, JSON.stringify(record), { metadata: pick(record) });
  memory = { record, at: Date.now() };
  const cache = defaultCache();
  if (cache) await putPointer(cache, record).catch(() => undefined);
}
