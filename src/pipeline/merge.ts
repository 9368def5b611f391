/**
 * Turning a cluster of items into one merged entry.
 *
 * Representative rule: the member from the source with the highest weight; among equals the most
 * complete (one point each for content, image, summary); then the earliest published (undated last);
 * then source id and item id, for determinism. The entry's url, title, authors come from it;
 * summary, content, image and enclosure come from it when it has them, else from the first other
 * member (in `sources` order) that does.
 *
 * `sources` lists every original, representative first, then by date (undated last), source id and
 * item id; originals that are the same article (same canonical URL, e.g. one outlet's two feeds) are
 * listed once.
 */
import type { Enclosure, SourcedItem, Story, StoryOrigin } from '../model';
import { mintKeyOf } from '../dedupe';
import { canonicalUrl } from '../dedupe/canonical-url';
import { sortSmall } from '../small-sort';

export function completeness(item: SourcedItem): number {
  return (item.contentHtml ? 1 : 0) + (item.image ? 1 : 0) + (item.summary ? 1 : 0);
}

export function itemTime(item: Pick<SourcedItem, 'published' | 'updated'>): number | null {
  const t = Date.parse(item.published ?? item.updated ?? '');
  return Number.isFinite(t) ? t : null;
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An item with its time read once (sorting would otherwise parse its dates at every comparison). */
interface Timed {
  item: SourcedItem;
  time: number | null;
}

function byTimeThenKey(a: Timed, b: Timed): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time - b.time;
  }
  return byString(a.item.sourceId, b.item.sourceId) || byString(a.item.id, b.item.id);
}

function byRepresentativeTimed(a: Timed, b: Timed): number {
  return b.item.sourceWeight - a.item.sourceWeight || completeness(b.item) - completeness(a.item) || byTimeThenKey(a, b);
}

export function byRepresentative(a: SourcedItem, b: SourcedItem): number {
  return byRepresentativeTimed({ item: a, time: itemTime(a) }, { item: b, time: itemTime(b) });
}

/**
 * Members ordered as `Story.sources` lists them: representative first, then by date. `timeOf` gives
 * each member's time when the caller has it already (else its dates are parsed).
 */
export function orderMembers(members: readonly SourcedItem[], timeOf: (item: SourcedItem, index: number) => number | null = itemTime): SourcedItem[] {
  return memberOrder(members, timeOf).map((position) => members[position]!);
}

/** `orderMembers` as positions in `members`. */
export function memberOrder(members: readonly SourcedItem[], timeOf: (item: SourcedItem, index: number) => number | null = itemTime): number[] {
  if (members.length === 0) return [];
  const timed = members.map((item, index) => ({ item, time: timeOf(item, index), position: index }));
  let representative = timed[0]!;
  for (const candidate of timed) if (byRepresentativeTimed(candidate, representative) < 0) representative = candidate;
  const rest = sortSmall(
    timed.filter((m) => m !== representative),
    byTimeThenKey,
  );
  return [representative.position, ...rest.map((m) => m.position)];
}

/** The members a merged entry lists as originals: one per article (two feeds of one outlet carry the same one). */
export function listedMembers(ordered: readonly SourcedItem[], keyOf: (item: SourcedItem) => string = mintKeyOf): SourcedItem[] {
  if (ordered.length === 1) return [ordered[0]!];
  const seen = new Set<string>();
  const listed: SourcedItem[] = [];
  for (const item of ordered) {
    const key = keyOf(item);
    if (seen.has(key)) continue;
    seen.add(key);
    listed.push(item);
  }
  return listed;
}

function origin(item: SourcedItem): StoryOrigin {
  return {
    source: item.sourceId,
    name: item.sourceName,
    url: canonicalUrl(item.url) ?? item.url,
    title: item.title,
    published: item.published,
  };
}

function firstOf<T>(ordered: readonly SourcedItem[], pick: (item: SourcedItem) => T | null | undefined): T | null {
  for (const item of ordered) {
    const value = pick(item);
    if (value !== null && value !== undefined && value !== '') return value;
  }
  return null;
}

/** The merged entry; `id`, `published` and `updated` come from the ledger. */
export function mergeCluster(
  ordered: readonly SourcedItem[],
  tags: string[],
  dates: Pick<Story, 'id' | 'published' | 'updated'>,
): Story {
  const representative = ordered[0]!;
  if (ordered.length === 1) {
    // One outlet's story: its own fields, nothing to choose between.
    const url = canonicalUrl(representative.url);
    return {
      id: dates.id,
      url,
      title: representative.title?.trim() || 'Untitled',
      summary: representative.summary || null,
      contentHtml: representative.contentHtml || null,
      authors: representative.authors.length ? representative.authors : [],
      image: representative.image || null,
      enclosure: representative.enclosures[0] ?? null,
      published: dates.published,
      updated: dates.updated,
      tags,
      sources: [origin(representative)],
    };
  }
  const sources = listedMembers(ordered).map(origin);
  const enclosure = firstOf<Enclosure>(ordered, (item) => item.enclosures[0]);
  return {
    id: dates.id,
    url: canonicalUrl(representative.url) ?? firstOf(ordered, (item) => canonicalUrl(item.url)),
    title: firstOf(ordered, (item) => item.title?.trim()) ?? 'Untitled',
    summary: firstOf(ordered, (item) => item.summary),
    contentHtml: firstOf(ordered, (item) => item.contentHtml),
    authors: representative.authors.length ? representative.authors : [],
    image: firstOf(ordered, (item) => item.image),
    enclosure,
    published: dates.published,
    updated: dates.updated,
    tags,
    sources,
  };
}
