/**
 * Real clients against the real Worker (wrangler dev, local mode) serving feeds it built from a local
 * fixture origin: Universal Feed Parser (Debian's python3-feedparser), newsboat, and the JSON Feed 1.1
 * rules. The tests in this file run in order: the last ones make the wire publish new stories.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomId } from '../../src/render';
import { LATER_WIRE_STORIES, startE2E, type E2EEnv } from '../../scripts/lib/e2e-env';

// Debian's interpreter: the PATH python3 may be another one without Debian's modules.
const PYTHON = '/usr/bin/python3';

let e2e: E2EEnv;

interface JsonFeedItem {
  id: string;
  title?: string;
  url?: string;
  [k: string]: unknown;
}

async function jsonFeed(path = '/feed.json'): Promise<{ items: JsonFeedItem[]; [k: string]: unknown }> {
  const res = await fetch(`${e2e.url}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: JsonFeedItem[] };
}

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const FEEDPARSER_SCRIPT = `
import feedparser, json, sys
d = feedparser.parse(sys.argv[1])
print(json.dumps({
  "bozo": d.bozo,
  "bozo_exception": str(d.get("bozo_exception", "")),
  "status": d.get("status"),
  "version": d.version,
  "title": d.feed.get("title"),
  "self": [l.get("href") for l in d.feed.get("links", []) if l.get("rel") == "self"],
  "entries": [{
    "id": e.get("id"),
    "title": e.get("title"),
    "link": e.get("link"),
    "published": e.get("published"),
    "has_date": e.get("published_parsed") is not None,
    "tags": [t.get("term") for t in e.get("tags", [])],
    "content": (e.get("content") or [{}])[0].get("value", ""),
    "media": e.get("media_content", []),
  } for e in d.entries],
}))
`;

function feedparser(url: string) {
  const run = spawnSync(PYTHON, ['-c', FEEDPARSER_SCRIPT, url], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as {
    bozo: number | boolean;
    bozo_exception: string;
    status: number;
    version: string;
    title: string;
    self: string[];
    entries: Array<{ id: string; title: string; link: string; published: string; has_date: boolean; tags: string[]; content: string; media: Array<{ url: string }> }>;
  };
}

describe('Universal Feed Parser (python3-feedparser)', () => {
  for (const [path, version] of [
    ['/feed.xml', 'rss20'],
    ['/atom.xml', 'atom10'],
  ] as const) {
    it(`parses ${path} with no bozo flag and every item`, async () => {
      const expected = (await jsonFeed()).items;
      const parsed = feedparser(`${e2e.url}${path}`);
      expect(parsed.bozo_exception).toBe('');
      expect(parsed.bozo).toBeFalsy();
      expect(parsed.status).toBe(200);
      expect(parsed.version).toBe(version);
      expect(parsed.self).toEqual([`${e2e.url}${path}`]);
      // Atom ids must be IRIs: Marquee's story ids appear there as urn:marquee:story:<id>.
      expect(parsed.entries.map((e) => e.id)).toEqual(expected.map((i) => (path === '/atom.xml' ? atomId(i.id) : i.id)));
      expect(parsed.entries.map((e) => e.title)).toEqual(expected.map((i) => i.title));
      for (const entry of parsed.entries) {
        expect(entry.has_date, entry.id).toBe(true);
        if (entry.link) expect(entry.link).toMatch(/^https?:\/\//);
      }
      // A story several outlets carried lists the others in its content.
      expect(parsed.entries.some((e) => e.content.includes('Also reported by'))).toBe(true);
      // Tag labels as categories, and the wire's images as media:content.
      expect(parsed.entries.some((e) => e.tags.includes('Tom Cruise'))).toBe(true);
      if (path === '/feed.xml') {
        expect(parsed.entries.filter((e) => e.media.some((m) => m.url.endsWith('.svg'))).length).toBeGreaterThanOrEqual(4);
      }
    });
  }

  it('parses a tag feed: only that tag, self link under /tags/', () => {
    const parsed = feedparser(`${e2e.url}/tags/tom-cruise/feed.xml`);
    expect(parsed.bozo).toBeFalsy();
    expect(parsed.entries.length).toBeGreaterThan(0);
    for (const e of parsed.entries) expect(e.tags).toContain('Tom Cruise');
    expect(parsed.self).toEqual([`${e2e.url}/tags/tom-cruise/feed.xml`]);
  });
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isAbsoluteUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1) as a list of violations. */
function jsonFeedProblems(doc: Record<string, unknown>): string[] {
  const p: string[] = [];
  if (doc.version !== 'https://jsonfeed.org/version/1.1') p.push(`version is ${JSON.stringify(doc.version)}`);
  if (typeof doc.title !== 'string' || !doc.title) p.push('title must be a non-empty string');
  for (const k of ['home_page_url', 'feed_url', 'icon', 'favicon', 'next_url'] as const) {
    if (doc[k] !== undefined && !isAbsoluteUrl(doc[k])) p.push(`${k} must be an absolute URL`);
  }
  if ('author' in doc) p.push('author is deprecated in 1.1: use authors');
  const checkAuthors = (authors: unknown, at: string) => {
    if (authors === undefined) return;
    if (!Array.isArray(authors)) return p.push(`${at}.authors must be an array`);
    authors.forEach((a: Record<string, unknown>, i) => {
      if (!a || typeof a !== 'object' || !['name', 'url', 'avatar'].some((k) => a[k] !== undefined)) p.push(`${at}.authors[${i}] needs name, url or avatar`);
      if (a?.url !== undefined && !isAbsoluteUrl(a.url)) p.push(`${at}.authors[${i}].url must be absolute`);
    });
  };
  checkAuthors(doc.authors, 'feed');
  if (!Array.isArray(doc.items)) return [...p, 'items must be an array'];
  const ids = new Set<string>();
  doc.items.forEach((item: Record<string, unknown>, i) => {
    const at = `items[${i}]`;
    if (typeof item.id !== 'string' || !item.id) p.push(`${at}.id must be a non-empty string`);
    else if (ids.has(item.id)) p.push(`${at}.id ${item.id} is not unique`);
    else ids.add(item.id);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string') p.push(`${at} needs content_html or content_text`);
    for (const k of ['url', 'external_url', 'image', 'banner_image'] as const) {
      if (item[k] !== undefined && !isAbsoluteUrl(item[k])) p.push(`${at}.${k} must be an absolute URL`);
    }
    for (const k of ['date_published', 'date_modified'] as const) {
      if (item[k] !== undefined && (typeof item[k] !== 'string' || !RFC3339.test(item[k] as string))) p.push(`${at}.${k} must be RFC 3339`);
    }
    if ('author' in item) p.push(`${at}.author is deprecated in 1.1`);
    checkAuthors(item.authors, at);
    if (item.tags !== undefined && (!Array.isArray(item.tags) || item.tags.some((t) => typeof t !== 'string'))) p.push(`${at}.tags must be strings`);
    if (item.attachments !== undefined) {
      (item.attachments as Array<Record<string, unknown>>).forEach((a, j) => {
        if (!isAbsoluteUrl(a.url) || typeof a.mime_type !== 'string') p.push(`${at}.attachments[${j}] needs an absolute url and a mime_type`);
      });
    }
    for (const k of Object.keys(item)) {
      const known = ['id', 'url', 'external_url', 'title', 'content_html', 'content_text', 'summary', 'image', 'banner_image', 'date_published', 'date_modified', 'authors', 'tags', 'language', 'attachments'];
      if (!known.includes(k) && !k.startsWith('_')) p.push(`${at}.${k} is not a JSON Feed field (extensions start with _)`);
    }
  });
  return p;
}

describe('JSON Feed 1.1', () => {
  it('follows the 1.1 rules, with taxonomy ids as tags and every original in _marquee', async () => {
    const res = await fetch(`${e2e.url}/feed.json`);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const doc = (await res.json()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    expect(jsonFeedProblems(doc)).toEqual([]);
    expect(doc.feed_url).toBe(`${e2e.url}/feed.json`);
    const taxonomyIds = new Set(['tom-cruise', 'mission-impossible', 'taylor-swift', 'box-office', 'strikes', 'hbo', 'disney', 'awards', 'music', 'theatre']);
    for (const item of doc.items) for (const t of item.tags as string[]) expect(taxonomyIds.has(t), t).toBe(true);
    const merged = doc.items.filter((i) => (i._marquee as { sources: unknown[] }).sources.length > 1);
    expect(merged.length).toBeGreaterThan(3);
    for (const item of merged) {
      for (const s of (item._marquee as { sources: Array<Record<string, unknown>> }).sources) {
        expect(Object.keys(s).sort()).toEqual(['name', 'published', 'source', 'title', 'url']);
      }
    }
  });

  it('catches what breaks the rules (the validator is not a rubber stamp)', () => {
    const bad = {
      version: 'https://jsonfeed.org/version/1',
      title: 'x',
      author: { name: 'a' },
      items: [
        { id: 'a', date_published: 'Thu, 04 Oct 2007 23:59:45 +0000', url: '/relative', content_text: 'x' },
        { id: 'a', content_text: 'y', tags: [1] },
        { id: 'b' },
      ],
    };
    expect(jsonFeedProblems(bad)).toEqual([
      'version is "https://jsonfeed.org/version/1"',
      'author is deprecated in 1.1: use authors',
      'items[0].url must be an absolute URL',
      'items[0].date_published must be RFC 3339',
      'items[1].id a is not unique',
      'items[1].tags must be strings',
      'items[2] needs content_html or content_text',
    ]);
  });
});

function newsboat(dir: string, ...commands: string[]) {
  const run = spawnSync('newsboat', ['-u', join(dir, 'urls'), '-c', join(dir, 'cache.db'), '-C', join(dir, 'config'), '-x', ...commands], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, '.config'), XDG_DATA_HOME: join(dir, '.local') },
  });
  if (run.status !== 0) throw new Error(`newsboat ${commands.join(' ')} failed (${run.status}): ${run.stderr}${run.stdout}`);
  return run.stdout;
}

function sqlite(db: string, sql: string): string[][] {
  const run = spawnSync(PYTHON, ['-c', 'import sqlite3,sys,json; c=sqlite3.connect(sys.argv[1]); r=c.execute(sys.argv[2]).fetchall(); c.commit(); print(json.dumps(r))', db, sql], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[][];
}

describe('newsboat', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-newsboat-'));
  const db = join(dir, 'cache.db');

  it('subscribed to /feed.xml, loads every item with the story ids as guids', async () => {
    writeFileSync(join(dir, 'urls'), `${e2e.url}/feed.xml\n`);
    writeFileSync(join(dir, 'config'), 'show-read-feeds yes\nreload-threads 1\n');
    newsboat(dir, 'reload');
    const expected = (await jsonFeed()).items.map((i) => i.id);
    const guids = sqlite(db, 'SELECT guid FROM rss_item').map((r) => r[0]);
    expect(guids.sort()).toEqual([...expected].sort());
    expect(newsboat(dir, 'print-unread').trim()).toBe(`${expected.length} unread articles`);
  });

  it('after a refresh that adds stories, shows only the new ones as new', async () => {
    // The reader has read everything so far.
    sqlite(db, 'UPDATE rss_item SET unread = 0');
    expect(newsboat(dir, 'print-unread').trim()).toBe('0 unread articles');
    const before = new Set((await jsonFeed()).items.map((i) => i.id));

    e2e.growWire();
    const refresh = await e2e.admin('POST', '/admin/refresh?force=1');
    expect(refresh.status).toBe(200);
    const after = (await jsonFeed()).items;
    const added = after.filter((i) => !before.has(i.id));
    expect(added.map((i) => i.title).sort()).toEqual(LATER_WIRE_STORIES.map((s) => s.title).sort());

    newsboat(dir, 'reload');
    expect(newsboat(dir, 'print-unread').trim()).toBe(`${added.length} unread articles`);
    const unread = sqlite(db, 'SELECT guid FROM rss_item WHERE unread = 1').map((r) => r[0]);
    expect(unread.sort()).toEqual(added.map((i) => i.id).sort());
  });

  it('asks conditionally on the next reload and gets 304 (nothing new, nothing re-marked)', async () => {
    const feed = await fetch(`${e2e.url}/feed.xml`);
    const etag = feed.headers.get('etag')!;
    await feed.arrayBuffer();
    const conditional = await fetch(`${e2e.url}/feed.xml`, { headers: { 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    newsboat(dir, 'reload');
    expect(newsboat(dir, 'print-unread').trim()).toBe(`${LATER_WIRE_STORIES.length} unread articles`);
  });
});
