import { SAFE_URL_SCHEMES } from './allowlists';

// Browsers ignore tabs and newlines anywhere in a URL and C0 controls/spaces around it, so
// `java\tscript:` or ` javascript:` must be judged after the same clean-up.
const IGNORED_IN_URL = /[\t\n\r]/g;
const EDGE_JUNK = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** True when neither clean-up pass could change the value (the usual case): saves two regex passes. */
function isTidyUrl(value: string): boolean {
  const n = value.length;
  return (
    n > 0 && value.charCodeAt(0) > 0x20 && value.charCodeAt(n - 1) > 0x20 &&
    value.indexOf('\n') < 0 && value.indexOf('\t') < 0 && value.indexOf('\r') < 0
  );
}

/** Whether `value` starts with `http:` or `https:`, in any case. */
function isHttpScheme(value: string): boolean {
  if ((value.charCodeAt(0) | 0x20) !== 0x68 || (value.charCodeAt(1) | 0x20) !== 0x74) return false;
  if ((value.charCodeAt(2) | 0x20) !== 0x74 || (value.charCodeAt(3) | 0x20) !== 0x70) return false;
  const next = value.charCodeAt(4);
  return next === 0x3a || ((next | 0x20) === 0x73 && value.charCodeAt(5) === 0x3a);
}

/**
 * A URL attribute value made safe: '' when its scheme is not an allowed one (javascript:,
 * vbscript:, data:...), otherwise the value, resolved against `base` when it is relative and a
 * base is known. Never throws.
 */
export function safeUrl(value: string, base: string | null, resolve = true): string {
  const tidy = isTidyUrl(value);
  // An absolute http(s) URL (most of them) is allowed as it is: no regular expression needed.
  if (tidy && isHttpScheme(value)) return value;
  const url = tidy ? value : value.replace(IGNORED_IN_URL, '').replace(EDGE_JUNK, '');
  const scheme = SCHEME.exec(url);
  if (scheme) {
    return SAFE_URL_SCHEMES.has(scheme[1]!.toLowerCase()) ? url : '';
  }
  // A colon before any '/', '?' or '#' that did not parse as a scheme (e.g. `java script:`)
  // could still be read as one by some client: refuse it.
  const colon = url.indexOf(':');
  if (colon >= 0) {
    const firstDelimiter = url.search(/[/?#]/);
    if (firstDelimiter < 0 || colon < firstDelimiter) return '';
  }
  if (!resolve || !base) return url;
  return resolveUrl(url, base);
}

/** `url` resolved against `base`, or `url` unchanged when either cannot be parsed. */
export function resolveUrl(url: string, base: string): string {
  try {
    const resolved = new URL(url, base).href;
    const scheme = SCHEME.exec(resolved);
    return scheme && SAFE_URL_SCHEMES.has(scheme[1]!.toLowerCase()) ? resolved : '';
  } catch {
    return url;
  }
}
