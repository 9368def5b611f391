import { describe, expect, it } from 'vitest';
import deadline from '../../fixtures/feeds/deadline.xml?raw';
import { defaultFetchConfig } from '../config/schema';
import { initialState, type SourceState } from '../storage/source-state';
import { FakeOrigin, endlessBody, feedResponse, gzip, stallingBody } from '../../test/helpers/fake-origin';
import { fetchSource } from './fetch-source';

const FEED = 'https://deadline.com/feed/';
const source = { id: 'deadline', name: 'Deadline', url: FEED };
const config = { ...defaultFetchConfig('https://marquee.example.com/'), timeoutMs: 300, maxBytes: 64 * 1024 };
const now = new Date('2023-10-21T00:00:00Z');

function withValidators(fields: Partial<SourceState>): SourceState {
  return { ...initialState(FEED), ...fields };
}

describe('fetchSource', () => {
  it('sends a conditional GET naming Marquee and asking for feeds', async () => {
    const origin = new FakeOrigin().on(FEED, () => new Response(null, { status: 304, headers: { etag: '"v2"' } }));
    const state = withValidators({ etag: '"v1"', lastModified: 'Fri, 20 Oct 2023 23:58:41 GMT' });
    const out = await fetchSource(source, state, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'not-modified', status: 304, etag: '"v2"', finalUrl: FEED, movedTo: null });
    const req = origin.requests[0]!;
    expect(req.headers.get('if-none-match')).toBe('"v1"');
    expect(req.headers.get('if-modified-since')).toBe('Fri, 20 Oct 2023 23:58:41 GMT');
    expect(req.headers.get('user-agent')).toBe('Marquee/0.1 (+https://marquee.example.com/)');
    expect(req.headers.get('accept')).toMatch(/^application\/rss\+xml, application\/atom\+xml, application\/feed\+json/);
  });

  it('sends no validators on a first fetch and returns the body with its freshness hints', async () => {
    const origin = new FakeOrigin().on(FEED, () =>
      feedResponse(deadline, { etag: '"abc"', 'last-modified': 'Fri, 20 Oct 2023 23:58:41 GMT', 'cache-control': 'public, max-age=1800' }),
    );
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(origin.requests[0]!.headers.has('if-none-match')).toBe(false);
    expect(out.kind).toBe('fetched');
    if (out.kind !== 'fetched') return;
    expect(new TextDecoder().decode(out.body)).toBe(deadline);
    expect(out).toMatchObject({ etag: '"abc"', lastModified: 'Fri, 20 Oct 2023 23:58:41 GMT', cacheHints: { maxAgeSeconds: 1800, expiresAt: null } });
  });

  it('follows a redirect chain; only an unbroken chain of 301/308 moves the source', async () => {
    const origin = new FakeOrigin()
      .on(FEED, () => new Response(null, { status: 301, headers: { location: 'https://deadline.com/feed/rss/' } }))
      .on('https://deadline.com/feed/rss/', () => new Response(null, { status: 308, headers: { location: '/feed/rss2/' } }))
      .on('https://deadline.com/feed/rss2/', () => new Response(null, { status: 302, headers: { location: 'https://cdn.deadline.com/feed.xml' } }))
      .on('https://cdn.deadline.com/feed.xml', () => feedResponse(deadline));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out.kind).toBe('fetched');
    expect(out.requested).toEqual([FEED, 'https://deadline.com/feed/rss/', 'https://deadline.com/feed/rss2/', 'https://cdn.deadline.com/feed.xml']);
    expect(out.finalUrl).toBe('https://cdn.deadline.com/feed.xml');
    // The 302 hop is temporary: the source moves to the last permanent target, not to the CDN.
    expect(out.movedTo).toBe('https://deadline.com/feed/rss2/');
  });

  it('does not move the source on 302 and 307', async () => {
    const origin = new FakeOrigin()
      .on(FEED, () => new Response(null, { status: 307, headers: { location: 'https://deadline.com/tmp.xml' } }))
      .on('https://deadline.com/tmp.xml', () => feedResponse(deadline));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'fetched', movedTo: null, finalUrl: 'https://deadline.com/tmp.xml' });
  });

  it('detects a redirect loop', async () => {
    const origin = new FakeOrigin()
      .on(FEED, () => new Response(null, { status: 302, headers: { location: 'https://deadline.com/a' } }))
      .on('https://deadline.com/a', () => new Response(null, { status: 302, headers: { location: FEED } }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'REDIRECT_LOOP' } });
    expect(origin.requests).toHaveLength(2);
  });

  it('stops after maxRedirects', async () => {
    const origin = new FakeOrigin();
    for (let i = 0; i < 10; i++) {
      origin.on(i === 0 ? FEED : `https://deadline.com/hop${i}`, () => new Response(null, { status: 302, headers: { location: `https://deadline.com/hop${i + 1}` } }));
    }
    const out = await fetchSource(source, undefined, { ...config, maxRedirects: 3 }, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TOO_MANY_REDIRECTS' } });
    expect(origin.requests).toHaveLength(4);
  });

  it('refuses a redirect into a private network', async () => {
    const origin = new FakeOrigin().on(FEED, () => new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'BLOCKED_ADDRESS' } });
    expect(origin.requests).toHaveLength(1);
  });

  it('reports 410 as gone and 500 as an HTTP error', async () => {
    const gone = new FakeOrigin().on(FEED, () => new Response('gone', { status: 410 }));
    expect(await fetchSource(source, undefined, config, { fetch: gone.fetch, now })).toMatchObject({ kind: 'gone', status: 410 });
    const broken = new FakeOrigin().on(FEED, () => new Response('oops', { status: 500, statusText: 'Internal Server Error' }));
    expect(await fetchSource(source, undefined, config, { fetch: broken.fetch, now })).toMatchObject({
      kind: 'error',
      retryAfter: null,
      error: { code: 'HTTP_ERROR', status: 500, message: 'HTTP 500 Internal Server Error' },
    });
  });

  it('reads Retry-After in seconds and as an HTTP-date on 429 and 503', async () => {
    const seconds = new FakeOrigin().on(FEED, () => new Response('slow down', { status: 429, headers: { 'retry-after': '7200' } }));
    expect(await fetchSource(source, undefined, config, { fetch: seconds.fetch, now })).toMatchObject({
      kind: 'error',
      error: { code: 'HTTP_ERROR', status: 429 },
      retryAfter: '2023-10-21T02:00:00.000Z',
    });
    const date = new FakeOrigin().on(FEED, () => new Response('maintenance', { status: 503, headers: { 'retry-after': 'Sat, 21 Oct 2023 06:30:00 GMT' } }));
    expect(await fetchSource(source, undefined, config, { fetch: date.fetch, now })).toMatchObject({ retryAfter: '2023-10-21T06:30:00.000Z' });
  });

  it('abandons a body past the cap while streaming, without reading the rest', async () => {
    const counter = { pulled: 0 };
    const origin = new FakeOrigin().on(FEED, () => new Response(endlessBody(16 * 1024, counter), { headers: { 'content-type': 'application/rss+xml' } }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TOO_LARGE' } });
    // 64 KiB cap / 16 KiB chunks: the fifth chunk crosses it; the stream may have pre-pulled one more.
    expect(counter.pulled).toBeGreaterThanOrEqual(5);
    expect(counter.pulled).toBeLessThanOrEqual(7);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    const counter = { pulled: 0 };
    const origin = new FakeOrigin().on(FEED, () => new Response(endlessBody(1024, counter), { headers: { 'content-length': String(10 * 1024 * 1024) } }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TOO_LARGE' } });
    expect(counter.pulled).toBeLessThanOrEqual(1);
  });

  it('gives up on a body that stalls past the timeout', async () => {
    const origin = new FakeOrigin().on(FEED, () => new Response(stallingBody(deadline.slice(0, 2000)), { headers: { 'content-type': 'application/rss+xml' } }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TIMEOUT', message: 'no complete answer within 300 ms' } });
  });

  it('gives up on a server that never answers', async () => {
    const never = (() => new Promise<Response>(() => {})) as typeof fetch;
    const out = await fetchSource(source, undefined, config, { fetch: never, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TIMEOUT' } });
  });

  it('inflates a gzip body the runtime passed through, under the cap', async () => {
    const packed = await gzip(deadline);
    const origin = new FakeOrigin().on(FEED, () => feedResponse(packed, { 'content-encoding': 'gzip' }));
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out.kind).toBe('fetched');
    if (out.kind === 'fetched') expect(new TextDecoder().decode(out.body)).toBe(deadline);

    const bomb = await gzip(' '.repeat(2 * 1024 * 1024));
    const bombOrigin = new FakeOrigin().on(FEED, () => feedResponse(bomb, { 'content-encoding': 'gzip' }));
    expect(await fetchSource(source, undefined, config, { fetch: bombOrigin.fetch, now })).toMatchObject({ kind: 'error', error: { code: 'TOO_LARGE' } });
  });

  it('reports a body shorter than its Content-Length as truncated', async () => {
    const origin = new FakeOrigin().on(FEED, () =>
      new Response(new Blob([deadline]).stream(), { headers: { 'content-type': 'application/rss+xml', 'content-length': String(deadline.length + 500) } }),
    );
    const out = await fetchSource(source, undefined, config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'TRUNCATED' } });
  });

  it('maps a connection failure to NETWORK without leaking the query string', async () => {
    const failing = (async () => {
      throw new TypeError('connect ECONNREFUSED for https://deadline.com/feed/?key=s3cret');
    }) as typeof fetch;
    const out = await fetchSource(source, undefined, config, { fetch: failing, now });
    expect(out).toMatchObject({ kind: 'error', error: { code: 'NETWORK' } });
    if (out.kind === 'error') expect(out.error.message).not.toContain('s3cret');
  });

  it('fetches from the stored URL after a move', async () => {
    const origin = new FakeOrigin().on('https://deadline.com/new-feed/', () => feedResponse(deadline));
    const out = await fetchSource(source, withValidators({ url: 'https://deadline.com/new-feed/' }), config, { fetch: origin.fetch, now });
    expect(out).toMatchObject({ kind: 'fetched', finalUrl: 'https://deadline.com/new-feed/' });
  });
});
