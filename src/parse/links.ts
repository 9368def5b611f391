/**
 * URL resolution: relative links resolve against the xml:base chain (root → feed → item → element)
 * whose root is the feed's own URL. Only http(s), mailto and a few other safe absolute schemes pass;
 * a javascript: or data: link becomes null.
 */
import { MAX_URL_CHARS } from './limits';

const SAFE_SCHEMES = /^(https?|mailto|ftp|tag|urn|magnet|feed|itpc|pcast|podcast|news|nntp|gopher|telnet|irc|ircs|webcal):/i;

// An absolute http(s) URL that WHATWG URL parsing would return unchanged: lower-case host whose last
// label starts with a letter (no IPv4 forms, no punycode), no port, a path, only characters no
// component percent-encodes, no dot segments or encoded dots. Most feed links are like this, and a
// regex test costs far less than constructing a URL.
const CANONICAL_HTTP_URL = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\/[A-Za-z0-9\-._~!$&()*+,;=:@%/?#]*$/;

function isCanonicalHttpUrl(s: string): boolean {
  return CANONICAL_HTTP_URL.test(s) && s.indexOf('/.') < 0 && s.indexOf('%2') < 0 && s.indexOf('--') < 0;
}

/** Resolves `href` against `base`; returns null for unsafe or empty links. */
export function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  if (href == null) return null;
  // Most links are already canonical absolute http(s) URLs, which every step below returns as they are.
  if (href.length <= MAX_URL_CHARS && isCanonicalHttpUrl(href)) return href;
  // Strip control characters and surrounding whitespace; inner spaces are percent-encoded by URL.
  const cleaned = href.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!cleaned || cleaned.length > MAX_URL_CHARS) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  if (scheme) {
    if (!SAFE_SCHEMES.test(cleaned)) return null;
    if (/^https?:/i.test(cleaned)) {
      if (isCanonicalHttpUrl(cleaned)) return cleaned;
      try {
        return new URL(cleaned).href;
      } catch {
        return cleaned;
      }
    }
    return cleaned;
  }
  if (!base) return cleaned;
  try {
    const u = new URL(cleaned, base);
    return SAFE_SCHEMES.test(u.href) ? u.href : null;
  } catch {
    return cleaned;
  }
}

/** The base for children of an element carrying `xml:base` (itself maybe relative). */
export function childBase(xmlBase: string | null, parentBase: string | null): string | null {
  if (!xmlBase) return parentBase;
  const cleaned = xmlBase.trim();
  if (!cleaned) return parentBase;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(cleaned)) return cleaned;
  if (!parentBase) return cleaned;
  try {
    return new URL(cleaned, parentBase).href;
  } catch {
    return parentBase;
  }
}

const HTTP_URL = /^https?:\/\//i;

/**
 * The base for a feed's relative links when it may not be absolute: `base` (the xml:base chain over
 * the URL the feed came from) if it is absolute, else the first absolute http(s) candidate (the
 * channel link, the self link), with a relative `base` resolved against it. A feed read from a file
 * or a string, with no URL, still gets absolute image and link URLs from its own site link.
 */
export function anchoredBase(base: string | null, candidates: ReadonlyArray<string | null | undefined>): string | null {
  if (base && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(base)) return base;
  for (const c of candidates) {
    const anchor = c?.trim();
    if (!anchor || !HTTP_URL.test(anchor)) continue;
    try {
      return new URL(base ?? '', anchor).href;
    } catch {
      // Not a parseable URL: try the next candidate.
    }
  }
  return base;
}
