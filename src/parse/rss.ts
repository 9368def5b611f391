/** RSS 0.90–0.94 and 2.0, and RSS 1.0 / 0.90 (RDF), which share the item vocabulary. */
import type { Author, Feed } from '../model';
import { constructHtml, constructText } from './constructs';
import { htmlToText } from './html/text';
import type { ReadContext } from './context';
import {
  atomLinks,
  atomPeople,
  findImage,
  itunesCategories,
  mediaEnclosures,
  rssEnclosures,
  ttlSeconds,
} from './extensions';
import { anchoredBase, childBase, resolveUrl } from './links';
import { all, attr, first, firstOf, isNode, text } from './node';
import { emptyRawItem, normalizeItem, parsePerson, type RawItem } from './normalize';
import type { XmlNode, XmlValue } from './xml';
import type { ParsedFeed } from '../model';

/** First `link` element's text (atom:link lives under its own name, so these are RSS links). */
function rssLink(node: XmlValue | undefined, base: string | null): string | null {
  for (const l of all(node, 'link')) {
    const href = resolveUrl(text(l) ?? attr(l, 'href'), childBase(attr(l, 'xml:base'), base));
    if (href) return href;
  }
  return null;
}

function linkRel(node: XmlValue | undefined, base: string | null, rel: string): string | null {
  return atomLinks(all(node, 'atom:link'), base).find((l) => l.rel === rel)?.href ?? null;
}

function readItem(item: XmlValue, channelBase: string | null, ctx: ReadContext): RawItem {
  const base = childBase(attr(item, 'xml:base'), channelBase);
  const r = emptyRawItem(base);
  const { ents } = ctx;

  r.title = constructText(firstOf(item, ['title', 'dc:title', 'atom:title']), 'guess', ents) ??
    constructText(first(item, 'media:title') ?? first(first(item, 'media:group'), 'media:title') ?? first(first(item, 'media:content'), 'media:title'), 'guess', ents);

  const guid = first(item, 'guid');
  const guidText = text(guid);
  r.id = guidText ?? attr(item, 'rdf:about')?.trim() ?? text(first(item, 'atom:id')) ?? null;
  r.url = rssLink(item, base) ?? linkRel(item, base, 'alternate');
  if (!r.url && guidText && attr(guid, 'isPermaLink')?.trim().toLowerCase() !== 'false' && /^https?:\/\//i.test(guidText)) {
    r.url = resolveUrl(guidText, base);
  }

  const descriptionKeys = ['description', 'dc:description', 'summary', 'atom:summary', 'itunes:summary', 'abstract', 'dcterms:abstract', 'itunes:subtitle'];
  if (isNode(item) && item.summary !== undefined && item.description !== undefined) {
    const keys = Object.keys(item);
    if (keys.indexOf('summary') < keys.indexOf('description')) descriptionKeys.unshift('summary');
  }
  const description = firstOf(item, descriptionKeys);
  if (description !== undefined) {
    r.summaryHtml = constructHtml(description, 'html', ents);
    r.summary = r.summaryHtml === null ? null : htmlToText(r.summaryHtml) || null;
  }
  // With both <summary> and <description>, the first is the summary and the second the content
  // (as feedparser reads them); the tree keeps keys in document order.
  let content = firstOf(item, ['content:encoded', 'xhtml:body', 'body', 'fullitem', 'atom:content']);
  if (content === undefined && isNode(item) && item.summary !== undefined && item.description !== undefined) {
    const keys = Object.keys(item);
    content = keys.indexOf('summary') < keys.indexOf('description') ? first(item, 'description') : first(item, 'summary');
  }
  if (content !== undefined) {
    const isXhtmlBody = first(item, 'xhtml:body') === content || first(item, 'body') === content;
    r.contentHtml = constructHtml(content, isXhtmlBody ? 'xhtml' : 'html', ents);
    if (content !== undefined && isNode(content)) r.base = childBase(attr(content, 'xml:base'), base);
  }

  const authors: Author[] = [];
  for (const key of ['author', 'dc:creator', 'dc:author', 'itunes:author', 'managingeditor']) {
    for (const a of all(item, key)) {
      if (isNode(a) && (first(a, 'name') !== undefined || first(a, 'email') !== undefined)) {
        authors.push(...atomPeople([a], base));
        continue;
      }
      const p = parsePerson(text(a));
      if (p) authors.push(p);
    }
  }
  authors.push(...atomPeople(all(item, 'atom:author'), base, 'atom:'));
  r.authors = authors;

  r.published = text(firstOf(item, ['pubdate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published', 'issued']));
  r.updated = text(firstOf(item, ['dcterms:modified', 'atom:updated', 'dc:date', 'lastbuilddate']));

  const cats: string[] = [];
  // A made-up <tags>a, b</tags> element (seen in hand-rolled feeds).
  for (const t of all(item, 'tags')) for (const tag of (text(t) ?? '').split(',')) if (tag.trim()) cats.push(tag.trim());
  for (const c of all(item, 'category')) {
    const t = text(c);
    if (t) cats.push(t);
  }
  for (const c of all(item, 'dc:subject')) {
    const t = text(c) ?? text(first(c, 'rdf:description'));
    if (t) cats.push(t);
  }
  for (const c of all(item, 'atom:category')) {
    const t = attr(c, 'term') ?? text(c);
    if (t) cats.push(t);
  }
  for (const c of all(item, 'media:category')) {
    const t = text(c);
    if (t) cats.push(t);
  }
  cats.push(...itunesCategories(item));
  r.categories = cats;

  r.enclosures = rssEnclosures(item, base);
  for (const l of atomLinks(all(item, 'atom:link'), base)) {
    if (l.rel === 'enclosure' && !r.enclosures.some((e) => e.url === l.href)) r.enclosures.push({ url: l.href, type: l.type, length: l.length });
  }
  if (r.enclosures.length === 0) r.enclosures = mediaEnclosures(item, base);
  r.image = findImage(item, base, r.enclosures);
  return r;
}

export function readRss(root: XmlNode, ctx: ReadContext, rdf: boolean): ParsedFeed {
  const channel = first(root, 'channel');
  // Without a URL to resolve against, the channel's own link (or its self link) anchors relative ones.
  const anchors = [text(first(channel, 'link')), attr(all(channel, 'atom:link').find((l) => attr(l, 'rel')?.trim() === 'self'), 'href')];
  const docBase = anchoredBase(childBase(attr(root, 'xml:base'), ctx.url), anchors);
  const base = anchoredBase(childBase(attr(channel, 'xml:base'), docBase), anchors);
  const { ents } = ctx;

  const imageNode = first(channel, 'image') ?? first(root, 'image');
  const imageBase = childBase(attr(imageNode, 'xml:base'), base);
  const image =
    resolveUrl(text(first(imageNode, 'url')) ?? attr(imageNode, 'rdf:resource') ?? attr(imageNode, 'href'), imageBase) ??
    resolveUrl(attr(first(channel, 'itunes:image'), 'href') ?? attr(first(channel, 'itunes:image'), 'url'), base) ??
    resolveUrl(attr(first(channel, 'media:thumbnail'), 'url'), base) ??
    resolveUrl(text(firstOf(channel, ['atom:logo', 'atom:icon'])), base) ??
    findImage(channel, base, []);

  const selfLink = linkRel(channel, base, 'self') ?? linkRel(root, docBase, 'self');
  const feed: Feed = {
    format: ctx.format,
    title: constructText(firstOf(channel, ['title', 'dc:title', 'atom:title']), 'guess', ents),
    siteUrl: rssLink(channel, base) ?? linkRel(channel, base, 'alternate'),
    feedUrl: selfLink ?? ctx.url ?? null,
    description: constructText(firstOf(channel, ['description', 'dc:description', 'atom:subtitle', 'itunes:summary', 'itunes:subtitle', 'tagline']), 'html', ents),
    language:
      text(firstOf(channel, ['language', 'dc:language'])) ?? attr(channel, 'xml:lang') ?? attr(root, 'xml:lang') ?? null,
    image,
    updated: text(firstOf(channel, ['lastbuilddate', 'dc:date', 'atom:updated', 'dcterms:modified', 'pubdate'])),
  };

  // RSS 1.0 puts items beside the channel; broken 0.9x feeds do too. Take both, channel first.
  const rawItems: XmlValue[] = [...all(channel, 'item'), ...all(root, 'item')];
  if (rdf) rawItems.push(...all(first(root, 'rdf:description'), 'item'));
  const items = [];
  for (const it of rawItems) {
    if (items.length >= ctx.maxItems) break;
    items.push(normalizeItem(readItem(it, base, ctx)));
  }
  return { feed, items, ttlSeconds: ttlSeconds(channel) };
}
