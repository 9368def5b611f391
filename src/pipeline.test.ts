import { describe, expect, it } from 'vitest';
import type { Item, MarqueeConfig, SourceConfig } from './model';
import { buildStories, type Ledger } from './pipeline';
import { dedupeItems, BLOCK_KEYS, NEIGHBORHOOD } from './dedupe';

const taxonomy: MarqueeConfig['taxonomy'] = [
  { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise'] },
  { id: 'mission-impossible', label: 'Mission: Impossible', kind: 'franchise', match: ['Mission: Impossible', 'Dead Reckoning'] },
  { id: 'stunts', label: 'Stunts', kind: 'topic', match: ['stunt'] },
];
const sources: Record<string, SourceConfig> = {
  variety: { id: 'variety', name: 'Variety', url: 'https://variety.com/feed/', weight: 3 },
  empire: { id: 'empire', name: 'Empire', url: 'https://www.empireonline.com/rss', weight: 1.5 },
  bbc: { id: 'bbc', name: 'BBC', url: 'https://feeds.bbci.co.uk/news/entertainment_and_arts/rss.xml', weight: 2 },
  deadline: { id: 'deadline', name: 'Deadline', url: 'https://deadline.com/feed/', weight: 4 },
};
function config(ids: string[]): MarqueeConfig {
  return {
    site: { title: 'Marquee', url: 'https://marquee.example.com/', description: 'test' },
    sources: ids.map((id) => sources[id]!),
    fetch: {} as MarqueeConfig['fetch'],
    taxonomy,
    curation: { maxAgeDays: 30, maxItems: 50, perSourceCap: 50 },
  };
}
function item(id: string, url: string, title: string, summary: string, published: string, extra: Partial<Item> = {}): Item {
  return { id, url, title, summary, contentHtml: null, authors: [], published, updated: null, categories: [], image: null, enclosures: [], ...extra };
}

const cliffVariety = item('v1', 'https://variety.com/2022/film/news/tom-cruise-cliff-jump-1235465377/?utm_source=rss', 'Watch Tom Cruise Ride a Motorcycle Off a Cliff in ‘Mission: Impossible’ Stunt Video', 'Paramount released a behind-the-scenes featurette showing Tom Cruise driving a motorcycle off a ramp on a Norwegian mountainside and parachuting to the ground for Dead Reckoning.', '2022-12-19T17:24:09Z');
const cliffEmpire = item('e1', 'https://www.empireonline.com/movies/news/tom-cruise-motorbike-cliff-jump/', 'Watch Tom Cruise Drive A Motorbike Off A Mountain For Mission: Impossible', 'Paramount’s new featurette shows the stunt at last: Tom Cruise revving a motorbike off a ramp in Norway, into a freefall, and a parachute landing.', '2022-12-19T17:50:00Z', { image: 'https://www.empireonline.com/cliff.jpg', contentHtml: '<p>Tom Cruise riding a motorbike off a ramp in Norway.</p>' });
const cliffBbc = item('b1', 'https://www.bbc.co.uk/news/entertainment-arts-64034125', 'Tom Cruise drives motorbike off cliff in Mission: Impossible stunt', 'Footage shows the actor leaping from a ramp on a Norwegian mountain on a motorbike and parachuting to the ground for the next film.', '2022-12-19T21:18:44Z');
const cliffDeadline = item('d1', 'https://deadline.com/2022/12/tom-cruise-motorcycle-cliff-stunt-1235202345/', 'Tom Cruise Drives Motorcycle Off Cliff In Jaw-Dropping ‘Mission: Impossible – Dead Reckoning’ Video', 'Paramount dropped a featurette on the stunt: Tom Cruise speeding up a ramp in Norway, launching off a cliff on a motorbike, then parachuting to safety.', '2022-12-19T18:01:33Z');
const helicopter = item('b2', 'https://www.bbc.co.uk/news/entertainment-arts-64065511', 'Tom Cruise sends Christmas thank-you to fans from a helicopter', 'The actor thanked cinema-goers for making Top Gun: Maverick a hit in a video recorded while flying a helicopter.', '2022-12-22T11:40:05Z');

const NOW1 = new Date('2022-12-19T22:00:00Z');

describe('buildStories', () => {
  it('merges one story across outlets and keeps different news apart', () => {
    const out = buildStories({
      sources: [
        { source: sources.variety!, items: [cliffVariety] },
        { source: sources.empire!, items: [cliffEmpire] },
        { source: sources.bbc!, items: [cliffBbc, helicopter] },
      ],
      config: config(['variety', 'empire', 'bbc']),
      ledger: null,
      now: new Date('2022-12-23T00:00:00Z'),
    });
    expect(out.all).toHaveLength(2);
    const cliff = out.all.find((s) => s.sources.length === 3)!;
    expect(cliff.sources[0]!.source).toBe('variety');
    expect(cliff.url).toBe('https://variety.com/2022/film/news/tom-cruise-cliff-jump-1235465377');
    expect(cliff.image).toBe('https://www.empireonline.com/cliff.jpg');
    expect(cliff.contentHtml).toContain('Norway');
    expect(cliff.tags).toEqual(['tom-cruise', 'mission-impossible', 'stunts']);
  });

  it('keeps ids stable and dates from moving forward as outlets join, the representative changes and a source backfills', () => {
    const first = buildStories({
      sources: [{ source: sources.empire!, items: [cliffEmpire] }],
      config: config(['empire']),
      ledger: null,
      now: NOW1,
    });
    const story1 = first.all[0]!;
    expect(story1.published).toBe(NOW1.toISOString());
    expect(story1.id).toMatch(/^mq-[a-z2-7]{13}$/);

    // Variety joins (higher weight: it becomes the representative), later.
    const now2 = new Date('2022-12-20T06:00:00Z');
    const second = buildStories({
      sources: [
        { source: sources.variety!, items: [cliffVariety] },
        { source: sources.empire!, items: [cliffEmpire] },
      ],
      config: config(['variety', 'empire']),
      ledger: JSON.parse(JSON.stringify(first.ledger)) as Ledger,
      now: now2,
    });
    expect(second.all).toHaveLength(1);
    expect(second.all[0]!.sources[0]!.source).toBe('variety');
    expect(second.all[0]!.id).toBe(story1.id);
    expect(second.all[0]!.published).toBe(story1.published);

    // Empire drops the item from its feed; BBC and Deadline join; Deadline outranks everyone.
    const now3 = new Date('2022-12-21T06:00:00Z');
    const third = buildStories({
      sources: [
        { source: sources.variety!, items: [cliffVariety] },
        { source: sources.bbc!, items: [cliffBbc] },
        { source: sources.deadline!, items: [cliffDeadline] },
      ],
      config: config(['variety', 'bbc', 'deadline']),
      ledger: second.ledger,
      now: now3,
    });
    expect(third.all).toHaveLength(1);
    expect(third.all[0]!.sources[0]!.source).toBe('deadline');
    expect(third.all[0]!.id).toBe(story1.id);
    expect(Date.parse(third.all[0]!.published)).toBeLessThanOrEqual(Date.parse(story1.published));

    // A new source added months later backfills the same story: same id, date not forward.
    const now4 = new Date('2023-01-10T00:00:00Z');
    const fourth = buildStories({
      sources: [
        { source: sources.variety!, items: [cliffVariety] },
        { source: sources.bbc!, items: [cliffBbc, helicopter] },
      ],
      config: config(['variety', 'bbc']),
      ledger: third.ledger,
      now: now4,
    });
    const cliff4 = fourth.all.find((s) => s.sources.some((o) => o.source === 'variety'))!;
    expect(cliff4.id).toBe(story1.id);
    expect(cliff4.published).toBe(story1.published);
    // The helicopter story is new to Marquee but its outlets dated it 19 days ago: a backfill keeps their date.
    const heli = fourth.all.find((s) => s.title.includes('helicopter'))!;
    expect(heli.id).not.toBe(story1.id);
    expect(heli.published).toBe('2022-12-22T11:40:05.000Z');
  });

  it('is deterministic: same inputs, ledger and now give identical output whatever the source order', () => {
    const input = (order: string[]) => ({
      sources: order.map((id) => ({
        source: sources[id]!,
        items: id === 'variety' ? [cliffVariety] : id === 'bbc' ? [cliffBbc, helicopter] : [cliffEmpire],
      })),
      config: config(order),
      ledger: null,
      now: new Date('2022-12-23T00:00:00Z'),
    });
    const a = buildStories(input(['variety', 'bbc', 'empire']));
    const b = buildStories(input(['variety', 'bbc', 'empire']));
    const c = buildStories(input(['empire', 'bbc', 'variety']));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.all.map((s) => s.id)).toEqual(a.all.map((s) => s.id));
    expect(JSON.stringify(c.ledger)).toBe(JSON.stringify(a.ledger));
  });

  it('curates by phrases found in any original, matched in the same pass as the taxonomy', () => {
    const build = (curation: Partial<MarqueeConfig['curation']>) =>
      buildStories({
        sources: [
          { source: sources.variety!, items: [cliffVariety] },
          { source: sources.empire!, items: [cliffEmpire] },
          { source: sources.bbc!, items: [cliffBbc, helicopter] },
        ],
        config: { ...config(['variety', 'empire', 'bbc']), curation: { ...config([]).curation, ...curation } },
        ledger: null,
        now: new Date('2022-12-23T00:00:00Z'),
      });
    const titles = (out: ReturnType<typeof build>) => out.stories.map((s) => s.title);
    expect(titles(build({}))).toHaveLength(2);
    // Only the BBC's report (not the representative, Variety's) says "Norwegian mountain".
    expect(titles(build({ include: { phrases: ['Norwegian mountain'] } }))).toEqual([cliffVariety.title]);
    expect(titles(build({ exclude: { phrases: ['thank-you'] } }))).toEqual([cliffVariety.title]);
    // A curation phrase that is also a taxonomy phrase: the story is dropped, and tags are unchanged.
    const stunt = build({ exclude: { phrases: ['stunt'] } });
    expect(titles(stunt)).toEqual([helicopter.title]);
    expect(stunt.all.find((s) => s.sources.length === 3)!.tags).toEqual(['tom-cruise', 'mission-impossible', 'stunts']);
  });

  it('treats the same link with tracking parameters from two feeds as one entry', () => {
    const syndicated = { ...cliffDeadline, id: 'https://deadline.com/?p=1235202345', url: 'http://deadline.com/2022/12/tom-cruise-motorcycle-cliff-stunt-1235202345/?utm_source=feedburner#respond' };
    const out = buildStories({
      sources: [
        { source: sources.deadline!, items: [cliffDeadline] },
        { source: { ...sources.deadline!, id: 'deadline-syndicated', name: 'Deadline (syndicated)' }, items: [syndicated] },
      ],
      config: config(['deadline']),
      ledger: null,
      now: NOW1,
    });
    expect(out.all).toHaveLength(1);
    expect(out.stats.exactMerges).toBe(1);
    expect(out.all[0]!.sources).toHaveLength(1);
  });
});

describe('dedupe cost', () => {
  // Synthetic but realistic batches: every "story" is told by 3 outlets with shared names and event
  // words; the vocabulary grows with the batch like real news does.
  function batch(stories: number) {
    const items = [];
    const verbs = ['jump', 'delay', 'premiere', 'renewal', 'casting', 'lawsuit', 'record', 'trailer'];
    for (let s = 0; s < stories; s++) {
      const name = `Star${s}`;
      const film = `Film${Math.floor(s / 3)}`;
      const event = verbs[s % verbs.length]!;
      for (let o = 0; o < 3; o++) {
        items.push({
          ...item(`i${s}-${o}`, `https://outlet${o}.test/${s}`, `${name} ${film} ${event} news ${s}`, `${name} and studio${s % 50} confirm the ${event} for ${film}; ${s * 7} fans and ${event}word${s}.`, new Date(Date.UTC(2023, 0, 1) + s * 600_000).toISOString()),
          sourceId: `outlet${o}`,
          sourceName: `Outlet ${o}`,
          sourceWeight: 1,
          sourceTags: [],
        });
      }
    }
    return items;
  }

  it('compares a number of candidate pairs that grows about linearly with the items, bounded by n·BLOCK_KEYS·NEIGHBORHOOD', () => {
    const small = dedupeItems(batch(500));
    const large = dedupeItems(batch(2000));
    expect(small.stats.items).toBe(1500);
    expect(large.stats.items).toBe(6000);
    expect(large.stats.candidatePairs).toBeLessThanOrEqual(large.stats.items * BLOCK_KEYS * NEIGHBORHOOD);
    const ratio = large.stats.candidatePairs / small.stats.candidatePairs;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
    // And the work still finds the stories: 3 outlets per story.
    expect(large.clusters.filter((c) => c.length === 3).length).toBeGreaterThan(1900);
  });
});
