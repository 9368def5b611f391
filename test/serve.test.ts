import { env as testEnv, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../src/jobs/rebuild';
import { readDocumentsRecord } from '../src/storage/documents';
import { BUILD_TIME, serveConfig, storeFixtureItems } from './serve-setup';
import type { Env } from '../src/env';

const env = testEnv as unknown as Env;

const BASE = 'https://marquee.test';
const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

const get = (path: string, init?: RequestInit) => SELF.fetch(`${BASE}${path}`, init);

interface JsonFeed {
  items: Array<{ id: string; title: string; tags: string[]; date_published: string; _marquee: { sources: Array<{ source: string }> } }>;
}
const jsonItems = async (path: string) => ((await (await get(path)).json()) as JsonFeed).items;

let itemCount = 0;

beforeAll(async () => {
  itemCount = await storeFixtureItems(env.MARQUEE_KV);
  const result = await rebuild(env, serveConfig(), BUILD_TIME);
  expect(result.written).toBe(true);
});

describe('content types and HEAD', () => {
  const routes: Array<[string, string]> = [
    ['/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/feed.json', 'application/feed+json; charset=utf-8'],
    ['/', 'text/html; charset=utf-8'],
    ['/opml.xml', 'text/x-opml; charset=utf-8'],
    ['/tags/tom-cruise/feed.xml', 'application/rss+xml; charset=utf-8'],
    ['/tags/tom-cruise/atom.xml', 'application/atom+xml; charset=utf-8'],
    ['/tags/tom-cruise/feed.json', 'application/feed+json; charset=utf-8'],
  ];
  for (const [path, type] of routes) {
    it(`GET ${path} is ${type} with validators and caching`, async () => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('etag')).toMatch(/^"[0-9a-f-]+"$/);
      expect(res.headers.get('last-modified')).toBe(BUILD_TIME.toUTCString());
      expect(res.headers.get('cache-control')).toBe('public, max-age=900');
      expect((await res.text()).length).toBeGreaterThan(200);
    });
    it(`HEAD ${path} has the same headers and no body`, async () => {
      const [head, full] = await Promise.all([get(path, { method: 'HEAD' }), get(path)]);
      expect(head.status).toBe(200);
      expect(head.headers.get('content-type')).toBe(type);
      expect(head.headers.get('etag')).toBe(full.headers.get('etag'));
      expect(await head.text()).toBe('');
      await full.arrayBuffer();
    });
  }

  it('serves the page with a strict CSP and the feeds with a sandboxing one', async () => {
    const page = await get('/');
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'; script-src 'sha256-[A-Za-z0-9+/=]+'; img-src https: http: data:/);
    expect(await page.text()).toContain('<link rel="alternate" type="application/rss+xml"');
    const feed = await get('/feed.xml');
    expect(feed.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    await feed.arrayBuffer();
  });
});

describe('conditional requests', () => {
  it('answers 304 to a matching If-None-Match, 200 to another', async () => {
    for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/', '/feed.xml?tag=tom-cruise', '/tags/hbo/feed.json?limit=2']) {
      const first = await get(path);
      const etag = first.headers.get('etag')!;
      await first.arrayBuffer();
      const again = await get(path, { headers: { 'if-none-match': etag } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
      const weak = await get(path, { headers: { 'if-none-match': `"nope", W/${etag}` } });
      expect(weak.status, path).toBe(304);
      const other = await get(path, { headers: { 'if-none-match': '"some-other-version"' } });
      expect(other.status, path).toBe(200);
      await other.arrayBuffer();
    }
  });

  it('gives each filtered variant its own ETag', async () => {
    const tags = ['/feed.xml', '/feed.xml?tag=tom-cruise', '/feed.xml?tag=hbo', '/feed.json', '/tags/hbo/feed.xml'];
    const etags = await Promise.all(tags.map(async (p) => (await get(p)).headers.get('etag')));
    expect(new Set(etags).size).toBe(tags.length);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified, 200 before it', async () => {
    const at = await get('/feed.xml', { headers: { 'if-modified-since': BUILD_TIME.toUTCString() } });
    expect(at.status).toBe(304);
    const later = await get('/atom.xml', { headers: { 'if-modified-since': new Date(BUILD_TIME.getTime() + 3_600_000).toUTCString() } });
    expect(later.status).toBe(304);
    const earlier = await get('/feed.xml', { headers: { 'if-modified-since': new Date(BUILD_TIME.getTime() - 1000).toUTCString() } });
    expect(earlier.status).toBe(200);
    await earlier.arrayBuffer();
  });

  it('lets If-None-Match win over If-Modified-Since', async () => {
    const res = await get('/feed.xml', {
      headers: { 'if-none-match': '"stale-version"', 'if-modified-since': BUILD_TIME.toUTCString() },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('filters', () => {
  it('?tag= keeps stories with any of the tags, ?exclude= drops them', async () => {
    const all = await jsonItems('/feed.json');
    const cruise = await jsonItems('/feed.json?tag=tom-cruise');
    const either = await jsonItems('/feed.json?tag=tom-cruise,taylor-swift');
    const noStrikes = await jsonItems('/feed.json?exclude=strikes');
    expect(cruise.length).toBeGreaterThan(0);
    expect(cruise.every((i) => i.tags.includes('tom-cruise'))).toBe(true);
    expect(cruise.map((i) => i.id)).toEqual(all.filter((i) => i.tags.includes('tom-cruise')).map((i) => i.id));
    expect(either.map((i) => i.id)).toEqual(all.filter((i) => i.tags.includes('tom-cruise') || i.tags.includes('taylor-swift')).map((i) => i.id));
    expect(either.length).toBeGreaterThan(cruise.length);
    expect(noStrikes.some((i) => i.tags.includes('strikes'))).toBe(false);
    expect(noStrikes.length).toBe(all.filter((i) => !i.tags.includes('strikes')).length);
  });

  it('?limit=N returns the first N, ?since= the stories published at or after it', async () => {
    const all = await jsonItems('/feed.json');
    expect((await jsonItems('/feed.json?limit=3')).map((i) => i.id)).toEqual(all.slice(0, 3).map((i) => i.id));
    const since = '2023-09-01T00:00:00Z';
    const recent = await jsonItems(`/feed.json?since=${since}`);
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.map((i) => i.id)).toEqual(all.filter((i) => Date.parse(i.date_published) >= Date.parse(since)).map((i) => i.id));
    const rss = await (await get(`/feed.xml?since=2023-09-01&limit=500`)).text();
    expect(rss.match(/<item>/g)).toHaveLength(recent.length);
    expect(rss).toContain('<atom:link href="https://marquee.test/feed.xml?limit=500&amp;since=2023-09-01T00%3A00%3A00.000Z" rel="self"');
  });

  const bad: Array<[string, string]> = [
    ['/feed.xml?tag=brad-pitt', 'tag: unknown tag "brad-pitt"'],
    ['/feed.json?exclude=tom-cruise,nope', 'exclude: unknown tag "nope"'],
    ['/atom.xml?limit=0', 'limit: must be a whole number from 1 to 500, not "0"'],
    ['/feed.xml?limit=501', 'limit: must be a whole number from 1 to 500, not "501"'],
    ['/feed.xml?limit=ten', 'limit: must be a whole number from 1 to 500, not "ten"'],
    ['/feed.json?since=yesterday', 'since: must be an ISO 8601 date'],
    ['/feed.json?since=2024-13-45', 'since: must be an ISO 8601 date'],
    ['/tags/tom-cruise/feed.xml?limit=-1', 'limit: must be a whole number'],
  ];
  for (const [path, message] of bad) {
    it(`400 for ${path}`, async () => {
      const res = await get(path);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain(message);
    });
  }

  it('filters the page too, and its subscribe links keep the filter', async () => {
    const res = await get('/?tag=hbo');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<a href="https://marquee.test/feed.xml?tag=hbo" type="application/rss+xml">RSS</a>');
    const cards = html.match(/<li class="story/g)?.length ?? 0;
    expect(cards).toBe((await jsonItems('/feed.json?tag=hbo')).length);
    expect(cards).toBeGreaterThan(0);
  });

  it('ignores parameters it does not know (tracking added by readers)', async () => {
    const res = await get('/feed.xml?utm_source=newsletter');
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});

describe('CORS', () => {
  it('allows any origin to read the JSON Feed and its validators', async () => {
    const res = await get('/feed.json', { headers: { origin: 'https://reader.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('ETag, Last-Modified');
    await res.arrayBuffer();
    const preflight = await get('/feed.json', {
      method: 'OPTIONS',
      headers: { origin: 'https://reader.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('If-None-Match');
  });
});

describe('tag feeds', () => {
  it('hold only the stories with the tag and link to themselves', async () => {
    const rss = await (await get('/tags/taylor-swift/feed.xml')).text();
    expect(rss).toContain('<title>Marquee Test: Taylor Swift</title>');
    expect(rss).toContain('<atom:link href="https://marquee.test/tags/taylor-swift/feed.xml" rel="self"');
    const items = rss.split('<item>').slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toContain('<category>Taylor Swift</category>');
    const json = await jsonItems('/tags/taylor-swift/feed.json');
    expect(json).toHaveLength(items.length);
    const atom = await (await get('/tags/taylor-swift/atom.xml')).text();
    expect(atom.match(/<entry>/g)).toHaveLength(items.length);
  });

  it('404 for a tag the taxonomy does not know', async () => {
    const res = await get('/tags/brad-pitt/feed.xml');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Unknown tag "brad-pitt"');
  });
});

describe('the merged feed', () => {
  it('merges one story across outlets, with every original in _marquee and "Also reported by" in RSS', async () => {
    const items = await jsonItems('/feed.json');
    const stored = await readDocumentsRecord(env.MARQUEE_KV);
    expect(items.length).toBe(stored!.stories.length);
    expect(items.length).toBeLessThan(itemCount);
    const merged = items.filter((i) => i._marquee.sources.length > 1);
    expect(merged.length).toBeGreaterThan(3);
    const rss = await (await get('/feed.xml')).text();
    const alsoCount = rss.match(/Also reported by/g)?.length ?? 0;
    expect(alsoCount).toBe(merged.length);
  });

  it('writes every RSS date as RFC 822 with +0000', async () => {
    const rss = await (await get('/feed.xml')).text();
    const dates = [...rss.matchAll(/<(pubDate|lastBuildDate)>([^<]*)</g)].map((m) => m[2]!);
    expect(dates.length).toBeGreaterThan(10);
    for (const d of dates) expect(d).toMatch(RFC822);
  });

  it('keeps every story id and date across rebuilds, and rewrites nothing when nothing changed', async () => {
    const before = await readDocumentsRecord(env.MARQUEE_KV);
    const again = await rebuild(env, serveConfig(), new Date(BUILD_TIME.getTime() + 3_600_000));
    expect(again.written).toBe(false);
    expect(again.etag).toBe(before!.etag);

    // A source disappears and comes back an hour later: its stories keep their ids and dates.
    const without = await rebuild(env, serveConfig(['variety', 'deadline']), new Date(BUILD_TIME.getTime() + 2 * 3_600_000));
    expect(without.written).toBe(true);
    const back = await rebuild(env, serveConfig(), new Date(BUILD_TIME.getTime() + 3 * 3_600_000));
    const after = await readDocumentsRecord(env.MARQUEE_KV);
    expect(back.etag).toBe(before!.etag);
    expect(after!.stories.map((s) => [s.id, s.published])).toEqual(before!.stories.map((s) => [s.id, s.published]));
    expect(after!.rss).toBe(before!.rss);
  });
});
