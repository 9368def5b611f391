/**
 * When to fetch a source next. Publisher hints (Cache-Control max-age, Expires, RSS <ttl>,
 * sy:updatePeriod) set the interval within the configured bounds; failures back off exponentially with
 * jitter up to the cap (a day by default) and never stop for good, not even after 410 Gone.
 * `random` is injected so tests can pin the jitter.
 */
import type { FetchConfig } from '../model';
import type { SourceState } from '../storage/source-state';
import type { CacheHints } from './types';

const MINUTE = 60_000;
/** A source due within this margin counts as due, so a cron tick a few seconds early still fetches it. */
export const DUE_SLACK_MS = 60_000;
/** A gone source is retried at the backoff cap, give or take this fraction (spreads the retries). */
const GONE_JITTER = 0.1;

export type Random = () => number;

export interface SuccessHints {
  cacheHints?: CacheHints | null;
  /** ParsedFeed.ttlSeconds: RSS <ttl>, sy:updatePeriod / sy:updateFrequency. */
  ttlSeconds?: number | null;
}

/** The polling interval in ms: the longest publisher hint, else the default, clamped to [min, max]. */
export function successIntervalMs(now: Date, config: FetchConfig, hints: SuccessHints): number {
  const candidates: number[] = [];
  const maxAge = hints.cacheHints?.maxAgeSeconds;
  if (maxAge && maxAge > 0) candidates.push(maxAge * 1000);
  const expires = hints.cacheHints?.expiresAt ? Date.parse(hints.cacheHints.expiresAt) - now.getTime() : NaN;
  if (expires > 0) candidates.push(expires);
  if (hints.ttlSeconds && hints.ttlSeconds > 0) candidates.push(hints.ttlSeconds * 1000);
  // The longest hint is the politest reading of what the publisher asked for.
  const wanted = candidates.length > 0 ? Math.max(...candidates) : config.defaultIntervalMinutes * MINUTE;
  return clamp(wanted, config.minIntervalMinutes * MINUTE, config.maxIntervalMinutes * MINUTE);
}

export function nextAfterSuccess(now: Date, config: FetchConfig, hints: SuccessHints): Date {
  return new Date(now.getTime() + successIntervalMs(now, config, hints));
}

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and all of
 * default × 2^(n-1), never less than the minimum interval, never more than the cap.
 */
export function backoffMs(consecutiveFailures: number, config: FetchConfig, random: Random): number {
  const cap = config.maxBackoffMinutes * MINUTE;
  const exponent = Math.min(Math.max(consecutiveFailures - 1, 0), 30);
  const full = Math.min(cap, config.defaultIntervalMinutes * MINUTE * 2 ** exponent);
  const jittered = full / 2 + (full / 2) * clamp(random(), 0, 1);
  return clamp(jittered, Math.min(config.minIntervalMinutes * MINUTE, cap), cap);
}

export interface FailureSchedule {
  nextFetchAt: Date;
  /** Retry-After, capped at the backoff cap: honoured even by a forced refresh. */
  retryAfterUntil: Date | null;
}

export function nextAfterFailure(
  now: Date,
  config: FetchConfig,
  consecutiveFailures: number,
  random: Random,
  retryAfter: Date | null = null,
): FailureSchedule {
  const cap = now.getTime() + config.maxBackoffMinutes * MINUTE;
  const backoff = now.getTime() + backoffMs(consecutiveFailures, config, random);
  const until = retryAfter && retryAfter.getTime() > now.getTime() ? Math.min(retryAfter.getTime(), cap) : null;
  return {
    nextFetchAt: new Date(Math.max(backoff, until ?? 0)),
    retryAfterUntil: until === null ? null : new Date(until),
  };
}

/** 410 Gone: the publisher says the feed is gone for good; we still look again, once a day or so. */
export function nextAfterGone(now: Date, config: FetchConfig, random: Random): Date {
  const cap = config.maxBackoffMinutes * MINUTE;
  return new Date(now.getTime() + cap * (1 - GONE_JITTER * clamp(random(), 0, 1)));
}

export function isDue(state: SourceState | undefined, now: Date, opts: { force?: boolean } = {}): boolean {
  if (!state) return true;
  if (state.retryAfterUntil && Date.parse(state.retryAfterUntil) > now.getTime()) return false;
  if (opts.force || !state.nextFetchAt) return true;
  return Date.parse(state.nextFetchAt) - now.getTime() <= DUE_SLACK_MS;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}
