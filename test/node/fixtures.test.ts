import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The labelled fixture set (fixtures/stories.json) is the ground truth that dedupe and tagging are
// scored against, so it must cover every item of every fixture feed, and only real items.

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const FEEDS = join(FIXTURES, 'feeds');

/** Intentionally truncated feeds: only the items completed before the cut are labelled. */
const TRUNCATED = new Set(['indiewire-broken.xml']);
/** Feeds that are a second feed of a publisher already present: same outlet for "told by several outlets". */
const SAME_OUTLET: Record<string, string> = {
  'deadline-syndicated.xml': 'deadline.xml',
  'empire-legacy-rss091.xml': 'empire.atom',
};

const MIN_ITEMS = 50;
const MIN_MULTI_OUTLET_STORIES = 12;
const MIN_HARD_NEGATIVE_STORIES = 16;
/**
 * Hard negatives published within the dedupe's time window of the story they resemble: news of the
 * same week about the same people, which a time window alone cannot keep apart.
 */
const MIN_SAME_WEEK_HARD_NEGATIVES = 6;
const SAME_WEEK_DAYS = 4;

interface Label {
  file: string;
  id: string;
  story: string;
  hardNegativeOf?: string;
}
interface Labels {
  stories: Record<string, string>;
  items: Label[];
}

const labels = JSON.parse(readFileSync(join(FIXTURES, 'stories.json'), 'utf8')) as Labels;
const feedFiles = readdirSync(FEEDS).sort();

function bytesOf(file: string): Buffer {
  return readFileSync(join(FEEDS, file));
}

function textOf(file: string): string {
  const bytes = bytesOf(file);
  const declared = /encoding="([^"]+)"/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  return new TextDecoder(declared).decode(bytes);
}

function countItems(file: string): number {
  const text = textOf(file);
  if (file.endsWith('.json')) return (JSON.parse(text) as { items: unknown[] }).items.length;
  if (TRUNCATED.has(file)) return (text.match(/<\/(item|entry)>/g) ?? []).length;
  return (text.match(/<(item|entry)[\s>]/g) ?? []).length;
}

/** XML files may carry `&` in an id as `&amp;`. */
function appearsIn(text: string, id: string): boolean {
  return text.includes(id) || text.includes(id.replaceAll('&', '&amp;'));
}

/** The item's own date element (pubDate, dc:date, published, issued, date_published), read from the raw file. */
function itemDate(labelFile: string, id: string): number | null {
  const file = labelFile.replace(/^feeds\//, '');
  const text = textOf(file);
  if (file.endsWith('.json')) {
    const item = (JSON.parse(text) as { items: Array<{ id: string; date_published?: string }> }).items.find((i) => i.id === id);
    return item?.date_published ? Date.parse(item.date_published) : null;
  }
  const block = text.split(/<(?:item|entry)[\s>]/).slice(1).find((b) => appearsIn(b, id));
  const date = block && /<(pubDate|dc:date|published|issued)>([^<]+)<\/\1>/.exec(block)?.[2];
  return date ? Date.parse(date.trim()) : null;
}

const outletOf = (labelFile: string): string => {
  const name = labelFile.replace(/^feeds\//, '');
  return SAME_OUTLET[name] ?? name;
};

describe('fixtures/stories.json', () => {
  it('labels every item of every fixture feed exactly once', () => {
    for (const file of feedFiles) {
      const labelled = labels.items.filter((l) => l.file === `feeds/${file}`);
      expect(labelled.length, file).toBe(countItems(file));
      expect(new Set(labelled.map((l) => l.id)).size, `${file}: duplicate ids`).toBe(labelled.length);
    }
    const known = new Set(feedFiles.map((f) => `feeds/${f}`));
    for (const l of labels.items) expect(known.has(l.file), l.file).toBe(true);
  });

  it('uses ids that occur in their feed', () => {
    for (const l of labels.items) {
      const text = textOf(l.file.replace(/^feeds\//, ''));
      expect(appearsIn(text, l.id), `${l.file}: ${l.id}`).toBe(true);
    }
  });

  it('defines every story it uses and uses every story it defines', () => {
    const used = new Set(labels.items.map((l) => l.story));
    for (const story of used) expect(labels.stories[story], story).toBeTypeOf('string');
    for (const story of Object.keys(labels.stories)) expect(used.has(story), story).toBe(true);
    for (const l of labels.items) {
      if (l.hardNegativeOf === undefined) continue;
      expect(labels.stories[l.hardNegativeOf], `${l.id} hardNegativeOf`).toBeTypeOf('string');
      expect(l.hardNegativeOf).not.toBe(l.story);
    }
  });

  it('marks a story as a hard negative consistently on all its items', () => {
    const byStory = new Map<string, Set<string | undefined>>();
    for (const l of labels.items) {
      const set = byStory.get(l.story) ?? new Set();
      set.add(l.hardNegativeOf);
      byStory.set(l.story, set);
    }
    for (const [story, targets] of byStory) expect(targets.size, story).toBe(1);
  });

  it('is big enough to score dedupe: items, multi-outlet stories, hard negatives', () => {
    expect(labels.items.length).toBeGreaterThanOrEqual(MIN_ITEMS);
    const outlets = new Map<string, Set<string>>();
    for (const l of labels.items) {
      const set = outlets.get(l.story) ?? new Set();
      set.add(outletOf(l.file));
      outlets.set(l.story, set);
    }
    const multi = [...outlets.values()].filter((s) => s.size >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(MIN_MULTI_OUTLET_STORIES);
    const hardNegativeStories = new Set(labels.items.filter((l) => l.hardNegativeOf).map((l) => l.story));
    expect(hardNegativeStories.size).toBeGreaterThanOrEqual(MIN_HARD_NEGATIVE_STORIES);
    // The hard case for a time window: look-alikes of the same week.
    const sameWeek = labels.items.filter((l) => {
      if (!l.hardNegativeOf) return false;
      const own = itemDate(l.file, l.id);
      if (own === null) return false;
      return labels.items.some((other) => {
        if (other.story !== l.hardNegativeOf) return false;
        const t = itemDate(other.file, other.id);
        return t !== null && Math.abs(t - own) <= SAME_WEEK_DAYS * 86_400_000;
      });
    });
    expect(sameWeek.length).toBeGreaterThanOrEqual(MIN_SAME_WEEK_HARD_NEGATIVES);
    // The headline case: the Cruise cliff jump told by several outlets, and Cruise news that is not it.
    expect(outlets.get('cruise-cliff-jump')?.size).toBeGreaterThanOrEqual(4);
    expect(labels.items.some((l) => l.hardNegativeOf === 'cruise-cliff-jump')).toBe(true);
  });

  it('has the syndicated Deadline copies point at the same articles as deadline.xml', () => {
    const main = textOf('deadline.xml');
    const syndicated = textOf('deadline-syndicated.xml');
    const paths = [...syndicated.matchAll(/<link>([^<]+)<\/link>/g)]
      .map((m) => new URL(m[1]!.replaceAll('&amp;', '&')))
      .filter((u) => u.pathname !== '/v/film/');
    expect(paths.length).toBe(countItems('deadline-syndicated.xml'));
    for (const u of paths) {
      expect(u.search, 'carries tracking parameters').toContain('utm_source');
      expect(main, u.pathname).toContain(`<link>https://deadline.com${u.pathname}</link>`);
    }
    for (const l of labels.items.filter((x) => x.file === 'feeds/deadline-syndicated.xml')) {
      const pid = /\?p=(\d+)$/.exec(l.id)?.[1];
      const twin = labels.items.find((x) => x.file === 'feeds/deadline.xml' && pid && x.id.endsWith(`-${pid}/`));
      expect(twin?.story, l.id).toBe(l.story);
    }
  });
});

describe('fixture byte-level quirks', () => {
  it('premiere-fr.xml is real Latin-1 with one windows-1252 curly quote, not UTF-8', () => {
    const bytes = bytesOf('premiere-fr.xml');
    expect(bytes.subarray(0, 60).toString('latin1')).toContain('encoding="ISO-8859-1"');
    // Not valid UTF-8: a UTF-8 round trip replaces the Latin-1 bytes with U+FFFD.
    expect(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)).toBe(false);
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true); // é
    expect(bytes.includes(Buffer.from([0xab]))).toBe(true); // «
    expect(bytes.filter((b) => b === 0x92).length).toBe(1);
  });

  it('hollywood-reporter.xml uses HTML named entities that XML does not declare', () => {
    const text = textOf('hollywood-reporter.xml');
    expect(text).toContain('&rsquo;');
    expect(text).not.toContain('<!DOCTYPE');
  });

  it('indiewire-broken.xml is cut off mid-item and has bare ampersands', () => {
    const text = textOf('indiewire-broken.xml');
    expect(text.trimEnd().endsWith('</rss>')).toBe(false);
    expect((text.match(/<item>/g) ?? []).length).toBe(countItems('indiewire-broken.xml') + 1);
    expect(text).toMatch(/<title>[^<]* & [^<]*<\/title>/);
  });
});
