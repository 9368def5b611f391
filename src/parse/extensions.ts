/** Extension elements shared by RSS, RDF and Atom items: Media RSS, iTunes, enclosures, atom:link. */
import type { Author, Enclosure } from '../model';
import { resolveUrl, childBase } from './links';
import { MAX_NAME_CHARS } from './limits';
import { all, attr, first, isNode, text } from './node';
import { cleanField } from './normalize';
import type { XmlValue } from './xml';

function isImageType(type: string | null, url: string | null): boolean {
  if (type) return type.toLowerCase().startsWith('image/');
  return !!url && /\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(url);
}

function elementBase(v: XmlValue | undefined, base: string | null): string | null {
  return childBase(attr(v, 'xml:base'), base);
}

/** The item's image: media:thumbnail, an image media:content, itunes:image, image enclosure. */
export function findImage(node: XmlValue | undefined, base: string | null, enclosures: Enclosure[]): string | null {
  const scopes: XmlValue[] = [node as XmlValue];
  for (const g of all(node, 'media:group')) scopes.push(g);
  for (const scope of scopes) {
    const thumb = first(scope, 'media:thumbnail');
    const url = resolveUrl(attr(thumb, 'url'), elementBase(thumb, base));
    if (url) return url;
  }
  for (const scope of scopes) {
    for (const mc of all(scope, 'media:content')) {
      const url = resolveUrl(attr(mc, 'url'), elementBase(mc, base));
      const medium = attr(mc, 'medium');
      if (url && (medium === 'image' || (!medium && isImageType(attr(mc, 'type'), url)))) return url;
      const inner = first(mc, 'media:thumbnail');
      const innerUrl = resolveUrl(attr(inner, 'url'), elementBase(inner, base));
      if (innerUrl) return innerUrl;
    }
  }
  const itunes = first(node, 'itunes:image');
  const itunesUrl = resolveUrl(attr(itunes, 'href') ?? attr(itunes, 'url') ?? text(itunes), elementBase(itunes, base));
  if (itunesUrl) return itunesUrl;
  // Old iTunes style: <link rel="image" href="..."/> (atom:link or a plain link with attributes).
  for (const key of ['atom:link', 'itunes:link', 'link']) {
    for (const l of all(node, key)) {
      if (attr(l, 'rel')?.trim().toLowerCase() === 'image') {
        const u = resolveUrl(attr(l, 'href'), elementBase(l, base));
        if (u) return u;
      }
    }
  }
  const img = first(node, 'image');
  if (img !== undefined) {
    const u = resolveUrl(isNode(img) ? (text(first(img, 'url')) ?? attr(img, 'href') ?? attr(img, 'rdf:resource')) : text(img), base);
    if (u) return u;
  }
  for (const e of enclosures) if (isImageType(e.type, e.url)) return e.url;
  return null;
}

export function parseLength(s: string | null): number | null {
  if (!s) return null;
  const n = Number(s.trim());
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

/** RSS `<enclosure>` elements. */
export function rssEnclosures(node: XmlValue | undefined, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  for (const e of all(node, 'enclosure')) {
    const url = resolveUrl(attr(e, 'url') ?? attr(e, 'href') ?? attr(e, 'rdf:resource'), elementBase(e, base));
    if (!url) continue;
    out.push({ url, type: attr(e, 'type')?.trim() || null, length: parseLength(attr(e, 'length')) });
  }
  return out;
}

/** Audio/video media:content, for feeds that carry media only that way. */
export function mediaEnclosures(node: XmlValue | undefined, base: string | null): Enclosure[] {
  const out: Enclosure[] = [];
  const scopes: XmlValue[] = [node as XmlValue, ...all(node, 'media:group')];
  for (const scope of scopes) {
    for (const mc of all(scope, 'media:content')) {
      const type = attr(mc, 'type')?.trim() || null;
      const medium = attr(mc, 'medium');
      if (!(medium === 'audio' || medium === 'video' || /^(audio|video)\//i.test(type ?? ''))) continue;
      const url = resolveUrl(attr(mc, 'url'), elementBase(mc, base));
      if (url) out.push({ url, type, length: parseLength(attr(mc, 'fileSize')) });
    }
  }
  return out;
}

export interface AtomLink {
  rel: string;
  href: string;
  type: string | null;
  length: number | null;
}

/** Atom `<link>` elements (or `atom:link` inside RSS), resolved. */
export function atomLinks(values: readonly XmlValue[], base: string | null): AtomLink[] {
  const out: AtomLink[] = [];
  for (const l of values) {
    if (!isNode(l)) continue;
    const href = resolveUrl(attr(l, 'href') ?? attr(l, 'url') ?? text(l), elementBase(l, base));
    if (!href) continue;
    out.push({ rel: (attr(l, 'rel') ?? 'alternate').trim().toLowerCase(), href, type: attr(l, 'type')?.trim() || null, length: parseLength(attr(l, 'length')) });
  }
  return out;
}

/** Atom person constructs (`<author><name/><email/><uri/></author>`). */
export function atomPeople(values: readonly XmlValue[], base: string | null, prefix = ''): Author[] {
  const out: Author[] = [];
  for (const p of values) {
    if (!isNode(p)) {
      const name = cleanField(text(p), MAX_NAME_CHARS);
      if (name) out.push({ name, email: null, url: null });
      continue;
    }
    // Plain text like every name: a double-escaped `D&amp;#039;Alessandro` reaches us as `D&#039;…`.
    const name = cleanField(text(first(p, `${prefix}name`)), MAX_NAME_CHARS);
    const email = text(first(p, `${prefix}email`));
    const uri = text(first(p, `${prefix}uri`)) ?? text(first(p, `${prefix}url`)) ?? text(first(p, `${prefix}homepage`));
    const url = resolveUrl(uri, elementBase(p, base));
    if (name || email || url) out.push({ name, email, url });
  }
  return out;
}

/** itunes:category (nested) and itunes:keywords as categories. */
export function itunesCategories(node: XmlValue | undefined): string[] {
  const out: string[] = [];
  const walk = (v: XmlValue | undefined): void => {
    for (const c of all(v, 'itunes:category')) {
      const t = attr(c, 'text');
      if (t) out.push(t);
      walk(c);
    }
  };
  walk(node);
  const keywords = text(first(node, 'itunes:keywords'));
  if (keywords) for (const k of keywords.split(',')) if (k.trim()) out.push(k.trim());
  return out;
}

/** Publisher polling hints → seconds: RSS <ttl> (minutes), sy:updatePeriod / sy:updateFrequency. */
export function ttlSeconds(channel: XmlValue | undefined): number | null {
  const ttl = Number(text(first(channel, 'ttl')));
  if (Number.isFinite(ttl) && ttl > 0) return Math.round(ttl * 60);
  const period = text(first(channel, 'sy:updateperiod'))?.toLowerCase();
  if (!period) return null;
  const seconds: Record<string, number> = { hourly: 3600, daily: 86400, weekly: 604800, monthly: 2592000, yearly: 31536000 };
  const span = seconds[period];
  if (!span) return null;
  const freq = Number(text(first(channel, 'sy:updatefrequency')) ?? '1');
  return Math.round(span / (Number.isFinite(freq) && freq >= 1 ? freq : 1));
}
