/** Microsoft's Channel Definition Format (CDF), the 1997 push-channel dialect feedparser still reads. */
import type { ParsedFeed } from '../model';
import { constructText } from './constructs';
import type { ReadContext } from './context';
import { resolveUrl } from './links';
import { all, attr, first } from './node';
import { emptyRawItem, normalizeItem } from './normalize';
import type { XmlNode, XmlValue } from './xml';

/** CDF attributes are conventionally upper-case; accept either. */
function cdfAttr(v: XmlValue | undefined, name: string): string | null {
  return attr(v, name.toUpperCase()) ?? attr(v, name.toLowerCase());
}

export function readCdf(root: XmlNode, ctx: ReadContext): ParsedFeed {
  const base = ctx.url;
  const items = [];
  for (const it of all(root, 'item')) {
    if (items.length >= ctx.maxItems) break;
    const r = emptyRawItem(base);
    r.title = constructText(first(it, 'title'), 'guess', ctx.ents);
    r.url = resolveUrl(cdfAttr(it, 'href'), base);
    const abstract = first(it, 'abstract');
    r.summary = constructText(abstract, 'html', ctx.ents);
    r.updated = cdfAttr(it, 'lastmod');
    items.push(normalizeItem(r));
  }
  return {
    feed: {
      format: 'cdf',
      title: constructText(first(root, 'title'), 'guess', ctx.ents),
      siteUrl: resolveUrl(cdfAttr(root, 'href'), base),
      feedUrl: ctx.url,
      description: constructText(first(root, 'abstract'), 'html', ctx.ents),
      language: null,
      image: null,
      updated: cdfAttr(root, 'lastmod'),
    },
    items,
    ttlSeconds: null,
  };
}
