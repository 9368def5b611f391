/**
 * Dedupe: which items tell the same story.
 *
 * 1. Exact duplicates: items sharing a canonical URL key, the same (source, item id), or a guid that is
 *    a permalink to the same canonical URL are one entry, unconditionally. Published stories (when the
 *    caller passes the ledger's memory of them) stay as they were published: whole, and never joined
 *    to one another by near-duplicate matching; new items join them freely.
 * 2. Near duplicates, in time linear in the number of items (never all pairs):
 *    - features (features.ts): headline terms (×TITLE_WEIGHT) + the lead, stop words dropped, lightly
 *      stemmed, figures without their unit ("$155M" is 155); TF-IDF weights with IDF over the batch;
 *      which terms are proper names (capitalized mid-sentence, in the item and across the batch);
 *    - candidates by blocking: each item is indexed under its BLOCK_KEYS most distinctive terms
 *      (highest TF-IDF, held by at least two items); walking each key's posting list in time order,
 *      an item meets its next NEIGHBORHOOD items, and a pair becomes a candidate only when it meets
 *      under MIN_SHARED_KEYS keys. At most n · BLOCK_KEYS · NEIGHBORHOOD meetings: O(n);
 *    - verification (PairScorer): one article per outlet (two articles of one source never pair),
 *      published within WINDOW_DAYS, TF-IDF cosine with shared evidence (STRONG_COSINE, or
 *      MIN_COSINE with MIN_EVENT_EVIDENCE of non-name words and MIN_SHARED_EVIDENCE overall), and
 *      the headlines' names agree: when each headline names someone or something (a run of proper
 *      names, a figure) that the other report never mentions, they are two pieces of news about one
 *      subject, unless their cosine reaches UNMATCHED_NAMES_COSINE;
 *    - one-to-one between outlets: an edge is kept only when each end is the other's best match in
 *      the other's source;
 *    - clustering: kept edges joined strongest first with union-find, under guards: one article per
 *      outlet, a WINDOW_DAYS span, and centroid agreement (CENTROID_MIN, and CLUSTER_JOIN_MIN or a
 *      CLUSTER_BRIDGE_MIN link between two clusters that are each several reports already), so a chain
 *      A≈B≈C does not glue two stories together through a vague middle item.
 *    Total: O(n · (T + BLOCK_KEYS · NEIGHBORHOOD · T)) for T terms per item, plus sorting n numbers.
 */
import type { SourcedItem } from '../model';
import { JOINED, NAME, OPENS, Vocabulary } from '../tag';
import { isSiteRootKey, urlKey } from './canonical-url';
import { scanWords, Terms, TITLE_WEIGHT, type BatchWords } from './features';
import { UnionFind } from './union-find';
import { byCodeUnits, sortSmall } from '../small-sort';

export { canonicalUrl, urlKey } from './canonical-url';
export { BatchWords, LEAD_WORDS, scanWords } from './features';

/** How many distinctive terms index each item for candidate generation. */
export const BLOCK_KEYS = 14;
/** How many time-ordered neighbours in one posting list an item meets. */
export const NEIGHBORHOOD = 16;
/** A pair is scored only when it meets under this many of its keys (or under all keys of an item with fewer). */
export const MIN_SHARED_KEYS = 3;
/** Items published further apart than this are never the same story. */
export const WINDOW_DAYS = 4;
/** Verified pairs need at least this TF-IDF cosine... */
export const MIN_COSINE = 0.15;
/** ...and this much IDF mass of shared words that are not proper names (what happened, numbers)... */
export const MIN_EVENT_EVIDENCE = 3.0;
/** ...and this much IDF mass of shared words overall (names and event words together). */
export const MIN_SHARED_EVIDENCE = 10;
/** Pairs at or above this cosine need no further evidence (rewrites of one wire copy). */
export const STRONG_COSINE = 0.55;
/**
 * Two headlines that each name something (a person, a title, a figure) the other report never
 * mentions are two different pieces of news about one subject ("Cruise thanks fans from a
 * helicopter" and "Cruise rides off a cliff"), unless the reports agree this closely anyway.
 */
export const UNMATCHED_NAMES_COSINE = 0.5;
/**
 * IDF is computed as if the batch had at least this many items: in a tiny batch (a new deployment,
 * a test) every word would otherwise look common.
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
  /** Joins of items a published story holds together (`DedupeInput.remembered`). */
  rememberedMerges: number;
  candidatePairs: number;
  verifiedPairs: number;
  clusters: number;
}

export interface DedupeResult {
  /** Groups of item indices, each ascending, ordered by first member. */
  clusters: number[][];
  stats: DedupeStats;
}

/** The key of an item within its source: `src:<source id>:<item id>`. */
export function sourceItemKey(item: Pick<SourcedItem, 'id' | 'sourceId'>): string {
  // Joined, not concatenated: the engine keeps a concatenation as two linked parts, and this key
  // is hashed and compared many times per build (exact duplicates, the ledger).
  return ['src', item.sourceId, item.id].join(':');
}

/** The one key a story's id is minted from for an item: its canonical URL key, else its key within its source. */
export function mintKeyOf(item: Pick<SourcedItem, 'url' | 'id' | 'sourceId'>): string {
  return urlKey(item.url) ?? sourceItemKey(item);
}

/**
 * Keys under which an item is an exact duplicate of another: its canonical URL key, its guid when the
 * guid is a permalink, and its id within its source, sorted. A site's front page is not a key (broken
 * feeds link every item there).
 */
export function exactKeys(item: Pick<SourcedItem, 'url' | 'id' | 'sourceId'>): string[] {
  return itemKeys(item).exact;
}

/** Whether `s` starts with http:// or https:// (any case), without a regular expression per item. */
function isHttpUrl(s: string): boolean {
  if (s.length < 8 || (s.charCodeAt(0) | 0x20) !== 0x68) return false;
  const lower = s.slice(0, 8).toLowerCase();
  return lower === 'https://' || lower.startsWith('http://');
}

/** An item's `exactKeys` and `mintKeyOf` at once (its links canonicalized once for both). */
export function itemKeys(item: Pick<SourcedItem, 'url' | 'id' | 'sourceId'>): { exact: string[]; mint: string } {
  const exact: string[] = [];
  const fromUrl = urlKey(item.url);
  if (fromUrl && !isSiteRootKey(fromUrl)) exact.push(fromUrl);
  if (isHttpUrl(item.id)) {
    const fromId = urlKey(item.id);
    if (fromId && !isSiteRootKey(fromId) && fromId !== fromUrl) exact.push(fromId);
  }
  const own = sourceItemKey(item);
  exact.push(own);
  // Sorted, as the ledger stores a story's keys.
  return { exact: sortSmall(exact, byCodeUnits), mint: fromUrl ?? own };
}

/** Term flags. */
const FLAG_NAME = 1;
const FLAG_TITLE = 2;
/**
 * A headline term that names something: a figure, or a proper name — a word the batch's writers
 * capitalize more often than not mid-sentence (in leads and sentence-case headlines).
 */
const FLAG_ENTITY = 4;

/** PairScorer's per-term bits for its anchor item; its headline names from bit RUN_SHIFT, as many as MAX_RUN_BITS. */
const NAMED = 1;
const RUN_SHIFT = 1;
const MAX_RUN_BITS = 29;


/** In a headline's term sequence: punctuation between two words (a name never runs across it). */
const RUN_BREAK = -1;

/** A headline is in sentence case when fewer than this share of its longer words are capitalized. */
const SENTENCE_CASE_SHARE = 0.6;

/**
 * The batch's terms, item by item in one flat layout (item i's terms are `term[start[i] .. start[i+1])`,
 * in first-seen order, so sums always run in the same order).
 */
interface Prepared {
  n: number;
  start: Int32Array;
  term: Int32Array;
  /** Unit TF-IDF weights. */
  weight: Float64Array;
  flag: Uint8Array;
  /**
   * Per item, the names and figures of its headline as runs of consecutive terms ("bob iger",
   * "dune part two", "2024"), each run ended by -1: `runs[runStart[i] .. runStart[i+1])`.
   */
  runStart: Int32Array;
  runs: Int32Array;
  idf: Float64Array;
  df: Int32Array;
  /** Published time per item (NaN when undated). */
  times: Float64Array;
  termCount: number;
  terms: Terms;
  /** Source number of each item (sources numbered in order of appearance). */
  source: Int32Array;
  sourceCount: number;
}

/** Natural logs of the small whole numbers term frequencies are (a lookup, not a call per term). */
const LOG_TABLE_SIZE = 256;
const LOG_OF = Float64Array.from({ length: LOG_TABLE_SIZE }, (_, k) => Math.log(k));

function prepare(words: BatchWords, terms: Terms): Prepared {
  const n = words.count;
  const { ids: wordIds, flags: wordFlags } = words;
  const start = new Int32Array(n + 1);
  // The batch has no more terms than words, and in practice about half as many (an item repeats
  // its words): the buffers start at half the words and grow in the rare batch that needs more.
  const wordCount = n ? words.end[n - 1]! : 0;
  let capacity = Math.max(1024, wordCount >> 1);
  let term = new Int32Array(capacity);
  let weight = new Float64Array(capacity);
  let flag = new Uint8Array(capacity);
  const grow = (): void => {
    capacity = Math.min(wordCount, capacity * 2);
    const t = new Int32Array(capacity);
    t.set(term);
    term = t;
    const w = new Float64Array(capacity);
    w.set(weight);
    weight = w;
    const f = new Uint8Array(capacity);
    f.set(flag);
    flag = f;
  };
  const slot = new Int32Array(terms.vocabularySize).fill(-1);
  let total = 0;
  // Mid-sentence occurrences of each term, capitalized and not (batch-wide).
  const capitalMid = new Int32Array(terms.vocabularySize);
  const lowerMid = new Int32Array(terms.vocabularySize);
  const countCase = (t: number, wordFlags: number): void => {
    if (wordFlags & OPENS) return;
    if (wordFlags & NAME) capitalMid[t]!++;
    else lowerMid[t]!++;
  };
  /** Adds `amount` to the item's frequency of term `t` (in `weight` until weights are computed). */
  const add = (t: number, amount: number, bits: number): void => {
    let at = slot[t]!;
    if (at < 0) {
      if (total === capacity) grow();
      at = total++;
      slot[t] = at;
      term[at] = t;
    }
    weight[at] = weight[at]! + amount;
    flag[at] = flag[at]! | bits;
  };
  const titleSeq: number[] = [];
  const titleSeqStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    start[i] = total;
    titleSeqStart[i] = titleSeq.length;
    const title0 = words.begin(i);
    const lead0 = words.titleEnd[i]!;
    const end = words.end[i]!;
    let capitalized = 0;
    let counted = 0;
    for (let k = title0 + 1; k < lead0; k++) {
      if (terms.of(wordIds[k]!) < 0) continue;
      counted++;
      if (wordFlags[k]! & NAME) capitalized++;
    }
    const sentenceCase = counted > 0 && capitalized < SENTENCE_CASE_SHARE * counted;
    for (let k = title0; k < lead0; k++) {
      if (!(wordFlags[k]! & JOINED)) titleSeq.push(RUN_BREAK);
      const t = terms.of(wordIds[k]!);
      if (t < 0) {
        // A stop word inside a name ("of the") keeps it whole; any other ends it ("Iger tells Wall Street").
        if (!terms.joinsNames(wordIds[k]!)) titleSeq.push(RUN_BREAK);
        continue;
      }
      add(t, TITLE_WEIGHT, FLAG_TITLE);
      titleSeq.push(t);
      if (sentenceCase) countCase(t, wordFlags[k]!);
    }
    for (let k = lead0; k < end; k++) {
      const t = terms.of(wordIds[k]!);
      if (t < 0) continue;
      add(t, 1, wordFlags[k]! & NAME ? FLAG_NAME : 0);
      countCase(t, wordFlags[k]!);
    }
    for (let x = start[i]!; x < total; x++) slot[term[x]!] = -1;
  }
  titleSeqStart[n] = titleSeq.length;
  const isEntity = (t: number): boolean => terms.isFigure(t) || capitalMid[t]! > lowerMid[t]!;
  for (let x = 0; x < total; x++) {
    const t = term[x]!;
    if (flag[x]! & FLAG_TITLE && isEntity(t)) flag[x] = flag[x]! | FLAG_ENTITY;
  }
  // Headline names as runs: consecutive entity terms (stop words between them do not break a run).
  const runStart = new Int32Array(n + 1);
  const runList: number[] = [];
  for (let i = 0; i < n; i++) {
    runStart[i] = runList.length;
    let open = false;
    for (let k = titleSeqStart[i]!; k < titleSeqStart[i + 1]!; k++) {
      const t = titleSeq[k]!;
      if (t >= 0 && isEntity(t)) {
        runList.push(t);
        open = true;
      } else if (open) {
        runList.push(-1);
        open = false;
      }
    }
    if (open) runList.push(-1);
  }
  runStart[n] = runList.length;
  const runs = Int32Array.from(runList);
  start[n] = total;
  const termCount = terms.size;
  const df = new Int32Array(termCount);
  for (let x = 0; x < total; x++) df[term[x]!]!++;
  const idf = new Float64Array(termCount);
  const size = Math.max(n, IDF_MIN_BATCH);
  for (let t = 0; t < termCount; t++) if (df[t]! > 0) idf[t] = Math.log(1 + size / df[t]!);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let x = start[i]!; x < start[i + 1]!; x++) {
      const tf = weight[x]!;
      const w = (1 + (tf < LOG_TABLE_SIZE ? LOG_OF[tf]! : Math.log(tf))) * idf[term[x]!]!;
      weight[x] = w;
      sum += w * w;
    }
    const length = Math.sqrt(sum) || 1;
    for (let x = start[i]!; x < start[i + 1]!; x++) weight[x] = weight[x]! / length;
  }
  const times = Float64Array.from(words.times);
  return { n, start, term: term.subarray(0, total), weight: weight.subarray(0, total), flag: flag.subarray(0, total), runStart, runs, idf, df, times, termCount, terms, source: new Int32Array(0), sourceCount: 0 };
}

/** Sources numbered in order of appearance: each item's source number, and the source ids by number. */
export function sourceNumbers(items: readonly Pick<SourcedItem, 'sourceId'>[]): { of: Int32Array; ids: string[] } {
  const numbers = new Map<string, number>();
  const ids: string[] = [];
  const of = Int32Array.from(items, (item) => {
    let number = numbers.get(item.sourceId);
    if (number === undefined) {
      numbers.set(item.sourceId, (number = ids.length));
      ids.push(item.sourceId);
    }
    return number;
  });
  return { of, ids };
}

function numberSources(p: Prepared, items: readonly SourcedItem[]): void {
  const { of, ids } = sourceNumbers(items);
  p.source = of;
  p.sourceCount = ids.length;
}

/** Why a pair was accepted or rejected, for tuning and tests. */
export interface PairScore {
  cosine: number;
  /** IDF mass of shared terms that are proper names in either item, and of the other shared terms. */
  nameEvidence: number;
  eventEvidence: number;
  /**
   * For each item, the highest IDF of a name or figure of its headline that the other item never
   * mentions (0: the other mentions them all).
   */
  unmatched: [number, number];
  accepted: boolean;
}

/**
 * Scores pairs against one item held in dense arrays (its weights and flags by term id), so a shared
 * term is found in O(1) and each pair costs the other item's term count.
 */
class PairScorer {
  /**
   * The anchor item's weights and IDFs by term id (0 for terms it does not have) and its bits by
   * term id: `NAMED` (a proper name there) and, from bit RUN_SHIFT up, which of its headline's names
   * the term belongs to (0 for terms it does not have). A term the anchor lacks adds exactly 0 to every sum,
   * so scoring a pair walks the other item's terms without a branch per term: whether a term is
   * shared is a coin flip the processor cannot predict, and mispredicting it cost more than the
   * arithmetic. The same walk collects which of the anchor's headline names the other item mentions.
   */
  private readonly denseWeight: Float64Array;
  private readonly denseBits: Int32Array;
  private readonly denseIdf: Float64Array;
  private readonly mark: Int32Array;
  private readonly seen: Int32Array;
  /** Highest IDF of each of the anchor's headline names (`runCount` of them). */
  private readonly runMax = new Float64Array(MAX_RUN_BITS);
  private runCount = 0;
  /** The anchor has more headline names than bits: its names are checked by the general path. */
  private manyRuns = false;
  private anchor = -1;
  private stamp = 0;
  constructor(private readonly p: Prepared) {
    this.denseWeight = new Float64Array(p.termCount);
    this.denseBits = new Int32Array(p.termCount);
    this.denseIdf = new Float64Array(p.termCount);
    this.mark = new Int32Array(p.termCount).fill(-1);
    this.seen = new Int32Array(p.termCount).fill(-1);
  }
  private load(item: number): void {
    if (this.anchor === item) return;
    const { start, term, weight, flag, runStart, runs, idf } = this.p;
    const { denseWeight, denseBits, denseIdf, mark } = this;
    if (this.anchor >= 0) {
      for (let x = start[this.anchor]!; x < start[this.anchor + 1]!; x++) {
        denseWeight[term[x]!] = 0;
        denseBits[term[x]!] = 0;
        denseIdf[term[x]!] = 0;
      }
    }
    for (let x = start[item]!; x < start[item + 1]!; x++) {
      const t = term[x]!;
      denseWeight[t] = weight[x]!;
      denseIdf[t] = idf[t]!;
      denseBits[t] = flag[x]! & FLAG_NAME ? NAMED : 0;
      mark[t] = item;
    }
    // Headline names: runs of terms, each ended by -1 (every run term is one of the item's terms).
    let r = 0;
    let max = 0;
    for (let x = runStart[item]!; x < runStart[item + 1]!; x++) {
      const t = runs[x]!;
      if (t < 0) {
        if (r < MAX_RUN_BITS) this.runMax[r] = max;
        r++;
        max = 0;
      } else {
        if (r < MAX_RUN_BITS) denseBits[t] = denseBits[t]! | (1 << (RUN_SHIFT + r));
        max = Math.max(max, idf[t]!);
      }
    }
    this.runCount = r;
    this.manyRuns = r > MAX_RUN_BITS;
    this.anchor = item;
  }
  /**
   * The highest IDF of a name or figure in `item`'s headline that the other item never mentions
   * (`present[t] === other` when it does: `other` is the other item's mark). A multi-word name counts as mentioned when any of its
   * words is ("Bob Iger" and "Iger").
   */
  private unmatched(item: number, present: Int32Array, other: number): number {
    const { runStart, runs, idf } = this.p;
    let worst = 0;
    let runMax = 0;
    let matched = false;
    for (let x = runStart[item]!; x <= runStart[item + 1]!; x++) {
      const t = x < runStart[item + 1]! ? runs[x]! : -1;
      if (t >= 0) {
        if (present[t] === other) matched = true;
        runMax = Math.max(runMax, idf[t]!);
        continue;
      }
      if (!matched && runMax > worst) worst = runMax;
      runMax = 0;
      matched = false;
    }
    return worst;
  }
  /** `unmatched` for the anchor, from the bits of its headline names the other item mentions. */
  private unmatchedByAnchor(mentioned: number): number {
    let worst = 0;
    for (let r = 0; r < this.runCount; r++) {
      if (!(mentioned & (1 << (RUN_SHIFT + r))) && this.runMax[r]! > worst) worst = this.runMax[r]!;
    }
    return worst;
  }
  /** The last pair's score, filled in place by `score` (one object for the whole batch). */
  readonly result: PairScore = { cosine: 0, nameEvidence: 0, eventEvidence: 0, unmatched: [0, 0], accepted: false };

  /**
   * Scores one pair into `result` and returns whether it is accepted. `full` computes every figure
   * even when the evidence already rejects the pair (for explainPairs); otherwise the name check runs
   * only for pairs the evidence accepts.
   */
  score(i: number, j: number, full = false): boolean {
    const { p, result } = this;
    result.cosine = result.nameEvidence = result.eventEvidence = 0;
    result.unmatched[0] = result.unmatched[1] = 0;
    result.accepted = false;
    // Outlets do not report one story twice: two different articles of one source are two stories.
    if (p.source[i] === p.source[j]) return false;
    if (Math.abs(p.times[i]! - p.times[j]!) > WINDOW_DAYS * DAY_MS) return false;
    // Look up the terms of `i` (loaded once for all its candidates, which come together); walk j's.
    this.load(i);
    const { denseWeight, denseBits, denseIdf, mark } = this;
    const { start, term, weight, flag } = p;
    let cosine = 0;
    let nameEvidence = 0;
    let eventEvidence = 0;
    let mentioned = 0;
    const last = start[j + 1]!;
    for (let x = start[j]!; x < last; x++) {
      const t = term[x]!;
      const bits = denseBits[t]!;
      // d: the term's IDF when i has it, else 0; named: 1 when it is a name in either item.
      const d = denseIdf[t]!;
      const named = (flag[x]! & FLAG_NAME) | (bits & NAMED);
      cosine += weight[x]! * denseWeight[t]!;
      nameEvidence += d * named;
      eventEvidence += d - d * named;
      mentioned |= bits;
    }
    result.cosine = cosine;
    result.nameEvidence = nameEvidence;
    result.eventEvidence = eventEvidence;
    const evidence =
      cosine >= STRONG_COSINE ||
      (cosine >= MIN_COSINE && eventEvidence >= MIN_EVENT_EVIDENCE && nameEvidence + eventEvidence >= MIN_SHARED_EVIDENCE);
    if (!evidence && !full) return false;
    // Reports this close agree whatever their headlines name.
    if (cosine >= UNMATCHED_NAMES_COSINE && !full) {
      result.accepted = evidence;
      return evidence;
    }
    // Names and figures of each headline that the other item never mentions: j's against i's
    // terms (marked already), then, unless that settles it, i's against j's (collected by the walk
    // above; an anchor with more names than bits marks j's terms with a stamp new to this call).
    result.unmatched[1] = this.unmatched(j, mark, i);
    if (result.unmatched[1] !== 0 || full) {
      if (!this.manyRuns) result.unmatched[0] = this.unmatchedByAnchor(mentioned);
      else {
        const seen = this.seen;
        const stamp = ++this.stamp;
        for (let x = start[j]!; x < start[j + 1]!; x++) seen[term[x]!] = stamp;
        result.unmatched[0] = this.unmatched(i, seen, stamp);
      }
    }
    const agreed = Math.min(result.unmatched[0], result.unmatched[1]) === 0 || cosine >= UNMATCHED_NAMES_COSINE;
    result.accepted = evidence && agreed;
    return result.accepted;
  }
}

/** Scores every pair of a small batch: a tuning aid (quadratic, never used by dedupeItems). */
export function explainPairs(items: readonly SourcedItem[]): Array<{ i: number; j: number } & PairScore> {
  const vocabulary = new Vocabulary();
  const p = prepare(scanWords(items, vocabulary), new Terms(vocabulary));
  numberSources(p, items);
  const scorer = new PairScorer(p);
  const out: Array<{ i: number; j: number } & PairScore> = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      scorer.score(i, j, true);
      const { result } = scorer;
      out.push({ i, j, ...result, unmatched: [result.unmatched[0], result.unmatched[1]] });
    }
  }
  return out;
}

/** The item's BLOCK_KEYS heaviest terms held by at least two items (and not by every item). */
function blockingKeys(p: Prepared, index: number, out: Int32Array, best: Float64Array): number {
  const { start, term, weight, df } = p;
  let count = 0;
  for (let x = start[index]!; x < start[index + 1]!; x++) {
    const t = term[x]!;
    const d = df[t]!;
    if (d < 2 || (d === p.n && p.n > 2)) continue;
    const w = weight[x]!;
    // Insertion into the running top list (ties: the smaller term id first, for determinism).
    let k = count < BLOCK_KEYS ? count++ : BLOCK_KEYS;
    if (k === BLOCK_KEYS) {
      const last = BLOCK_KEYS - 1;
      if (w < best[last]! || (w === best[last]! && t > out[last]!)) continue;
      k = last;
    }
    while (k > 0 && (best[k - 1]! < w || (best[k - 1]! === w && out[k - 1]! > t))) {
      best[k] = best[k - 1]!;
      out[k] = out[k - 1]!;
      k--;
    }
    best[k] = w;
    out[k] = t;
  }
  return count;
}

/**
 * Item indices ordered by time (undated last), then index. Each item's key is one number, its time
 * offset times a power of two above n plus its index, so one native numeric sort does it; a span
 * too wide for exact doubles falls back to a comparator.
 */
function timeOrder(times: Float64Array): Int32Array {
  const n = times.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  let scale = 1;
  while (scale <= n) scale *= 2;
  const span = hi >= lo ? hi - lo + 1 : 0;
  if ((span + 1) * scale > Number.MAX_SAFE_INTEGER) {
    const order = Int32Array.from({ length: n }, (_, i) => i);
    return order.sort((x, y) => {
      const tx = times[x]!;
      const ty = times[y]!;
      if (tx !== ty) return Number.isNaN(tx) ? 1 : Number.isNaN(ty) ? -1 : tx - ty;
      return x - y;
    });
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i]!;
    keys[i] = (Number.isNaN(t) ? span : t - lo) * scale + i;
  }
  keys.sort();
  const order = new Int32Array(n);
  for (let r = 0; r < n; r++) order[r] = keys[r]! % scale;
  return order;
}

/**
 * Candidate pairs (earlier item first in time order), each once: pairs that meet under at least
 * MIN_SHARED_KEYS of their blocking keys (or all keys of an item that has fewer) within
 * NEIGHBORHOOD places of each other in a key's time-ordered posting list.
 */
function candidatePairs(p: Prepared): { a: Int32Array; b: Int32Array; count: number } {
  const n = p.n;
  // Items in time order (undated last), then index: every posting list filled in this order is sorted.
  const order = timeOrder(p.times);
  const keys = new Int32Array(n * BLOCK_KEYS);
  const keyCount = new Uint8Array(n);
  const scratch = new Int32Array(BLOCK_KEYS);
  const scratchWeights = new Float64Array(BLOCK_KEYS);
  const listSize = new Int32Array(p.termCount + 1);
  for (let i = 0; i < n; i++) {
    const count = blockingKeys(p, i, scratch, scratchWeights);
    keyCount[i] = count;
    for (let k = 0; k < count; k++) {
      keys[i * BLOCK_KEYS + k] = scratch[k]!;
      listSize[scratch[k]! + 1]!++;
    }
  }
  const listStart = listSize;
  for (let t = 0; t < p.termCount; t++) listStart[t + 1] = listStart[t + 1]! + listStart[t]!;
  const postings = new Int32Array(listStart[p.termCount]!);
  const fill = listStart.slice(0, p.termCount);
  /** Where each (item, key) sits in its posting list. */
  const position = new Int32Array(n * BLOCK_KEYS);
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    for (let k = 0; k < keyCount[i]!; k++) {
      const t = keys[i * BLOCK_KEYS + k]!;
      position[i * BLOCK_KEYS + k] = fill[t]!;
      postings[fill[t]!++] = i;
    }
  }
  const met = new Uint8Array(n);
  /** Per item, how many meetings make a candidate pair with it: MIN_SHARED_KEYS, or all its keys when it has fewer. */
  const need = new Uint8Array(n);
  for (let i = 0; i < n; i++) need[i] = Math.min(MIN_SHARED_KEYS, keyCount[i]!);
  // One spare slot: every neighbour is written to `touched`, and the count moves past it only the
  // first time it is met (without a branch: whether an item was met already is unpredictable).
  const touched = new Int32Array(BLOCK_KEYS * NEIGHBORHOOD + 1);
  let a = new Int32Array(1024);
  let b = new Int32Array(1024);
  let count = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r]!;
    let touchedCount = 0;
    for (let k = 0; k < keyCount[i]!; k++) {
      const t = keys[i * BLOCK_KEYS + k]!;
      const end = Math.min(listStart[t + 1]!, position[i * BLOCK_KEYS + k]! + 1 + NEIGHBORHOOD);
      for (let y = position[i * BLOCK_KEYS + k]! + 1; y < end; y++) {
        const j = postings[y]!;
        const m = met[j]!;
        touched[touchedCount] = j;
        touchedCount += (m - 1) >>> 31;
        met[j] = m + 1;
      }
    }
    const neededByI = need[i]!;
    for (let x = 0; x < touchedCount; x++) {
      const j = touched[x]!;
      const needed = need[j]! < neededByI ? need[j]! : neededByI;
      if (met[j]! >= needed) {
        if (count === a.length) {
          const a2 = new Int32Array(count * 2);
          a2.set(a);
          a = a2;
          const b2 = new Int32Array(count * 2);
          b2.set(b);
          b = b2;
        }
        a[count] = i;
        b[count++] = j;
      }
      met[j] = 0;
    }
  }
  return { a, b, count };
}

/** The earlier of two times, NaN (undated) only when both are. */
function minTime(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.min(a, b);
}

function maxTime(a: number, b: number): number {
  return Number.isNaN(a) ? b : Number.isNaN(b) ? a : Math.max(a, b);
}

/**
 * Per-cluster state for the join guards, kept by each cluster's root: members, report count, dated
 * span, sources. A cluster's centroid is the sum of its members' unit vectors, added up in a dense
 * scratch array when a guard needs it (most joins are of two single items, which need none).
 */
class Centroids {
  private readonly members: Array<number[] | undefined>;
  /** Sources of each root's members (source numbers), created on first join. */
  private readonly sources: Array<number[] | undefined>;
  private readonly counts: Int32Array;
  private readonly first: Float64Array;
  private readonly last: Float64Array;
  /** Norm of each root's centroid, cached until the root changes (NaN: not computed). */
  private readonly norms: Float64Array;
  private readonly sumA: Float64Array;
  private readonly sumB: Float64Array;
  /** The terms each scratch sum holds (reused from call to call): `touched[0 .. count)`. */
  private touchedA: Int32Array = new Int32Array(256);
  private touchedB: Int32Array = new Int32Array(256);
  private countA = 0;
  private countB = 0;
  /** The published story of each root (-1: none), from `DedupeInput.remembered`; empty without one. */
  private story: Int32Array = new Int32Array(0);
  constructor(private readonly p: Prepared) {
    const n = p.n;
    this.members = new Array<number[] | undefined>(n);
    this.sources = new Array<number[] | undefined>(n);
    this.counts = new Int32Array(n).fill(1);
    this.first = Float64Array.from(p.times);
    this.last = Float64Array.from(p.times);
    this.norms = new Float64Array(n).fill(Number.NaN);
    this.sumA = new Float64Array(p.termCount);
    this.sumB = new Float64Array(p.termCount);
  }
  remember(stories: Int32Array): void {
    this.story = Int32Array.from(stories);
  }
  private membersOf(root: number): number[] {
    return this.members[root] ?? [root];
  }
  private sourcesOf(root: number): number[] {
    return this.sources[root] ?? [this.p.source[root]!];
  }
  /**
   * May these two clusters join? The joined cluster must span at most WINDOW_DAYS of dates, hold at
   * most one article per source, and, unless both are single items (their pair score already
   * decided), keep centroid similarity.
   */
  compatible(rootA: number, rootB: number, linkCosine: number): boolean {
    const storyA = this.story.length ? this.story[rootA]! : -1;
    const storyB = this.story.length ? this.story[rootB]! : -1;
    if (storyA >= 0 && storyB >= 0 && storyA !== storyB) return false;
    const lo = minTime(this.first[rootA]!, this.first[rootB]!);
    const hi = maxTime(this.last[rootA]!, this.last[rootB]!);
    if (hi - lo > WINDOW_DAYS * DAY_MS) return false;
    const a = this.sourcesOf(rootA);
    const b = this.sourcesOf(rootB);
    for (const source of a) if (b.includes(source)) return false;
    const countA = this.counts[rootA]!;
    const countB = this.counts[rootB]!;
    if (countA === 1 && countB === 1) return true;
    const similarity = this.similarity(rootA, rootB);
    if (countA > 1 && countB > 1) return similarity >= CLUSTER_JOIN_MIN || (linkCosine >= CLUSTER_BRIDGE_MIN && similarity >= CENTROID_MIN);
    return similarity >= CENTROID_MIN;
  }
  /** How many terms the last `accumulate` touched. */
  private accumulated = 0;
  /**
   * Adds the members' vectors of `root` into `sum`, listing the terms it touches first in `touched`
   * (returned, grown when full; the count is left in `accumulated`).
   */
  private accumulate(root: number, sum: Float64Array, touched: Int32Array): Int32Array {
    const { start, term, weight } = this.p;
    const members = this.members[root];
    const count = members ? members.length : 1;
    let list = touched;
    let n = 0;
    for (let m = 0; m < count; m++) {
      const member = members ? members[m]! : root;
      for (let x = start[member]!; x < start[member + 1]!; x++) {
        const t = term[x]!;
        if (sum[t] === 0) {
          if (n === list.length) {
            const grown = new Int32Array(list.length * 2);
            grown.set(list);
            list = grown;
          }
          list[n++] = t;
        }
        sum[t] = sum[t]! + weight[x]!;
      }
    }
    this.accumulated = n;
    return list;
  }
  private norm(root: number, sum: Float64Array, touched: Int32Array, count: number): number {
    let value = this.norms[root]!;
    if (Number.isNaN(value)) {
      let squares = 0;
      for (let k = 0; k < count; k++) squares += sum[touched[k]!]! * sum[touched[k]!]!;
      this.norms[root] = value = Math.sqrt(squares);
    }
    return value;
  }
  similarity(rootA: number, rootB: number): number {
    const { sumA, sumB } = this;
    this.touchedA = this.accumulate(rootA, sumA, this.touchedA);
    this.countA = this.accumulated;
    this.touchedB = this.accumulate(rootB, sumB, this.touchedB);
    this.countB = this.accumulated;
    const { touchedA, touchedB, countA, countB } = this;
    let dot = 0;
    for (let k = 0; k < countB; k++) dot += sumA[touchedB[k]!]! * sumB[touchedB[k]!]!;
    const result = dot / ((this.norm(rootA, sumA, touchedA, countA) || 1) * (this.norm(rootB, sumB, touchedB, countB) || 1));
    for (let k = 0; k < countA; k++) sumA[touchedA[k]!] = 0;
    for (let k = 0; k < countB; k++) sumB[touchedB[k]!] = 0;
    return result;
  }
  /**
   * Folds `from` into `into` (the union's new root). `sameArticle` (an exact duplicate: one article
   * reached twice) adds no report to the count: it is not a second outlet's telling.
   */
  merge(into: number, from: number, sameArticle = false): void {
    if (into === from) return;
    this.counts[into] = sameArticle ? Math.max(this.counts[into]!, this.counts[from]!) : this.counts[into]! + this.counts[from]!;
    this.first[into] = minTime(this.first[into]!, this.first[from]!);
    this.last[into] = maxTime(this.last[into]!, this.last[from]!);
    const members = (this.members[into] ??= [into]);
    for (const member of this.membersOf(from)) members.push(member);
    this.members[from] = undefined;
    const sources = (this.sources[into] ??= [this.p.source[into]!]);
    for (const source of this.sourcesOf(from)) if (!sources.includes(source)) sources.push(source);
    this.sources[from] = undefined;
    this.norms[into] = Number.NaN;
    if (this.story.length && this.story[into]! < 0) this.story[into] = this.story[from]!;
  }
}

/**
 * Keeps the edges that are each end's best match in the other end's source: an outlet reports a
 * story once, so between two outlets the matching is one-to-one. `edges` come strongest first.
 */
function mutualBest(edges: readonly Edge[], p: Prepared): Edge[] {
  // Each item's edges in order (strongest first), as lists in one buffer.
  const n = p.n;
  const first = new Int32Array(n + 1);
  for (const edge of edges) {
    first[edge.i + 1]!++;
    first[edge.j + 1]!++;
  }
  for (let x = 0; x < n; x++) first[x + 1] = first[x + 1]! + first[x]!;
  const fill = first.slice(0, n);
  const incident = new Int32Array(edges.length * 2);
  edges.forEach((edge, index) => {
    incident[fill[edge.i]!++] = index;
    incident[fill[edge.j]!++] = index;
  });
  // An item's first edge to each other source is its best there; an edge both ends chose is kept.
  const chosen = new Uint8Array(edges.length);
  // The sources x's edges reach, so far: seen[source] === x + 1 (stamped, never cleared).
  const seen = new Int32Array(p.sourceCount);
  for (let x = 0; x < n; x++) {
    for (let k = first[x]!; k < first[x + 1]!; k++) {
      const index = incident[k]!;
      const edge = edges[index]!;
      const source = p.source[edge.i === x ? edge.j : edge.i]!;
      if (seen[source] === x + 1) continue;
      seen[source] = x + 1;
      chosen[index]!++;
    }
  }
  return edges.filter((_, index) => chosen[index] === 2);
}

interface Edge {
  i: number;
  j: number;
  cosine: number;
}

export interface DedupeInput {
  /** Per item, the words the detector reads (`itemWords`), scanned with `vocabulary`. */
  words: BatchWords;
  vocabulary: Vocabulary;
  /** Per item, its `exactKeys` when the caller has them already. */
  keys?: readonly (readonly string[])[];
  /**
   * Per item, the story Marquee published it in (any number, the same for one story), or -1 (see
   * `rememberedStories` in pipeline/ledger.ts). A published story stays as readers saw it: its
   * items are joined before any near-duplicate is looked for (counted as separate reports), and two
   * published stories are never joined by their words, only by an exact duplicate. New items join
   * either freely.
   */
  remembered?: Int32Array;
}

export function dedupeItems(items: readonly SourcedItem[], input?: DedupeInput): DedupeResult {
  const n = items.length;
  let words: BatchWords;
  let vocabulary: Vocabulary;
  if (input) ({ words, vocabulary } = input);
  else {
    vocabulary = new Vocabulary();
    words = scanWords(items, vocabulary);
  }
  const sets = new UnionFind(n);
  const p = prepare(words, new Terms(vocabulary));
  numberSources(p, items);
  const centroids = new Centroids(p);
  if (input?.remembered) centroids.remember(input.remembered);

  /** Joins the clusters of items a and b, unconditionally; false when they are one already. */
  const join = (a: number, b: number, sameArticle: boolean): boolean => {
    const ra = sets.find(a);
    const rb = sets.find(b);
    if (ra === rb) return false;
    const root = sets.union(ra, rb);
    centroids.merge(root, root === ra ? rb : ra, sameArticle);
    return true;
  };

  let exactMerges = 0;
  const owner = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    for (const key of input?.keys?.[i] ?? exactKeys(items[i]!)) {
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else if (join(first, i, true)) exactMerges++;
    }
  }

  let rememberedMerges = 0;
  const remembered = input?.remembered;
  if (remembered) {
    const firstOf = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const story = remembered[i]!;
      if (story < 0) continue;
      const first = firstOf.get(story);
      if (first === undefined) firstOf.set(story, i);
      else if (join(first, i, false)) rememberedMerges++;
    }
  }

  const scorer = new PairScorer(p);
  const pairs = candidatePairs(p);
  const edges: Edge[] = [];
  for (let x = 0; x < pairs.count; x++) {
    const a = pairs.a[x]!;
    const b = pairs.b[x]!;
    if (scorer.score(a, b)) edges.push({ i: Math.min(a, b), j: Math.max(a, b), cosine: scorer.result.cosine });
  }
  edges.sort((x, y) => y.cosine - x.cosine || x.i - y.i || x.j - y.j);
  for (const { i, j, cosine } of mutualBest(edges, p)) {
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
    stats: { items: n, exactMerges, rememberedMerges, candidatePairs: pairs.count, verifiedPairs: edges.length, clusters: clusters.length },
  };
}
