/**
 * URL resolution: relative links resolve against the xml:base chain (root → feed → item → element)
 * whose root is the feed's own URL. Only http(s), mailto and a few other safe absolute schemes pass;
 * a javascript: or data: link becomes null.
 */
import { MAX_URL_CHARS } from './limits';

const SAFE_SCHEMES = /^(https?|mailto|ftp|tag|urn|magnet|feed|itpc|pcast|podcast|news|nntp|gopher|telnet|irc|ircs|webcal):/i;

/** Resolves `href` against `base`; returns null for unsafe or empty links. */
export function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  if (href == null) return null;
  // Strip control characters and surrounding whitespace; inner spaces are percent-encoded by URL.
  const cleaned = href.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!cleaned || cleaned.length > MAX_URL_CHARS) return null;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  if (scheme) {
    if (!SAFE_SCHEMES.test(cleaned)) return null;
    if (/^https?:/i.test(cleaned)) {
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
