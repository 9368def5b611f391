import { describe, expect, it } from 'vitest';
import { blockedHostReason, checkSourceUrl } from './url-policy';
import { validateConfig } from './validate';
import bundled from './default.json';

const site = { title: 'Marquee', url: 'https://marquee.example.com/', description: 'Entertainment news' };
const taxonomy = [
  { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise'] },
  { id: 'mission-impossible', label: 'Mission: Impossible', kind: 'franchise', match: ['Mission: Impossible', 'Dead Reckoning'] },
];
const sources = [
  { id: 'variety', name: 'Variety', url: 'https://variety.com/feed/' },
  { id: 'deadline', name: 'Deadline', url: 'https://deadline.com/feed/', weight: 1.5, tags: ['mission-impossible'] },
];

function problemsOf(json: unknown, opts = {}) {
  const r = validateConfig(json, opts);
  return r.ok ? [] : r.problems;
}

describe('validateConfig', () => {
  it('accepts the bundled configuration', () => {
    expect(validateConfig(bundled).ok).toBe(true);
  });

  it('fills fetch and curation defaults, with a User-Agent naming Marquee and the site', () => {
    const r = validateConfig({ site, sources, taxonomy });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.fetch).toEqual({
      timeoutMs: 10_000,
      maxBytes: 5 * 1024 * 1024,
      maxRedirects: 5,
      concurrency: 6,
      minIntervalMinutes: 15,
      maxIntervalMinutes: 360,
      defaultIntervalMinutes: 30,
      maxBackoffMinutes: 1440,
      userAgent: 'Marquee/0.1 (+https://marquee.example.com/)',
      allowPrivateAddresses: false,
    });
    expect(r.config.curation).toEqual({ maxAgeDays: 14, maxItems: 100, perSourceCap: 20 });
    expect(r.config.sources[1]).toEqual(sources[1]);
  });

  it('names every problem by its JSON path', () => {
    const problems = problemsOf({
      site: { title: 'Marquee', url: 'not a url' },
      sources: [
        { id: 'variety', name: 'Variety', url: 'https://variety.com/feed/' },
        { id: 'Variety Mag', name: 'Variety', url: 'ftp://variety.com/feed' },
        { id: 'variety', name: '', url: 'https://variety.com/feed/', tags: ['tom-cruise', 'brad-pitt'] },
      ],
      fetch: { concurrency: 12, timeoutMs: 'fast', maxRedirect: 3 },
      taxonomy: [...taxonomy, { id: 'tom-cruise', label: 'Tom', kind: 'person', match: 'Tom' }],
      curation: { maxItems: 0, include: { tags: ['nope'] } },
    });
    expect(problems).toEqual([
      { path: '$.site.url', message: 'must be an absolute http(s) URL' },
      { path: '$.fetch.maxRedirect', message: expect.stringMatching(/^unknown field/) },
      { path: '$.fetch.timeoutMs', message: 'must be a number, not a string' },
      { path: '$.fetch.concurrency', message: 'must be between 1 and 6' },
      { path: '$.taxonomy[2].id', message: 'duplicates the id of $.taxonomy[0]' },
      { path: '$.taxonomy[2].match', message: 'must be an array of strings, not a string' },
      { path: '$.sources[1].id', message: expect.stringMatching(/^must be a lowercase slug/) },
      { path: '$.sources[1].url', message: 'must be an http(s) URL' },
      { path: '$.sources[2].id', message: 'duplicates the id of $.sources[0]' },
      { path: '$.sources[2].name', message: 'must not be empty' },
      { path: '$.sources[2].url', message: 'duplicates the url of $.sources[0]' },
      { path: '$.sources[2].tags[1]', message: 'names no taxonomy id ("brad-pitt")' },
      { path: '$.curation.maxItems', message: 'must be between 1 and 10000' },
      { path: '$.curation.include.tags[0]', message: 'names no taxonomy id ("nope")' },
    ]);
  });

  it('refuses private, loopback and credentialled source URLs unless allowed', () => {
    const bad = ['http://127.0.0.1/feed', 'http://localhost:8787/feed.xml', 'http://[::1]/', 'http://10.1.2.3/rss', 'https://user:pw@variety.com/feed/'];
    const problems = problemsOf({ site, taxonomy, sources: bad.map((url, i) => ({ id: `s${i}`, name: `S${i}`, url })) });
    expect(problems.map((p) => p.path)).toEqual(bad.map((_, i) => `$.sources[${i}].url`));
    expect(problems[0]!.message).toBe('points at a loopback address; set fetch.allowPrivateAddresses to allow it');
    expect(problems[4]!.message).toBe('must not carry credentials (user:password@)');
    const allowed = validateConfig({ site, taxonomy, fetch: { allowPrivateAddresses: true }, sources: bad.slice(0, 4).map((url, i) => ({ id: `s${i}`, name: `S${i}`, url })) });
    expect(allowed.ok).toBe(true);
  });

  it('accepts local file paths only for the CLI', () => {
    const json = { site, taxonomy, sources: [{ id: 'variety', name: 'Variety', url: 'fixtures/feeds/variety.xml' }] };
    expect(problemsOf(json)).toEqual([{ path: '$.sources[0].url', message: 'must be an http(s) URL' }]);
    expect(validateConfig(json, { allowLocalPaths: true }).ok).toBe(true);
  });

  it('rejects non-objects and missing sections', () => {
    expect(problemsOf([])).toEqual([{ path: '$', message: 'must be a JSON object, not an array' }]);
    expect(problemsOf({})).toEqual([
      { path: '$.site', message: 'is required' },
      { path: '$.sources', message: 'is required' },
    ]);
  });
});

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.8.9.10', 'a loopback address'],
    ['0.0.0.0', 'an unspecified address'],
    ['10.0.0.8', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.20', 'a private address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a shared (carrier-grade NAT) address'],
    ['localhost', 'a local host name'],
    ['feeds.localhost', 'a local host name'],
    ['[::1]', 'a loopback address'],
    ['[::]', 'an unspecified address'],
    ['[fd12:3456::1]', 'a private (unique local) address'],
    ['[fe80::1]', 'a link-local address'],
    ['[::ffff:7f00:1]', 'a loopback address'],
    ['[::ffff:a00:1]', 'a private address'],
  ])('blocks %s', (host, reason) => {
    expect(blockedHostReason(host)).toBe(reason);
  });

  it.each(['variety.com', '172.32.0.1', '8.8.8.8', '[2606:4700::1111]', '[::ffff:808:808]'])('allows %s', (host) => {
    expect(blockedHostReason(host)).toBeNull();
  });

  it('sees through the spellings the URL parser normalises', () => {
    // Decimal, hex and IPv4-mapped forms all mean 127.0.0.1.
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:127.0.0.1]/']) {
      expect(checkSourceUrl(url, { allowPrivateAddresses: false })).toMatchObject({ ok: false });
    }
  });
});
