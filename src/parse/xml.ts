/**
 * The XML pass of parseFeed: one linear pass of our own tree builder (xml-tree.ts) per document.
 *
 * - Entities: references in text and attributes are decoded by entities.ts (character references,
 *   the XML five, declared internal entities with a per-document cap, the HTML named set with no
 *   count cap, because ordinary references cannot expand a document). The DOCTYPE is removed before
 *   this runs (doctype.ts), so no DTD is read and no external entity is ever resolved.
 * - Text constructs (title, description, content...) keep their raw inner XML, so CDATA, escaped
 *   HTML and inline XHTML keep their order and markup while the rest of the tree is the compact
 *   object form (repeated elements as arrays, attributes as `@_name`).
 * - Tag names are lower-cased and renamed by namespace URI (namespaces.ts) so readers look up
 *   canonical names. Values are never coerced to numbers or booleans (a guid of "0012" stays "0012").
 *
 * Until November 2026 this pass was fast-xml-parser 5.12 configured to build the same tree;
 * alone it took longer than the whole parse budget (README, "Parsing feeds" → Speed). XML_PARSER_OPTIONS keeps
 * that configuration so `npm run bench` can still time bare fast-xml-parser on the same bytes.
 */
import { XmlEntities } from './entities';
import { FeedParseError } from './errors';
import { MAX_NESTED_TAGS } from './limits';
import { buildXmlTree, type XmlNode } from './xml-tree';

export type { XmlNode, XmlValue } from './xml-tree';

/** Elements whose raw inner XML the readers read themselves (canonical, lower-case names). */
export const TEXT_CONSTRUCTS: readonly string[] = [
  'title', 'description', 'summary', 'content', 'subtitle', 'tagline', 'info', 'rights', 'copyright',
  'content:encoded', 'dc:description', 'dc:title', 'dc:rights', 'xhtml:body', 'body', 'fullitem',
  'atom:title', 'atom:summary', 'atom:content', 'atom:subtitle', 'itunes:summary', 'itunes:subtitle',
  'media:description', 'media:title', 'abstract', 'dcterms:abstract',
];

const RAW_TEXT: ReadonlySet<string> = new Set(TEXT_CONSTRUCTS);

const benchEntities = new XmlEntities(null);

/**
 * fast-xml-parser options that build the same tree as xml-tree.ts (short of the namespace renames),
 * for the bench's "bare fast-xml-parser" peer only: the parser itself no longer uses them.
 */
export const XML_PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  // fast-xml-parser calls decode/reset/setXmlVersion/addInputEntities on it.
  entityDecoder: {
    decode: (s: string) => (s.indexOf('&') < 0 ? s : benchEntities.decode(s)),
    reset: () => {},
    setXmlVersion: () => {},
    addInputEntities: () => {},
    setExternalEntities: () => {},
  },
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: TEXT_CONSTRUCTS.map((n) => `..${n}`),
  maxNestedTags: MAX_NESTED_TAGS,
  jPath: false,
} as const;

/** Where to cut a damaged document so the items before the damage survive. */
function lastCompleteItem(text: string): number {
  let cut = -1;
  for (const close of ['</item>', '</entry>', '</atom:entry>', '</rss1:item>']) {
    const at = text.lastIndexOf(close);
    if (at >= 0) cut = Math.max(cut, at + close.length);
  }
  return cut;
}

/** True when the document stops before its root element is closed (a cut download). */
function looksTruncated(text: string): boolean {
  const tail = text.slice(-512).trimEnd();
  return !/<\/[\w.:-]*(?:rss|feed|rdf|channel)\s*>(?:\s|<!--[\s\S]*?-->|<\?[\s\S]*?\?>)*$/i.test(tail) && !/<\/[\w.:-]*(?:rss|feed|rdf|channel)\s*>/i.test(text.slice(-4096));
}

export interface ParseXmlOptions {
  renames: Map<string, string>;
  entities: XmlEntities;
}

/**
 * Builds the document's tree. A cut download keeps only its complete items (the clipped last one
 * would carry a cut link or title); a document that ends inside a text construct, CDATA section or
 * comment with no complete item before it is MALFORMED.
 */
export function parseXml(text: string, opts: ParseXmlOptions): { tree: XmlNode; recovered: boolean } {
  const build = (t: string) => buildXmlTree(t, { renames: opts.renames, entities: opts.entities, rawText: RAW_TEXT });
  if (looksTruncated(text)) {
    const cut = lastCompleteItem(text);
    if (cut > 0 && /<(?:[\w.-]+:)?(?:item|entry)[\s>]/.test(text.slice(cut))) {
      const kept = build(text.slice(0, cut));
      if (!kept.cut) return { tree: kept.tree, recovered: true };
    }
  }
  const whole = build(text);
  if (!whole.cut) return { tree: whole.tree, recovered: false };
  const cut = lastCompleteItem(text);
  if (cut > 0) {
    const kept = build(text.slice(0, cut));
    if (!kept.cut) return { tree: kept.tree, recovered: true };
  }
  throw new FeedParseError('MALFORMED', 'the XML ends inside an unclosed text, CDATA section or comment, with no complete item before it');
}
