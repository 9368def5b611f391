/**
 * The refresh orchestrator: for every due source, fetch → parse → store, each failure recorded on its
 * source and never thrown past it (in the spirit of miniflux's reader handler).
 *
 * Nothing is lost: a source's stored items change only after a good fetch that parsed; an error, an
 * empty body or a feed that suddenly lists far fewer items (SHRUNK) keeps what was stored. KV is written
 * only for what changed: one items key per source whose items changed, and the one state record.
 */
import type { Env } from '../env';
import { fetchSource } from '../fetch/fetch-source';
import { isDue, nextAfterFailure, nextAfterGone, nextAfterSuccess, type Random } from '../fetch/schedule';
import type { CacheHints, FetchOutcome } from '../fetch/types';
import type { Feed, Item, MarqueeConfig, SourceConfig } from '../model';
import { parseFeed } from '../parse/index';
import { sha256Hex } from '../storage/hash';
import { itemsKey } from '../storage/keys';
import { readSourceItems, writeSourceItems } from '../storage/source-items';
import {
  commitStates,
  initialState,
  readStates,
  type SourceError,
  type SourceState,
  type SourceWarning,
  type StateRecord,
} from '../storage/source-state';
import { MAX_CONCURRENCY } from '../config/schema';

/** A feed that drops below this share of the stored items is suspected of being cut short. */
export const SHRINK_RATIO = 0.3;
/** ...once at least this many items were stored (small feeds legitimately swing). */
export const SHRINK_MIN_STORED = 5;
/** A merged (shrunk) list never grows past this; items past the curation window leave it first. */
export const MAX_MERGED_ITEMS = 500;
const DAY_MS = 86_400_000;

export type SourceOutcomeKind =
  /** Fetched and parsed; the stored items changed. */
  | 'updated'
  /** Fetched (200) but the body or the items were the same as stored. */
  | 'unchanged'
  /** 304 Not Modified. */
  | 'not-modified'
  /** 410 Gone: stored items kept, retried rarely. */
  | 'gone'
  /** An error, recorded on the source; stored items kept. */
  | 'failed'
  /** Not due yet (or held back by Retry-After). */
  | 'skipped'
  /** Due, but left for a later invocation (subrequest budget). */
  | 'deferred';

export interface SourceOutcome {
  id: string;
  outcome: SourceOutcomeKind;
  status?: number;
  itemCount: number;
  error?: SourceError;
  warning?: SourceWarning;
  /** New URL after a permanent redirect. */
  movedTo?: string;
  nextFetchAt: string | null;
}

export interface RefreshReport {
  at: string;
  /** Some source's stored items changed (or a removed source's items were dropped): rebuild the output. */
  changed: boolean;
  fetched: number;
  outcomes: SourceOutcome[];
  /** Sources no longer configured, dropped from state and KV. */
  removed: string[];
  stateWritten: boolean;
}

export interface RefreshOptions {
  now: Date;
  /** Ignore schedules and backoff (Retry-After is still honoured). */
  force?: boolean;
  /** Only these source ids. */
  only?: string[];
  /** At most this many fetches in this invocation (subrequest budget); the most overdue go first. */
  limit?: number;
  fetch?: typeof fetch;
  random?: Random;
  /** Called once, after state is stored, when some source's items changed: the rebuild hook. */
  onChanged?: (report: RefreshReport) => Promise<void>;
}

interface Processed {
  state: SourceState;
  outcome: SourceOutcome;
  changed: boolean;
}

export async function refreshSources(env: Env, config: MarqueeConfig, opts: RefreshOptions): Promise<RefreshReport> {
  const kv = env.MARQUEE_KV;
  const now = opts.now;
  const random = opts.random ?? Math.random;
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  const stored = await readStates(kv);
  const configured = new Set(config.sources.map((s) => s.id));
  const removed = Object.keys(stored).filter((id) => !configured.has(id));
  const only = opts.only ? new Set(opts.only) : null;

  const states: StateRecord = {};
  for (const source of config.sources) states[source.id] = reconcile(source, stored[source.id]);

  const candidates = config.sources.filter((s) => !only || only.has(s.id));
  const due = candidates.filter((s) => isDue(states[s.id], now, { force: opts.force }));
  due.sort((a, b) => dueTime(states[a.id]) - dueTime(states[b.id]));
  const limit = opts.limit ?? Infinity;
  const toFetch = due.slice(0, Math.max(0, limit));
  const fetchIds = new Set(toFetch.map((s) => s.id));
  const dueIds = new Set(due.map((s) => s.id));

  const concurrency = Math.max(1, Math.min(config.fetch.concurrency, MAX_CONCURRENCY));
  const processed = await mapPool(toFetch, concurrency, (source) =>
    refreshOne(kv, config, source, states[source.id]!, { now, random, fetch: doFetch }),
  );

  const updated: StateRecord = {};
  const outcomes: SourceOutcome[] = [];
  let changed = false;
  const byId = new Map(processed.map((p, i) => [toFetch[i]!.id, p]));
  for (const source of candidates) {
    const p = byId.get(source.id);
    if (p) {
      updated[source.id] = p.state;
      outcomes.push(p.outcome);
      changed ||= p.changed;
    } else {
      const st = states[source.id]!;
      outcomes.push({
        id: source.id,
        outcome: dueIds.has(source.id) && !fetchIds.has(source.id) ? 'deferred' : 'skipped',
        itemCount: st.itemCount,
        nextFetchAt: st.retryAfterUntil && (!st.nextFetchAt || st.retryAfterUntil > st.nextFetchAt) ? st.retryAfterUntil : st.nextFetchAt,
      });
    }
  }

  // Items of sources no longer configured go with them; their stories leave the merged feed.
  const removedWithItems = removed.filter((id) => (stored[id]?.itemCount ?? 0) > 0);
  await Promise.all(removed.map((id) => kv.delete(itemsKey(id))));
  if (removedWithItems.length > 0) changed = true;

  const stateWritten = await commitStates(kv, updated, removed);
  const report: RefreshReport = { at: now.toISOString(), changed, fetched: toFetch.length, outcomes, removed, stateWritten };
  if (changed && opts.onChanged) await opts.onChanged(report);
  return report;
}

/** A state for the configured source: its stored state, or a fresh one when the configured URL changed. */
function reconcile(source: SourceConfig, prev: SourceState | undefined): SourceState {
  if (!prev) return initialState(source.url);
  const state: SourceState = { ...initialState(source.url), ...prev };
  if (prev.configUrl === source.url) return state;
  // Someone pointed the source elsewhere: forget validators, moves and backoff, keep the stored items.
  return { ...initialState(source.url), itemCount: prev.itemCount, itemsHash: prev.itemsHash };
}

function dueTime(state: SourceState | undefined): number {
  return state?.nextFetchAt ? Date.parse(state.nextFetchAt) : 0;
}

async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface OneDeps {
  now: Date;
  random: Random;
  fetch: typeof fetch;
}

async function refreshOne(kv: KVNamespace, config: MarqueeConfig, source: SourceConfig, prev: SourceState, deps: OneDeps): Promise<Processed> {
  const { now } = deps;
  const at = now.toISOString();
  const result = await fetchSource(source, prev, config.fetch, { fetch: deps.fetch, now });
  const base: SourceState = { ...prev, lastFetchAt: at };
  // A permanent redirect moves the source only once the new address has answered well: a 301 to a
  // parking page or into a loop must not lose the real address.
  const moved = result.movedTo ? { movedTo: result.movedTo } : {};

  const failed = (error: SourceError, retryAfter: string | null = null, status?: number): Processed => {
    const failures = prev.consecutiveFailures + 1;
    const schedule = nextAfterFailure(now, config.fetch, failures, deps.random, retryAfter ? new Date(retryAfter) : null);
    const state: SourceState = {
      ...base,
      consecutiveFailures: failures,
      lastError: error,
      nextFetchAt: schedule.nextFetchAt.toISOString(),
      retryAfterUntil: schedule.retryAfterUntil?.toISOString() ?? null,
    };
    return {
      state,
      changed: false,
      outcome: { id: source.id, outcome: 'failed', ...(status ? { status } : {}), itemCount: state.itemCount, error, nextFetchAt: state.nextFetchAt },
    };
  };

  const succeeded = (
    kind: 'updated' | 'unchanged' | 'not-modified',
    fields: Partial<SourceState>,
    hints: { cacheHints: CacheHints; ttlSeconds: number | null },
    extra: Partial<SourceOutcome> = {},
  ): Processed => {
    const state: SourceState = {
      ...base,
      ...(result.movedTo ? { url: result.movedTo } : {}),
      ...fields,
      lastSuccessAt: at,
      consecutiveFailures: 0,
      lastError: null,
      retryAfterUntil: null,
      gone: false,
      nextFetchAt: nextAfterSuccess(now, config.fetch, hints).toISOString(),
    };
    return {
      state,
      changed: kind === 'updated',
      outcome: { id: source.id, outcome: kind, status: kind === 'not-modified' ? 304 : 200, itemCount: state.itemCount, ...moved, ...extra, nextFetchAt: state.nextFetchAt },
    };
  };

  switch (result.kind) {
    case 'error':
      return failed({ ...result.error, at }, result.retryAfter, result.error.status);
    case 'gone': {
      const error: SourceError = { code: 'GONE', status: 410, message: 'HTTP 410 Gone: the publisher removed this feed', at };
      const state: SourceState = {
        ...base,
        gone: true,
        consecutiveFailures: prev.consecutiveFailures + 1,
        lastError: error,
        retryAfterUntil: null,
        nextFetchAt: nextAfterGone(now, config.fetch, deps.random).toISOString(),
      };
      return { state, changed: false, outcome: { id: source.id, outcome: 'gone', status: 410, itemCount: state.itemCount, error, nextFetchAt: state.nextFetchAt } };
    }
    case 'not-modified':
      return succeeded(
        'not-modified',
        { etag: result.etag ?? prev.etag, lastModified: result.lastModified ?? prev.lastModified },
        { cacheHints: result.cacheHints, ttlSeconds: prev.ttlSeconds },
      );
    case 'fetched':
      return storeFetched(kv, config, source, prev, result, { at, failed, succeeded });
  }
}

type Failed = (error: SourceError, retryAfter?: string | null, status?: number) => Processed;
type Succeeded = (
  kind: 'updated' | 'unchanged' | 'not-modified',
  fields: Partial<SourceState>,
  hints: { cacheHints: CacheHints; ttlSeconds: number | null },
  extra?: Partial<SourceOutcome>,
) => Processed;

async function storeFetched(
  kv: KVNamespace,
  config: MarqueeConfig,
  source: SourceConfig,
  prev: SourceState,
  result: Extract<FetchOutcome, { kind: 'fetched' }>,
  h: { at: string; failed: Failed; succeeded: Succeeded },
): Promise<Processed> {
  const validators = { etag: result.etag, lastModified: result.lastModified };
  const contentHash = await sha256Hex(result.body);
  if (contentHash === prev.contentHash && prev.itemsHash !== null) {
    return h.succeeded('unchanged', validators, { cacheHints: result.cacheHints, ttlSeconds: prev.ttlSeconds });
  }

  const parsed = parseFeed({
    body: result.body,
    contentType: result.contentType ?? undefined,
    url: result.finalUrl,
    maxBytes: config.fetch.maxBytes,
  });
  if (!parsed.ok) return h.failed({ code: parsed.error.code, message: parsed.error.message, at: h.at });

  const fresh = parsed.value.items;
  const ttlSeconds = parsed.value.ttlSeconds ?? null;
  let items = fresh;
  let warning: SourceWarning | null = null;
  const cutShort = prev.itemCount > 0 && !looksComplete(result.body);
  if (cutShort || isShrunk(fresh.length, prev.itemCount)) {
    let old: Item[];
    try {
      old = (await readSourceItems(kv, source.id))?.items ?? [];
    } catch (err) {
      return h.failed({ code: 'STORAGE', message: `could not read stored items: ${errorName(err)}`, at: h.at });
    }
    const horizon = new Date(Date.parse(h.at) - config.curation.maxAgeDays * DAY_MS).toISOString();
    items = mergeItems(fresh, old, horizon);
    warning = cutShort
      ? { code: 'TRUNCATED', message: `the document ends mid-way (${fresh.length} items recovered); kept the stored items and added the new`, at: h.at }
      : { code: 'SHRUNK', message: `feed listed ${fresh.length} items where ${prev.itemCount} were stored; kept the stored items and added the new`, at: h.at };
  }

  const itemsHash = await sha256Hex(JSON.stringify(items));
  const fields: Partial<SourceState> = { ...validators, contentHash, ttlSeconds, itemCount: items.length, itemsHash, lastWarning: warning };
  const hints = { cacheHints: result.cacheHints, ttlSeconds };
  if (itemsHash === prev.itemsHash) return h.succeeded('unchanged', fields, hints, warning ? { warning } : {});

  try {
    await writeSourceItems(kv, { sourceId: source.id, url: result.finalUrl, storedAt: h.at, feed: parsed.value.feed as Feed, items });
  } catch (err) {
    // Validators are not advanced, so the next fetch gets the body again and retries the write.
    return h.failed({ code: 'STORAGE', message: `could not store items: ${errorName(err)}`, at: h.at });
  }
  return h.succeeded('updated', fields, hints, warning ? { warning } : {});
}

/**
 * Whether the document ends the way a whole one does: XML with a closing tag, JSON with a closing
 * brace. A forgiving parser recovers the items before a cut, which must not replace the stored list.
 */
export function looksComplete(body: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(body.subarray(Math.max(0, body.length - 256))).replace(/\0/g, '').trimEnd();
  return /<\/[A-Za-z_][\w:.-]*\s*>$/.test(tail) || tail.endsWith('}') || tail.endsWith('-->');
}

export function isShrunk(freshCount: number, storedCount: number): boolean {
  if (storedCount === 0) return false;
  if (freshCount === 0) return true;
  return storedCount >= SHRINK_MIN_STORED && freshCount < storedCount * SHRINK_RATIO;
}

/**
 * The fresh items first, then the stored ones the feed no longer lists, except those already older than
 * the curation window (they can no longer reach the merged feed), at most MAX_MERGED_ITEMS.
 */
export function mergeItems(fresh: Item[], old: Item[], horizon: string): Item[] {
  const seen = new Set(fresh.map((i) => i.id));
  const kept = old.filter((i) => {
    if (seen.has(i.id)) return false;
    const date = i.published ?? i.updated;
    return date === null || date >= horizon;
  });
  return [...fresh, ...kept].slice(0, Math.max(MAX_MERGED_ITEMS, fresh.length));
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}
