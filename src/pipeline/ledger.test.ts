/// <reference types="vite/client" />
/**
 * The ledger: ids and dates that hold across rebuilds, version 1 ledgers read and converted, and the
 * same ledger whatever the order of the sources.
 */
import { describe, expect, it } from 'vitest';
import demo from '../../fixtures/config/demo.json';
import type { Item, MarqueeConfig } from '../model';
import { parseFeed } from '../parse/index';
import { buildStories } from '../pipeline';
import { hash64Base32 } from './hash';
import {
  assignIds,
  BACKFILL_AFTER_MS,
  emptyLedger,
  LEDGER_RETENTION_DAYS,
  LEDGER_VERSION,
  MAX_LEDGER_STORIES,
  readLedger,
  type ClusterKeys,
  type Ledger,
} from './ledger';

const DAY = 86_400_000;

// Keys as exactKeys writes them: canonical URL keys and source keys of real-looking articles.
const cliffVariety = '//variety.com/2022/film/news/tom-cruise-cliff-jump-1235465377';
const cliffVarietySrc = 'src:variety:https://variety.com/?p=1235465377';
const cliffDeadline = '//deadline.com/2022/12/tom-cruise-motorcycle-cliff-stunt-1235202345';
const cliffDeadlineSrc = 'src:deadline:https://deadline.com/?p=1235202345';
const cliffBbc = '//bbc.co.uk/news/entertainment-arts-64034125';
const cliffBbcSrc = 'src:bbc-entertainment:https://www.bbc.co.uk/news/entertainment-arts-64034125';
const heliBbc = '//bbc.co.uk/news/entertainment-arts-64065511';
const heliBbcSrc = 'src:bbc-entertainment:https://www.bbc.co.uk/news/entertainment-arts-64065511';
const strikeVariety = '//variety.com/2023/biz/news/sag-aftra-strike-vote-1235668781';
const strikeVarietySrc = 'src:variety:https://variety.com/?p=1235668781';
const strikeDeadline = '//deadline.com/2023/07/sag-aftra-board-votes-strike-1235437651';
const strikeDeadlineSrc = 'src:deadline:https://deadline.com/?p=1235437651';

function cluster(keys: string[], earliest: string | null, mintKey = keys[0]!): ClusterKeys {
  return { keys: [...keys].sort(), mintKey, earliestDate: earliest === null ? null : Date.parse(earliest) };
}

const minted = (key: string): string => `mq-${hash64Base32(key)}`;

/** A deep copy, as the ledger comes back from KV or ledger.json. */
const stored = (ledger: Ledger): unknown => JSON.parse(JSON.stringify(ledger));

describe('readLedger', () => {
  const v1 = {
    version: 1,
    members: {
      [cliffVariety]: 'mq-cliffstory00a',
      [cliffVarietySrc]: 'mq-cliffstory00a',
      [cliffDeadline]: 'mq-cliffstory00a',
      [cliffDeadlineSrc]: 'mq-cliffstory00a',
      [heliBbcSrc]: 'mq-helistory000b',
      [heliBbc]: 'mq-helistory000b',
      // A key pointing at a story the ledger no longer has, and a malformed entry.
      [strikeVariety]: 'mq-forgotten0000',
      [strikeVarietySrc]: 42,
    },
    stories: {
      'mq-cliffstory00a': { firstSeen: '2022-12-19T18:00:00.000Z', published: '2022-12-19T18:00:00.000Z', lastSeen: '2022-12-21T06:00:00.000Z' },
      'mq-helistory000b': { firstSeen: '2022-12-22T12:00:00.000Z', published: '2022-12-22T11:40:05.000Z', lastSeen: '2022-12-23T00:00:00.000Z' },
      // No key maps to it: dropped.
      'mq-orphan0000000': { firstSeen: '2022-12-01T00:00:00.000Z', published: '2022-12-01T00:00:00.000Z', lastSeen: '2022-12-20T00:00:00.000Z' },
      // Dates missing: dropped.
      'mq-broken0000000': { firstSeen: '2022-12-01T00:00:00.000Z' },
    },
  };

  it('converts a version 1 ledger: ids and dates kept, each key listed (sorted) under its story', () => {
    const ledger = readLedger(JSON.parse(JSON.stringify(v1)));
    expect(ledger).toEqual({
      version: LEDGER_VERSION,
      stories: {
        'mq-cliffstory00a': {
          firstSeen: '2022-12-19T18:00:00.000Z',
          published: '2022-12-19T18:00:00.000Z',
          lastSeen: '2022-12-21T06:00:00.000Z',
          keys: [cliffDeadline, cliffVariety, cliffDeadlineSrc, cliffVarietySrc].sort(),
        },
        'mq-helistory000b': {
          firstSeen: '2022-12-22T12:00:00.000Z',
          published: '2022-12-22T11:40:05.000Z',
          lastSeen: '2022-12-23T00:00:00.000Z',
          keys: [heliBbc, heliBbcSrc],
        },
      },
    });
    expect(LEDGER_VERSION).toBe(2);
  });

  it('lets the first build after the upgrade keep every id and date of a version 1 ledger', () => {
    const now = new Date('2022-12-24T06:00:00Z');
    const { assignments, ledger } = assignIds(
      [
        cluster([cliffVariety, cliffVarietySrc, cliffBbc, cliffBbcSrc], '2022-12-19T17:24:09Z', cliffVariety),
        cluster([heliBbc, heliBbcSrc], '2022-12-22T11:40:05Z'),
      ],
      readLedger(v1),
      now,
      LEDGER_RETENTION_DAYS,
    );
    expect(assignments).toEqual([
      { id: 'mq-cliffstory00a', published: '2022-12-19T18:00:00.000Z' },
      { id: 'mq-helistory000b', published: '2022-12-22T11:40:05.000Z' },
    ]);
    expect(ledger.stories['mq-cliffstory00a']!.firstSeen).toBe('2022-12-19T18:00:00.000Z');
    expect(ledger.stories['mq-cliffstory00a']!.lastSeen).toBe(now.toISOString());
    // Deadline's report is not in this build: its keys now belong to no story.
    expect(ledger.stories['mq-cliffstory00a']!.keys).toEqual([cliffBbc, cliffVariety, cliffBbcSrc, cliffVarietySrc].sort());
  });

  it('reads its own version back unchanged', () => {
    const { ledger } = assignIds(
      [cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z'), cluster([strikeVariety, strikeVarietySrc], '2023-07-13T18:10:00Z')],
      null,
      new Date('2023-07-14T00:00:00Z'),
      LEDGER_RETENTION_DAYS,
    );
    expect(Object.keys(ledger.stories)).toHaveLength(2);
    expect(readLedger(stored(ledger))).toEqual(ledger);
    expect(JSON.stringify(readLedger(stored(ledger)))).toBe(JSON.stringify(ledger));
  });

  it('yields an empty ledger for anything unusable', () => {
    const unusable: unknown[] = [
      null,
      undefined,
      '',
      'ledger',
      42,
      true,
      [],
      {},
      { version: 2 },
      { version: 2, stories: null },
      { version: 2, stories: 'mq-abc' },
      { version: 3, stories: { 'mq-a': { firstSeen: '2023-01-01T00:00:00.000Z', published: '2023-01-01T00:00:00.000Z', lastSeen: '2023-01-01T00:00:00.000Z', keys: ['//a.test/x'] } } },
      { version: 1, stories: {} },
      { version: 1, stories: {}, members: 'x' },
      { version: '2', stories: {} },
      { members: { '//variety.com/x': 'mq-a' }, stories: {} },
    ];
    for (const value of unusable) expect(readLedger(value), JSON.stringify(value) ?? 'undefined').toEqual(emptyLedger());
    expect(emptyLedger()).toEqual({ version: 2, stories: {} });
  });

  it('skips version 2 stories with missing dates or keys, and keys that are not strings', () => {
    const ledger = readLedger({
      version: 2,
      stories: {
        'mq-good': { firstSeen: '2023-07-13T19:00:00.000Z', published: '2023-07-13T19:00:00.000Z', lastSeen: '2023-07-14T00:00:00.000Z', keys: [strikeDeadline, 7, null, strikeDeadlineSrc] },
        'mq-nokeys': { firstSeen: '2023-07-13T19:00:00.000Z', published: '2023-07-13T19:00:00.000Z', lastSeen: '2023-07-14T00:00:00.000Z' },
        'mq-nodates': { firstSeen: '2023-07-13T19:00:00.000Z', keys: [strikeVariety] },
        'mq-null': null,
      },
    });
    expect(ledger).toEqual({
      version: 2,
      stories: {
        'mq-good': { firstSeen: '2023-07-13T19:00:00.000Z', published: '2023-07-13T19:00:00.000Z', lastSeen: '2023-07-14T00:00:00.000Z', keys: [strikeDeadline, strikeDeadlineSrc] },
      },
    });
  });
});

describe('assignIds', () => {
  const day1 = new Date('2022-12-19T22:00:00Z');
  const day2 = new Date('2022-12-20T06:00:00Z');
  const day3 = new Date('2022-12-21T06:00:00Z');

  it('mints an id from the first member’s key, dated now, or the outlets’ date for a backfill', () => {
    const { assignments, ledger } = assignIds(
      [
        cluster([cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc], '2022-12-19T17:24:09Z', cliffVariety),
        // Its outlet dated it five days before this build: a source added with its archive.
        cluster([strikeVariety, strikeVarietySrc], '2022-12-14T18:10:00Z'),
      ],
      null,
      day1,
      LEDGER_RETENTION_DAYS,
    );
    expect(assignments).toEqual([
      { id: minted(cliffVariety), published: day1.toISOString() },
      { id: minted(strikeVariety), published: '2022-12-14T18:10:00.000Z' },
    ]);
    expect(assignments[0]!.id).toMatch(/^mq-[a-z2-7]{13}$/);
    expect(ledger.stories[minted(cliffVariety)]).toEqual({
      firstSeen: day1.toISOString(),
      published: day1.toISOString(),
      lastSeen: day1.toISOString(),
      keys: [cliffDeadline, cliffVariety, cliffDeadlineSrc, cliffVarietySrc].sort(),
    });
    // A story dated just under the backfill limit is dated by Marquee's first sight of it.
    const recent = assignIds([cluster([heliBbc], new Date(day1.getTime() - BACKFILL_AFTER_MS + 60_000).toISOString())], null, day1, 30);
    expect(recent.assignments[0]!.published).toBe(day1.toISOString());
  });

  it('keeps a story’s id and dates as outlets join and the representative changes, and does not modify its input', () => {
    const first = assignIds([cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z')], null, day1, LEDGER_RETENTION_DAYS);
    const id = first.assignments[0]!.id;
    const before = JSON.stringify(first.ledger);
    // Deadline and the BBC join; Deadline's report is now the earliest, so the mint key would differ.
    const second = assignIds(
      [cluster([cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc, cliffBbc, cliffBbcSrc], '2022-12-19T17:10:00Z', cliffDeadline)],
      first.ledger,
      day2,
      LEDGER_RETENTION_DAYS,
    );
    expect(JSON.stringify(first.ledger)).toBe(before);
    expect(second.assignments).toEqual([{ id, published: day1.toISOString() }]);
    expect(second.ledger.stories[id]).toEqual({
      firstSeen: day1.toISOString(),
      published: day1.toISOString(),
      lastSeen: day2.toISOString(),
      keys: [cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc, cliffBbc, cliffBbcSrc].sort(),
    });
    // Variety drops the item: the story goes on under its id with the others' keys.
    const third = assignIds([cluster([cliffDeadline, cliffDeadlineSrc, cliffBbc, cliffBbcSrc], '2022-12-19T17:10:00Z', cliffDeadline)], second.ledger, day3, LEDGER_RETENTION_DAYS);
    expect(third.assignments).toEqual([{ id, published: day1.toISOString() }]);
    expect(Object.keys(third.ledger.stories)).toEqual([id]);
  });

  it('keeps the oldest id and the earliest date when two earlier stories merge', () => {
    // Day 1: Variety's report alone. Day 2: Deadline's report, not yet recognised as the same story,
    // and backdated (its outlet dated it before Variety's, more than two days before the build).
    const first = assignIds([cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z')], null, day1, LEDGER_RETENTION_DAYS);
    const older = first.assignments[0]!.id;
    const second = assignIds(
      [cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z'), cluster([cliffDeadline, cliffDeadlineSrc], '2022-12-15T09:00:00Z')],
      first.ledger,
      day2,
      LEDGER_RETENTION_DAYS,
    );
    const younger = second.assignments[1]!.id;
    expect(younger).not.toBe(older);
    expect(second.ledger.stories[younger]!.firstSeen).toBe(day2.toISOString());
    expect(second.ledger.stories[younger]!.published).toBe('2022-12-15T09:00:00.000Z');
    // Day 3: one story. The clusters arrive with Deadline's keys first; the oldest id still wins.
    const third = assignIds(
      [cluster([cliffDeadline, cliffDeadlineSrc, cliffVariety, cliffVarietySrc], '2022-12-15T09:00:00Z', cliffDeadline)],
      second.ledger,
      day3,
      LEDGER_RETENTION_DAYS,
    );
    expect(third.assignments).toEqual([{ id: older, published: '2022-12-15T09:00:00.000Z' }]);
    expect(third.ledger.stories).toEqual({
      [older]: {
        firstSeen: day1.toISOString(),
        published: '2022-12-15T09:00:00.000Z',
        lastSeen: day3.toISOString(),
        keys: [cliffDeadline, cliffDeadlineSrc, cliffVariety, cliffVarietySrc].sort(),
      },
    });
  });

  it('leaves the id with the part holding most of a story’s keys when it splits; the other part keeps its date', () => {
    const first = assignIds(
      [cluster([cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc, heliBbc, heliBbcSrc], '2022-12-19T17:24:09Z', cliffVariety)],
      null,
      day1,
      LEDGER_RETENTION_DAYS,
    );
    const id = first.assignments[0]!.id;
    expect(id).toBe(minted(cliffVariety));
    // The BBC item was a different story after all. Listed first, it still does not take the id.
    const second = assignIds(
      [cluster([heliBbc, heliBbcSrc], '2022-12-19T18:00:00Z'), cluster([cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc], '2022-12-19T17:24:09Z', cliffVariety)],
      first.ledger,
      day2,
      LEDGER_RETENTION_DAYS,
    );
    expect(second.assignments[1]).toEqual({ id, published: day1.toISOString() });
    expect(second.assignments[0]!.id).toBe(minted(heliBbc));
    expect(second.assignments[0]!.published).toBe(day1.toISOString());
    expect(second.ledger.stories[minted(heliBbc)]!.firstSeen).toBe(day1.toISOString());
  });

  it('never mints an id a remembered story holds', () => {
    // The story was minted from Variety's key; Variety's report splits off alone and would mint that same id.
    const first = assignIds(
      [cluster([cliffVariety, cliffDeadline, cliffDeadlineSrc, cliffBbc, cliffBbcSrc], '2022-12-19T17:24:09Z', cliffVariety)],
      null,
      day1,
      LEDGER_RETENTION_DAYS,
    );
    const id = first.assignments[0]!.id;
    const second = assignIds(
      [cluster([cliffVariety], '2022-12-19T17:24:09Z'), cluster([cliffDeadline, cliffDeadlineSrc, cliffBbc, cliffBbcSrc], '2022-12-19T18:01:33Z', cliffDeadline)],
      first.ledger,
      day2,
      LEDGER_RETENTION_DAYS,
    );
    expect(second.assignments[1]!.id).toBe(id);
    expect(second.assignments[0]!.id).toBe(`mq-${hash64Base32(`${cliffVariety}#2`)}`);
    expect(new Set(Object.keys(second.ledger.stories)).size).toBe(2);
  });

  it('remembers a story not rebuilt this time (its source is down), less the keys this build gave another story', () => {
    // The BBC's helicopter story is first seen in the morning; the cliff jump (Variety, then Deadline) that night.
    const morning = new Date('2022-12-19T13:00:00Z');
    const first = assignIds([cluster([heliBbc, heliBbcSrc], '2022-12-19T12:00:00Z')], null, morning, LEDGER_RETENTION_DAYS);
    const heli = first.assignments[0]!.id;
    const second = assignIds(
      [cluster([heliBbc, heliBbcSrc], '2022-12-19T12:00:00Z'), cluster([cliffVariety, cliffVarietySrc, cliffDeadline, cliffDeadlineSrc], '2022-12-19T17:24:09Z', cliffVariety)],
      first.ledger,
      day1,
      LEDGER_RETENTION_DAYS,
    );
    const cliff = second.assignments[1]!.id;
    const cliffBefore = second.ledger.stories[cliff]!;
    expect(cliffBefore.keys).toHaveLength(4);
    // Day 2: Variety is down. Deadline's report now lands with the BBC item, whose story is older:
    // that cluster keeps the BBC story's id, and the cliff story is not rebuilt.
    const third = assignIds(
      [cluster([heliBbc, heliBbcSrc, cliffDeadline, cliffDeadlineSrc], '2022-12-19T12:00:00Z')],
      second.ledger,
      day2,
      LEDGER_RETENTION_DAYS,
    );
    expect(third.assignments).toEqual([{ id: heli, published: morning.toISOString() }]);
    expect(third.ledger.stories[cliff]).toEqual({ ...cliffBefore, keys: [cliffVariety, cliffVarietySrc] });
    expect(third.ledger.stories[heli]!.keys).toEqual([heliBbc, heliBbcSrc, cliffDeadline, cliffDeadlineSrc].sort());
    // Stories of this build come first, then the remembered ones.
    expect(Object.keys(third.ledger.stories)).toEqual([heli, cliff]);
    // Day 3: Variety is back; its report finds its story again, id and date unchanged.
    const fourth = assignIds(
      [cluster([heliBbc, heliBbcSrc, cliffDeadline, cliffDeadlineSrc], '2022-12-19T12:00:00Z'), cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z')],
      third.ledger,
      day3,
      LEDGER_RETENTION_DAYS,
    );
    expect(fourth.assignments).toEqual([
      { id: heli, published: morning.toISOString() },
      { id: cliff, published: day1.toISOString() },
    ]);
    expect(fourth.ledger.stories[cliff]!.firstSeen).toBe(day1.toISOString());
  });

  it('forgets stories not seen for retentionDays', () => {
    const first = assignIds(
      [cluster([cliffVariety, cliffVarietySrc], '2022-12-19T17:24:09Z'), cluster([heliBbc, heliBbcSrc], '2022-12-19T20:00:00Z')],
      null,
      day1,
      30,
    );
    const [cliff, heli] = first.assignments.map((a) => a.id) as [string, string];
    // The helicopter item is seen again ten days later; the cliff story is not.
    const tenDays = new Date(day1.getTime() + 10 * DAY);
    const second = assignIds([cluster([heliBbc, heliBbcSrc], '2022-12-19T20:00:00Z')], first.ledger, tenDays, 30);
    expect(Object.keys(second.ledger.stories).sort()).toEqual([cliff, heli].sort());
    // 29 days after it was last seen the cliff story is still remembered; 31 days after, it is gone.
    const day29 = assignIds([], second.ledger, new Date(day1.getTime() + 29 * DAY), 30);
    expect(Object.keys(day29.ledger.stories).sort()).toEqual([cliff, heli].sort());
    const day31 = assignIds([], second.ledger, new Date(day1.getTime() + 31 * DAY), 30);
    expect(Object.keys(day31.ledger.stories)).toEqual([heli]);
    // A longer retention keeps it.
    expect(Object.keys(assignIds([], second.ledger, new Date(day1.getTime() + 31 * DAY), 60).ledger.stories)).toHaveLength(2);
    expect(Object.keys(assignIds([], second.ledger, new Date(day1.getTime() + 41 * DAY), 30).ledger.stories)).toEqual([]);
  });

  it(`keeps at most ${MAX_LEDGER_STORIES} stories, the most recently seen`, () => {
    const now = new Date('2023-07-14T00:00:00Z');
    // 100 remembered stories, last seen 1 to 100 hours ago.
    const previous: Ledger = emptyLedger();
    for (let k = 1; k <= 100; k++) {
      const seen = new Date(now.getTime() - k * 3_600_000).toISOString();
      previous.stories[`mq-prior-${String(k).padStart(3, '0')}`] = { firstSeen: seen, published: seen, lastSeen: seen, keys: [`//variety.com/2023/film/news/story-${k}`] };
    }
    // And this build's stories, enough to pass the cap by 50.
    const count = MAX_LEDGER_STORIES - 50;
    const clusters = Array.from({ length: count }, (_, k) => cluster([`//deadline.com/2023/07/story-${k}-${1235400000 + k}`], '2023-07-13T12:00:00Z'));
    const { assignments, ledger } = assignIds(clusters, previous, now, LEDGER_RETENTION_DAYS);
    expect(new Set(assignments.map((a) => a.id)).size).toBe(count);
    const ids = Object.keys(ledger.stories);
    expect(ids).toHaveLength(MAX_LEDGER_STORIES);
    for (const { id } of assignments) expect(ledger.stories[id]).toBeDefined();
    const old = ids.filter((id) => id.startsWith('mq-prior-'));
    // The 50 seen most recently stay, in their earlier order.
    expect(old).toEqual(Array.from({ length: 50 }, (_, k) => `mq-prior-${String(k + 1).padStart(3, '0')}`));
  });
});

describe('the ledger through buildStories on the fixture feeds', () => {
  const feeds = import.meta.glob('../../fixtures/feeds/*', { query: '?bytes', import: 'default', eager: true }) as Record<string, Uint8Array>;
  const config = demo as unknown as MarqueeConfig;
  const sources = config.sources.map((source) => {
    const result = parseFeed({ body: feeds[`../../${source.url}`]! });
    if (!result.ok) throw new Error(`${source.url}: ${result.error.code}`);
    return { source, items: result.value.items as Item[] };
  });
  const NOW1 = new Date('2024-06-01T00:00:00Z');
  const NOW2 = new Date('2024-06-02T06:00:00Z');

  function twoBuilds(order: typeof sources) {
    const first = buildStories({ sources: order, config, ledger: null, now: NOW1 });
    // The second build reads the ledger back as storage returns it, with one source down.
    const down = order.filter(({ source }) => source.id !== 'variety');
    const second = buildStories({ sources: down, config, ledger: readLedger(stored(first.ledger)), now: NOW2 });
    return { first, second };
  }

  it('writes byte-identical ledgers whatever the order of the sources', () => {
    const forward = twoBuilds(sources);
    const reversed = twoBuilds([...sources].reverse());
    const shuffled = twoBuilds([...sources.slice(7), ...sources.slice(0, 7)]);
    // Not vacuous: dozens of stories, several of many outlets, and Variety's remembered while it is down.
    const stories = Object.values(forward.first.ledger.stories);
    expect(stories.length).toBeGreaterThanOrEqual(30);
    expect(stories.filter((s) => s.keys.filter((k) => k.startsWith('src:')).length >= 3).length).toBeGreaterThanOrEqual(5);
    const rebuilt = forward.second.all.map((s) => s.id);
    const remembered = Object.keys(forward.second.ledger.stories).filter((id) => !rebuilt.includes(id));
    expect(remembered.length).toBeGreaterThan(0);
    for (const id of remembered) expect(forward.second.ledger.stories[id]!.keys.every((k) => k.includes('variety'))).toBe(true);
    for (const other of [reversed, shuffled]) {
      expect(JSON.stringify(other.first.ledger)).toBe(JSON.stringify(forward.first.ledger));
      expect(JSON.stringify(other.second.ledger)).toBe(JSON.stringify(forward.second.ledger));
      expect(other.second.all.map((s) => [s.id, s.published])).toEqual(forward.second.all.map((s) => [s.id, s.published]));
    }
  });

  it('builds the same stories from a version 1 ledger as from the version 2 ledger it converts to', () => {
    const first = buildStories({ sources, config, ledger: null, now: NOW1 });
    // The ledger as the previous release wrote it: every key mapped to its story id in one object.
    const members: Record<string, string> = {};
    const datesOnly: Record<string, { firstSeen: string; published: string; lastSeen: string }> = {};
    for (const [id, { keys, ...dates }] of Object.entries(first.ledger.stories)) {
      datesOnly[id] = dates;
      for (const key of keys) members[key] = id;
    }
    const v1 = JSON.parse(JSON.stringify({ version: 1, members, stories: datesOnly }));
    expect(readLedger(v1)).toEqual(first.ledger);
    const later = sources.filter(({ source }) => source.id !== 'bbc-entertainment');
    const fromV1 = buildStories({ sources: later, config, ledger: readLedger(v1), now: NOW2 });
    const fromV2 = buildStories({ sources: later, config, ledger: readLedger(stored(first.ledger)), now: NOW2 });
    expect(JSON.stringify(fromV1)).toBe(JSON.stringify(fromV2));
    // Every story of the second build kept the id and date the first build gave it.
    const firstById = new Map(first.all.map((s) => [s.id, s.published]));
    for (const story of fromV1.all) expect(story.published, story.title).toBe(firstById.get(story.id));
  });

  it('keeps published stories as readers saw them when the outlet that tied reports together leaves', () => {
    const first = buildStories({ sources, config, ledger: null, now: NOW1 });
    const withoutBbc = sources.filter(({ source }) => source.id !== 'bbc-entertainment');
    const second = buildStories({ sources: withoutBbc, config, ledger: readLedger(stored(first.ledger)), now: NOW2 });
    // The same items read afresh, with nothing remembered: the words alone now split one story (the
    // BBC's report bridged Deadline's and AP's on the writers' deal) and join two others (without the
    // BBC's report to pair with, /Film's on Cruise's helicopter message goes with the Top Gun streaming story).
    const afresh = buildStories({ sources: withoutBbc, config, ledger: null, now: NOW2 });
    const storyOf = (stories: typeof first.all, url: string) => stories.find((s) => s.sources.some((o) => o.url === url))!;
    const deadlineDeal = 'https://deadline.com/2023/09/writers-strike-deal-reached-wga-amptp-1235555411';
    const apDeal = 'https://apnews.com/article/hollywood-writers-strike-tentative-deal-7a2e9c1b5d04';
    const helicopter = 'https://www.slashfilm.com/1150266/tom-cruise-holiday-message-helicopter';
    const topGun = 'https://collider.com/top-gun-maverick-streaming-paramount-plus-release';
    expect(storyOf(first.all, deadlineDeal).id).toBe(storyOf(first.all, apDeal).id);
    expect(storyOf(first.all, helicopter).id).not.toBe(storyOf(first.all, topGun).id);
    expect(storyOf(afresh.all, deadlineDeal).id).not.toBe(storyOf(afresh.all, apDeal).id);
    expect(storyOf(afresh.all, helicopter).id).toBe(storyOf(afresh.all, topGun).id);
    // Remembered, every story keeps its id, its date and its originals (less the BBC's): a reader or
    // a newsletter that took them in the first build is handed no part of one as new, and no story
    // changes into another.
    expect(second.stats.rememberedMerges).toBeGreaterThan(0);
    const firstById = new Map(first.all.map((s) => [s.id, s]));
    for (const story of second.all) {
      const before = firstById.get(story.id);
      expect(before, story.title).toBeDefined();
      expect(story.published, story.title).toBe(before!.published);
      expect(story.sources.map((o) => o.url).sort(), story.title).toEqual(before!.sources.filter((o) => o.source !== 'bbc-entertainment').map((o) => o.url).sort());
    }
    expect(second.all.length).toBe(first.all.filter((s) => s.sources.some((o) => o.source !== 'bbc-entertainment')).length);
  });
});
