/**
 * Marquee's data model: every stage of the pipeline reads and writes these plain shapes,
 * so each stage stays a pure function and the Worker and the CLI run the same code.
 *
 * Dates are ISO 8601 UTC strings (`2023-05-17T14:02:00.000Z`) or null, never an invalid date.
 */

/** Dialect names follow the Universal Feed Parser's `version` vocabulary. */
export type FeedFormat =
  | 'rss090'
  | 'rss091u'
  | 'rss091n'
  | 'rss092'
  | 'rss093'
  | 'rss094'
  | 'rss20'
  | 'rss10'
  | 'rss'
  | 'atom03'
  | 'atom10'
  | 'cdf'
  | 'json10'
  | 'json11';

export interface Feed {
  format: FeedFormat;
  title: string | null;
  siteUrl: string | null;
  feedUrl: string | null;
  description: string | null;
  language: string | null;
  image: string | null;
  updated: string | null;
}

export interface Author {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface Enclosure {
  url: string;
  type: string | null;
  length: number | null;
}

export interface Item {
  /** The item's own id (guid, atom:id, JSON Feed id), or one derived stably from its content. */
  id: string;
  url: string | null;
  /** Plain text. */
  title: string | null;
  /** Plain text. */
  summary: string | null;
  /** Sanitized HTML, safe to display. */
  contentHtml: string | null;
  authors: Author[];
  published: string | null;
  updated: string | null;
  categories: string[];
  image: string | null;
  enclosures: Enclosure[];
}

export interface ParsedFeed {
  feed: Feed;
  items: Item[];
  /** Publisher hints about polling frequency (RSS <ttl>, sy:updatePeriod/Frequency), in seconds. */
  ttlSeconds?: number | null;
}

/** Why a document could not be turned into a feed. Every parser failure is one of these codes. */
export type ParseErrorCode =
  | 'NOT_A_FEED'
  | 'HTML_NOT_FEED'
  | 'MALFORMED'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_ENCODING'
  | 'ENTITY_EXPANSION'
  | 'EMPTY';

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export type ParseResult = { ok: true; value: ParsedFeed } | { ok: false; error: ParseError };

// ---------------------------------------------------------------------------------------------
// Configuration (validated in src/config; taxonomy and curation consumed by tag and curate)
// ---------------------------------------------------------------------------------------------

export interface SiteConfig {
  title: string;
  url: string;
  description: string;
}

export interface SourceConfig {
  id: string;
  name: string;
  url: string;
  /** Editorial weight, default 1. Higher wins representative choice and ranks higher. */
  weight?: number;
  /** Taxonomy ids applied to every item of this source. */
  tags?: string[];
}

export interface FetchConfig {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  concurrency: number;
  minIntervalMinutes: number;
  maxIntervalMinutes: number;
  defaultIntervalMinutes: number;
  maxBackoffMinutes: number;
  userAgent: string;
  allowPrivateAddresses: boolean;
}

export interface TaxonomyTag {
  id: string;
  label: string;
  /** Free word for grouping and display: person, franchise, studio, topic... */
  kind: string;
  match: string[];
  exclude?: string[];
}

export interface CurationConfig {
  maxAgeDays: number;
  maxItems: number;
  perSourceCap: number;
  include?: { tags?: string[]; phrases?: string[] };
  exclude?: { tags?: string[]; phrases?: string[] };
  /** Ranking weights; each term is normalised to 0..1 before weighting. */
  ranking?: { recency?: number; sourceWeight?: number; outlets?: number; halfLifeHours?: number };
}

export interface MarqueeConfig {
  site: SiteConfig;
  sources: SourceConfig[];
  fetch: FetchConfig;
  taxonomy: TaxonomyTag[];
  curation: CurationConfig;
}

// ---------------------------------------------------------------------------------------------
// Editor output: stories (merged entries)
// ---------------------------------------------------------------------------------------------

/** An item as it arrives from one source, with where it came from. */
export interface SourcedItem extends Item {
  sourceId: string;
  sourceName: string;
  sourceWeight: number;
  /** Source-level tag ids (sources[].tags). */
  sourceTags: string[];
}

export interface StoryOrigin {
  source: string;
  name: string;
  url: string | null;
  title: string | null;
  published: string | null;
}

/** One entry of the merged feed: the same story across outlets. */
export interface Story {
  /** Minted by Marquee, stable across rebuilds. */
  id: string;
  url: string | null;
  title: string;
  summary: string | null;
  contentHtml: string | null;
  authors: Author[];
  image: string | null;
  enclosure: Enclosure | null;
  /** When Marquee first published the story (or the outlets' earlier date for a backfill); never moves forward. */
  published: string;
  updated: string | null;
  /** Taxonomy ids. */
  tags: string[];
  /** Every original, representative first. */
  sources: StoryOrigin[];
}
