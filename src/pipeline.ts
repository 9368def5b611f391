/**
 * The editor: parsed items of every source in, curated merged stories out. The Worker and the CLI
 * both call `buildStories`; it is synchronous, pure, and deterministic (same inputs, same ledger,
 * same `now` → identical stories and ledger).
 *
 *   items → dedupe (exact + near duplicates) → merge (representative, originals) → tag (union of
 *   members' tags) → ledger (stable ids, dates that never move forward) → curate (window, filters,
 *   ranking, caps).
 */
import { curationPhraseTags, EXCLUDE_PHRASES, INCLUDE_PHRASES, NO_PHRASE_HITS, selectEntries, type CurationEntry, type PhraseHits } from './curate';
import { BatchWords, dedupeItems, itemKeys, LEAD_WORDS, sourceNumbers, type DedupeStats } from './dedupe';
import type { Item, MarqueeConfig, SourceConfig, SourcedItem, Story } from './model';
import { byCodeUnits, sortSmall } from './small-sort';
import { assignIds, LEDGER_RETENTION_DAYS, rememberedStories, storyOfKey, type Ledger } from './pipeline/ledger';
import { earliestFirst, listedMembers, memberOrder, mergeCluster, type Timed } from './pipeline/merge';
import { compiledTaxonomy, scanItem, Vocabulary, WordScanner, type ScannedItem } from './tag';

export { emptyLedger, readLedger, type Ledger, type LedgerStory } from './pipeline/ledger';

export interface BuildInput {
  sources: Array<{ source: SourceConfig; items: Item[] }>;
  config: MarqueeConfig;
  ledger: Ledger | null;
  now: Date;
}

export interface BuildResult {
  /** Curated and ranked: what the feeds carry. */
  stories: Story[];
  /**
   * Every story built, newest first (then id). Built on first read: the feeds carry only `stories`,
   * so a refresh never spends time on entries nobody reads (`storyCount` counts them).
   */
  readonly all: Story[];
  /** How many stories the items make (the length of `all`). */
  storyCount: number;
  /** The ledger to store for the next build. */
  ledger: Ledger;
  stats: DedupeStats;
}

export function sourcedItems(sources: BuildInput['sources']): SourcedItem[] {
  const out: SourcedItem[] = [];
  for (const { source, items } of sources) {
    const sourceWeight = source.weight ?? 1;
    const sourceTags = source.tags ?? [];
    for (const item of items) {
      // Fields named one by one: every object gets one shape (a spread of many thousand items is slow).
      out.push({
        id: item.id,
        url: item.url,
        title: item.title,
        summary: item.summary,
        contentHtml: item.contentHtml,
        authors: item.authors,
        published: item.published,
        updated: item.updated,
        categories: item.categories,
        image: item.image,
        enclosures: item.enclosures,
        sourceId: source.id,
        sourceName: source.name,
        sourceWeight,
        sourceTags,
      });
    }
  }
  return out;
}

/**
 * A sorted list without its repeated entries, in place. (Sorting the members' keys and dropping
 * neighbours that repeat costs less than a Set per story: one site's keys share long prefixes, and
 * the sort compares them anyway.)
 */
function withoutRepeats(sorted: string[]): string[] {
  let kept = sorted.length > 0 ? 1 : 0;
  for (let k = 1; k < sorted.length; k++) if (sorted[k] !== sorted[kept - 1]) sorted[kept++] = sorted[k]!;
  if (kept < sorted.length) sorted.length = kept;
  return sorted;
}

/** The key a new story's id is minted from: its earliest member's (undated last; then source and item id). */
function mintKey(members: Array<Timed & { key: string }>): string {
  return sortSmall(members, earliestFirst)[0]!.key;
}

export function buildStories(input: BuildInput): BuildResult {
  const { config, now } = input;
  // One automaton matches the taxonomy and the curation's phrase lists (tags past the taxonomy's end).
  const taxonomySize = config.taxonomy.length;
  const tagger = compiledTaxonomy([...config.taxonomy, ...curationPhraseTags(config.curation)]);
  const includeAt = taxonomySize + INCLUDE_PHRASES;
  const excludeAt = taxonomySize + EXCLUDE_PHRASES;
  const items = sourcedItems(input.sources);
  // Every item's text is read once: its words feed the tagger, the curation phrases and the dedupe stage.
  const vocabulary = new Vocabulary();
  const scanner = new WordScanner(vocabulary);
  const tagWords = tagger.bind(vocabulary);
  const words = new BatchWords(items.length * LEAD_WORDS);
  // Per item, its tags' taxonomy positions (and the phrase lists it matches) in flat lists.
  const tagList: number[] = [];
  const tagStart = new Int32Array(items.length + 1);
  const phraseList: number[] = [];
  const phraseStart = new Int32Array(items.length + 1);
  let scanned: ScannedItem | undefined;
  // What curation reads of every item, kept flat so its pass over the stories touches no item.
  const dated = new Uint8Array(items.length);
  const { of: sourceNumber, ids: sourceIds } = sourceNumbers(items);
  items.forEach((item, i) => {
    dated[i] = item.published ? 1 : 0;
    scanned = scanItem(scanner, item, scanned);
    const from = (tagStart[i] = tagList.length);
    phraseStart[i] = phraseList.length;
    tagWords(scanner, item.sourceTags, tagList);
    // Phrase-list matches move to their own list.
    let kept = from;
    for (let k = from; k < tagList.length; k++) {
      const target = tagList[k]!;
      if (target < taxonomySize) tagList[kept++] = target;
      else phraseList.push(target);
    }
    // (Setting an array's length is slow even when nothing is cut.)
    if (kept !== tagList.length) tagList.length = kept;
    words.add(scanner, scanned, item);
  });
  tagStart[items.length] = tagList.length;
  phraseStart[items.length] = phraseList.length;
  /** Taxonomy ids of the union of the members' tags. */
  const tagsOf = (members: readonly number[]): string[] => {
    const positions: number[] = [];
    for (const i of members) for (let k = tagStart[i]!; k < tagStart[i + 1]!; k++) positions.push(tagList[k]!);
    return tagger.idsOf(positions);
  };
  /** The curation phrase lists any member's text matches. */
  const hitsOf = (members: readonly number[]): PhraseHits => {
    let include = false;
    let exclude = false;
    for (const i of members) {
      for (let k = phraseStart[i]!; k < phraseStart[i + 1]!; k++) {
        if (phraseList[k] === includeAt) include = true;
        else if (phraseList[k] === excludeAt) exclude = true;
      }
    }
    return include || exclude ? { include, exclude } : NO_PHRASE_HITS;
  };
  // Every key that identifies an item: for exact duplicates, and for the ledger.
  const identities = items.map(itemKeys);
  const keys = identities.map((identity) => identity.exact);
  const mintKeys = identities.map((identity) => identity.mint);
  // Stories published before stay as readers saw them: whole, and apart from each other.
  const storyOf = storyOfKey(input.ledger);
  const remembered = storyOf.size ? rememberedStories(keys, storyOf) : undefined;
  const { clusters, stats } = dedupeItems(items, { words, vocabulary, keys, remembered });

  const times = words.times;
  const timeOf = (i: number): number | null => (Number.isNaN(times[i]!) ? null : times[i]!);
  const drafts = clusters.map((members) => {
    if (members.length === 1) {
      // Most stories are one outlet's: no ordering or unions to compute.
      const i = members[0]!;
      const item = items[i]!;
      const time = timeOf(i);
      return {
        members,
        ordered: [item],
        listed: members,
        // An item's exact keys come sorted.
        clusterKeys: { keys: keys[i]!, mintKey: mintKeys[i]!, earliestDate: time },
        latest: time,
      };
    }
    const byOrder = memberOrder(members.map((i) => items[i]!), (k) => timeOf(members[k]!)).map((k) => members[k]!);
    let earliest = Number.POSITIVE_INFINITY;
    let latest = Number.NEGATIVE_INFINITY;
    const union: string[] = [];
    for (const i of members) {
      const t = times[i]!;
      if (t < earliest) earliest = t;
      if (t > latest) latest = t;
      for (const key of keys[i]!) union.push(key);
    }
    return {
      members,
      ordered: byOrder.map((i) => items[i]!),
      listed: listedMembers(byOrder, (i) => mintKeys[i]!),
      clusterKeys: {
        keys: withoutRepeats(sortSmall(union, byCodeUnits)),
        mintKey: mintKey(members.map((i) => ({ item: items[i]!, time: timeOf(i), key: mintKeys[i]! }))),
        earliestDate: Number.isFinite(earliest) ? earliest : null,
      },
      latest: Number.isFinite(latest) ? latest : null,
    };
  });

  // Ids are claimed oldest cluster first so that the assignment does not depend on input order.
  const order = drafts
    .map((_, index) => index)
    .sort(
      (a, b) =>
        (drafts[a]!.clusterKeys.earliestDate ?? Infinity) - (drafts[b]!.clusterKeys.earliestDate ?? Infinity) ||
        byCodeUnits(drafts[a]!.clusterKeys.mintKey, drafts[b]!.clusterKeys.mintKey),
    );
  const retentionDays = Math.max(LEDGER_RETENTION_DAYS, config.curation.maxAgeDays * 2);
  const { assignments, ledger } = assignIds(
    order.map((index) => drafts[index]!.clusterKeys),
    input.ledger,
    now,
    retentionDays,
    storyOf,
  );

  // Curation reads each story's dates, outlets, tags and phrases off its cluster (what `curate`
  // reads off a built story); only the stories it selects are built here.
  const nowMs = now.getTime();
  // Stories first seen in this build share one date: parse each distinct date once.
  let lastPublished = '';
  let lastPublishedMs = Number.NaN;
  /** Per source number, the last entry (position + 1) that counted it among its outlets. */
  const outletSeen = new Int32Array(sourceIds.length);
  const entries: CurationEntry[] = order.map((index, position) => {
    const { listed } = drafts[index]!;
    const { id, published } = assignments[position]!;
    if (published !== lastPublished) {
      lastPublished = published;
      lastPublishedMs = Date.parse(published);
    }
    const publishedMs = lastPublishedMs;
    // The newest original's own date, not after now (an original's `published`, as `storyTime` reads it).
    let newest = Number.NEGATIVE_INFINITY;
    let outlets = 0;
    for (const i of listed) {
      const t = dated[i] ? times[i]! : Number.NaN;
      if (t > newest && t <= nowMs) newest = t;
      const source = sourceNumber[i]!;
      if (outletSeen[source] !== position + 1) {
        outletSeen[source] = position + 1;
        outlets++;
      }
    }
    return {
      id,
      published: publishedMs,
      time: Number.isFinite(newest) ? newest : publishedMs,
      source: sourceIds[sourceNumber[listed[0]!]!]!,
      outlets,
    };
  });
  // Tags and phrases are read only for the entries curation asks about (and the stories built).
  const tagsAt = new Array<string[] | undefined>(order.length);
  const entryTags = (position: number): string[] => (tagsAt[position] ??= tagsOf(drafts[order[position]!]!.members));
  const entryHits = (position: number): PhraseHits => hitsOf(drafts[order[position]!]!.members);
  const built = new Array<Story | undefined>(order.length);
  const storyAt = (position: number): Story => {
    let story = built[position];
    if (!story) {
      const { ordered, latest } = drafts[order[position]!]!;
      const { id, published } = assignments[position]!;
      const updated = latest !== null && latest > entries[position]!.published ? new Date(latest).toISOString() : null;
      built[position] = story = mergeCluster(ordered, entryTags(position), { id, published, updated });
    }
    return story;
  };

  const sourceWeights: Record<string, number> = {};
  for (const source of config.sources) sourceWeights[source.id] = source.weight ?? 1;
  for (const { source } of input.sources) sourceWeights[source.id] ??= source.weight ?? 1;
  const stories = selectEntries(entries, config.curation, { now, sourceWeights }, entryTags, entryHits).map(storyAt);
  let all: Story[] | undefined;
  return {
    stories,
    get all(): Story[] {
      all ??= order.map((_, position) => storyAt(position)).sort((a, b) => byCodeUnits(b.published, a.published) || byCodeUnits(a.id, b.id));
      return all;
    },
    storyCount: order.length,
    ledger,
    stats,
  };
}
