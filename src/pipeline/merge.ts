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
import { byCodeUnits, sortSmall } from '../small-sort';

export function completeness(item: SourcedItem): number {
  return (item.contentHtml ? 1 : 0) + (item.image ? 1 : 0) + (item.summary ? 1 : 0);
}

/** An item with its time (published, else updated; null when undated), read once by the caller. */
export interface Timed {
  item: SourcedItem;
  time: number | null;
}

/** Earliest first, undated last; then source id and item id. */
export function earliestFirst(a: Timed, b: Timed): number {
  if (a.time !== b.time) {
    if (a.time === null) return 1;
    if (b.time === null) return -1;
    return a.time - b.time;
  }
  return byCodeUnits(a.item.sourceId, b.item.sourceId) || byCodeUnits(a.item.id, b.item.id);
}

function byRepresentative(a: Timed, b: Timed): number {
  return b.item.sourceWeight - a.item.sourceWeight || completeness(b.item) - completeness(a.item) || earliestFirst(a, b);
}

/**
 * The order `Story.sources` lists members in — representative first, then by date — as positions
 * in `members`; `timeOf` gives each member's time.
 */
export function memberOrder(members: readonly SourcedItem[], timeOf: (index: number) => number | null): number[] {
  if (members.length === 0) return [];
  const timed = members.map((item, index) => ({ item, time: timeOf(index), position: index }));
  let representative = timed[0]!;
  for (const candidate of timed) if (byRepresentative(candidate, representative) < 0) representative = candidate;
  const rest = sortSmall(
    timed.filter((m) => m !== representative),
    earliestFirst,
  );
  return [representative.position, ...rest.map((m) => m.position)];
}

/**
 * The members a merged entry lists as originals, in order: one per article (two feeds of one
 * outlet carry the same one), told apart by `keyOf` (an item's mint key).
 */
export function listedMembers<T>(ordered: readonly T[], keyOf: (member: T) => string): T[] {
  if (ordered.length === 1) return [ordered[0]!];
  const seen = new Set<string>();
  const listed: T[] = [];
  for (const member of ordered) {
    const key = keyOf(member);
    if (seen.has(key)) continue;
    seen.add(key);
    listed.push(member);
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
  const sources = listedMembers(ordered, mintKeyOf).map(origin);
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
