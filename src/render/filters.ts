/** The filters every feed route accepts: ?tag=a,b (any of them), ?exclude=a,b, ?limit=N, ?since=ISO-date. */
import type { Story, TaxonomyTag } from '../model';

export const MAX_LIMIT = 500;

export interface FeedFilters {
  tags: string[];
  exclude: string[];
  limit: number | null;
  /** Milliseconds; stories published at or after it are kept. */
  since: number | null;
}

export type FiltersResult = { ok: true; filters: FeedFilters; canonical: string } | { ok: false; message: string };

// A calendar date, optionally with a time and zone: 2024-05-17, 2024-05-17T14:02:00Z, 2024-05-17T14:02:00.000+02:00.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Reads the filter parameters of a request. Unknown parameters are ignored (readers and newsletter tools
 * add their own); a bad value of a known one is an error that says what is wrong. `canonical` is a
 * stable query string for cache keys and self links (empty when nothing filters). Tag ids are checked
 * against the taxonomy separately (`unknownTagProblem`), so a conditional request can be answered
 * before the taxonomy is read.
 */
export function parseFilters(params: URLSearchParams): FiltersResult {
  const tags: string[] = [];
  const exclude: string[] = [];
  for (const [name, into] of [
    ['tag', tags],
    ['exclude', exclude],
  ] as const) {
    for (const raw of params.getAll(name)) {
      for (const id of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
        if (!into.includes(id)) into.push(id);
      }
    }
  }
  let limit: number | null = null;
  const rawLimit = params.get('limit');
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_LIMIT) {
      return { ok: false, message: `limit: must be a whole number from 1 to ${MAX_LIMIT}, not "${rawLimit}"` };
    }
    limit = Number(rawLimit);
  }
  let since: number | null = null;
  const rawSince = params.get('since');
  if (rawSince !== null) {
    const t = ISO_DATE.test(rawSince) ? Date.parse(rawSince.length === 10 ? `${rawSince}T00:00:00Z` : rawSince) : NaN;
    if (Number.isNaN(t)) {
      return { ok: false, message: `since: must be an ISO 8601 date like 2024-05-17 or 2024-05-17T14:00:00Z, not "${rawSince}"` };
    }
    since = t;
  }
  const canonical = new URLSearchParams();
  if (tags.length) canonical.set('tag', [...tags].sort().join(','));
  if (exclude.length) canonical.set('exclude', [...exclude].sort().join(','));
  if (limit !== null) canonical.set('limit', String(limit));
  if (since !== null) canonical.set('since', new Date(since).toISOString());
  return { ok: true, filters: { tags, exclude, limit, since }, canonical: canonical.toString() };
}

export function isUnfiltered(f: FeedFilters): boolean {
  return f.tags.length === 0 && f.exclude.length === 0 && f.limit === null && f.since === null;
}

/** The stories that pass the filters, in their curated order. */
export function applyFilters(stories: Story[], f: FeedFilters): Story[] {
  const out: Story[] = [];
  for (const s of stories) {
    if (f.tags.length && !s.tags.some((t) => f.tags.includes(t))) continue;
    if (f.exclude.length && s.tags.some((t) => f.exclude.includes(t))) continue;
    if (f.since !== null && Date.parse(s.published) < f.since) continue;
    out.push(s);
    if (f.limit !== null && out.length >= f.limit) break;
  }
  return out;
}

/** A message naming the first filter tag the taxonomy does not know, or null when all are known. */
export function unknownTagProblem(f: FeedFilters, taxonomy: TaxonomyTag[]): string | null {
  const known = new Set(taxonomy.map((t) => t.id));
  for (const [name, ids] of [
    ['tag', f.tags],
    ['exclude', f.exclude],
  ] as const) {
    const bad = ids.find((id) => !known.has(id));
    if (bad !== undefined) return `${name}: unknown tag "${bad}" (the tag ids are listed in /feed.json items' "tags")`;
  }
  return null;
}
