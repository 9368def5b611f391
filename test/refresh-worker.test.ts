/**
 * The refresh path through the Worker's own front door (SELF): /admin with its token, /health, and a
 * synchronous refresh that really fetches — through workerd's fetch — from the local origin in
 * test/refresh-origin.ts (ETag/304, a gzip-encoded Atom feed, a 503 with Retry-After).
 */
import { env, SELF } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearKv } from './helpers/fake-origin';
import type { Env } from '../src/env';
import deadline from '../fixtures/feeds/deadline.xml?raw';
import empire from '../fixtures/feeds/empire.atom?raw';

/** The origin (test/refresh-origin.ts) serves these fixtures; counts read off them follow the fixtures. */
const DEADLINE_ITEMS = deadline.match(/<item>/g)!.length;
const EMPIRE_ITEMS = empire.match(/<entry[\s>]/g)!.length;

const kv = (env as unknown as Env).MARQUEE_KV;
const BASE = 'https://marquee.test';
const TOKEN = 'test-admin-token';

function admin(path: string, init: RequestInit = {}, token = TOKEN): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return SELF.fetch(`${BASE}/admin${path}`, { ...init, headers });
}

const json = (body: unknown): RequestInit => ({ method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

const site = { title: 'Marquee', url: 'https://marquee.example.com/', description: 'Entertainment news' };
const originConfig = {
  site,
  sources: [
    { id: 'deadline', name: 'Deadline', url: 'http://origin.marquee.test/deadline/feed/' },
    { id: 'empire', name: 'Empire', url: 'http://origin.marquee.test/empire/feed.atom' },
  ],
};

beforeEach(async () => {
  await clearKv(kv);
});

describe('/admin authentication', () => {
  it('answers 401 with no hint without a token, with a wrong one, or with another scheme', async () => {
    const attempts = [
      SELF.fetch(`${BASE}/admin/config`),
      admin('/config', {}, 'test-admin-tokem'),
      admin('/config', {}, ''),
      SELF.fetch(`${BASE}/admin/config`, { headers: { authorization: `Basic ${btoa(`admin:${TOKEN}`)}` } }),
      SELF.fetch(`${BASE}/admin/refresh`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}x` } }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'unauthorized' } });
    }
  });
});

describe('/admin/config', () => {
  it('serves the bundled configuration until one is stored, then the stored one', async () => {
    const before = await admin('/config');
    expect(before.status).toBe(200);
    const bundled = (await before.json()) as { origin: string; config: { sources: unknown[] } };
    expect(bundled.origin).toBe('bundled');
    expect(bundled.config.sources.length).toBeGreaterThan(0);

    const put = await admin('/config', json(originConfig));
    expect(put.status).toBe(200);
    const got = (await (await admin('/config')).json()) as { origin: string; config: { sources: { id: string }[]; fetch: { userAgent: string } } };
    expect(got.origin).toBe('stored');
    expect(got.config.sources.map((s) => s.id)).toEqual(['deadline', 'empire']);
    expect(got.config.fetch.userAgent).toBe('Marquee/0.1 (+https://marquee.example.com/)');
  });

  it('rejects a bad configuration with its problems and changes nothing', async () => {
    await admin('/config', json(originConfig));
    const bad = await admin('/config', json({ site, sources: [{ id: 'Deadline!', name: 'Deadline', url: 'file:///etc/passwd' }] }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        code: 'INVALID_CONFIG',
        message: 'the configuration has 2 problem(s)',
        problems: [
          { path: '$.sources[0].id', message: expect.stringMatching(/^must be a lowercase slug/) },
          { path: '$.sources[0].url', message: 'must be an http(s) URL' },
        ],
      },
    });
    const notJson = await admin('/config', { method: 'PUT', body: '{"site":' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('INVALID_JSON');
    const got = (await (await admin('/config')).json()) as { config: { sources: { id: string }[] } };
    expect(got.config.sources.map((s) => s.id)).toEqual(['deadline', 'empire']);
  });

  it('DELETE goes back to the bundled configuration', async () => {
    await admin('/config', json(originConfig));
    const res = await admin('/config', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { origin: string }).origin).toBe('bundled');
    expect(await kv.get('config')).toBeNull();
  });
});

describe('/admin/sources and /admin/opml', () => {
  it('adds a source, refuses loopback unless allowed, deletes by id', async () => {
    await admin('/config', json(originConfig));
    const added = await admin('/sources', { method: 'POST', body: JSON.stringify({ name: 'The Hollywood Reporter', url: 'https://www.hollywoodreporter.com/feed/' }) });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({ source: { id: 'the-hollywood-reporter', name: 'The Hollywood Reporter', url: 'https://www.hollywoodreporter.com/feed/' } });

    const loopback = await admin('/sources', { method: 'POST', body: JSON.stringify({ id: 'local', name: 'Local', url: 'http://127.0.0.1/' }) });
    expect(loopback.status).toBe(400);
    expect(((await loopback.json()) as { error: { problems: unknown[] } }).error.problems).toEqual([
      { path: '$.sources[3].url', message: 'points at a loopback address; set fetch.allowPrivateAddresses to allow it' },
    ]);

    const duplicate = await admin('/sources', { method: 'POST', body: JSON.stringify({ id: 'deadline', name: 'Deadline again', url: 'https://deadline.com/v/film/feed/' }) });
    expect(duplicate.status).toBe(400);

    await admin('/config', json({ ...originConfig, fetch: { allowPrivateAddresses: true } }));
    const allowed = await admin('/sources', { method: 'POST', body: JSON.stringify({ id: 'local', name: 'Local', url: 'http://127.0.0.1/' }) });
    expect(allowed.status).toBe(201);

    expect((await admin('/sources/local', { method: 'DELETE' })).status).toBe(200);
    const gone = await admin('/sources/local', { method: 'DELETE' });
    expect(gone.status).toBe(404);
    const ids = ((await (await admin('/config')).json()) as { config: { sources: { id: string }[] } }).config.sources.map((s) => s.id);
    expect(ids).toEqual(['deadline', 'empire']);
  });

  it('imports an OPML subscription list, skipping duplicates and refused addresses', async () => {
    await admin('/config', json(originConfig));
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Film trades</title></head>
  <body>
    <outline text="Trades" title="Trades">
      <outline type="rss" text="Variety" title="Variety" xmlUrl="https://variety.com/feed/" htmlUrl="https://variety.com"/>
      <outline type="rss" text="IndieWire" xmlUrl="https://www.indiewire.com/feed/"/>
      <outline type="rss" text="Deadline" title="Deadline" xmlUrl="http://origin.marquee.test/deadline/feed/"/>
      <outline type="rss" text="Screen Daily &amp; Co" xmlUrl="https://www.screendaily.com/full-rss?x=1&amp;y=2"/>
    </outline>
    <outline type="rss" text="Router" xmlUrl="http://192.168.1.1/feed"/>
  </body>
</opml>`;
    const res = await admin('/opml', { method: 'POST', body: opml, headers: { 'content-type': 'text/x-opml' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({
      added: [
        { id: 'variety', name: 'Variety', url: 'https://variety.com/feed/' },
        { id: 'indiewire', name: 'IndieWire', url: 'https://www.indiewire.com/feed/' },
        { id: 'screen-daily-co', name: 'Screen Daily & Co', url: 'https://www.screendaily.com/full-rss?x=1&y=2' },
      ],
      skipped: [
        { url: 'http://origin.marquee.test/deadline/feed/', title: 'Deadline', reason: 'already a source' },
        { url: 'http://192.168.1.1/feed', title: 'Router', reason: 'url points at a private address; set fetch.allowPrivateAddresses to allow it' },
      ],
    });
    const ids = ((await (await admin('/config')).json()) as { config: { sources: { id: string }[] } }).config.sources.map((s) => s.id);
    expect(ids).toEqual(['deadline', 'empire', 'variety', 'indiewire', 'screen-daily-co']);
    const notOpml = await admin('/opml', { method: 'POST', body: '<rss version="2.0"></rss>' });
    expect(notOpml.status).toBe(400);
  });
});

describe('POST /admin/refresh and /health', () => {
  it('fetches through workerd from the origin, inflates gzip, reports outcomes, then 304s on force', async () => {
    await admin('/config', json({ ...originConfig, sources: [...originConfig.sources, { id: 'indiewire', name: 'IndieWire', url: 'http://origin.marquee.test/indiewire/feed/' }] }));
    const first = await admin('/refresh', { method: 'POST' });
    expect(first.status).toBe(200);
    const report = (await first.json()) as { changed: boolean; outcomes: unknown[] };
    expect(report.changed).toBe(true);
    expect(report.outcomes).toEqual([
      expect.objectContaining({ id: 'deadline', outcome: 'updated', status: 200, itemCount: DEADLINE_ITEMS }),
      expect.objectContaining({ id: 'empire', outcome: 'updated', status: 200, itemCount: EMPIRE_ITEMS }),
      expect.objectContaining({ id: 'indiewire', outcome: 'failed', status: 503, error: expect.objectContaining({ code: 'HTTP_ERROR', status: 503 }) }),
    ]);

    const health = await SELF.fetch(`${BASE}/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('cache-control')).toBe('no-store');
    const h = (await health.json()) as { status: string; config: string; sources: Record<string, unknown>[] };
    expect(h.status).toBe('degraded');
    expect(h.config).toBe('stored');
    expect(h.sources).toEqual([
      expect.objectContaining({ id: 'deadline', status: 'ok', itemCount: DEADLINE_ITEMS, etag: '"deadline-2023-10-20"', consecutiveFailures: 0 }),
      expect.objectContaining({ id: 'empire', status: 'ok', itemCount: EMPIRE_ITEMS, lastModified: 'Tue, 23 Jan 2024 13:45:00 GMT' }),
      expect.objectContaining({ id: 'indiewire', status: 'failing', itemCount: 0, consecutiveFailures: 1, retryAfterUntil: expect.any(String) }),
    ]);
    expect(JSON.stringify(h)).not.toContain(TOKEN);

    // Nothing is due yet; force refetches (conditionally) but still honours the 503's Retry-After.
    const again = (await (await admin('/refresh', { method: 'POST' })).json()) as { fetched: number };
    expect(again.fetched).toBe(0);
    const forced = (await (await admin('/refresh?force=1', { method: 'POST' })).json()) as { changed: boolean; outcomes: unknown[] };
    expect(forced.changed).toBe(false);
    expect(forced.outcomes).toEqual([
      expect.objectContaining({ id: 'deadline', outcome: 'not-modified', status: 304 }),
      expect.objectContaining({ id: 'empire', outcome: 'not-modified', status: 304 }),
      expect.objectContaining({ id: 'indiewire', outcome: 'skipped' }),
    ]);
  });

  it('answers 503 failing when every fetched source fails', async () => {
    await admin('/config', json({ site, sources: [{ id: 'indiewire', name: 'IndieWire', url: 'http://origin.marquee.test/indiewire/feed/' }] }));
    await admin('/refresh', { method: 'POST' });
    const res = await SELF.fetch(`${BASE}/health`);
    expect(res.status).toBe(503);
    const h = (await res.json()) as { status: string; sources: { lastError: { code: string; status: number } }[] };
    expect(h.status).toBe('failing');
    expect(h.sources[0]!.lastError).toMatchObject({ code: 'HTTP_ERROR', status: 503 });
  });

  it('reports ok with every source pending before the first refresh', async () => {
    await admin('/config', json(originConfig));
    const h = (await (await SELF.fetch(`${BASE}/health`)).json()) as { status: string; sources: { status: string }[] };
    expect(h.status).toBe('ok');
    expect(h.sources.map((s) => s.status)).toEqual(['pending', 'pending']);
  });

  it('answers unknown routes with JSON 404', async () => {
    const res = await SELF.fetch(`${BASE}/no-such-route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'no route for GET /no-such-route' } });
  });
});
