/** What one polite fetch of one source can come back with. */

export type FetchErrorCode =
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TRUNCATED'
  | 'HTTP_ERROR'
  | 'NETWORK'
  | 'REDIRECT_LOOP'
  | 'TOO_MANY_REDIRECTS'
  | 'BLOCKED_ADDRESS'
  | 'UNSUPPORTED_ENCODING';

export interface FetchError {
  code: FetchErrorCode;
  message: string;
  status?: number;
}

/** Freshness hints of the response, for scheduling the next fetch. */
export interface CacheHints {
  /** Cache-Control max-age (or s-maxage), seconds. */
  maxAgeSeconds: number | null;
  /** Expires, as an absolute time (ISO 8601). */
  expiresAt: string | null;
}

interface OutcomeBase {
  /** The URL that finally answered. */
  finalUrl: string;
  /** Set when every hop to the final URL was a permanent redirect (301/308): the new URL to store. */
  movedTo: string | null;
  /** Every URL requested, in order (redirect hops included). */
  requested: string[];
}

export type FetchOutcome =
  | (OutcomeBase & {
      kind: 'fetched';
      status: number;
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      cacheHints: CacheHints;
    })
  | (OutcomeBase & {
      kind: 'not-modified';
      status: 304;
      etag: string | null;
      lastModified: string | null;
      cacheHints: CacheHints;
    })
  | (OutcomeBase & { kind: 'gone'; status: 410 })
  | (OutcomeBase & {
      kind: 'error';
      error: FetchError;
      /** From Retry-After on 429/503 (ISO 8601), the earliest time to ask again. */
      retryAfter: string | null;
    });

export interface FetchDeps {
  fetch: typeof fetch;
  now: Date;
}
