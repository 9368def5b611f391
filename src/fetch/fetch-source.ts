/**
 * One polite fetch of one source: conditional GET from the stored validators, a deadline for the whole
 * exchange (redirects and body included), a body-size cap enforced while streaming, redirects followed
 * by hand so each hop is checked against the address policy and 301/308 can move the source, and every
 * failure returned as a typed outcome, never thrown.
 */
import { blockedHostReason } from '../config/url-policy';
import type { FetchConfig, SourceConfig } from '../model';
import type { SourceState } from '../storage/source-state';
import { BodyTooLarge, BodyUnsupportedEncoding, abortable, decodeContent, readCapped } from './body';
import { parseCacheHints, parseRetryAfter } from './http-headers';
import type { FetchDeps, FetchError, FetchOutcome } from './types';

/** What feed readers ask for: the feed types first, generic XML/JSON next, anything as a last resort. */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);
/** Statuses whose Retry-After we honour (RFC 9110 §10.2.3, RFC 6585 §4). */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

class Timeout extends Error {
  override name = 'Timeout';
}

export async function fetchSource(
  source: SourceConfig,
  state: SourceState | undefined,
  config: FetchConfig,
  deps: FetchDeps,
): Promise<FetchOutcome> {
  const startUrl = state?.url ?? source.url;
  const requested: string[] = [];
  let movedTo: string | null = null;
  let permanentSoFar = true;
  let url = startUrl;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Timeout(`no complete answer within ${config.timeoutMs} ms`)), config.timeoutMs);
  const fail = (error: FetchError, retryAfter: string | null = null): FetchOutcome => ({
    kind: 'error',
    error,
    retryAfter,
    finalUrl: url,
    movedTo,
    requested,
  });

  try {
    for (;;) {
      const blocked = blockedReason(url, config.allowPrivateAddresses);
      if (blocked) return fail({ code: 'BLOCKED_ADDRESS', message: `refused to fetch ${redact(url)}: ${blocked}` });
      requested.push(url);

      const headers = new Headers({ 'user-agent': config.userAgent, accept: FEED_ACCEPT });
      if (state?.etag) headers.set('if-none-match', state.etag);
      if (state?.lastModified) headers.set('if-modified-since', state.lastModified);

      const res = await abortable(
        deps.fetch(url, { method: 'GET', headers, redirect: 'manual', signal: controller.signal }),
        controller.signal,
      );

      if (REDIRECT_STATUSES.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        let next: string;
        try {
          if (!location) throw new Error('no Location');
          next = new URL(location, url).href;
        } catch {
          return fail({ code: 'HTTP_ERROR', status: res.status, message: `redirect ${res.status} without a usable Location` });
        }
        if (next === url || requested.includes(next)) {
          return fail({ code: 'REDIRECT_LOOP', message: `redirect loop: ${[...requested, next].map(redact).join(' -> ')}` });
        }
        if (requested.length > config.maxRedirects) {
          return fail({ code: 'TOO_MANY_REDIRECTS', message: `more than ${config.maxRedirects} redirects from ${redact(startUrl)}` });
        }
        // Only an unbroken chain of permanent redirects moves the source; one temporary hop keeps it.
        permanentSoFar = permanentSoFar && PERMANENT_REDIRECTS.has(res.status);
        movedTo = permanentSoFar ? next : movedTo;
        url = next;
        continue;
      }

      const base = { finalUrl: url, movedTo, requested };
      if (res.status === 304) {
        await res.body?.cancel().catch(() => {});
        return {
          ...base,
          kind: 'not-modified',
          status: 304,
          etag: res.headers.get('etag'),
          lastModified: res.headers.get('last-modified'),
          cacheHints: parseCacheHints(res.headers, deps.now),
        };
      }
      if (res.status === 410) {
        await res.body?.cancel().catch(() => {});
        return { ...base, kind: 'gone', status: 410 };
      }
      if (res.status < 200 || res.status > 299) {
        await res.body?.cancel().catch(() => {});
        const retryAfter = RETRY_AFTER_STATUSES.has(res.status) ? parseRetryAfter(res.headers.get('retry-after'), deps.now) : null;
        return fail(
          { code: 'HTTP_ERROR', status: res.status, message: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}` },
          retryAfter ? retryAfter.toISOString() : null,
        );
      }

      const declared = Number(res.headers.get('content-length') ?? NaN);
      const encoding = res.headers.get('content-encoding');
      if (Number.isFinite(declared) && declared > config.maxBytes && !encoding) {
        await res.body?.cancel().catch(() => {});
        return fail({ code: 'TOO_LARGE', message: `Content-Length ${declared} exceeds the ${config.maxBytes}-byte cap` });
      }
      const raw = await readCapped(res.body, config.maxBytes, controller.signal);
      if (Number.isFinite(declared) && !encoding && raw.byteLength < declared) {
        return fail({ code: 'TRUNCATED', message: `body ended after ${raw.byteLength} of ${declared} bytes` });
      }
      const body = await decodeContent(raw, encoding, config.maxBytes, controller.signal);
      return {
        ...base,
        kind: 'fetched',
        status: res.status,
        body,
        contentType: res.headers.get('content-type'),
        etag: res.headers.get('etag'),
        lastModified: res.headers.get('last-modified'),
        cacheHints: parseCacheHints(res.headers, deps.now),
      };
    }
  } catch (err) {
    if (err instanceof BodyTooLarge) return fail({ code: 'TOO_LARGE', message: `body exceeds the ${config.maxBytes}-byte cap` });
    if (err instanceof BodyUnsupportedEncoding) return fail({ code: 'UNSUPPORTED_ENCODING', message: err.message });
    if (err instanceof Timeout || controller.signal.reason instanceof Timeout) {
      return fail({ code: 'TIMEOUT', message: `no complete answer within ${config.timeoutMs} ms` });
    }
    return fail({ code: 'NETWORK', message: networkMessage(err) });
  } finally {
    clearTimeout(timer);
    // Whatever is still in flight (a stalled body, a connection) is released.
    if (!controller.signal.aborted) controller.abort(new Error('fetch finished'));
  }
}

function blockedReason(url: string, allowPrivateAddresses: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'not an http(s) URL';
  if (parsed.username || parsed.password) return 'URL carries credentials';
  return allowPrivateAddresses ? null : blockedHostReason(parsed.hostname);
}

/** Error text for the state record: the kind of failure, never a URL with its query (which may hold a key). */
function networkMessage(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.replace(/https?:\/\/[^\s'"]+/g, (u) => redact(u)).slice(0, 300);
}

/** A URL fit for messages: origin and path, no query or fragment. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}
