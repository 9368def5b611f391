/**
 * Dialect detection from the root element, before parsing: which reader runs, which namespaces are
 * the dialect's own, and the feedparser `version` name. An HTML page is recognised here too.
 */
import type { FeedFormat } from '../model';
import { FeedParseError } from './errors';
import { SNIFF_CHARS } from './limits';
import { NS } from './namespaces';

export type Dialect = 'rss' | 'rdf' | 'atom' | 'cdf';

export interface Sniffed {
  dialect: Dialect;
  format: FeedFormat;
  /** Where the root element starts (junk before it is skipped). */
  start: number;
  /** The dialect's own namespace URIs (their prefixes are dropped). */
  ownUris: string[];
}

const PROLOG_ROOT = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)/;
const FEED_ROOT = /<((?:[A-Za-z_][\w.-]*:)?(?:rss|feed|RDF)|channel|CHANNEL)[\s>]/;

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2] ?? '') : null;
}

function xmlnsFor(attrs: string, name: string): string | null {
  const prefix = name.includes(':') ? name.slice(0, name.indexOf(':')) : null;
  const v = attr(attrs, prefix ? `xmlns:${prefix}` : 'xmlns');
  return v === null ? null : v.trim().toLowerCase();
}

function rssFormat(version: string | null, netscape: boolean): FeedFormat {
  switch ((version ?? '').trim()) {
    case '0.91':
      return netscape ? 'rss091n' : 'rss091u';
    case '0.92':
      return 'rss092';
    case '0.93':
      return 'rss093';
    case '0.94':
      return 'rss094';
    case '0.90':
    case '0.9':
      return 'rss090';
  }
  return (version ?? '').trim().startsWith('2') ? 'rss20' : 'rss';
}

export function sniff(text: string, netscape: boolean): Sniffed {
  const head = text.length > SNIFF_CHARS ? text.slice(0, SNIFF_CHARS) : text;
  let m = PROLOG_ROOT.exec(head);
  let start = 0;
  if (m && /^html$/i.test(m[1]!)) throw new FeedParseError('HTML_NOT_FEED', 'this is an HTML page, not a feed');
  if (!m || !FEED_ROOT.test(`<${m[1]} `)) {
    // Junk before the root (a PHP warning, a stray line): look for a feed root further in.
    const found = FEED_ROOT.exec(head);
    if (!found) {
      if (/<html[\s>]|<!DOCTYPE\s+html|<body[\s>]|<head[\s>]/i.test(head)) {
        throw new FeedParseError('HTML_NOT_FEED', 'this is an HTML page, not a feed');
      }
      throw new FeedParseError('NOT_A_FEED', 'no RSS, Atom, RDF or JSON Feed root element found');
    }
    start = found.index;
    m = PROLOG_ROOT.exec(head.slice(start));
    if (!m) throw new FeedParseError('NOT_A_FEED', 'no RSS, Atom, RDF or JSON Feed root element found');
  }
  const name = m[1]!;
  const attrs = m[2] ?? '';
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (local === 'feed') {
    const ns = xmlnsFor(attrs, name);
    const version = attr(attrs, 'version');
    const format: FeedFormat = ns === NS.atom03 || (version !== null && version.trim().startsWith('0.')) ? 'atom03' : 'atom10';
    return { dialect: 'atom', format, start, ownUris: [NS.atom10, NS.atom03] };
  }
  if (local === 'RDF') {
    const ns = attr(attrs, 'xmlns')?.trim().toLowerCase();
    const format: FeedFormat = ns === NS.rss090 ? 'rss090' : 'rss10';
    return { dialect: 'rdf', format, start, ownUris: [NS.rss10, NS.rss090, 'http://purl.org/net/rss1.1#'] };
  }
  if (local.toLowerCase() === 'channel') return { dialect: 'cdf', format: 'cdf', start, ownUris: [] };
  return { dialect: 'rss', format: rssFormat(attr(attrs, 'version'), netscape), start, ownUris: [] };
}
