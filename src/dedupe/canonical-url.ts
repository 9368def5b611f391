/**
 * Canonical URLs: the same article reached through different links (tracking parameters, a fragment,
 * http vs https, `www.` or not, `/index.html`, a trailing slash) gets one key.
 *
 * - `canonicalUrl` is the display form: still a working URL (scheme and `www.` kept as published).
 * - `urlKey` is the comparison form: scheme folded and a leading `www.` dropped, so
 *   `http://www.variety.com/x/` and `https://variety.com/x?utm_source=rss` compare equal.
 */

/** Query parameters that only track the click and never select content. Compared lowercased. */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  '__hssc',
  '__hstc',
  '__hsfp',
  'hsctatracking',
  'igshid',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'cmpid',
  'cmp',
  'ncid',
  'ito',
  'smid',
  'smtyp',
  'sr_share',
  's_cid',
  'cid_rss',
  '_ga',
  '_gl',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'vero_conv',
  'wt.mc_id',
  'wt_mc',
  'mbid',
  'spm',
  'rss',
  'feedtype',
  'partner',
  'share',
]);

/** Parameter-name prefixes of tracking families (utm_source, at_medium, pk_campaign...). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'at_', 'pk_', 'mtm_', 'matomo_', 'hmb_', 'ga_'];

/** Directory-index file names that serve the same page as their folder. */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|php|aspx?|shtml)$/i;

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  if (TRACKING_PARAMS.has(lower)) return true;
  return TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function parseHttpUrl(raw: string): URL | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url;
}

function normalizedPath(pathname: string): string {
  let path = pathname.replace(/\/{2,}/g, '/');
  path = path.replace(INDEX_FILE, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path || '/';
}

function normalizedQuery(url: URL): string {
  const kept: Array<[string, string]> = [];
  for (const [name, value] of url.searchParams) {
    if (!isTrackingParam(name)) kept.push([name, value]);
  }
  if (kept.length === 0) return '';
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return '?' + new URLSearchParams(kept).toString();
}

/**
 * An http(s) URL already in canonical form except perhaps for one trailing slash: lowercase host
 * whose last label starts with a letter (numeric hosts are IPv4 forms URL rewrites or rejects), no
 * port, userinfo, query, fragment, escapes, doubled slashes, dot segments or index file (most feed
 * links). Its canonical form is found with string operations alone.
 */
const PLAIN_URL = /^https?:\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*(?:\/[A-Za-z0-9_~.-]+)*\/?$/;

/** `.` and `..` path segments, which URL resolves. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/** Canonical forms are asked for the same links many times per build (dedupe, ids, merging): remembered, up to a bound. */
const remembered = new Map<string, string | null>();
const REMEMBERED_MAX = 50_000;

/**
 * The display canonical form of an http(s) URL, or null when `raw` is not one.
 * Lowercase scheme and host (URL does it), default port dropped, no fragment, tracking parameters
 * removed, remaining parameters sorted, `index.html` and trailing slashes folded.
 */
export function canonicalUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let canonical = remembered.get(raw);
  if (canonical !== undefined) return canonical;
  canonical = PLAIN_URL.test(raw) && !INDEX_FILE.test(raw) && !DOT_SEGMENT.test(raw) ? plainCanonical(raw) : parsedCanonical(raw);
  if (remembered.size >= REMEMBERED_MAX) remembered.clear();
  remembered.set(raw, canonical);
  return canonical;
}

function plainCanonical(raw: string): string {
  const pathStart = raw.indexOf('/', raw.indexOf('//') + 2);
  // A host alone gets the root path; a trailing slash after a path is folded.
  if (pathStart < 0) return `${raw}/`;
  return raw.length - 1 > pathStart && raw.endsWith('/') ? raw.slice(0, -1) : raw;
}

function parsedCanonical(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  const host = url.hostname.replace(/\.$/, '');
  const port = url.port ? `:${url.port}` : '';
  return `${url.protocol}//${host}${port}${normalizedPath(url.pathname)}${normalizedQuery(url)}`;
}

const rememberedKeys = new Map<string, string | null>();

/** The comparison key: the canonical URL with the scheme folded and a leading `www.` dropped. */
export function urlKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let key = rememberedKeys.get(raw);
  if (key !== undefined) return key;
  const canonical = canonicalUrl(raw);
  key = canonical && canonical.replace(/^https?:\/\//, '//').replace(/^\/\/www\./, '//');
  if (rememberedKeys.size >= REMEMBERED_MAX) rememberedKeys.clear();
  rememberedKeys.set(raw, key);
  return key;
}

/** True when the key names a site's front page: such links cannot tell two articles apart. */
export function isSiteRootKey(key: string): boolean {
  return /^\/\/[^/?]+\/$/.test(key);
}
