import { env as testEnv } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { renderAtom, renderHtmlPage, renderJsonFeed, renderOpml, renderRss } from '../src/render';
import { SAMPLE_CONTEXT, SAMPLE_SOURCES, SAMPLE_SITE, SAMPLE_STORIES } from '../src/render/sample-stories';
import {
  documentsEtag,
  documentsStore,
  forgetDocumentsInMemory,
  RENDER_VERSION,
  writeDocumentsRecord,
  type DocumentsRecord,
} from '../src/storage/documents';
import type { Env } from '../src/env';

const env = testEnv as unknown as Env;

async function sampleRecord(lastModified: string): Promise<DocumentsRecord> {
  return {
    version: RENDER_VERSION,
    etag: await documentsEtag(SAMPLE_STORIES, SAMPLE_CONTEXT),
    lastModified,
    maxAge: 900,
    rss: renderRss(SAMPLE_STORIES, SAMPLE_CONTEXT),
    atom: renderAtom(SAMPLE_STORIES, SAMPLE_CONTEXT),
    json: renderJsonFeed(SAMPLE_STORIES, SAMPLE_CONTEXT),
    html: renderHtmlPage(SAMPLE_STORIES, SAMPLE_CONTEXT),
    opml: renderOpml(SAMPLE_SOURCES, SAMPLE_SITE),
    stories: SAMPLE_STORIES,
    context: SAMPLE_CONTEXT,
  };
}

/** A KV namespace that counts reads, to prove which paths never touch the document body. */
function countingKv(kv: KVNamespace): { kv: KVNamespace; reads: () => number } {
  let reads = 0;
  const proxy = new Proxy(kv, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop === 'get' || prop === 'getWithMetadata') {
        return (...args: unknown[]) => {
          reads++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { kv: proxy, reads: () => reads };
}

describe('documents ETag', () => {
  it('depends on the stories and context only, not on when it is computed', async () => {
    const a = await documentsEtag(SAMPLE_STORIES, SAMPLE_CONTEXT);
    const b = await documentsEtag(structuredClone(SAMPLE_STORIES), { ...SAMPLE_CONTEXT });
    expect(a).toBe(b);
    expect(a).toMatch(/^"[0-9a-f]{32}"$/);
    const retitled = SAMPLE_STORIES.map((s, i) => (i === 0 ? { ...s, title: `${s.title} (Updated)` } : s));
    expect(await documentsEtag(retitled, SAMPLE_CONTEXT)).not.toBe(a);
    const relabelled = { ...SAMPLE_CONTEXT, taxonomy: SAMPLE_CONTEXT.taxonomy.map((t) => (t.id === 'stunts' ? { ...t, label: 'Stuntwork' } : t)) };
    expect(await documentsEtag(SAMPLE_STORIES, relabelled)).not.toBe(a);
  });
});

describe('documents store', () => {
  it('returns the version of a written record without reading KV (memory, then the Cache API pointer)', async () => {
    const record = await sampleRecord('2023-05-17T17:00:00.000Z');
    await writeDocumentsRecord(env.MARQUEE_KV, record);

    const fromMemory = countingKv(env.MARQUEE_KV);
    expect(await documentsStore(fromMemory.kv).meta()).toEqual({ etag: record.etag, lastModified: record.lastModified, maxAge: 900 });
    expect(fromMemory.reads()).toBe(0);

    // A fresh isolate (nothing in memory) still answers a conditional request from the cache pointer.
    forgetDocumentsInMemory();
    const fromCache = countingKv(env.MARQUEE_KV);
    expect(await documentsStore(fromCache.kv).meta()).toEqual({ etag: record.etag, lastModified: record.lastModified, maxAge: 900 });
    expect(fromCache.reads()).toBe(0);
  });

  it('reads KV once for a body, then serves the same version from memory', async () => {
    const record = await sampleRecord('2023-05-17T18:00:00.000Z');
    await writeDocumentsRecord(env.MARQUEE_KV, record);
    forgetDocumentsInMemory();
    const counted = countingKv(env.MARQUEE_KV);
    const first = await documentsStore(counted.kv).body('/rss', (r) => r.rss, { prerendered: true });
    expect(first?.body).toBe(record.rss);
    const readsAfterFirst = counted.reads();
    expect(readsAfterFirst).toBeLessThanOrEqual(1);
    const second = await documentsStore(counted.kv).body('/json', (r) => r.json, { prerendered: true });
    expect(second?.body).toBe(record.json);
    expect(counted.reads()).toBe(readsAfterFirst);
  });

});
