import { env } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import deadline from '../../fixtures/feeds/deadline.xml?raw';
import deadlineSyndicated from '../../fixtures/feeds/deadline-syndicated.xml?raw';
import empire from '../../fixtures/feeds/empire.atom?raw';
import slashfilm from '../../fixtures/feeds/slashfilm.json?raw';
import { FakeOrigin, clearKv, countingKv, endlessBody, feedResponse, gzip, stallingBody } from '../../test/helpers/fake-origin';
import { validateConfig } from '../config/validate';
import type { Env } from '../env';
import type { MarqueeConfig, SourceConfig } from '../model';
import { readSourceItems } from '../storage/source-items';
import { readStates } from '../storage/source-state';
import { refreshSources } from './refresh';

const testEnv = env as unknown as Env;
const kv = testEnv.MARQUEE_KV;
const T0 = new Date('2023-10-21T00:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const half = () => 0.5;

const DEADLINE = 'https://deadline.com/feed/';
/** Item counts read off the fixtures themselves, so the expectations follow the fixtures. */
const DEADLINE_ITEMS = deadline.match(/<item>/g)!.length;
const SYNDICATED_ITEMS = deadlineSyndicated.match(/<item>/g)!.length;
const EMPIRE_ITEMS = empire.match(/<entry[\s>]/g)!.length;
const EMPIRE = 'https://www.empireonline.com/movies/news/feed/';
const deadlineSource: SourceConfig = { id: 'deadline', name: 'Deadline', url: DEADLINE };
const empireSource: SourceConfig = { id: 'empire', name: 'Empire', url: EMPIRE };

function makeConfig(sources: SourceConfig[], extra: Record<string, unknown> = {}): MarqueeConfig {
  const r = validateConfig({
    site: { title: 'Marquee', url: 'https://marquee.example.com/', description: 'Entertainment news' },
    sources,
    fetch: { timeoutMs: 200, maxBytes: 256 * 1024, ...(extra.fetch as object) },
    ...(extra.curation ? { curation: extra.curation } : {}),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Deadline – Hollywood Entertainment Breaking News</title></head>
<body><header><a href="/">Deadline</a></header><main><h1>Mission: Impossible – Dead Reckoning box office</h1>
<p>Tom Cruise's latest outing opened to $80M worldwide.</p></main></body></html>`;

async function storedIds(id: string): Promise<string[]> {
  return ((await readSourceItems(kv, id))?.items ?? []).map((i) => i.id);
}

/** Deadline serves its feed with an ETag and answers If-None-Match with 304. */
function etagOrigin(body = deadline, etag = '"dl-1"'): FakeOrigin {
  return new FakeOrigin().on(DEADLINE, (req) =>
    req.headers.get('if-none-match') === etag ? new Response(null, { status: 304, headers: { etag } }) : feedResponse(body, { etag }),
  );
}

/** First a good fetch of all of Deadline's items, as every "nothing lost" case starts. */
async function seedDeadline(config = makeConfig([deadlineSource])): Promise<string[]> {
  const report = await refreshSources(testEnv, config, { now: T0, fetch: etagOrigin().fetch, random: half });
  expect(report.outcomes[0]).toMatchObject({ id: 'deadline', outcome: 'updated', itemCount: DEADLINE_ITEMS });
  const ids = await storedIds('deadline');
  expect(ids).toHaveLength(DEADLINE_ITEMS);
  return ids;
}

beforeEach(async () => {
  await clearKv(kv);
});

describe('refreshSources: polite fetching', () => {
  it('stores items and the ETag on 200, then treats 304 as unchanged, writing only the state record', async () => {
    const config = makeConfig([deadlineSource]);
    const first = await refreshSources(testEnv, config, { now: T0, fetch: etagOrigin().fetch, random: half });
    expect(first).toMatchObject({ changed: true, fetched: 1, stateWritten: true });
    const ids = await storedIds('deadline');
    expect(ids[0]).toMatch(/^https:\/\/deadline\.com\/2023\/10\/mission-imp/);
    let state = (await readStates(kv)).deadline!;
    expect(state).toMatchObject({
      url: DEADLINE,
      etag: '"dl-1"',
      lastFetchAt: T0.toISOString(),
      lastSuccessAt: T0.toISOString(),
      consecutiveFailures: 0,
      lastError: null,
      itemCount: DEADLINE_ITEMS,
      gone: false,
      ttlSeconds: 3600,
      // sy:updatePeriod hourly: an hour, not the 30-minute default.
      nextFetchAt: later(60).toISOString(),
    });

    const origin = etagOrigin();
    const counting = countingKv(kv);
    const second = await refreshSources({ ...testEnv, MARQUEE_KV: counting.kv }, config, { now: later(60), fetch: origin.fetch, random: half });
    expect(origin.requests[0]!.headers.get('if-none-match')).toBe('"dl-1"');
    expect(second).toMatchObject({ changed: false, outcomes: [{ id: 'deadline', outcome: 'not-modified', status: 304, itemCount: DEADLINE_ITEMS }] });
    expect(counting.puts).toEqual(['sources:state']);
    expect(counting.deletes).toEqual([]);
    state = (await readStates(kv)).deadline!;
    expect(state).toMatchObject({ lastSuccessAt: later(60).toISOString(), nextFetchAt: later(120).toISOString(), itemCount: DEADLINE_ITEMS });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('uses Last-Modified alone when there is no ETag', async () => {
    const LM = 'Fri, 20 Oct 2023 23:58:41 GMT';
    const origin = new FakeOrigin().on(EMPIRE, (req) =>
      req.headers.get('if-modified-since') === LM ? new Response(null, { status: 304 }) : feedResponse(empire, { 'last-modified': LM, 'content-type': 'application/atom+xml' }),
    );
    const config = makeConfig([empireSource]);
    await refreshSources(testEnv, config, { now: T0, fetch: origin.fetch, random: half });
    expect((await readStates(kv)).empire).toMatchObject({ etag: null, lastModified: LM, itemCount: EMPIRE_ITEMS, nextFetchAt: later(30).toISOString() });
    const report = await refreshSources(testEnv, config, { now: later(30), fetch: origin.fetch, random: half });
    expect(origin.requests[1]!.headers.get('if-modified-since')).toBe(LM);
    expect(origin.requests[1]!.headers.has('if-none-match')).toBe(false);
    expect(report.outcomes[0]).toMatchObject({ outcome: 'not-modified' });
    expect((await storedIds("empire")).length).toBe(EMPIRE_ITEMS);
  });

  it('counts a 200 with the same body as unchanged and writes no items', async () => {
    const config = makeConfig([deadlineSource]);
    const plain = new FakeOrigin().on(DEADLINE, () => feedResponse(deadline));
    await refreshSources(testEnv, config, { now: T0, fetch: plain.fetch, random: half });
    const counting = countingKv(kv);
    const report = await refreshSources({ ...testEnv, MARQUEE_KV: counting.kv }, config, { now: later(60), fetch: plain.fetch, random: half });
    expect(report).toMatchObject({ changed: false, outcomes: [{ outcome: 'unchanged', status: 200 }] });
    expect(counting.puts).toEqual(['sources:state']);
  });

  it('does not fetch sources that are not due, and writes nothing', async () => {
    const config = makeConfig([deadlineSource]);
    await seedDeadline(config);
    const origin = etagOrigin();
    const counting = countingKv(kv);
    const report = await refreshSources({ ...testEnv, MARQUEE_KV: counting.kv }, config, { now: later(10), fetch: origin.fetch, random: half });
    expect(report).toMatchObject({ fetched: 0, stateWritten: false, outcomes: [{ outcome: 'skipped', nextFetchAt: later(60).toISOString() }] });
    expect(origin.requests).toHaveLength(0);
    expect(counting.puts).toEqual([]);
    // force ignores the schedule
    const forced = await refreshSources(testEnv, config, { now: later(10), fetch: origin.fetch, random: half, force: true });
    expect(forced.outcomes[0]).toMatchObject({ outcome: 'not-modified' });
  });

  it('writes one state record for an all-304 run over many sources', async () => {
    const sources = Array.from({ length: 8 }, (_, i) => ({ id: `outlet-${i}`, name: `Outlet ${i}`, url: `https://outlet${i}.example.com/feed/` }));
    const origin = new FakeOrigin();
    for (const s of sources) {
      origin.on(s.url, (req) => (req.headers.get('if-none-match') === '"v1"' ? new Response(null, { status: 304 }) : feedResponse(deadline, { etag: '"v1"' })));
    }
    const config = makeConfig(sources);
    const first = countingKv(kv);
    await refreshSources({ ...testEnv, MARQUEE_KV: first.kv }, config, { now: T0, fetch: origin.fetch, random: half });
    expect(first.puts.sort()).toEqual([...sources.map((s) => `source:${s.id}:items`), 'sources:state'].sort());
    const second = countingKv(kv);
    const report = await refreshSources({ ...testEnv, MARQUEE_KV: second.kv }, config, { now: later(60), fetch: origin.fetch, random: half });
    expect(report.outcomes.map((o) => o.outcome)).toEqual(Array(8).fill('not-modified'));
    expect(second.puts).toEqual(['sources:state']);
  });

  it('runs at most `concurrency` fetches at once', async () => {
    const sources = Array.from({ length: 14 }, (_, i) => ({ id: `outlet-${i}`, name: `Outlet ${i}`, url: `https://outlet${i}.example.com/feed/` }));
    let inFlight = 0;
    let peak = 0;
    const origin = new FakeOrigin();
    for (const s of sources) {
      origin.on(s.url, async () => {
        peak = Math.max(peak, ++inFlight);
        await scheduler.wait(5);
        inFlight--;
        return feedResponse(deadlineSyndicated);
      });
    }
    const report = await refreshSources(testEnv, makeConfig(sources, { fetch: { concurrency: 4 } }), { now: T0, fetch: origin.fetch, random: half });
    expect(report.fetched).toBe(14);
    expect(peak).toBe(4);
  });

  it('defers due sources past the per-invocation limit, most overdue first', async () => {
    const sources = Array.from({ length: 5 }, (_, i) => ({ id: `outlet-${i}`, name: `Outlet ${i}`, url: `https://outlet${i}.example.com/feed/` }));
    const origin = new FakeOrigin();
    for (const s of sources) origin.on(s.url, () => feedResponse(deadlineSyndicated));
    const report = await refreshSources(testEnv, makeConfig(sources), { now: T0, fetch: origin.fetch, random: half, limit: 3 });
    expect(report.outcomes.map((o) => o.outcome)).toEqual(['updated', 'updated', 'updated', 'deferred', 'deferred']);
    expect(Object.keys(await readStates(kv)).sort()).toEqual(['outlet-0', 'outlet-1', 'outlet-2']);
    const next = await refreshSources(testEnv, makeConfig(sources), { now: T0, fetch: origin.fetch, random: half, limit: 3 });
    // The never-fetched ones go first.
    expect(next.outcomes.filter((o) => o.outcome === 'updated').map((o) => o.id)).toEqual(['outlet-3', 'outlet-4']);
  });
});

describe('refreshSources: nothing lost', () => {
  it('500: records the error, backs off, keeps the items', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const broken = new FakeOrigin().on(DEADLINE, () => new Response('<h1>Internal Server Error</h1>', { status: 500 }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: broken.fetch, random: () => 1 });
    expect(report).toMatchObject({ changed: false, outcomes: [{ outcome: 'failed', status: 500, itemCount: DEADLINE_ITEMS, error: { code: 'HTTP_ERROR', status: 500 } }] });
    const state = (await readStates(kv)).deadline!;
    expect(state).toMatchObject({
      consecutiveFailures: 1,
      lastError: { code: 'HTTP_ERROR', status: 500, at: later(60).toISOString() },
      lastSuccessAt: T0.toISOString(),
      etag: '"dl-1"',
      itemCount: DEADLINE_ITEMS,
      nextFetchAt: later(90).toISOString(),
    });
    // The second failure in a row waits twice as long.
    await refreshSources(testEnv, config, { now: later(90), fetch: broken.fetch, random: () => 1 });
    expect((await readStates(kv)).deadline).toMatchObject({ consecutiveFailures: 2, nextFetchAt: later(150).toISOString() });
    expect(await storedIds('deadline')).toEqual(ids);
    // Recovery clears the failure count and the error.
    await refreshSources(testEnv, config, { now: later(150), fetch: etagOrigin().fetch, random: half });
    expect((await readStates(kv)).deadline).toMatchObject({ consecutiveFailures: 0, lastError: null, lastSuccessAt: later(150).toISOString() });
  });

  it('429 with Retry-After: waits that long even when forced, keeps the items', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const limited = new FakeOrigin().on(DEADLINE, () => new Response('Too Many Requests', { status: 429, headers: { 'retry-after': '10800' } }));
    await refreshSources(testEnv, config, { now: later(60), fetch: limited.fetch, random: half });
    expect((await readStates(kv)).deadline).toMatchObject({
      consecutiveFailures: 1,
      lastError: { code: 'HTTP_ERROR', status: 429 },
      retryAfterUntil: later(240).toISOString(),
      nextFetchAt: later(240).toISOString(),
    });
    const origin = etagOrigin();
    const forced = await refreshSources(testEnv, config, { now: later(120), fetch: origin.fetch, random: half, force: true });
    expect(forced.outcomes[0]).toMatchObject({ outcome: 'skipped', nextFetchAt: later(240).toISOString() });
    expect(origin.requests).toHaveLength(0);
    const after = await refreshSources(testEnv, config, { now: later(240), fetch: origin.fetch, random: half });
    expect(after.outcomes[0]).toMatchObject({ outcome: 'not-modified' });
    expect((await readStates(kv)).deadline).toMatchObject({ retryAfterUntil: null, consecutiveFailures: 0 });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('a body that stalls past the timeout: TIMEOUT, items kept', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const stalled = new FakeOrigin().on(DEADLINE, () => new Response(stallingBody(deadline.slice(0, 4000)), { headers: { 'content-type': 'application/rss+xml' } }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: stalled.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'TIMEOUT' } });
    expect((await readStates(kv)).deadline).toMatchObject({ lastError: { code: 'TIMEOUT' }, itemCount: DEADLINE_ITEMS });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('a body over the cap: TOO_LARGE, items kept', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const huge = new FakeOrigin().on(DEADLINE, () => new Response(endlessBody(32 * 1024, { pulled: 0 }), { headers: { 'content-type': 'application/rss+xml' } }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: huge.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'TOO_LARGE' } });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('a redirect loop: REDIRECT_LOOP, items kept, URL unchanged', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const loop = new FakeOrigin()
      .on(DEADLINE, () => new Response(null, { status: 301, headers: { location: 'https://deadline.com/feed/rss/' } }))
      .on('https://deadline.com/feed/rss/', () => new Response(null, { status: 301, headers: { location: DEADLINE } }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: loop.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'REDIRECT_LOOP' } });
    expect((await readStates(kv)).deadline).toMatchObject({ url: DEADLINE, itemCount: DEADLINE_ITEMS });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('an HTML page instead of the feed: HTML_NOT_FEED, items kept; a feed served as text/html still parses', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const page = new FakeOrigin().on(DEADLINE, () => new Response(HTML_PAGE, { headers: { 'content-type': 'text/html; charset=utf-8' } }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: page.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'HTML_NOT_FEED' } });
    expect(await storedIds('deadline')).toEqual(ids);

    const mislabelled = new FakeOrigin().on(EMPIRE, () => new Response(empire, { headers: { 'content-type': 'text/html' } }));
    const ok = await refreshSources(testEnv, makeConfig([deadlineSource, empireSource]), { now: later(60), fetch: mislabelled.fetch, random: half, only: ['empire'] });
    expect(ok.outcomes).toEqual([expect.objectContaining({ id: 'empire', outcome: 'updated', itemCount: EMPIRE_ITEMS })]);
  });

  it('a valid feed that becomes malformed: MALFORMED, items kept, and the next good body is taken', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    // A broken minifier strips every CDATA terminator: the first CDATA section swallows the rest of the
    // document, and no item is complete. (A stray `<` in a headline no longer counts: the parser reads it as text.)
    const malformed = deadline.replace(/\]\]>/g, '');
    expect(malformed).not.toBe(deadline);
    const origin = new FakeOrigin().on(DEADLINE, (req) => (req.url === DEADLINE && origin.requests.length > 1 ? feedResponse(deadline.replace('Hollywood Entertainment Breaking News', 'Breaking News')) : feedResponse(malformed)));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: origin.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'MALFORMED' } });
    const state = (await readStates(kv)).deadline!;
    expect(state).toMatchObject({ lastError: { code: 'MALFORMED' }, consecutiveFailures: 1, itemCount: DEADLINE_ITEMS, contentHash: expect.any(String) });
    expect(await storedIds('deadline')).toEqual(ids);
    // Fixed the next time: the good body is taken and the error cleared.
    const fixed = await refreshSources(testEnv, config, { now: later(120), fetch: origin.fetch, random: half });
    expect(fixed.outcomes[0]).toMatchObject({ outcome: 'unchanged', status: 200, itemCount: DEADLINE_ITEMS });
    expect((await readStates(kv)).deadline).toMatchObject({ lastError: null, consecutiveFailures: 0 });
  });

  it('a body cut short mid-document: the recovered items are merged, not swapped in', async () => {
    const config = makeConfig([deadlineSource], { curation: { maxAgeDays: 3650 } });
    const ids = await seedDeadline(config);
    const cut = new FakeOrigin().on(DEADLINE, () => feedResponse(deadline.slice(0, 9000)));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: cut.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ warning: { code: 'TRUNCATED' } });
    const stored = await storedIds('deadline');
    expect(stored.slice(0, 5)).toEqual(ids.slice(0, 5));
    expect(stored).toEqual(expect.arrayContaining(ids));
    expect(report.outcomes[0]!.itemCount).toBe(stored.length);
    // What the guard saved: on its own, the cut document yields only the items before the cut.
    await clearKv(kv);
    const alone = await refreshSources(testEnv, config, { now: later(60), fetch: cut.fetch, random: half });
    expect(alone.outcomes[0]!.itemCount).toBeLessThan(8);
  });

  it('a 301 to an address that then fails does not move the source', async () => {
    const config = makeConfig([deadlineSource]);
    await seedDeadline(config);
    const parked = new FakeOrigin()
      .on(DEADLINE, () => new Response(null, { status: 301, headers: { location: 'https://parked-domain.example/' } }))
      .on('https://parked-domain.example/', () => new Response(HTML_PAGE, { headers: { 'content-type': 'text/html' } }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: parked.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'HTML_NOT_FEED' } });
    expect((await readStates(kv)).deadline).toMatchObject({ url: DEADLINE, itemCount: DEADLINE_ITEMS });
  });

  it('an empty 200 body: EMPTY, items kept', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const empty = new FakeOrigin().on(DEADLINE, () => feedResponse(''));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: empty.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'EMPTY' } });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('410 Gone: marked gone, retried about a day later, items kept', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const gone = new FakeOrigin().on(DEADLINE, () => new Response('Gone', { status: 410 }));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: gone.fetch, random: () => 0 });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'gone', status: 410, itemCount: DEADLINE_ITEMS });
    expect((await readStates(kv)).deadline).toMatchObject({ gone: true, lastError: { code: 'GONE', status: 410 }, nextFetchAt: later(60 + 24 * 60).toISOString() });
    expect(await storedIds('deadline')).toEqual(ids);
    // It comes back: no longer gone.
    await refreshSources(testEnv, config, { now: later(60 + 24 * 60), fetch: etagOrigin().fetch, random: half });
    expect((await readStates(kv)).deadline).toMatchObject({ gone: false, lastError: null });
  });

  it('a feed that suddenly lists far fewer items: SHRUNK, old and new merged', async () => {
    const config = makeConfig([deadlineSource], { curation: { maxAgeDays: 3650 } });
    const ids = await seedDeadline(config);
    const shrunk = new FakeOrigin().on(DEADLINE, () => feedResponse(deadlineSyndicated));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: shrunk.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'updated', itemCount: DEADLINE_ITEMS + SYNDICATED_ITEMS, warning: { code: 'SHRUNK' } });
    const stored = await storedIds('deadline');
    expect(stored.slice(0, 3)).toEqual(['https://deadline.com/?p=1235444713', 'https://deadline.com/?p=1235437575', expect.stringMatching(/^https:\/\/deadline\.com\/\?p=/)]);
    expect(stored.slice(3)).toEqual(ids);
    expect((await readStates(kv)).deadline).toMatchObject({ lastWarning: { code: 'SHRUNK' }, itemCount: DEADLINE_ITEMS + SYNDICATED_ITEMS });
  });

  it('a shrunk feed keeps only the stored items still inside the curation window', async () => {
    const config = makeConfig([deadlineSource]);
    const ids = await seedDeadline(config);
    const shrunk = new FakeOrigin().on(DEADLINE, () => feedResponse(deadlineSyndicated));
    await refreshSources(testEnv, config, { now: later(60), fetch: shrunk.fetch, random: half });
    // maxAgeDays 14 from 2023-10-21: the items of Oct 20 and Oct 15 stay, the 2022 ones had aged out anyway.
    expect((await storedIds('deadline')).slice(3)).toEqual(ids.slice(0, 2));
  });

  it('a valid feed with no items never erases the stored ones', async () => {
    const config = makeConfig([deadlineSource], { curation: { maxAgeDays: 3650 } });
    const ids = await seedDeadline(config);
    const emptied = deadline.replace(/<item>[\s\S]*<\/item>/, '');
    const origin = new FakeOrigin().on(DEADLINE, () => feedResponse(emptied));
    const report = await refreshSources(testEnv, config, { now: later(60), fetch: origin.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'unchanged', itemCount: DEADLINE_ITEMS, warning: { code: 'SHRUNK' } });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('a 301 moves the source; a 302 does not', async () => {
    const config = makeConfig([deadlineSource]);
    const moved = new FakeOrigin()
      .on(DEADLINE, () => new Response(null, { status: 301, headers: { location: 'https://deadline.com/v/all/feed/' } }))
      .on('https://deadline.com/v/all/feed/', () => feedResponse(deadline, { etag: '"new"' }));
    const report = await refreshSources(testEnv, config, { now: T0, fetch: moved.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'updated', movedTo: 'https://deadline.com/v/all/feed/' });
    expect((await readStates(kv)).deadline).toMatchObject({ url: 'https://deadline.com/v/all/feed/', configUrl: DEADLINE, etag: '"new"' });
    // The next fetch goes straight to the new address.
    await refreshSources(testEnv, config, { now: later(60), fetch: moved.fetch, random: half });
    expect(moved.requests.map((r) => r.url)).toEqual([DEADLINE, 'https://deadline.com/v/all/feed/', 'https://deadline.com/v/all/feed/']);

    await clearKv(kv);
    const temporary = new FakeOrigin()
      .on(DEADLINE, () => new Response(null, { status: 302, headers: { location: 'https://cdn.deadline.com/feed.xml' } }))
      .on('https://cdn.deadline.com/feed.xml', () => feedResponse(deadline));
    await refreshSources(testEnv, config, { now: T0, fetch: temporary.fetch, random: half });
    expect((await readStates(kv)).deadline).toMatchObject({ url: DEADLINE, itemCount: DEADLINE_ITEMS });
  });

  it('a gzip body is inflated and parsed', async () => {
    const packed = await gzip(slashfilm);
    const url = 'https://www.slashfilm.com/feed.json';
    const origin = new FakeOrigin().on(url, () => new Response(packed, { headers: { 'content-type': 'application/feed+json', 'content-encoding': 'gzip' } }));
    const report = await refreshSources(testEnv, makeConfig([{ id: 'slashfilm', name: '/Film', url }]), { now: T0, fetch: origin.fetch, random: half });
    expect(report.outcomes[0]).toMatchObject({ outcome: 'updated', itemCount: 8 });
    expect(await storedIds('slashfilm')).toContain('1385512');
  });

  it('a source removed from the configuration is dropped from state and KV', async () => {
    const both = makeConfig([deadlineSource, empireSource]);
    const origin = etagOrigin().on(EMPIRE, () => feedResponse(empire));
    await refreshSources(testEnv, both, { now: T0, fetch: origin.fetch, random: half });
    expect(await storedIds('empire')).toHaveLength(EMPIRE_ITEMS);
    const report = await refreshSources(testEnv, makeConfig([deadlineSource]), { now: later(5), fetch: origin.fetch, random: half });
    expect(report).toMatchObject({ removed: ['empire'], changed: true, stateWritten: true });
    expect(Object.keys(await readStates(kv))).toEqual(['deadline']);
    expect(await readSourceItems(kv, 'empire')).toBeNull();
    expect(await storedIds('deadline')).toHaveLength(DEADLINE_ITEMS);
  });

  it('a source pointed at a new URL starts over but keeps its items until the new one answers', async () => {
    const ids = await seedDeadline();
    const moved = makeConfig([{ ...deadlineSource, url: 'https://deadline.com/v/film/feed/' }]);
    const failing = new FakeOrigin();
    const report = await refreshSources(testEnv, moved, { now: later(5), fetch: failing.fetch, random: half });
    expect(failing.requests.map((r) => [r.url, r.headers.get('if-none-match')])).toEqual([['https://deadline.com/v/film/feed/', null]]);
    expect(report.outcomes[0]).toMatchObject({ outcome: 'failed', error: { code: 'HTTP_ERROR', status: 404 } });
    expect((await readStates(kv)).deadline).toMatchObject({ url: 'https://deadline.com/v/film/feed/', configUrl: 'https://deadline.com/v/film/feed/', etag: null, itemCount: DEADLINE_ITEMS });
    expect(await storedIds('deadline')).toEqual(ids);
  });

  it('calls onChanged only when some source changed', async () => {
    const config = makeConfig([deadlineSource]);
    let calls = 0;
    const onChanged = async () => {
      calls++;
    };
    await refreshSources(testEnv, config, { now: T0, fetch: etagOrigin().fetch, random: half, onChanged });
    await refreshSources(testEnv, config, { now: later(60), fetch: etagOrigin().fetch, random: half, onChanged });
    expect(calls).toBe(1);
  });
});
