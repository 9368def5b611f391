/**
 * Curation: which stories the merged feed carries, and in what order.
 *
 * 1. Window: stories published more than `maxAgeDays` before `now` are dropped.
 * 2. Exclude: a story carrying an excluded tag, or whose text contains an excluded phrase, is
 *    dropped. Include: when include tags or phrases are configured, a story must carry one of the
 *    tags or contain one of the phrases. Phrases match like taxonomy phrases (whole words,
 *    case/quote/dash-insensitive). A story's text is its originals' headlines, summaries and content:
 *    the editor matches the phrases in the same automaton pass as the taxonomy (`curationPhraseTags`);
 *    on its own, curate reads the merged entry's headline, summary and content and the originals' headlines.
 * 3. Ranking (deterministic), each term in 0..1:
 *      recency  = 0.5 ^ (ageHours / halfLifeHours)   (age of the newest original's date, ≥ 0; of
 *                 `published` when no original is dated. Stories first read in one refresh share
 *                 `published`, so the outlets' own times are what orders them.)
 *      weight   = representative source weight / highest configured source weight
 *      outlets  = min(1, log2(distinct outlets) / log2(OUTLETS_SATURATION))
 *      score    = w_recency · recency + w_sourceWeight · weight + w_outlets · outlets
 *    Ties (equal score) fall back to the newer story (the same date as recency), then id ascending.
 * 4. Per-source cap: walking the ranking, at most `perSourceCap` stories per representative source.
 * 5. maxItems: the first `maxItems` stories remain, in ranked order.
 */
import type { CurationConfig, Story, TaxonomyTag } from '../model';
import { htmlToText } from '../parse/html/text';
import { compileTaxonomy, type Tagger } from '../tag';

export const DEFAULT_RANKING = { recency: 0.6, sourceWeight: 0.2, outlets: 0.2, halfLifeHours: 36 } as const;
/** A story carried by this many outlets gets the full outlets term. */
export const OUTLETS_SATURATION = 8;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** Which of the curation's phrase lists a story's text matches. */
export interface PhraseHits {
  include: boolean;
  exclude: boolean;
}

export interface CurateContext {
  now: Date;
  /** Source id → editorial weight (default 1). */
  sourceWeights: Record<string, number>;
}

/** Positions of the two lists among `curationPhraseTags` (past a taxonomy's end when they join it). */
export const INCLUDE_PHRASES = 0;
export const EXCLUDE_PHRASES = 1;

/**
 * The curation's include and exclude phrases as a two-tag taxonomy (tag 0 includes, tag 1 excludes),
 * matched with the taxonomy's rules; null when neither list has phrases.
 */
function phraseTagger(curation: CurationConfig): Tagger | null {
  const tags = curationPhraseTags(curation);
  return tags.length ? compileTaxonomy(tags) : null;
}

const INCLUDE_ID = '\u0000curation:include';
const EXCLUDE_ID = '\u0000curation:exclude';

/**
 * The curation's phrase lists as two taxonomy tags (include, then exclude), or none when neither
 * list has phrases. Their ids cannot be taxonomy ids, so they can join a taxonomy's automaton.
 */
export function curationPhraseTags(curation: CurationConfig): TaxonomyTag[] {
  const include = curation.include?.phrases ?? [];
  const exclude = curation.exclude?.phrases ?? [];
  if (include.length === 0 && exclude.length === 0) return [];
  const tag = (id: string, match: readonly string[]): TaxonomyTag => ({ id, label: id, kind: 'phrase', match: [...match] });
  return [tag(INCLUDE_ID, include), tag(EXCLUDE_ID, exclude)];
}

function textHits(curation: CurationConfig): (story: Story) => PhraseHits {
  const tagger = phraseTagger(curation);
  if (!tagger) return () => NO_PHRASE_HITS;
  return (story) => {
    const content = story.contentHtml ? htmlToText(story.contentHtml) : '';
    const found = new Set<string>();
    for (const text of [story.title, story.summary ?? '', content, ...story.sources.map((s) => s.title ?? '')]) {
      for (const id of tagger.tagText(text)) found.add(id);
    }
    return { include: found.has(INCLUDE_ID), exclude: found.has(EXCLUDE_ID) };
  };
}

/** The ranking's fixed parts: weights merged with the defaults and the highest source weight. */
interface RankBasis {
  ranking: { recency: number; sourceWeight: number; outlets: number; halfLifeHours: number };
  maxWeight: number;
}

function rankBasis(curation: CurationConfig, ctx: Pick<CurateContext, 'sourceWeights'>): RankBasis {
  const weights = Object.values(ctx.sourceWeights).filter((w) => Number.isFinite(w));
  return { ranking: { ...DEFAULT_RANKING, ...curation.ranking }, maxWeight: Math.max(1, ...weights) };
}

/**
 * What curation reads of one story. The editor fills these in from its clusters, so that only the
 * stories the feed carries are built as full entries; `curate` reads them off built stories.
 */
export interface CurationEntry {
  id: string;
  /** The story's `published`, in ms (NaN when unreadable: never kept). */
  published: number;
  /** `storyTime`: what recency is measured from, in ms. */
  time: number;
  /** The representative's source (the first original). */
  source: string;
  /** Distinct outlets among the originals. */
  outlets: number;
}

/** The time a story's recency is measured from: its newest original's date (not after now), else `published`. */
export function storyTime(story: Story, now: Date): number {
  let newest = Number.NEGATIVE_INFINITY;
  for (const origin of story.sources) {
    const t = origin.published ? Date.parse(origin.published) : Number.NaN;
    if (t > newest && t <= now.getTime()) newest = t;
  }
  return Number.isFinite(newest) ? newest : Date.parse(story.published);
}

function entryScore(entry: CurationEntry, now: number, sourceWeights: Record<string, number>, basis: RankBasis): number {
  const { ranking, maxWeight } = basis;
  const weight = Math.max(0, sourceWeights[entry.source] ?? 1) / maxWeight;
  const ageHours = Math.max(0, (now - entry.time) / HOUR_MS);
  const recency = Math.pow(0.5, ageHours / Math.max(1e-6, ranking.halfLifeHours));
  const outlets = Math.min(1, Math.log2(Math.max(1, entry.outlets)) / Math.log2(OUTLETS_SATURATION));
  return ranking.recency * recency + ranking.sourceWeight * weight + ranking.outlets * outlets;
}

/** A built story as curation reads it. */
export function curationEntry(story: Story, now: Date): CurationEntry {
  return {
    id: story.id,
    published: Date.parse(story.published),
    time: storyTime(story, now),
    source: story.sources[0]?.source ?? '',
    outlets: new Set(story.sources.map((s) => s.source)).size,
  };
}

/** A story that matches neither phrase list. */
export const NO_PHRASE_HITS: PhraseHits = { include: false, exclude: false };

/**
 * Positions in `entries` of the stories the feed carries, in ranked order (steps 1–5 above).
 * `tagsOf` and `phraseHitsOf` give an entry's tags and phrase matches; they are asked only when
 * the curation filters by tags or phrases.
 */
export function selectEntries(
  entries: readonly CurationEntry[],
  curation: CurationConfig,
  ctx: Pick<CurateContext, 'now' | 'sourceWeights'>,
  tagsOf: (index: number) => readonly string[],
  phraseHitsOf: (index: number) => PhraseHits,
): number[] {
  const now = ctx.now.getTime();
  const oldest = now - curation.maxAgeDays * DAY_MS;
  const includeTags = new Set(curation.include?.tags ?? []);
  const excludeTags = new Set(curation.exclude?.tags ?? []);
  const hasInclude = includeTags.size > 0 || (curation.include?.phrases?.length ?? 0) > 0;
  const hasPhrases = (curation.include?.phrases?.length ?? 0) + (curation.exclude?.phrases?.length ?? 0) > 0;
  const basis = rankBasis(curation, ctx);

  const kept: Array<{ index: number; score: number; time: number; id: string }> = [];
  entries.forEach((entry, index) => {
    if (!Number.isFinite(entry.published) || entry.published < oldest) return;
    if (excludeTags.size && tagsOf(index).some((t) => excludeTags.has(t))) return;
    const hits = hasPhrases ? phraseHitsOf(index) : NO_PHRASE_HITS;
    if (hits.exclude) return;
    if (hasInclude && !(tagsOf(index).some((t) => includeTags.has(t)) || hits.include)) return;
    kept.push({ index, score: entryScore(entry, now, ctx.sourceWeights, basis), time: entry.time, id: entry.id });
  });
  kept.sort((a, b) => b.score - a.score || b.time - a.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const perSource = new Map<string, number>();
  const result: number[] = [];
  for (const { index } of kept) {
    if (result.length >= curation.maxItems) break;
    const source = entries[index]!.source;
    const count = perSource.get(source) ?? 0;
    if (count >= curation.perSourceCap) continue;
    perSource.set(source, count + 1);
    result.push(index);
  }
  return result;
}

export function curate(stories: readonly Story[], curation: CurationConfig, ctx: CurateContext): Story[] {
  const entries = stories.map((story) => curationEntry(story, ctx.now));
  // Asked only when the curation has phrases: the phrase tagger is compiled then.
  let readText: ((story: Story) => PhraseHits) | undefined;
  const hitsOf = (index: number): PhraseHits => (readText ??= textHits(curation))(stories[index]!);
  return selectEntries(entries, curation, ctx, (index) => stories[index]!.tags, hitsOf).map((index) => stories[index]!);
}
