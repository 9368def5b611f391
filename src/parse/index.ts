/**
 * parseFeed: bytes (or text) of any feed dialect → Marquee's model, or a typed error. Pure and
 * synchronous, web APIs only, so the Worker and the CLI run exactly this. It never throws.
 *
 * Pipeline: size cap → decode (decode.ts) → JSON Feed? (jsonfeed.ts) → DOCTYPE cut out, internal
 * entities capped (doctype.ts) → dialect sniffed from the root (detect.ts) → namespaces mapped by URI
 * (namespaces.ts) → one pass of our XML tree builder (xml.ts, xml-tree.ts) → dialect reader (rss/atom/cdf) → normalize.
 */
import type { ParsedFeed, ParseResult } from '../model';
import { readAtom } from './atom';
import { readCdf } from './cdf';
import type { ReadContext } from './context';
import { parseDate } from './dates';
import { decodeBody } from './decode';
import { sniff } from './detect';
import { stripDoctype } from './doctype';
import { XmlEntities } from './entities';
import { failure, FeedParseError } from './errors';
import { cleanText } from './html/text';
import { readJsonFeed } from './jsonfeed';
import { DEFAULT_MAX_BYTES, MAX_ITEMS, MAX_SUMMARY_CHARS, MAX_TITLE_CHARS } from './limits';
import { collectNamespaces } from './namespaces';
import { capField } from './normalize';
import { readRss } from './rss';
import { isNode } from './node';
import { parseXml, type XmlNode } from './xml';

export { DEFAULT_MAX_BYTES, MAX_ITEMS } from './limits';

export interface ParseInput {
  body: Uint8Array | string;
  /** The HTTP Content-Type, if any (its charset is honoured). */
  contentType?: string | null;
  /** Where the document came from: resolves relative links and is the default feedUrl. */
  url?: string | null;
  maxBytes?: number;
  /** Items beyond this are dropped (default MAX_ITEMS). */
  maxItems?: number;
}

function byteLength(body: Uint8Array | string): number {
  if (typeof body !== 'string') return body.byteLength;
  // UTF-8 length without encoding: at most 3 bytes per UTF-16 unit.
  if (body.length * 3 <= DEFAULT_MAX_BYTES) return body.length;
  return new TextEncoder().encode(body).byteLength;
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 1024);
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32)) || c === 0xfffd) bad++;
  }
  return bad > 8 && bad > head.length / 20;
}

function finish(parsed: ParsedFeed): ParsedFeed {
  const f = parsed.feed;
  // Already plain text (constructs.ts): tidy and cap, but never decode references a second time.
  f.title = f.title ? capField(cleanText(f.title), MAX_TITLE_CHARS) : null;
  f.description = f.description ? capField(cleanText(f.description), MAX_SUMMARY_CHARS) : null;
  f.language = f.language ? cleanText(f.language).replace(/_/g, '-') || null : null;
  f.updated = parseDate(f.updated);
  return parsed;
}

function rootOf(tree: XmlNode, names: readonly string[]): XmlNode | null {
  // A root under a prefix we do not know (`<x:rss>`) is still the root.
  const keys = Object.keys(tree);
  for (const n of names) {
    const key = n in tree ? n : keys.find((k) => k.endsWith(`:${n}`));
    if (key === undefined) continue;
    const v = tree[key];
    const node = Array.isArray(v) ? v[0] : v;
    if (isNode(node)) return node;
    if (v === '') return {};
  }
  return null;
}

function parseXmlFeed(text: string, url: string | null, maxItems: number): ParsedFeed {
  const doctype = stripDoctype(text);
  const sniffed = sniff(doctype.text, doctype.netscape);
  const body = sniffed.start > 0 ? doctype.text.slice(sniffed.start) : doctype.text;
  const ns = collectNamespaces(body, sniffed.ownUris);
  const ents = new XmlEntities(doctype.entities);
  const { tree } = parseXml(body, { renames: ns.renames, entities: ents });
  const ctx: ReadContext = { ents, url, format: sniffed.format, maxItems };
  switch (sniffed.dialect) {
    case 'atom': {
      const root = rootOf(tree, ['feed']);
      if (!root) throw new FeedParseError('MALFORMED', 'the Atom feed element could not be read');
      return readAtom(root, ctx);
    }
    case 'rdf': {
      const root = rootOf(tree, ['rdf:rdf', 'rdf']);
      if (!root) throw new FeedParseError('MALFORMED', 'the RDF root element could not be read');
      return readRss(root, ctx, true);
    }
    case 'cdf': {
      const root = rootOf(tree, ['channel']);
      if (!root) throw new FeedParseError('MALFORMED', 'the CDF channel could not be read');
      return readCdf(root, ctx);
    }
    default: {
      const root = rootOf(tree, ['rss']);
      if (!root) throw new FeedParseError('MALFORMED', 'the RSS root element could not be read');
      return readRss(root, ctx, false);
    }
  }
}

export function parseFeed(input: ParseInput): ParseResult {
  try {
    const maxBytes = input.maxBytes ?? DEFAULT_MAX_BYTES;
    const size = byteLength(input.body);
    if (size > maxBytes) return failure('TOO_LARGE', `the document is ${size} bytes, over the ${maxBytes}-byte limit`);
    const { text } = decodeBody(input.body, input.contentType);
    if (!text.trim()) return failure('EMPTY', 'the document is empty');
    if (looksBinary(text)) return failure('NOT_A_FEED', 'the document is binary data, not a feed');
    const maxItems = Math.max(0, input.maxItems ?? MAX_ITEMS);
    const url = input.url ?? null;
    const trimmed = text.trimStart();
    const parsed =
      trimmed.startsWith('{') || /json/i.test(input.contentType ?? '') && !trimmed.startsWith('<')
        ? readJsonFeed(text, url, maxItems)
        : parseXmlFeed(text, url, maxItems);
    return { ok: true, value: finish(parsed) };
  } catch (err) {
    if (err instanceof FeedParseError) return failure(err.code, err.message);
    return failure('MALFORMED', `the feed could not be parsed: ${err instanceof Error ? err.message : String(err)}`);
  }
}
