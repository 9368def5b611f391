/**
 * The last step every dialect shares: raw fields gathered by a reader become a model Item — HTML
 * sanitized, text capped, dates normalized, a missing title derived from the content, a missing id
 * derived stably.
 */
import type { Author, Enclosure, Item } from '../model';
import { parseDate } from './dates';
import { sanitizeHtml } from './html/sanitize';
import { cleanText, decodeEntities, htmlToText } from './html/text';
import { deriveId } from './ids';
import {
  DERIVED_SUMMARY_CHARS,
  DERIVED_TITLE_CHARS,
  MAX_AUTHORS,
  MAX_CATEGORIES,
  MAX_CONTENT_CHARS,
  MAX_ENCLOSURES,
  MAX_NAME_CHARS,
  MAX_SUMMARY_CHARS,
  MAX_TITLE_CHARS,
} from './limits';

/** What a dialect reader gathers for one item, before normalization. */
export interface RawItem {
  id: string | null;
  url: string | null;
  title: string | null;
  /** Plain text of the description/summary. */
  summary: string | null;
  /** Unsanitized HTML of the description/summary. */
  summaryHtml: string | null;
  /** Unsanitized HTML of the full content (content:encoded, Atom content). */
  contentHtml: string | null;
  /** Base URL for relative links inside the HTML. */
  base: string | null;
  authors: Author[];
  published: string | null;
  updated: string | null;
  categories: string[];
  image: string | null;
  enclosures: Enclosure[];
}

export function emptyRawItem(base: string | null): RawItem {
  return {
    id: null, url: null, title: null, summary: null, summaryHtml: null, contentHtml: null, base,
    authors: [], published: null, updated: null, categories: [], image: null, enclosures: [],
  };
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with an ellipsis. */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A title for an untitled item: the first sentence of its text, at most DERIVED_TITLE_CHARS. */
export function deriveTitle(text: string | null): string | null {
  if (!text) return null;
  const sentence = /^(.{10,}?[.!?])(?:\s|$)/.exec(text);
  const candidate = sentence && sentence[1]!.length <= DERIVED_TITLE_CHARS ? sentence[1]! : text;
  return truncate(candidate, DERIVED_TITLE_CHARS) || null;
}

/**
 * Plain text of a simple element (a name, a category). CDATA reaches us verbatim, and WordPress
 * escapes inside it (`<![CDATA[Kroll &amp; Fleming]]>`), so character references are decoded here too.
 */
export function cleanField(s: string | null | undefined, max: number): string | null {
  if (s == null) return null;
  const out = cleanText(s.indexOf('&') >= 0 ? decodeEntities(s) : s);
  return out ? truncate(out, max) : null;
}

export function capField(s: string | null, max: number): string | null {
  if (!s) return null;
  return s.length > max ? truncate(s, max) : s;
}

function sanitize(html: string | null, base: string | null): string | null {
  if (!html) return null;
  const out = sanitizeHtml(html, base).trim();
  if (!out) return null;
  return out.length > MAX_CONTENT_CHARS ? null : out;
}

/** "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>" and plain names → Author. */
export function parsePerson(value: string | null, email: string | null = null, url: string | null = null): Author | null {
  let name = value ? cleanField(value, MAX_NAME_CHARS) : null;
  let mail = email ? cleanText(email) : null;
  // Every address form below holds an '@': a plain name (most bylines) skips them.
  if (name && !mail && name.indexOf('@') >= 0) {
    const m =
      /^([^\s@()<>]+@[^\s@()<>]+)\s*\((.*)\)$/.exec(name) ?? /^()(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(name) ?? /^()(.*?)\s*\(([^()\s]+@[^()\s]+)\)$/.exec(name);
    if (m) {
      mail = (m[1] || m[3]) ?? null;
      name = m[2]?.trim() || null;
    } else if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(name)) {
      mail = name;
      name = null;
    }
  }
  if (mail?.toLowerCase().startsWith('mailto:')) mail = mail.slice(7);
  if (!name && !mail && !url) return null;
  return { name: name ? truncate(name, MAX_NAME_CHARS) : null, email: mail || null, url };
}

export function dedupeAuthors(authors: Author[]): Author[] {
  // Most items name one author or none: nothing to compare. (A list of the item's own: Atom
  // entries without authors share the feed's.)
  if (authors.length < 2) return authors.length === 0 ? [] : [authors[0]!];
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const a of authors) {
    const key = `${a.name ?? ''}\n${a.email ?? ''}\n${a.url ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a);
    if (out.length >= MAX_AUTHORS) break;
  }
  return out;
}

const IMG_SRC = /<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)/i;

/**
 * The same text in one flat string. What the readers produce is often a slice of the whole feed
 * document or a chain of joined pieces, and every character read goes through the slice or chain:
 * the editor reads every title and summary word by word, about a third faster from a flat string.
 * (Joining two halves copies; a slice or a concatenation would not.)
 */
function ownText(s: string | null): string | null {
  if (s === null || s.length < 13) return s;
  const half = s.length >> 1;
  return [s.slice(0, half), s.slice(half)].join('');
}

export function normalizeItem(r: RawItem): Item {
  const contentHtml = sanitize(r.contentHtml ?? r.summaryHtml, r.base);
  const contentText = contentHtml && (r.summary == null || r.title == null) ? htmlToText(contentHtml) : null;
  // Reader text is already clean (constructs.ts); JSON Feed strings are not, and are cheap to clean.
  const summary = capField(r.summary, MAX_SUMMARY_CHARS) ?? (contentText ? truncate(contentText, DERIVED_SUMMARY_CHARS) : null);
  const title = capField(r.title, MAX_TITLE_CHARS) ?? deriveTitle(summary ?? contentText);
  const published = parseDate(r.published);
  // Atom entries often repeat one date as published and updated: read it once.
  const updated = (r.updated === r.published ? published : parseDate(r.updated)) ?? published;
  let image = r.image;
  if (!image && contentHtml) {
    const m = IMG_SRC.exec(contentHtml);
    if (m && /^https?:/i.test(m[1]!)) image = m[1]!.replace(/&amp;/g, '&');
  }
  const categories: string[] = [];
  for (const c of r.categories) {
    const t = cleanField(c, MAX_NAME_CHARS);
    if (t && !categories.includes(t)) categories.push(t);
    if (categories.length >= MAX_CATEGORIES) break;
  }
  const id = r.id?.trim() || deriveId({ url: r.url, title, published, text: summary });
  return {
    id,
    url: r.url,
    title: ownText(title),
    summary: ownText(summary),
    contentHtml,
    authors: dedupeAuthors(r.authors),
    published: published ?? (r.updated ? updated : null),
    updated,
    categories,
    image,
    enclosures: r.enclosures.slice(0, MAX_ENCLOSURES),
  };
}
