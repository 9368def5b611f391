/**
 * Namespaces are resolved by URI, not by the prefix a publisher happened to pick: before parsing we
 * collect every `xmlns:prefix="uri"` in the document and map each known URI to one canonical prefix
 * (`content:`, `dc:`, `media:`...). The dialect's own namespace maps to no prefix, so a fully
 * prefixed `<atom:feed>` reads like a plain `<feed>`. Scoping is simplified to one binding per prefix
 * per document (the first), which is what real feeds do.
 */

export const NS = {
  atom10: 'http://www.w3.org/2005/atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
} as const;

/** Known namespace URIs (lower-cased) → canonical prefix. */
const CANONICAL: Record<string, string> = {
  [NS.atom10]: 'atom',
  [NS.atom03]: 'atom',
  [NS.rss10]: 'rss1',
  [NS.rss090]: 'rss1',
  [NS.rdf]: 'rdf',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://example.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://purl.org/net/rss1.1#': 'rss1',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://backend.userland.com/rss': '',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/commentapi/': 'wfw',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://www.google.com/schemas/play-podcasts/1.0': 'googleplay',
  'http://purl.org/rss/1.0/modules/image/': 'image',
};

export function canonicalPrefix(uri: string): string | undefined {
  return CANONICAL[uri.trim().toLowerCase()];
}

/** Sticky: tried only where indexOf found "xmlns", which is far cheaper than a global regex scan. */
const XMLNS = /xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

export interface Namespaces {
  /** prefix → canonical prefix ('' for the dialect's own namespace), only where they differ. */
  renames: Map<string, string>;
  /** URI bound to the default namespace of the root element, lower-cased. */
  defaultUri: string | null;
}

/**
 * @param ownUris the dialect's namespace URIs, whose prefixes are dropped.
 */
export function collectNamespaces(text: string, ownUris: readonly string[]): Namespaces {
  const renames = new Map<string, string>();
  const seen = new Set<string>();
  let defaultUri: string | null = null;
  for (let at = text.indexOf('xmlns'); at >= 0; ) {
    XMLNS.lastIndex = at;
    const m = XMLNS.exec(text);
    if (m === null) {
      at = text.indexOf('xmlns', at + 5);
      continue;
    }
    at = text.indexOf('xmlns', XMLNS.lastIndex);
    const prefix = m[1];
    const uri = (m[2] ?? m[3] ?? '').trim().toLowerCase();
    if (prefix === undefined) {
      defaultUri ??= uri;
      continue;
    }
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const canonical = ownUris.includes(uri) ? '' : CANONICAL[uri];
    if (canonical !== undefined && canonical !== prefix) renames.set(prefix, canonical);
  }
  return { renames, defaultUri };
}
