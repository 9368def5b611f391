/**
 * What the end-to-end tests run against: the real Worker under `wrangler dev` (local mode, fresh local
 * storage) fetching from a fixture origin on 127.0.0.1, configured through the admin API and refreshed
 * once. Besides the outlet fixtures, the origin serves two feeds made here: a wire whose stories the
 * tests can add to (`growWire`), and a hostile feed that tries to inject script into the page.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFixtureOrigin, type FixtureOrigin } from './fixture-origin';
import { startDevWorker, type DevWorker } from './wrangler-dev';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_TOKEN = 'e2e-admin-token';

interface WireStory {
  slug: string;
  title: string;
  summary: string;
  hoursAgo: number;
  colour: string;
}

/** Stories of a made-up wire, unrelated to each other and to the outlet fixtures (none merge). */
export const WIRE_STORIES: WireStory[] = [
  { slug: 'toy-story-5-cast', title: 'Pixar Sets Voice Cast for ‘Toy Story 5’, Adds Two Newcomers', summary: 'Tom Hanks and Tim Allen return as Woody and Buzz, joined by two newcomers in a story about screen time.', hoursAgo: 5, colour: '#2b6cb0' },
  { slug: 'glastonbury-lineup', title: 'Glastonbury Reveals Its Pyramid Stage Headliners for Next Summer', summary: 'The festival named three headliners and more than eighty acts across its stages in Somerset.', hoursAgo: 9, colour: '#2f855a' },
  { slug: 'hamilton-extends', title: 'Broadway’s ‘Hamilton’ Extends Its Run Through 2028 After Record Week', summary: 'The musical grossed more in a single week than any show in the theatre’s history.', hoursAgo: 14, colour: '#9b2c2c' },
  { slug: 'emmy-nominations', title: 'Emmy Nominations: ‘The Bear’ Leads Comedy Races Again', summary: 'FX’s kitchen drama picked up a leading tally of nominations ahead of its next season.', hoursAgo: 26, colour: '#6b46c1' },
];

/** Stories the wire adds later, for the "only the new ones are new" checks. */
export const LATER_WIRE_STORIES: WireStory[] = [
  { slug: 'ghibli-festival', title: 'Studio Ghibli Festival Brings Eleven Films Back to US Theaters', summary: 'Fathom Events will screen the classics dubbed and subtitled over six months.', hoursAgo: 1, colour: '#b7791f' },
  { slug: 'beyonce-renaissance-streaming', title: 'Beyoncé’s ‘Renaissance’ Concert Film Lands Streaming Date on Disney+', summary: 'The film arrives on the streamer with an extended cut and behind-the-scenes footage.', hoursAgo: 2, colour: '#c53030' },
];

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function wireFeed(originUrl: string, stories: WireStory[], now: Date): string {
  const items = stories
    .map((s) => {
      const date = new Date(now.getTime() - s.hoursAgo * 3_600_000).toUTCString();
      return `<item>
<title>${escapeXml(s.title)}</title>
<link>${originUrl}/wire/${s.slug}/</link>
<guid isPermaLink="false">wire-${s.slug}</guid>
<pubDate>${date}</pubDate>
<description>${escapeXml(s.summary)}</description>
<media:content url="${originUrl}/e2e/${s.slug}.svg" medium="image" type="image/svg+xml"/>
</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Marquee Wire</title>
<link>${originUrl}/wire/</link>
<description>A test wire of entertainment news.</description>
${items}
</channel>
</rss>
`;
}

/** A poster-like SVG for each wire story, so the page has images to show offline. */
export function posterSvg(story: WireStory): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" viewBox="0 0 640 360">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${story.colour}"/><stop offset="1" stop-color="#111"/></linearGradient></defs>
<rect width="640" height="360" fill="url(#g)"/>
<text x="32" y="320" font-family="sans-serif" font-size="30" font-weight="700" fill="#fff">${escapeXml(story.slug.replace(/-/g, ' ').toUpperCase())}</text>
</svg>`;
}

/** A feed whose every field tries to get markup or script onto the page. */
export const HOSTILE_TITLE_TEXT = 'Leaked Set Photos Show a Mystery Cameo';
/** The byline arrives as text that looks like markup: the page must show it as text. */
export const HOSTILE_AUTHOR_TEXT = '<b onmouseover="window.__pwned=7">Anon</b>';
export function hostileFeed(originUrl: string, now: Date): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0">
<channel>
<title>Gossip Mill &lt;img src=x onerror=alert(1)&gt;</title>
<link>${originUrl}/gossip/</link>
<description>Hostile test feed</description>
<item>
<title>&lt;script&gt;window.__pwned=1&lt;/script&gt;Leaked Set Photos Show a Mystery Cameo</title>
<link>javascript:window.__pwned=2</link>
<guid isPermaLink="false">gossip-1</guid>
<pubDate>${new Date(now.getTime() - 3 * 3_600_000).toUTCString()}</pubDate>
<description><![CDATA[<img src="x" onerror="window.__pwned=3"><script>window.__pwned=4</script><p onclick="window.__pwned=5">A photographer caught a mystery guest on the set.</p><a href="javascript:window.__pwned=6">more</a>]]></description>
<author>gossip@example.com (&lt;b onmouseover="window.__pwned=7"&gt;Anon&lt;/b&gt;)</author>
<category>&lt;/a&gt;&lt;script&gt;window.__pwned=8&lt;/script&gt;</category>
</item>
</channel>
</rss>
`;
}

export const E2E_TAXONOMY = [
  { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise'] },
  { id: 'mission-impossible', label: 'Mission: Impossible', kind: 'franchise', match: ['Mission: Impossible', 'Dead Reckoning'] },
  { id: 'taylor-swift', label: 'Taylor Swift', kind: 'person', match: ['Taylor Swift'] },
  { id: 'box-office', label: 'Box Office', kind: 'topic', match: ['box office'] },
  { id: 'strikes', label: 'Strikes', kind: 'topic', match: ['strike', 'strikes', 'picket lines'] },
  { id: 'hbo', label: 'HBO', kind: 'studio', match: ['HBO', 'HBO Max'] },
  { id: 'disney', label: 'Disney', kind: 'studio', match: ['Disney', 'Disney+', 'Pixar'] },
  { id: 'awards', label: 'Awards', kind: 'topic', match: ['Emmy', 'Emmys', 'Oscar', 'Oscars'] },
  { id: 'music', label: 'Music', kind: 'topic', match: ['festival', 'concert', 'tour'] },
  { id: 'theatre', label: 'Theatre', kind: 'topic', match: ['Broadway', 'musical'] },
];

export interface E2EEnv {
  origin: FixtureOrigin;
  worker: DevWorker;
  url: string;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>;
  /** Serve the wire with the later stories too. */
  growWire(): void;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2EEnv> {
  const now = new Date();
  const origin = await startFixtureOrigin({ root: join(REPO_ROOT, 'fixtures') });
  for (const s of [...WIRE_STORIES, ...LATER_WIRE_STORIES]) origin.set(`/e2e/${s.slug}.svg`, posterSvg(s), 'image/svg+xml');
  origin.set('/e2e/wire.xml', wireFeed(origin.url, WIRE_STORIES, now), 'application/rss+xml');
  origin.set('/e2e/hostile.xml', hostileFeed(origin.url, now), 'application/rss+xml');

  const persistTo = await mkdtemp(join(tmpdir(), 'marquee-e2e-'));
  let worker: DevWorker;
  try {
    worker = await startDevWorker({ cwd: REPO_ROOT, persistTo, vars: { ADMIN_TOKEN } });
  } catch (err) {
    await origin.close();
    throw err;
  }

  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${worker.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  };

  const config = {
    site: { title: 'Marquee', url: `${worker.url}/`, description: 'Entertainment news from the trades, merged and tagged.' },
    sources: [
      { id: 'variety', name: 'Variety', url: `${origin.url}/feeds/variety.xml`, weight: 2 },
      { id: 'deadline', name: 'Deadline', url: `${origin.url}/feeds/deadline.xml`, weight: 2 },
      { id: 'hollywood-reporter', name: 'The Hollywood Reporter', url: `${origin.url}/feeds/hollywood-reporter.xml` },
      { id: 'bbc-entertainment', name: 'BBC Entertainment', url: `${origin.url}/feeds/bbc-entertainment.xml` },
      { id: 'wire', name: 'Marquee Wire', url: `${origin.url}/e2e/wire.xml` },
      { id: 'gossip', name: 'Gossip Mill', url: `${origin.url}/e2e/hostile.xml` },
    ],
    taxonomy: E2E_TAXONOMY,
    fetch: { allowPrivateAddresses: true },
    curation: { maxAgeDays: 3650, maxItems: 200, perSourceCap: 50 },
  };
  const put = await admin('PUT', '/admin/config', config);
  const refresh = put.status === 200 ? await admin('POST', '/admin/refresh?force=1') : put;
  if (put.status !== 200 || refresh.status !== 200) {
    const out = worker.output();
    await worker.stop();
    await origin.close();
    throw new Error(`e2e setup failed: ${put.status} ${JSON.stringify(put.json)} / ${refresh.status} ${JSON.stringify(refresh.json)}\n${out.slice(-3000)}`);
  }

  return {
    origin,
    worker,
    url: worker.url,
    admin,
    growWire: () => origin.set('/e2e/wire.xml', wireFeed(origin.url, [...LATER_WIRE_STORIES, ...WIRE_STORIES], now), 'application/rss+xml'),
    close: async () => {
      await worker.stop();
      await origin.close();
      await rm(persistTo, { recursive: true, force: true });
    },
  };
}
