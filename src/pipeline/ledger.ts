/**
 * The ledger: Marquee's memory of which stories it has published, so ids and dates hold across
 * rebuilds. Plain JSON (stored in KV by the storage layer, in DIR/ledger.json by the CLI).
 *
 * Id rule: every member key of a story (canonical URL key, `src:<source>:<item id>`) is listed under
 * the story's id (a key belongs to one story at a time). A rebuilt cluster takes the id its members already map to; if they map to several stories (two
 * stories merged), the oldest id (earliest firstSeen, then smallest id) is kept. The editor keeps a
 * published story's originals together and apart from other published stories (`rememberedStories`,
 * `DedupeInput.remembered`), so stories neither split nor merge once published; should clusters
 * still divide one story's keys, the id stays with the cluster holding most of them. A cluster no key of which is known
 * gets a minted id: `mq-` + a 64-bit base32 hash of its first member's key (earliest item; its canonical
 * URL key, or its source key when it has no URL).
 *
 * Date rule: `published` is `now` of the first build that saw the story, unless its outlets dated it
 * more than BACKFILL_AFTER_MS before that `now` (a source added with its archive), in which case it is
 * the earliest outlet date. Once recorded it is kept (a merge keeps the earliest of the merged dates):
 * it never moves forward.
 */
import { byCodeUnits } from '../small-sort';
import { hash64Base32 } from './hash';

/**
 * 2: each story lists its member keys. (1 mapped every key to its story id in one object: a
 * 40,000-key object for 20,000 items, slow to build and larger as JSON; still read, and converted.)
 */
export const LEDGER_VERSION = 2;
/** Outlet dates older than this, relative to the first build that sees the story, are kept (backfill). */
export const BACKFILL_AFTER_MS = 2 * 86_400_000;
/** Stories not seen for this long (or twice the curation window, if longer) are forgotten. */
export const LEDGER_RETENTION_DAYS = 30;
/** Hard cap on remembered stories; the least recently seen go first. Keeps the KV value small. */
export const MAX_LEDGER_STORIES = 20_000;

export interface LedgerStory {
  /** `now` of the first build that saw the story. */
  firstSeen: string;
  /** The story's published date (see the date rule). */
  published: string;
  /** `now` of the last build that saw the story. */
  lastSeen: string;
  /** The story's member keys, sorted. */
  keys: string[];
}

export interface Ledger {
  version: typeof LEDGER_VERSION;
  /** Story id → dates and member keys. */
  stories: Record<string, LedgerStory>;
}

export function emptyLedger(): Ledger {
  return { version: LEDGER_VERSION, stories: {} };
}

const isDates = (story: unknown): story is Omit<LedgerStory, 'keys'> => {
  const s = story as Partial<LedgerStory> | null;
  return !!s && typeof s.firstSeen === 'string' && typeof s.published === 'string' && typeof s.lastSeen === 'string';
};

/** Accepts anything read back from storage (this version or version 1); an unusable value yields an empty ledger. */
export function readLedger(value: unknown): Ledger {
  if (!value || typeof value !== 'object') return emptyLedger();
  const v = value as { version?: unknown; stories?: unknown; members?: unknown };
  if (!v.stories || typeof v.stories !== 'object') return emptyLedger();
  const ledger = emptyLedger();
  if (v.version === LEDGER_VERSION) {
    for (const [id, story] of Object.entries(v.stories as Record<string, unknown>)) {
      if (!isDates(story) || !Array.isArray((story as LedgerStory).keys)) continue;
      const keys = (story as LedgerStory).keys.filter((key): key is string => typeof key === 'string');
      ledger.stories[id] = { firstSeen: story.firstSeen, published: story.published, lastSeen: story.lastSeen, keys };
    }
    return ledger;
  }
  if (v.version !== 1 || !v.members || typeof v.members !== 'object') return emptyLedger();
  const stories = new Map<string, LedgerStory>();
  for (const [id, story] of Object.entries(v.stories as Record<string, unknown>)) {
    if (isDates(story)) stories.set(id, { firstSeen: story.firstSeen, published: story.published, lastSeen: story.lastSeen, keys: [] });
  }
  for (const [key, id] of Object.entries(v.members as Record<string, unknown>)) {
    if (typeof id === 'string') stories.get(id)?.keys.push(key);
  }
  for (const [id, story] of stories) {
    if (story.keys.length) ledger.stories[id] = { ...story, keys: story.keys.sort() };
  }
  return ledger;
}

/** Each key the ledger lists → the id of the story it lists it under. */
export function storyOfKey(ledger: Ledger | null): Map<string, string> {
  const out = new Map<string, string>();
  if (ledger) for (const [id, story] of Object.entries(ledger.stories)) for (const key of story.keys) out.set(key, id);
  return out;
}

/**
 * For each item, the number of the story the ledger lists one of its keys under (stories numbered
 * in order of first appearance among the items), or -1 for an item Marquee has not published yet.
 */
export function rememberedStories(itemKeys: readonly (readonly string[])[], storyOf: ReadonlyMap<string, string>): Int32Array {
  const out = new Int32Array(itemKeys.length).fill(-1);
  if (storyOf.size === 0) return out;
  const numbers = new Map<string, number>();
  itemKeys.forEach((keys, index) => {
    for (const key of keys) {
      const id = storyOf.get(key);
      if (id === undefined) continue;
      let number = numbers.get(id);
      if (number === undefined) numbers.set(id, (number = numbers.size));
      out[index] = number;
      return;
    }
  });
  return out;
}

/** What the id assignment needs to know about one cluster. */
export interface ClusterKeys {
  /** Every member key of the cluster. */
  keys: string[];
  /** The key the id is minted from (the first member's). */
  mintKey: string;
  /** Earliest outlet date among the members, ms, or null. */
  earliestDate: number | null;
}

export interface Assignment {
  id: string;
  published: string;
}


/**
 * Gives each cluster its id and published date, and returns the next ledger (the input is not
 * modified). Deterministic: same clusters, ledger and now → same result.
 */
export function assignIds(
  clusters: readonly ClusterKeys[],
  previous: Ledger | null,
  now: Date,
  retentionDays: number,
  /** `storyOfKey(previous)`, when the caller has it already. */
  priorMembers: ReadonlyMap<string, string> = storyOfKey(previous),
): { assignments: Assignment[]; ledger: Ledger } {
  const priorStories = new Map(Object.entries(previous?.stories ?? {}));
  const nowIso = now.toISOString();
  const nowMs = now.getTime();

  // Claims: (cluster, previous id, how many of the cluster's keys point at it).
  const claims: Array<{ cluster: number; id: string; votes: number }> = [];
  const claimedBy: Array<Map<string, number> | null> = new Array(clusters.length).fill(null);
  if (priorMembers.size) {
    clusters.forEach((cluster, index) => {
      let votes: Map<string, number> | null = null;
      for (const key of cluster.keys) {
        const id = priorMembers.get(key);
        if (id === undefined) continue;
        votes ??= new Map();
        votes.set(id, (votes.get(id) ?? 0) + 1);
      }
      if (!votes) return;
      claimedBy[index] = votes;
      for (const [id, count] of votes) claims.push({ cluster: index, id, votes: count });
    });
  }
  const firstSeen = (id: string): string => priorStories.get(id)!.firstSeen;
  claims.sort(
    (a, b) =>
      byCodeUnits(firstSeen(a.id), firstSeen(b.id)) || byCodeUnits(a.id, b.id) || b.votes - a.votes || a.cluster - b.cluster,
  );

  const ids: Array<string | undefined> = new Array(clusters.length);
  const used = new Set<string>();
  for (const claim of claims) {
    if (ids[claim.cluster] !== undefined || used.has(claim.id)) continue;
    ids[claim.cluster] = claim.id;
    used.add(claim.id);
  }

  const stories = new Map<string, LedgerStory>();
  const taken = (id: string): boolean => used.has(id) || priorStories.has(id);
  const assignments: Assignment[] = clusters.map((cluster, index) => {
    let id = ids[index];
    if (id === undefined) {
      id = `mq-${hash64Base32(cluster.mintKey)}`;
      for (let salt = 2; taken(id); salt++) id = `mq-${hash64Base32(`${cluster.mintKey}#${salt}`)}`;
      used.add(id);
    }
    // Every earlier story whose keys this cluster holds lends its dates: a merged (or split-off)
    // story keeps the earliest of them, so nothing moves forward.
    let published: string | null = null;
    let seen: string | null = null;
    for (const other of claimedBy[index]?.keys() ?? []) {
      const story = priorStories.get(other)!;
      if (published === null || story.published < published) published = story.published;
      if (seen === null || story.firstSeen < seen) seen = story.firstSeen;
    }
    if (published === null || seen === null) {
      const backfill = cluster.earliestDate !== null && nowMs - cluster.earliestDate > BACKFILL_AFTER_MS;
      published = backfill ? new Date(cluster.earliestDate!).toISOString() : nowIso;
      seen = nowIso;
    }
    stories.set(id, { firstSeen: seen, published, lastSeen: nowIso, keys: cluster.keys });
    return { id, published };
  });

  // Stories not rebuilt this time are remembered with their keys (a source may be down), less the
  // keys this build gave to another story.
  if (priorStories.size) {
    const claimed = new Set<string>();
    for (const cluster of clusters) for (const key of cluster.keys) claimed.add(key);
    for (const [id, story] of priorStories) {
      if (used.has(id)) continue;
      const keys = story.keys.filter((key) => !claimed.has(key));
      if (keys.length) stories.set(id, { ...story, keys });
    }
  }
  return { assignments, ledger: prune(stories, nowMs, retentionDays) };
}

/**
 * Forgets stories unseen for `retentionDays` and caps the count. Stories keep their order (this
 * build's in id-assignment order, which does not depend on the order of the sources, then the
 * remembered ones in their earlier order), so the same inputs always give the same JSON.
 */
function prune(stories: Map<string, LedgerStory>, nowMs: number, retentionDays: number): Ledger {
  const cutoff = new Date(nowMs - retentionDays * 86_400_000).toISOString();
  let kept = [...stories.keys()].filter((id) => stories.get(id)!.lastSeen >= cutoff);
  if (kept.length > MAX_LEDGER_STORIES) {
    const order = [...kept].sort((a, b) => byCodeUnits(stories.get(b)!.lastSeen, stories.get(a)!.lastSeen) || byCodeUnits(a, b));
    const keep = new Set(order.slice(0, MAX_LEDGER_STORIES));
    kept = kept.filter((id) => keep.has(id));
  }
  const out = emptyLedger();
  for (const id of kept) out.stories[id] = stories.get(id)!;
  return out;
}
