/**
 * Every bound the parser enforces, in one place. A feed that crosses one is answered with a typed
 * error or a truncated-but-valid result, never with unbounded time or memory.
 */

/** Documents larger than this are refused before any decoding or parsing (TOO_LARGE). */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** Items beyond this are dropped (the first ones are kept: feeds list newest first). */
export const MAX_ITEMS = 10_000;

/** Element nesting deeper than this is not a feed any reader could show (MALFORMED). */
export const MAX_NESTED_TAGS = 200;

/** Plain-text field caps, in UTF-16 code units; longer values are cut at a word boundary. */
export const MAX_TITLE_CHARS = 1_000;
export const MAX_SUMMARY_CHARS = 10_000;
export const MAX_NAME_CHARS = 500;
export const MAX_URL_CHARS = 4_096;
/** Sanitized HTML content cap; longer content is dropped back to its summary. */
export const MAX_CONTENT_CHARS = 1_000_000;

/** A title derived from content text (when the item has none) is at most this long. */
export const DERIVED_TITLE_CHARS = 80;
/** A summary derived from content (when the item has no description) is at most this long. */
export const DERIVED_SUMMARY_CHARS = 400;

/** Per item: categories, authors and enclosures beyond these are dropped. */
export const MAX_CATEGORIES = 100;
export const MAX_AUTHORS = 50;
export const MAX_ENCLOSURES = 50;

/**
 * Internal DTD entities (`<!ENTITY name "value">`) are honoured because real feeds use them for
 * short substitutions; these caps make entity bombs (billion laughs) fail fast with ENTITY_EXPANSION.
 */
export const MAX_DOCTYPE_ENTITIES = 200;
export const MAX_ENTITY_VALUE_CHARS = 10_000;
export const MAX_ENTITY_DEPTH = 8;
/** Total characters produced by expanding declared entities across the whole document. */
export const MAX_ENTITY_EXPANSION_CHARS = 1_000_000;

/** How far into a document we look for the root element when sniffing the dialect. */
export const SNIFF_CHARS = 4_096;
