/// <reference types="vite/client" />
/**
 * Scores the editor on the labelled fixtures: every fixture feed parsed and run through the same
 * buildStories the Worker uses with fixtures/config/demo.json, then
 * - dedupe: pairwise precision/recall over fixtures/stories.json (two items in one predicted story
 *   vs. two items labelled with one story);
 * - tags: micro-averaged F1 of each item's tags against the hand labels in fixtures/tags.json.
 * The figures are printed for the closing note.
 */
import { describe, expect, it } from 'vitest';
import demo from '../fixtures/config/demo.json';
import storyLabels from '../fixtures/stories.json';
import tagLabels from '../fixtures/tags.json';
import type { Item, MarqueeConfig } from '../src/model';
import { parseFeed } from '../src/parse/index';
import { curate } from '../src/curate';
import { buildStories } from '../src/pipeline';
import { compileTaxonomy } from '../src/tag';

const feeds = import.meta.glob('../fixtures/feeds/*', { query: '?bytes', import: 'default', eager: true }) as Record<string, Uint8Array>;
const config = demo as unknown as MarqueeConfig;
const NOW = new Date('2024-06-01T00:00:00Z');

function parsedSources(): Array<{ source: MarqueeConfig['sources'][number]; items: Item[] }> {
  return config.sources.map((source) => {
    const bytes = feeds[`../${source.url}`];
    if (!bytes) throw new Error(`fixture missing for ${source.id}: ${source.url}`);
    const result = parseFeed({ body: bytes });
    if (!result.ok) throw new Error(`${source.url}: ${result.error.code}`);
    return { source, items: result.value.items };
  });
}

const key = (file: string, id: string): string => `${file}\u0000${id}`;

describe('editor quality on the labelled fixtures', () => {
  const sources = parsedSources();
  const fileOf = new Map(config.sources.map((s) => [s.id, s.url.replace(/^fixtures\//, '')]));
  const built = buildStories({ sources, config, ledger: null, now: NOW });

  it('merges the same story across outlets and keeps different news apart (pairwise P ≥ 0.95, R ≥ 0.90)', () => {
    const predicted = new Map<string, string>();
    for (const story of built.all) {
      // Map each original back to its item through the source and URL/title it came from.
      for (const origin of story.sources) predicted.set(`${origin.source}\u0000${origin.url}\u0000${origin.title}`, story.id);
    }
    const labelled = new Map(storyLabels.items.map((l) => [key(l.file, l.id), l.story]));
    const rows: Array<{ story: string; predicted: string }> = [];
    for (const { source, items } of sources) {
      for (const item of items) {
        const story = labelled.get(key(fileOf.get(source.id)!, item.id));
        if (!story) continue;
        const storyId = built.all.find((s) =>
          s.sources.some((o) => o.source === source.id && o.title === item.title),
        )?.id ?? built.all.find((s) => s.sources.some((o) => o.title === item.title))?.id;
        rows.push({ story, predicted: storyId ?? `missing:${source.id}:${item.id}` });
      }
    }
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const same = rows[i]!.story === rows[j]!.story;
        const merged = rows[i]!.predicted === rows[j]!.predicted;
        if (same && merged) tp++;
        else if (merged) fp++;
        else if (same) fn++;
      }
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const hardNegatives = storyLabels.items.filter((l) => 'hardNegativeOf' in l).length;
    console.log(
      `dedupe: ${rows.length} labelled items, ${new Set(rows.map((r) => r.story)).size} stories, ${hardNegatives} hard negatives → ` +
        `${built.all.length} entries; pairwise precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} (tp ${tp}, fp ${fp}, fn ${fn}); ` +
        `candidate pairs ${built.stats.candidatePairs} for ${built.stats.items} items`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps the three Cruise stories of December 2022 apart', () => {
    // The cliff jump (19 Dec), the helicopter thank-you and Top Gun: Maverick reaching Paramount+
    // (both 22 Dec): one person, one week, three different pieces of news.
    const cruise = built.all.filter((s) => s.tags.includes('tom-cruise') && s.published.startsWith('2022-12'));
    const titles = cruise.map((s) => s.title);
    expect(cruise.length).toBe(3);
    const cliff = cruise.find((s) => /cliff/i.test(s.title))!;
    const helicopter = cruise.find((s) => /helicopter/i.test(s.title))!;
    const streaming = cruise.find((s) => /Paramount\+/.test(s.title))!;
    expect(titles.filter((t) => /cliff|helicopter|Paramount\+/i.test(t))).toHaveLength(3);
    expect(cliff.sources.length).toBeGreaterThanOrEqual(5);
    expect(helicopter.sources.map((o) => o.source).sort()).toEqual(['bbc-entertainment', 'slashfilm']);
    expect(streaming.sources.map((o) => o.source).sort()).toEqual(['collider-atom03', 'variety']);
  });

  it('keeps same-week look-alikes apart from the story they resemble', () => {
    // Each pair: same subject (people, union, studio, film), published within days, different news.
    const storyOf = (source: string, pattern: RegExp): string | undefined =>
      built.all.find((s) => s.sources.some((o) => o.source === source && pattern.test(o.title ?? '')))?.id;
    const pairs: Array<[string, RegExp, string, RegExp]> = [
      ['variety', /London Premiere/, 'variety', /SAG-AFTRA Goes on Strike/],
      ['deadline', /Not Realistic/, 'deadline', /SAG-AFTRA Board Votes/],
      ['variety', /Kareem Daniel/, 'variety', /Iger Returns/],
      ['deadline', /Part Two.*Halts Production/, 'deadline', /Misfires With \$80M/],
      ['ap-wire', /Hindu scripture/, 'ap-wire', /power a blockbuster weekend/],
    ];
    for (const [sa, a, sb, b] of pairs) {
      const ida = storyOf(sa, a);
      const idb = storyOf(sb, b);
      expect(ida, String(a)).toBeDefined();
      expect(idb, String(b)).toBeDefined();
      expect(ida, `${a} vs ${b}`).not.toBe(idb);
    }
  });

  it('tags like a human editor (micro F1 ≥ 0.95 against fixtures/tags.json)', () => {
    const tagger = compileTaxonomy(config.taxonomy);
    const byFile = new Map<string, Item[]>();
    for (const { source, items } of sources) byFile.set(fileOf.get(source.id)!, items);
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const label of tagLabels.items) {
      const item = byFile.get(label.file)?.find((i) => i.id === label.id);
      expect(item, `${label.file} ${label.id}`).toBeDefined();
      const source = config.sources.find((s) => fileOf.get(s.id) === label.file)!;
      const got = new Set(
        tagger.tagItem({ ...item!, sourceId: source.id, sourceName: source.name, sourceWeight: source.weight ?? 1, sourceTags: source.tags ?? [] }),
      );
      const expected = new Set(label.tags);
      for (const t of got) (expected.has(t) ? tp++ : fp++);
      for (const t of expected) if (!got.has(t)) fn++;
    }
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const f1 = (2 * precision * recall) / (precision + recall);
    console.log(
      `tags: ${tagLabels.items.length} items, ${tp + fn} expected tags → precision ${precision.toFixed(3)} recall ${recall.toFixed(3)} F1 ${f1.toFixed(3)}`,
    );
    expect(tagLabels.items.length).toBeGreaterThanOrEqual(40);
    expect(f1).toBeGreaterThanOrEqual(0.95);
  });

  it('gives merged entries the union of their originals’ tags', () => {
    const tagger = compileTaxonomy(config.taxonomy);
    const rome = built.all.find((s) => s.sources.some((o) => o.source === 'premiere-fr' && /Rome/.test(o.title ?? '')))!;
    expect(rome.sources.map((o) => o.source).sort()).toEqual(expect.arrayContaining(['premiere-fr', 'variety']));
    for (const { source, items } of sources) {
      for (const item of items) {
        if (!rome.sources.some((o) => o.source === source.id && o.title === item.title)) continue;
        const own = tagger.tagItem({ ...item, sourceId: source.id, sourceName: source.name, sourceWeight: 1, sourceTags: [] });
        for (const t of own) expect(rome.tags).toContain(t);
      }
    }
  });

  it('curates from its clusters exactly what curate() picks from every built story', () => {
    // The editor ranks clusters without building them (only the stories it selects become entries):
    // for any curation, its choice and order must be curate()'s over the full list of stories.
    const sourceWeights = Object.fromEntries(config.sources.map((s) => [s.id, s.weight ?? 1]));
    const tagged = built.all.flatMap((s) => s.tags);
    const common = [...new Set(tagged)].sort((a, b) => tagged.filter((t) => t === b).length - tagged.filter((t) => t === a).length);
    const variants: Array<MarqueeConfig['curation']> = [
      config.curation,
      { ...config.curation, maxItems: 12, perSourceCap: 2 },
      { ...config.curation, maxAgeDays: 400, include: { tags: common.slice(0, 3) } },
      { ...config.curation, exclude: { tags: common.slice(0, 2) }, ranking: { recency: 0.2, sourceWeight: 0.5, outlets: 0.3, halfLifeHours: 12 } },
    ];
    for (const curation of variants) {
      const edited = buildStories({ sources, config: { ...config, curation }, ledger: null, now: NOW });
      const expected = curate(edited.all, curation, { now: NOW, sourceWeights });
      expect(edited.stories.length).toBeGreaterThan(0);
      expect(edited.stories.map((s) => s.id)).toEqual(expected.map((s) => s.id));
      // The selected entries are the very objects the full list holds.
      for (const story of edited.stories) expect(edited.all).toContain(story);
    }
  });
});
