/**
 * Per-source fetch state, all sources in one KV record (`sources:state`). Nothing secret lives here:
 * URLs are validated to carry no credentials, and error messages are written by Marquee, not copied
 * from responses.
 */
import type { FetchErrorCode } from '../fetch/types';
import type { ParseErrorCode } from '../model';
import { STATE_KEY } from './keys';

/** Every way a refresh of one source can fail, typed. */
export type RefreshErrorCode = FetchErrorCode | ParseErrorCode | 'GONE' | 'STORAGE';

export interface SourceError {
  code: RefreshErrorCode;
  message: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** HTTP status for HTTP_ERROR and GONE. */
  status?: number;
}

export interface SourceWarning {
  /**
   * SHRUNK: the feed suddenly listed far fewer items; TRUNCATED: the document ended mid-way. Either way
   * the stored and the new items were merged instead of replaced.
   */
  code: 'SHRUNK' | 'TRUNCATED';
  message: string;
  at: string;
}

export interface SourceState {
  /** Where the source is fetched now: the configured URL, or where a 301/308 moved it. */
  url: string;
  /** The configured URL this state belongs to; when the configuration changes it, the state starts over. */
  configUrl: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  consecutiveFailures: number;
  lastError: SourceError | null;
  lastWarning: SourceWarning | null;
  /** Not fetched before this time, unless forced. */
  nextFetchAt: string | null;
  /** Retry-After from a 429/503: not fetched before this time, even when forced. */
  retryAfterUntil: string | null;
  /** The feed's own polling hint (RSS <ttl>, sy:updatePeriod), kept for scheduling after a 304. */
  ttlSeconds: number | null;
  /** Items currently stored for the source. */
  itemCount: number;
  /** The source answered 410 Gone; it is still retried, rarely (at the backoff cap). */
  gone: boolean;
  /** SHA-256 of the last body that parsed well: the same body again counts as unchanged. */
  contentHash: string | null;
  /** SHA-256 of the stored items: they are written to KV only when this changes. */
  itemsHash: string | null;
}

export type StateRecord = Record<string, SourceState>;

export function initialState(url: string): SourceState {
  return {
    url,
    configUrl: url,
    etag: null,
    lastModified: null,
    lastFetchAt: null,
    lastSuccessAt: null,
    consecutiveFailures: 0,
    lastError: null,
    lastWarning: null,
    nextFetchAt: null,
    retryAfterUntil: null,
    ttlSeconds: null,
    itemCount: 0,
    gone: false,
    contentHash: null,
    itemsHash: null,
  };
}

export async function readStates(kv: KVNamespace): Promise<StateRecord> {
  const record = await kv.get<StateRecord>(STATE_KEY, 'json');
  return record && typeof record === 'object' ? record : {};
}

/**
 * Writes the entries of `updated` and drops `removed`, re-reading the record right before writing so
 * that a concurrent writer's entries for OTHER sources survive (queue consumers each own the sources of
 * their batch). Two writers within KV's propagation delay can still lose one update; the loss is only
 * fetch metadata (items live in their own keys), so the worst case is one extra fetch or items write.
 * Returns false when nothing differed and so nothing was written.
 */
export async function commitStates(kv: KVNamespace, updated: StateRecord, removed: string[] = []): Promise<boolean> {
  const current = await readStates(kv);
  let dirty = false;
  for (const [id, state] of Object.entries(updated)) {
    if (JSON.stringify(current[id]) !== JSON.stringify(state)) {
      current[id] = state;
      dirty = true;
    }
  }
  for (const id of removed) {
    if (id in current) {
      delete current[id];
      dirty = true;
    }
  }
  if (dirty) await kv.put(STATE_KEY, JSON.stringify(current));
  return dirty;
}
