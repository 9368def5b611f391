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

/**
 * The batch with terms interned to integer ids. Each item's terms keep their first-seen order (ids,
 * weights, entity flags in parallel typed arrays): sums run in that order, so every score is the same
 * double whatever the data structure.
 */
interface Prepared {
  features: ItemFeatures[];
  /** Per item: term ids in first-seen order. */
  ids: Int32Array[];
  /** Per item: unit TF-IDF weights, parallel to `ids`. */
  weights: Float64Array[];
  /** Per item: 1 where the term is a proper name of the item, parallel to `ids`. */
  entity: Uint8Array[];
  /** Term id → text. */
  terms: string[];
  idf: Float64Array;
  df: Int32Array;
  /** Published time per item (0 when undated, for ordering only). */
  times: Float64Array;
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

function prepare(items: readonly SourcedItem[]): Prepared {
  const features = items.map(itemFeatures);
  const termId = new Map<string, number>();
  const terms: string[] = [];
  const counts: number[] = [];
  const ids = features.map((f) => {
    const out = new Int32Array(f.terms.size);
    let k = 0;
    for (const term of f.terms.keys()) {
      let id = termId.get(term);
      if (id === undefined) {
        id = terms.length;
        termId.set(term, id);
        terms.push(term);
        counts.push(0);
      }
      counts[id]!++;
      out[k++] = id;
    }
    return out;
  });
  const n = items.length;
  const df = Int32Array.from(counts);
  const idf = new Float64Array(df.length);
  const size = Math.max(n, IDF_MIN_BATCH);
  for (let t = 0; t < df.length; t++) idf[t] = Math.log(1 + size / df[t]!);
  const weights: Float64Array[] = [];
  const entity: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const f = features[i]!;
    const itemIds = ids[i]!;
    const w = new Float64Array(itemIds.length);
    const e = new Uint8Array(itemIds.length);
    let k = 0;
    let sum = 0;
    for (const [term, tf] of f.terms) {
      const weight = (1 + Math.log(tf)) * idf[itemIds[k]!]!;
      w[k] = weight;
      sum += weight * weight;
      if (f.entities.has(term)) e[k] = 1;
      k++;
    }
    const length = Math.sqrt(sum) || 1;
    for (let x = 0; x < w.length; x++) w[x] = w[x]! / length;
    weights.push(w);
    entity.push(e);
  }
  const times = Float64Array.from(features, (f) => f.time ?? 0);
  return { features, ids, weights, entity, terms, idf, df, times };
}

/**
 * Scores pairs against one item held in dense arrays (its weights and entity flags by term id), so a
 * shared term is found in O(1) and each pair costs the other item's term count.
 */
class PairScorer {
  private readonly denseWeight: Float64Array;
  private readonly denseEntity: Uint8Array;
  private readonly mark: Int32Array;
  private anchor = -1;
  constructor(private readonly p: Prepared, private readonly items: readonly SourcedItem[]) {
    const v = p.terms.length;
    this.denseWeight = new Float64Array(v);
    this.denseEntity = new Uint8Array(v);
    this.mark = new Int32Array(v).fill(-1);
  }
  /** Loads item `large` into the dense arrays. */
  private load(large: number): void {
    if (this.anchor === large) return;
    const ids = this.p.ids[large]!;
    const w = this.p.weights[large]!;
    const e = this.p.entity[large]!;
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k]!;
      this.denseWeight[t] = w[k]!;
      this.denseEntity[t] = e[k]!;
      this.mark[t] = large;
    }
    this.anchor = large;
  }
  /** The item whose terms are looked up (the one with more terms; the second of an equal pair). */
  largeOf(i: number, j: number): number {
    return this.p.ids[i]!.length <= this.p.ids[j]!.length ? j : i;
  }
  score(i: number, j: number): PairScore {
    const { p, items } = this;
    const rejected = (cosine: number): PairScore => ({ cosine, entityEvidence: 0, eventEvidence: 0, accepted: false });
    // Outlets do not report one story twice: two different articles of one source are two stories.
    if (items[i]!.sourceId === items[j]!.sourceId) return rejected(0);
    const ta = p.features[i]!.time;
    const tb = p.features[j]!.time;
    if (ta !== null && tb !== null && Math.abs(ta - tb) > WINDOW_DAYS * DAY_MS) return rejected(0);
    const large = this.largeOf(i, j);
    const small = large === j ? i : j;
    this.load(large);
    const ids = p.ids[small]!;
    const w = p.weights[small]!;
    const e = p.entity[small]!;
    const { denseWeight, denseEntity, mark, } = this;
    const idf = p.idf;
    let cosine = 0;
    let entityEvidence = 0;
    let eventEvidence = 0;
    for (let k = 0; k < ids.length; k++) {
      const t = ids[k]!;
      if (mark[t] !== large) continue;
      cosine += w[k]! * denseWeight[t]!;
      if (e[k] === 1 || denseEntity[t] === 1) entityEvidence += idf[t]!;
      else eventEvidence += idf[t]!;
    }
    const accepted =
      cosine >= STRONG_COSINE || (cosine >= MIN_COSINE && eventEvidence >= MIN_EVENT_EVIDENCE && entityEvidence + eventEvidence >= MIN_SHARED_EVIDENCE);
    return { cosine, entityEvidence, eventEvidence, accepted };
  }
}

/** Why a pair was accepted or rejected, for tuning and tests. */
export interface PairScore {
  cosine: number;
  entityEvidence: number;
  eventEvidence: number;
  accepted: boolean;
}

/** Scores every pair of a small batch: a tuning aid (quadratic, never used by dedupeItems). */
export function explainPairs(items: readonly SourcedItem[]): Array<{ i: number; j: number } & PairScore> {
  const scorer = new PairScorer(prepare(items), items);
  const out: Array<{ i: number; j: number } & PairScore> = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) out.push({ i, j, ...scorer.score(i, j) });
  }
  return out;
}

function blockingKeys(p: Prepared, index: number): number[] {
  const ids = p.ids[index]!;
  const w = p.weights[index]!;
  const n = p.ids.length;
  const ranked: number[] = [];
  for (let k = 0; k < ids.length; k++) {
    // A term held by this item only, or by every item, cannot single out a partner.
    const count = p.df[ids[k]!]!;
    if (count < 2 || (count === n && n > 2)) continue;
    ranked.push(k);
  }
  const terms = p.terms;
  ranked.sort((x, y) => {
    const a = terms[ids[x]!]!;
    const b = terms[ids[y]!]!;
    return w[y]! - w[x]! || (a < b ? -1 : a > b ? 1 : 0);
  });
  const keys: number[] = [];
  for (let r = 0; r < ranked.length && r < BLOCK_KEYS; r++) keys.push(ids[ranked[r]!]!);
  return keys;
}

/**
 * Candidate pairs, each once, as numbers `large · n + small` sorted ascending: pairs that look up the
 * same item's terms come together (see PairScorer).
 */
function candidatePairs(p: Prepared, scorerLarge: (i: number, j: number) => number): Float64Array {
  const n = p.ids.length;
  const postings: number[][] = [];
  for (let i = 0; i < n; i++) {
    for (const key of blockingKeys(p, i)) (postings[key] ??= []).push(i);
  }
  const times = p.times;
  let keys = new Float64Array(1024);
  let count = 0;
  for (const list of postings) {
    if (!list || list.length < 2) continue;
    list.sort((a, b) => times[a]! - times[b]! || a - b);
    for (let x = 0; x < list.length; x++) {
      const end = Math.min(list.length, x + 1 + NEIGHBORHOOD);
      for (let y = x + 1; y < end; y++) {
        const a = list[x]!;
        const b = list[y]!;
        const large = scorerLarge(Math.min(a, b), Math.max(a, b));
        if (count === keys.length) {
          const grown = new Float64Array(keys.length * 2);
          grown.set(keys);
          keys = grown;
        }
        keys[count++] = large * n + (large === a ? b : a);
      }
    }
  }
  const sorted = keys.subarray(0, count).sort();
  let unique = 0;
  for (let x = 0; x < count; x++) if (x === 0 || sorted[x] !== sorted[x - 1]) sorted[unique++] = sorted[x]!;
  return sorted.slice(0, unique);
}

/** Per-cluster state for the join guards: summed term vectors, member count, dated span. */
function minOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxOf(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Summed term weights by term id, in first-added order (sums run in that order, as before interning). */
type SumVector = Map<number, number>;

function sumDot(a: SumVector, b: SumVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

function sumNorm(v: SumVector): number {
  let sum = 0;
  for (const w of v.values()) sum += w * w;
  return Math.sqrt(sum);
}

class Centroids {
  private readonly sums: SumVector[];
  /** Norm of each root's sum, cached until the root's sum changes (NaN: not computed). */
  private readonly norms: Float64Array;
  private readonly counts: number[];
  private readonly first: Array<number | null>;
  private readonly last: Array<number | null>;
  private readonly sources: Array<Set<string>>;
  constructor(p: Prepared, items: readonly SourcedItem[]) {
    this.sources = items.map((item) => new Set([item.sourceId]));
    this.sums = p.ids.map((ids, i) => {
      const w = p.weights[i]!;
      const sum: SumVector = new Map();
      for (let k = 0; k < ids.length; k++) sum.set(ids[k]!, w[k]!);
      return sum;
    });
    this.norms = new Float64Array(items.length).fill(Number.NaN);
    this.counts = items.map(() => 1);
    this.first = p.features.map((f) => f.time);
    this.last = p.features.map((f) => f.time);
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
  private norm(root: number): number {
    let value = this.norms[root]!;
    if (Number.isNaN(value)) this.norms[root] = value = sumNorm(this.sums[root]!);
    return value;
  }
  similarity(rootA: number, rootB: number): number {
    return sumDot(this.sums[rootA]!, this.sums[rootB]!) / ((this.norm(rootA) || 1) * (this.norm(rootB) || 1));
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
    this.norms[into] = Number.NaN;
    for (const source of this.sources[from]!) this.sources[into]!.add(source);
    this.sources[from] = new Set();
  }
}

export function dedupeItems(items: readonly SourcedItem[]): DedupeResult {
  const n = items.length;
  const sets = new UnionFind(n);
  const p = prepare(items);
  const centroids = new Centroids(p, items);

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

  const scorer = new PairScorer(p, items);
  const pairs = candidatePairs(p, (i, j) => scorer.largeOf(i, j));
  const edges: Array<{ i: number; j: number; cosine: number }> = [];
  for (let x = 0; x < pairs.length; x++) {
    const key = pairs[x]!;
    const large = Math.floor(key / n);
    const small = key - large * n;
    const i = Math.min(large, small);
    const j = Math.max(large, small);
    const score = scorer.score(i, j);
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
