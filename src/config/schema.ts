/**
 * Defaults and limits of the configuration. Every number a user can leave out is named here, so the
 * documentation (README, "Configuration and refresh") and the validator agree.
 */
import type { CurationConfig, FetchConfig } from '../model';

/** One fetch may take this long, redirects and body included. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Bodies past this size are abandoned while streaming (and the parser refuses bigger documents). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
/** Workers allow six simultaneous open connections per invocation; more would only queue. */
export const MAX_CONCURRENCY = 6;
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;
/** The cron fires every 15 minutes, so polling more often than that cannot happen anyway. */
export const DEFAULT_MIN_INTERVAL_MINUTES = 15;
export const DEFAULT_INTERVAL_MINUTES = 30;
export const DEFAULT_MAX_INTERVAL_MINUTES = 6 * 60;
/** Failing sources are retried at least once a day: never a permanent stop. */
export const DEFAULT_MAX_BACKOFF_MINUTES = 24 * 60;

export const DEFAULT_MAX_AGE_DAYS = 14;
export const DEFAULT_MAX_ITEMS = 100;
export const DEFAULT_PER_SOURCE_CAP = 20;

/** Bounds that keep a configuration from turning the Worker against itself or its sources. */
export const LIMITS = {
  timeoutMs: { min: 100, max: 30_000 },
  maxBytes: { min: 1024, max: 20 * 1024 * 1024 },
  maxRedirects: { min: 0, max: 10 },
  concurrency: { min: 1, max: MAX_CONCURRENCY },
  intervalMinutes: { min: 1, max: 7 * 24 * 60 },
  maxBackoffMinutes: { min: 1, max: 24 * 60 },
  sources: { max: 1000 },
  taxonomy: { max: 5000 },
  weight: { min: 0, max: 100 },
  maxAgeDays: { min: 1, max: 3650 },
  maxItems: { min: 1, max: 10_000 },
  perSourceCap: { min: 1, max: 10_000 },
  textLength: 2000,
} as const;

/** Lowercase slug: source ids and taxonomy ids appear in KV keys and URLs (/tags/:tag/feed.xml). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX_LENGTH = 64;

export function defaultUserAgent(siteUrl: string): string {
  return `Marquee/0.1 (+${siteUrl})`;
}

export function defaultFetchConfig(siteUrl: string): FetchConfig {
  return {
    timeoutMs: DEFAULT_TIMEOUT_MS,
    maxBytes: DEFAULT_MAX_BYTES,
    maxRedirects: DEFAULT_MAX_REDIRECTS,
    concurrency: DEFAULT_CONCURRENCY,
    minIntervalMinutes: DEFAULT_MIN_INTERVAL_MINUTES,
    maxIntervalMinutes: DEFAULT_MAX_INTERVAL_MINUTES,
    defaultIntervalMinutes: DEFAULT_INTERVAL_MINUTES,
    maxBackoffMinutes: DEFAULT_MAX_BACKOFF_MINUTES,
    userAgent: defaultUserAgent(siteUrl),
    allowPrivateAddresses: false,
  };
}

export const DEFAULT_CURATION: CurationConfig = {
  maxAgeDays: DEFAULT_MAX_AGE_DAYS,
  maxItems: DEFAULT_MAX_ITEMS,
  perSourceCap: DEFAULT_PER_SOURCE_CAP,
};

export interface ConfigProblem {
  /** JSON path of the offending value, e.g. `$.sources[3].url`. */
  path: string;
  message: string;
}
