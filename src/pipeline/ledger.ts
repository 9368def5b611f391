/**
 * The ledger: Marquee's memory of which stories it has published, so ids and dates hold across
 * rebuilds. Plain JSON (stored in KV by the storage layer, in DIR/ledger.json by the CLI).
 *
 * Id rule: every member key of a story (canonical URL key, `src:<source>:<item id>`) maps to the story's
 * id. A rebuilt cluster takes the id its members already map to; if they map to several stories (two
 * stories merged), the oldest id (earliest firstSeen, then smallest id) is kept; when one old story
 * splits, the id stays with the cluster holding most of its keys. A cluster no key of which is known
 * gets a minted id: `mq-` + a 64-bit base32 hash of its first member's key (earliest item; its canonical
 * URL key, or its source key when it has no URL).
 *
 * Date rule: `published` is `now` of the first build that saw the story, unless its outlets dated it
 * more than BACKFILL_AFTER_MS before that `now` (a source added with its archive), in which case it is
 * the earliest outlet date. Once recorded it is kept (a merge keeps the earliest of the merged dates):
 * it never moves forward.
 */
import { hash64Base32 } from './hash';

export const LEDGER_VERSION = 1;
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
}

export interface Ledger {
  version: typeof LEDGER_VERSION;
  /** Member key → story id. */
  members: Record<string, string>;
  /** Story id → dates. */
  stories: Record<string, LedgerStory>;
}

export function emptyLedger(): Ledger {
  return { version: LEDGER_VERSION, members: {}, stories: {} };
}

/** Accepts anything read back from storage; an unusable value yields an empty ledger. */
export function readLedger(value: unknown): Ledger {
  if (!value || typeof value !== 'object') return emptyLedger();
  const v = value as Partial<Ledger>;
  if (v.version !== LEDGER_VERSION || !v.members || !v.stories || typeof v.members !== 'object') return emptyLedger();
  const ledger = emptyLedger();
  for (const [id, story] of Object.entries(v.stories)) {
    if (story && typeof story.firstSeen === 'string' && typeof story.published === 'string' && typeof story.lastSeen === 'string') {
      ledger.stories[id] = { firstSeen: story.firstSeen, published: story.published, lastSeen: story.lastSeen };
    }
  }
  for (const [key, id] of Object.entries(v.members)) {
    if (typeof id === 'string' && ledger.stories[id]) ledger.members[key] = id;
  }
  return ledger;
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

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Gives each cluster its id and published date, and returns the next ledger (the input is not
 * modified). Deterministic: same clusters, ledger and now → same result.
 */
export function assignIds(
  clusters: readonly ClusterKeys[],
  previous: Ledger | null,
  now: Date,
  retentionDays: number,
): { assignments: Assignment[]; ledger: Ledger } {
  const prior = previous ?? emptyLedger();
  const nowIso = now.toISOString();
  const nowMs = now.getTime();

  // Claims: (cluster, previous id, how many of the cluster's keys point at it).
  const claims: Array<{ cluster: number; id: string; votes: number }> = [];
  const claimedBy: Array<Map<string, number>> = clusters.map(() => new Map());
  clusters.forEach((cluster, index) => {
    const votes = claimedBy[index]!;
    for (const key of cluster.keys) {
      const id = prior.members[key];
      if (id && prior.stories[id]) votes.set(id, (votes.get(id) ?? 0) + 1);
    }
    for (const [id, count] of votes) claims.push({ cluster: index, id, votes: count });
  });
  const firstSeen = (id: string): string => prior.stories[id]!.firstSeen;
  claims.sort(
    (a, b) =>
      byString(firstSeen(a.id), firstSeen(b.id)) || byString(a.id, b.id) || b.votes - a.votes || a.cluster - b.cluster,
  );

  const ids: Array<string | undefined> = new Array(clusters.length);
  const used = new Set<string>();
  for (const claim of claims) {
    if (ids[claim.cluster] !== undefined || used.has(claim.id)) continue;
    ids[claim.cluster] = claim.id;
    used.add(claim.id);
  }

  const next = emptyLedger();
  const taken = (id: string): boolean => used.has(id) || prior.stories[id] !== undefined;
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
    for (const other of claimedBy[index]!.keys()) {
      const story = prior.stories[other]!;
      if (published === null || story.published < published) published = story.published;
      if (seen === null || story.firstSeen < seen) seen = story.firstSeen;
    }
    if (published === null || seen === null) {
      const backfill = cluster.earliestDate !== null && nowMs - cluster.earliestDate > BACKFILL_AFTER_MS;
      published = backfill ? new Date(cluster.earliestDate!).toISOString() : nowIso;
      seen = nowIso;
    }
    next.stories[id] = { firstSeen: seen, published, lastSeen: nowIso };
    return { id, published };
  });

  // Keys of stories not rebuilt this time are remembered (a source may be down), then this build's
  // keys override them.
  const members: Record<string, string> = {};
  for (const [key, id] of Object.entries(prior.members)) {
    if (used.has(id) || prior.stories[id] === undefined) continue;
    members[key] = id;
    next.stories[id] ??= { ...prior.stories[id]! };
  }
  clusters.forEach((cluster, index) => {
    for (const key of cluster.keys) members[key] = assignments[index]!.id;
  });
  next.members = members;
  return { assignments, ledger: prune(next, nowMs, retentionDays) };
}

/** Forgets stories unseen for `retentionDays`, caps the count, and drops orphaned keys. Keys sorted for stable JSON. */
function prune(ledger: Ledger, nowMs: number, retentionDays: number): Ledger {
  const cutoff = new Date(nowMs - retentionDays * 86_400_000).toISOString();
  const referenced = new Set(Object.values(ledger.members));
  let kept = Object.entries(ledger.stories).filter(([id, story]) => story.lastSeen >= cutoff && referenced.has(id));
  if (kept.length > MAX_LEDGER_STORIES) {
    kept.sort((a, b) => byString(b[1].lastSeen, a[1].lastSeen) || byString(a[0], b[0]));
    kept = kept.slice(0, MAX_LEDGER_STORIES);
  }
  kept.sort((a, b) => byString(a[0], b[0]));
  const out = emptyLedger();
  for (const [id, story] of kept) out.stories[id] = story;
  for (const key of Object.keys(ledger.members).sort(byString)) {
    const id = ledger.members[key]!;
    if (out.stories[id]) out.members[key] = id;
  }
  return out;
}
