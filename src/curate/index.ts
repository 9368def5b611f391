/**
 * Curation: which stories the merged feed carries, and in what order.
 *
 * 1. Window: stories published more than `maxAgeDays` before `now` are dropped.
 * 2. Exclude: a story carrying an excluded tag, or whose headline/summary/content text contains an
 *    excluded phrase, is dropped. Include: when include tags or phrases are configured, a story must
 *    carry one of the tags or contain one of the phrases. Phrases match like taxonomy phrases
 *    (whole words, case/quote/dash-insensitive).
 * 3. Ranking (deterministic), each term in 0..1:
 *      recency  = 0.5 ^ (ageHours / halfLifeHours)                 (age from `published`, ≥ 0)
 *      weight   = representative source weight / highest configured source weight
 *      outlets  = min(1, log2(distinct outlets) / log2(OUTLETS_SATURATION))
 *      score    = w_recency · recency + w_sourceWeight · weight + w_outlets · outlets
 *    Ties (equal score) fall back to newer `published`, then id ascending.
 * 4. Per-source cap: walking the ranking, at most `perSourceCap` stories per representative source.
 * 5. maxItems: the first `maxItems` stories remain, in ranked order.
 */
import type { CurationConfig, Story, TaxonomyTag } from '../model';
import { htmlToText } from '../parse/html/text';
import { compileTaxonomy } from '../tag';

export const DEFAULT_RANKING = { recency: 0.6, sourceWeight: 0.2, outlets: 0.2, halfLifeHours: 36 } as const;
/** A story carried by this many outlets gets the full outlets term. */
export const OUTLETS_SATURATION = 8;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface CurateContext {
  now: Date;
  /** Source id → editorial weight (default 1). */
  sourceWeights: Record<string, number>;
}

/** A matcher for a list of free phrases, with the taxonomy's matching rules. */
export function compilePhrases(phrases: readonly string[]): (text: string) => boolean {
  if (phrases.length === 0) return () => false;
  const tag: TaxonomyTag = { id: 'phrase', label: 'phrase', kind: 'phrase', match: [...phrases] };
  const tagger = compileTaxonomy([tag]);
  return (text) => tagger.tagText(text).length > 0;
}

function storyText(story: Story): string[] {
  const content = story.contentHtml ? htmlToText(story.contentHtml) : '';
  return [story.title, story.summary ?? '', content, ...story.sources.map((s) => s.title ?? '')];
}

export function rankScore(story: Story, curation: CurationConfig, ctx: CurateContext): number {
  const ranking = { ...DEFAULT_RANKING, ...curation.ranking };
  const weights = Object.values(ctx.sourceWeights);
  const maxWeight = Math.max(1, ...weights.filter((w) => Number.isFinite(w)));
  const representative = story.sources[0]?.source ?? '';
  const weight = Math.max(0, ctx.sourceWeights[representative] ?? 1) / maxWeight;
  const ageHours = Math.max(0, (ctx.now.getTime() - Date.parse(story.published)) / HOUR_MS);
  const recency = Math.pow(0.5, ageHours / Math.max(1e-6, ranking.halfLifeHours));
  const outletCount = new Set(story.sources.map((s) => s.source)).size;
  const outlets = Math.min(1, Math.log2(Math.max(1, outletCount)) / Math.log2(OUTLETS_SATURATION));
  return ranking.recency * recency + ranking.sourceWeight * weight + ranking.outlets * outlets;
}

export function curate(stories: readonly Story[], curation: CurationConfig, ctx: CurateContext): Story[] {
  const oldest = ctx.now.getTime() - curation.maxAgeDays * DAY_MS;
  const includeTags = new Set(curation.include?.tags ?? []);
  const excludeTags = new Set(curation.exclude?.tags ?? []);
  const includePhrase = compilePhrases(curation.include?.phrases ?? []);
  const excludePhrase = compilePhrases(curation.exclude?.phrases ?? []);
  const hasInclude = includeTags.size > 0 || (curation.include?.phrases?.length ?? 0) > 0;
  const hasExcludePhrases = (curation.exclude?.phrases?.length ?? 0) > 0;

  const kept = stories.filter((story) => {
    const published = Date.parse(story.published);
    if (!Number.isFinite(published) || published < oldest) return false;
    if (story.tags.some((t) => excludeTags.has(t))) return false;
    if (hasExcludePhrases && storyText(story).some(excludePhrase)) return false;
    if (!hasInclude) return true;
    return story.tags.some((t) => includeTags.has(t)) || storyText(story).some(includePhrase);
  });

  const scored = kept.map((story) => ({ story, score: rankScore(story, curation, ctx), time: Date.parse(story.published) }));
  scored.sort((a, b) => b.score - a.score || b.time - a.time || (a.story.id < b.story.id ? -1 : a.story.id > b.story.id ? 1 : 0));

  const perSource = new Map<string, number>();
  const result: Story[] = [];
  for (const { story } of scored) {
    if (result.length >= curation.maxItems) break;
    const source = story.sources[0]?.source ?? '';
    const count = perSource.get(source) ?? 0;
    if (count >= curation.perSourceCap) continue;
    perSource.set(source, count + 1);
    result.push(story);
  }
  return result;
}
