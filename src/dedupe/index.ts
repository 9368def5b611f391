/**
 * Dedupe: which items tell the same story.
 *
 * 1. Exact duplicates: items sharing a canonical URL key, the same (source, item id), or a guid that is
 *    a permalink to the same canonical URL are one entry, unconditionally.
 * 2. Near duplicates, in time about linear in the number of items (never all pairs):
 *    - features: headline terms (×TITLE_WEIGHT) + summary + first LEAD_WORDS words of content,
 *      stop words dropped, lightly stemmed; TF-IDF weights with IDF over the batch;
 *    - candidates by blocking: each item is indexed under its BLOCK_KEYS most distinctive terms
 *      (highest TF-IDF, df ≥ 2); within each key's posting list, sorted by time, an item is paired only
 *      with its next NEIGHBORHOOD items. Candidate pairs ≤ n · BLOCK_KEYS · NEIGHBORHOOD: O(n);
 *    - verification (pairScore): published within WINDOW_DAYS, TF-IDF cosine, plus agreement on
 *      proper names and on distinctive non-name words (event words, numbers);
 *    - clustering: accepted pairs joined strongest first with union-find; a join must keep the two
 *      clusters' centroids at cosine ≥ CENTROID_MIN, so A~B and B~C do not chain A and C when A and C
 *      are different news. Two clusters that each hold several reports (exact duplicates count once)
 *      join only at centroid cosine ≥ CLUSTER_JOIN_MIN, or over a link of cosine ≥ CLUSTER_BRIDGE_MIN:
 *      outlets' reports of one event agree with each other first, so a same-week look-alike (the
 *      premiere walkout on the eve of the strike) has become its own cluster by the time its weak
 *      link to the other story is considered.
 *    - one article per outlet: outlets do not report one story twice, so two different articles of
 *      one source never share a story (exact duplicates aside), and a join that would put two
 *      articles of one source in one cluster is refused. This is what stops long chains.
 *    Total: O(n · (T + BLOCK_KEYS · NEIGHBORHOOD · T)) for T terms per item, plus sorting postings.
 */
import type { SourcedItem } from '../model';
import { isSiteRootKey, urlKey } from './canonical-url';
import { itemFeatures, type ItemFeatures } from './features';
import { UnionFind } from './union-find';

export { canonicalUrl, urlKey } from './canonical-url';

/** How many distinctive terms index each item for candidate generation. */
export const BLOCK_KEYS = 8;
/** How many time-ordered neighbours in one posting list an item is compared with. */
export const NEIGHBORHOOD = 24;
/** Items published further apart than this are never the same story. */
export const WINDOW_DAYS = 4;
/** Verified pairs need at least this TF-IDF cosine... */
export const MIN_COSINE = 0.15;
/** ...and this much IDF mass of shared words that are not proper names (what happened, numbers). */
export const MIN_EVENT_EVIDENCE = 3.0;
/** ...and this much IDF mass of shared words overall (names and event words together). */
export const MIN_SHARED_EVIDENCE = 10;
/** Pairs at or above this cosine need no further evidence (rewrites of one wire copy). */
export const STRONG_COSINE = 0.55;
/**
 * IDF is computed as if the batch had at least this many items: in a tiny batch (a new deployment,
 * a test) every word would otherwise look common and evidence thresholds could never be met.
 */
export const IDF_MIN_BATCH = 50;
/** A join must keep the clusters' centroids at least this similar (anti-chaining guard). */
export const CENTROID_MIN = 0.2;
/**
 * Two clusters that each already hold several outlets' reports join only when their centroids are
 * this similar. Each is then a story in its own right; a weak link between them (a shared person,
 * union or film, the same week) is the signature of two different news events about one subject.
 */
export const CLUSTER_JOIN_MIN = 0.35;
/** ...unless the link that joins them is itself this strong: two reports that closely agree bridge their groups. */
export const CLUSTER_BRIDGE_MIN = 0.4;

const DAY_MS = 86_400_000;

export interface DedupeStats {
  items: number;
  exactMerges: number;
  candidatePairs: number;
  verifiedPairs: number;
  clusters: number;
}

export interface DedupeResult {
  /** Groups of item indices, each ascending, ordered by first member. */
  clusters: number[][];
  stats: DedupeStats;
}

/** Sparse unit vector over terms. */
type Vector = Map<string, number>;

interface Prepared {
  features: ItemFeatures[];
  vectors: Vector[];
  idf: Map<string, number>;
  df: Map<string, number>;
}

/** The key of an item within its source: `src:<source id>:<item id>`. */
export function sourceItemKey(item: Pick<SourcedItem, 'id' | 'sourceId'>): string {
  return `src:${item.sourceId}:${item.id}`;
}

/**
 * Keys under which an item is an exact duplicate of another: its canonical URL key, its guid when the
 * guid is a permalink, and its id within its source. A site's front page is not a key (broken feeds
 * link every item there).
 */
export function exactKeys(item: Pick<SourcedItem, 'url' | 'id' | 'sourceId'>): string[] {
  const keys: string[] = [];
  const fromUrl = urlKey(item.url);
  if (fromUrl && !isSiteRootKey(fromUrl)) keys.push(fromUrl);
  if (/^https?:\/\//i.test(item.id)) {
    const fromId = urlKey(item.id);
    if (fromId && !isSiteRootKey(fromId) && fromId !== fromUrl) keys.push(fromId);
  }
  keys.push(sourceItemKey(item));
  return keys;
}

function dot(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

function norm(v: Vector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

function prepare(items: readonly SourcedItem[]): Prepared {
  const features = items.map(itemFeatures);
  const df = new Map<string, number>();
  for (const f of features) for (const term of f.terms.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = items.length;
  const idf = new Map<string, number>();
  const size = Math.max(n, IDF_MIN_BATCH);
  for (const [term, count] of df) idf.set(term, Math.log(1 + size / count));
  const vectors = features.map((f) => {
    const v: Vector = new Map();
    for (const [term, tf] of f.terms) v.set(term, (1 + Math.log(tf)) * idf.get(term)!);
    const length = norm(v) || 1;
    for (const [term, w] of v) v.set(term, w / length);
    return v;
  });
  return { features, vectors, idf, df };
}

/** Why a pair was accepted or rejected, for tuning and tests. */
export interface PairScore {
  cosine: number;
  entityEvidence: number;
  eventEvidence: number;
  accepted: boolean;
}

function scoreWith(p: Prepared, items: readonly SourcedItem[], i: number, j: number): PairScore {
  const a = p.features[i]!;
  const b = p.features[j]!;
  const rejected = (cosine: number): PairScore => ({ cosine, entityEvidence: 0, eventEvidence: 0, accepted: false });
  // Outlets do not report one story twice: two different articles of one source are two stories.
  if (items[i]!.sourceId === items[j]!.sourceId) return rejected(0);
  if (a.time !== null && b.time !== null && Math.abs(a.time - b.time) > WINDOW_DAYS * DAY_MS) return rejected(0);
  const cosine = dot(p.vectors[i]!, p.vectors[j]!);
  let entityEvidence = 0;
  let eventEvidence = 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a.terms, b.terms] : [b.terms, a.terms];
  for (const term of small.keys()) {
    if (!large.has(term)) continue;
    const weight = p.idf.get(term) ?? 0;
    if (a.entities.has(term) || b.entities.has(term)) entityEvidence += weight;
    else eventEvidence += weight;
  }
  const accepted =
    cosine >= STRONG_COSINE || (cosine >= MIN_COSINE && eventEvidence >= MIN_EVENT_EVIDENCE && entityEvidence + eventEvidence >= MIN_SHARED_EVIDENCE);
  return { cosine, entityEvidence, eventEvidence, accepted };
}

/** Scores every pair of a small batch: a tuning aid (quadratic, never used by dedupeItems). */
export function explainPairs(items: readonly SourcedItem[]): Array<{ i: number; j: number } & PairScore> {
  const p = prepare(items);
  const out: Array<{ i: number; j: number } & PairScore> = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) out.push({ i, j, ...scoreWith(p, items, i, j) });
  }
  return out;
}

function blockingKeys(p: Prepared, index: number): string[] {
  const vector = p.vectors[index]!;
  const n = p.vectors.length;
  const ranked: Array<[string, number]> = [];
  for (const [term, weight] of vector) {
    // A term held by this item only, or by every item, cannot single out a partner.
    const count = p.df.get(term)!;
    if (count < 2 || (count === n && n > 2)) continue;
    ranked.push([term, weight]);
  }
  ranked.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return ranked.slice(0, BLOCK_KEYS).map(([term]) => term);
}

function candidatePairs(p: Prepared): Array<[number, number]> {
  const n = p.vectors.length;
  const postings = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    for (const key of blockingKeys(p, i)) {
      let list = postings.get(key);
      if (!list) postings.set(key, (list = []));
      list.push(i);
    }
  }
  const time = (i: number): number => p.features[i]!.time ?? 0;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  for (const list of postings.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => time(a) - time(b) || a - b);
    for (let x = 0; x < list.length; x++) {
      const end = Math.min(list.length, x + 1 + NEIGHBORHOOD);
      for (let y = x + 1; y < end; y++) {
        const a = Math.min(list[x]!, list[y]!);
        const b = Math.max(list[x]!, list[y]!);
        const id = a * n + b;
        if (seen.has(id)) continue;
        seen.add(id);
        pairs.push([a, b]);
      }
    }
  }
  return pairs;
}

/** Per-cluster state for the join guards: summed term vectors, member count, dated span. */
function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

class Centroids {
  private readonly sums: Vector[];
  private readonly counts: number[];
  private readonly first: Array<number | null>;
  private readonly last: Array<number | null>;
  private readonly sources: Array<Set<string>>;
  constructor(vectors: Vector[], features: ItemFeatures[], items: readonly SourcedItem[]) {
    this.sources = items.map((item) => new Set([item.sourceId]));
    this.sums = vectors.map((v) => new Map(v));
    this.counts = vectors.map(() => 1);
    this.first = features.map((f) => f.time);
    this.last = features.map((f) => f.time);
  }
  /**
   * May these two clusters join? The joined cluster must span at most WINDOW_DAYS of dates, and,
   * unless both are single items (their pair score already decided), keep centroid similarity.
   */
  compatible(rootA: number, rootB: number, linkCosine: number): boolean {
    const lo = minOf((this.first[rootA] ?? null), (this.first[rootB] ?? null));
    const hi = maxOf((this.last[rootA] ?? null), (this.last[rootB] ?? null));
    if (lo !== null && hi !== null && hi - lo > WINDOW_DAYS * DAY_MS) return false;
    const [fewer, more] = this.sources[rootA]!.size <= this.sources[rootB]!.size ? [this.sources[rootA]!, this.sources[rootB]!] : [this.sources[rootB]!, this.sources[rootA]!];
    for (const source of fewer) if (more.has(source)) return false;
    const countA = this.counts[rootA]!;
    const countB = this.counts[rootB]!;
    if (countA === 1 && countB === 1) return true;
    const similarity = this.similarity(rootA, rootB);
    if (countA > 1 && countB > 1) return similarity >= CLUSTER_JOIN_MIN || (linkCosine >= CLUSTER_BRIDGE_MIN && similarity >= CENTROID_MIN);
    return similarity >= CENTROID_MIN;
  }
  similarity(rootA: number, rootB: number): number {
    const a = this.sums[rootA]!;
    const b = this.sums[rootB]!;
    return dot(a, b) / ((norm(a) || 1) * (norm(b) || 1));
  }
  /**
   * Folds `from` into `into` (the union's new root). `sameArticle` (an exact duplicate: one article
   * reached twice) adds no report to the count: it is not a second outlet's telling.
   */
  merge(into: number, from: number, sameArticle = false): void {
    if (into === from) return;
    this.counts[into] = sameArticle ? Math.max(this.counts[into]!, this.counts[from]!) : this.counts[into]! + this.counts[from]!;
    this.first[into] = minOf((this.first[into] ?? null), (this.first[from] ?? null));
    this.last[into] = maxOf((this.last[into] ?? null), (this.last[from] ?? null));
    let target = this.sums[into]!;
    let source = this.sums[from]!;
    if (target.size < source.size) [target, source] = [source, target];
    for (const [term, w] of source) target.set(term, (target.get(term) ?? 0) + w);
    this.sums[into] = target;
    this.sums[from] = new Map();
    for (const source of this.sources[from]!) this.sources[into]!.add(source);
    this.sources[from] = new Set();
  }
}

export function dedupeItems(items: readonly SourcedItem[]): DedupeResult {
  const n = items.length;
  const sets = new UnionFind(n);
  const p = prepare(items);
  const centroids = new Centroids(p.vectors, p.features, items);

  let exactMerges = 0;
  const owner = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (const key of exactKeys(items[i]!)) {
      const first = owner.get(key);
      if (first === undefined) {
        owner.set(key, i);
        continue;
      }
      const ra = sets.find(first);
      const rb = sets.find(i);
      if (ra === rb) continue;
      const root = sets.union(ra, rb);
      centroids.merge(root, root === ra ? rb : ra, true);
      exactMerges++;
    }
  }

  const pairs = candidatePairs(p);
  const edges: Array<{ i: number; j: number; cosine: number }> = [];
  for (const [i, j] of pairs) {
    const score = scoreWith(p, items, i, j);
    if (score.accepted) edges.push({ i, j, cosine: score.cosine });
  }
  edges.sort((x, y) => y.cosine - x.cosine || x.i - y.i || x.j - y.j);
  for (const { i, j, cosine } of edges) {
    const ra = sets.find(i);
    const rb = sets.find(j);
    if (ra === rb) continue;
    if (!centroids.compatible(ra, rb, cosine)) continue;
    const root = sets.union(ra, rb);
    centroids.merge(root, root === ra ? rb : ra);
  }

  const clusters = sets.groups();
  return {
    clusters,
    stats: { items: n, exactMerges, candidatePairs: pairs.length, verifiedPairs: edges.length, clusters: clusters.length },
  };
}
