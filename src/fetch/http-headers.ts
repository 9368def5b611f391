/** Reading the response headers that tell a polite client when to come back. */
import type { CacheHints } from './types';

/** An HTTP-date (RFC 9110: IMF-fixdate, and the obsolete RFC 850 / asctime forms Date.parse also reads). */
export function parseHttpDate(value: string | null): Date | null {
  if (!value) return null;
  const ms = Date.parse(value.trim());
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** Retry-After: delay-seconds or an HTTP-date. Returns the absolute time, or null if unreadable. */
export function parseRetryAfter(value: string | null, now: Date): Date | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return new Date(now.getTime() + Number(v) * 1000);
  return parseHttpDate(v);
}

export function parseCacheHints(headers: Headers, now: Date): CacheHints {
  let maxAgeSeconds: number | null = null;
  const cc = headers.get('cache-control');
  if (cc) {
    const directives = cc.toLowerCase().split(',').map((d) => d.trim());
    const age = (name: string) => {
      const d = directives.find((x) => x.startsWith(`${name}=`));
      const n = d ? Number(d.slice(name.length + 1).replace(/"/g, '')) : NaN;
      return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
    };
    // s-maxage is meant for shared caches, which is what an aggregator is.
    maxAgeSeconds = age('s-maxage') ?? age('max-age');
  }
  const expires = parseHttpDate(headers.get('expires'));
  // An Expires in the past (or "0") says nothing about polling.
  const expiresAt = expires && expires.getTime() > now.getTime() ? expires.toISOString() : null;
  return { maxAgeSeconds, expiresAt };
}
