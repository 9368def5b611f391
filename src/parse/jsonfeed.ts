/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). */
import type { Author, Enclosure, Feed, FeedFormat, ParsedFeed } from '../model';
import { FeedParseError } from './errors';
import { escapeHtml } from './entities';
import { cleanText, htmlToText } from './html/text';
import { anchoredBase, resolveUrl } from './links';
import { emptyRawItem, normalizeItem, parsePerson } from './normalize';
import { parseLength } from './extensions';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function people(v: unknown, base: string | null): Author[] {
  const list = Array.isArray(v) ? v : isObject(v) ? [v] : [];
  const out: Author[] = [];
  for (const a of list) {
    if (!isObject(a)) continue;
    const p = parsePerson(str(a.name), null, resolveUrl(str(a.url), base));
    if (p) out.push(p);
  }
  return out;
}

/** True when the text is a JSON object that declares a JSON Feed version. */
export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{/.test(text) && /"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(text.slice(0, 65536));
}

export function readJsonFeed(text: string, url: string | null, maxItems: number): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new FeedParseError('MALFORMED', `the JSON is broken: ${(err as Error).message}`);
  }
  if (!isObject(doc) || typeof doc.version !== 'string' || !/jsonfeed\.org\/version\//.test(doc.version)) {
    throw new FeedParseError('NOT_A_FEED', 'JSON without a JSON Feed version');
  }
  const format: FeedFormat = /version\/1(\/|$)/.test(doc.version) ? 'json10' : 'json11';
  const base = anchoredBase(resolveUrl(str(doc.feed_url), url) ?? url, [str(doc.home_page_url)]);
  const feed: Feed = {
    format,
    title: str(doc.title),
    siteUrl: resolveUrl(str(doc.home_page_url), base),
    feedUrl: resolveUrl(str(doc.feed_url), url) ?? url,
    description: str(doc.description) ? htmlToText(str(doc.description)!) : null,
    language: str(doc.language),
    image: resolveUrl(str(doc.icon) ?? str(doc.favicon), base),
    updated: null,
  };
  const feedAuthors = [...people(doc.authors, base), ...people(doc.author, base)];
  const items = [];
  const list = Array.isArray(doc.items) ? doc.items : [];
  for (const it of list) {
    if (items.length >= maxItems) break;
    if (!isObject(it)) continue;
    const r = emptyRawItem(base);
    r.id = str(it.id);
    r.url = resolveUrl(str(it.url) ?? str(it.external_url), base);
    r.title = str(it.title) === null ? null : cleanText(str(it.title)!) || null;
    const html = str(it.content_html);
    const plain = str(it.content_text);
    r.contentHtml = html ?? (plain ? escapeHtml(plain).replace(/\n/g, '<br>') : null);
    r.summary = str(it.summary) === null ? null : cleanText(str(it.summary)!) || null;
    r.published = str(it.date_published);
    r.updated = str(it.date_modified);
    r.authors = [...people(it.authors, base), ...people(it.author, base)];
    if (r.authors.length === 0) r.authors = feedAuthors;
    r.categories = Array.isArray(it.tags) ? it.tags.map(str).filter((t): t is string => !!t) : [];
    r.image = resolveUrl(str(it.image) ?? str(it.banner_image), base);
    const enclosures: Enclosure[] = [];
    for (const a of Array.isArray(it.attachments) ? it.attachments : []) {
      if (!isObject(a)) continue;
      const u = resolveUrl(str(a.url), base);
      if (u) enclosures.push({ url: u, type: str(a.mime_type), length: parseLength(str(a.size_in_bytes)) });
    }
    r.enclosures = enclosures;
    items.push(normalizeItem(r));
  }
  return { feed, items, ttlSeconds: null };
}
