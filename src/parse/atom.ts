/** Atom 1.0 and Atom 0.3 (including fully prefixed `<atom:feed>`; namespaces.ts drops the prefix). */
import type { Feed, ParsedFeed } from '../model';
import { constructHtml, constructText, constructType } from './constructs';
import { htmlToText } from './html/text';
import type { ReadContext } from './context';
import { atomLinks, atomPeople, findImage, mediaEnclosures, type AtomLink } from './extensions';
import { anchoredBase, childBase, resolveUrl } from './links';
import { all, attr, first, firstOf, text } from './node';
import { MAX_NAME_CHARS } from './limits';
import { cleanField, emptyRawItem, normalizeItem, type RawItem } from './normalize';
import type { XmlNode, XmlValue } from './xml';

function alternate(links: AtomLink[]): string | null {
  const alts = links.filter((l) => l.rel === 'alternate');
  return (alts.find((l) => !l.type || l.type.includes('html')) ?? alts[0])?.href ?? null;
}

function readEntry(entry: XmlValue, feedBase: string | null, ctx: ReadContext, feedAuthors: RawItem['authors']): RawItem {
  const base = childBase(attr(entry, 'xml:base'), feedBase);
  const r = emptyRawItem(base);
  const { ents } = ctx;
  const title = first(entry, 'title');
  r.title = constructText(title, constructType(title, 'text'), ents);
  r.id = text(first(entry, 'id')) ?? text(first(entry, 'guid'));
  const links = atomLinks(all(entry, 'link'), base);
  r.url = alternate(links);

  const summary = firstOf(entry, ['summary', 'dc:description']);
  if (summary !== undefined) {
    const t = constructType(summary, 'text');
    r.summaryHtml = constructHtml(summary, t, ents);
    r.summary = t === 'html' && r.summaryHtml !== null ? htmlToText(r.summaryHtml) || null : constructText(summary, t, ents);
  }
  const content = first(entry, 'content');
  if (content !== undefined) {
    const t = constructType(content, 'text');
    r.contentHtml = constructHtml(content, t, ents);
    r.base = childBase(attr(content, 'xml:base'), base);
    if (!r.url && attr(content, 'src')) r.url = resolveUrl(attr(content, 'src'), r.base);
  }
  r.authors = atomPeople(all(entry, 'author'), base);
  for (const c of all(entry, 'dc:creator')) {
    const name = cleanField(text(c), MAX_NAME_CHARS);
    if (name) r.authors.push({ name, email: null, url: null });
  }
  if (r.authors.length === 0) r.authors = feedAuthors;
  r.published = text(firstOf(entry, ['published', 'issued', 'created', 'dcterms:issued', 'pubdate']));
  // A repeated <updated> is overwritten by the later one (as feedparser does).
  r.updated = text(all(entry, 'updated').at(-1) ?? all(entry, 'modified').at(-1) ?? firstOf(entry, ['dc:date', 'dcterms:modified']));
  for (const c of all(entry, 'category')) {
    const t = attr(c, 'term') ?? attr(c, 'label') ?? text(c);
    if (t) r.categories.push(t);
  }
  for (const c of all(entry, 'dc:subject')) {
    const t = text(c);
    if (t) r.categories.push(t);
  }
  for (const l of links) if (l.rel === 'enclosure') r.enclosures.push({ url: l.href, type: l.type, length: l.length });
  if (r.enclosures.length === 0) r.enclosures = mediaEnclosures(entry, base);
  r.image = findImage(entry, base, r.enclosures);
  return r;
}

export function readAtom(root: XmlNode, ctx: ReadContext): ParsedFeed {
  // Without a URL to resolve against, the feed's alternate (or self) link anchors relative ones.
  const linkHref = (rel: string) =>
    attr(all(root, 'link').find((l) => (attr(l, 'rel')?.trim() ?? 'alternate') === rel), 'href');
  const base = anchoredBase(childBase(attr(root, 'xml:base'), ctx.url), [linkHref('alternate'), linkHref('self')]);
  const { ents } = ctx;
  const links = atomLinks(all(root, 'link'), base);
  const title = first(root, 'title');
  const subtitle = firstOf(root, ['subtitle', 'tagline', 'info', 'description']);
  const feed: Feed = {
    format: ctx.format,
    title: constructText(title, constructType(title, 'text'), ents),
    siteUrl: alternate(links),
    feedUrl: links.find((l) => l.rel === 'self')?.href ?? ctx.url ?? null,
    description: subtitle === undefined ? null : constructText(subtitle, constructType(subtitle, 'text'), ents),
    language: attr(root, 'xml:lang')?.trim() || text(first(root, 'dc:language')) || null,
    image: resolveUrl(text(firstOf(root, ['logo', 'icon'])), base) ?? findImage(root, base, []),
    updated: text(firstOf(root, ['updated', 'modified', 'dc:date'])),
  };
  const feedAuthors = atomPeople(all(root, 'author'), base);
  const items = [];
  for (const e of all(root, 'entry')) {
    if (items.length >= ctx.maxItems) break;
    items.push(normalizeItem(readEntry(e, base, ctx, feedAuthors)));
  }
  return { feed, items, ttlSeconds: null };
}
