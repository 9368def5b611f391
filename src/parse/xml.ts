/**
 * One fast-xml-parser pass per document, configured deliberately:
 *
 * - Entities: fast-xml-parser's own entity machinery is bypassed with a custom `entityDecoder`
 *   (entities.ts). Its defaults changed across 2026 releases (an expansion cap that rejected big,
 *   entity-heavy trade-paper feeds, later loosened); ours decodes character references, the XML five
 *   and the HTML named set with no count cap, because ordinary references cannot expand a document.
 *   Only DTD-declared entities can, and those are capped in doctype.ts/entities.ts. The DOCTYPE is
 *   removed before parsing, so the parser's DTD reader (and any external entity) never runs.
 * - Text constructs (title, description, content...) are stop nodes: the parser hands us their raw
 *   inner XML untouched, so CDATA, escaped HTML and inline XHTML keep their order and markup while
 *   the rest of the tree uses the fast unordered (preserveOrder: false) object form.
 * - Tag names are renamed by namespace URI (namespaces.ts) so readers look up canonical names.
 * - Values are never coerced to numbers or booleans (a guid of "0012" stays "0012").
 */
import { XMLParser } from 'fast-xml-parser';
import { FeedParseError } from './errors';
import type { XmlEntities } from './entities';
import { MAX_NESTED_TAGS } from './limits';

export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [key: string]: XmlValue | undefined;
}

/** Elements whose raw inner XML we read ourselves (canonical, lower-case names). */
const TEXT_CONSTRUCTS = [
  'title', 'description', 'summary', 'content', 'subtitle', 'tagline', 'info', 'rights', 'copyright',
  'content:encoded', 'dc:description', 'dc:title', 'dc:rights', 'xhtml:body', 'body', 'fullitem',
  'atom:title', 'atom:summary', 'atom:content', 'atom:subtitle', 'itunes:summary', 'itunes:subtitle',
  'media:description', 'media:title', 'abstract', 'dcterms:abstract',
];

let renames: Map<string, string> | null = null;
let entities: XmlEntities | null = null;

/** Canonical tag name: namespace prefix by URI, lower-cased (feeds in the wild mix `pubDate`/`PubDate`). */
function renameTag(name: string): string {
  const lower = name.toLowerCase();
  if (renames === null) return lower;
  const colon = name.indexOf(':');
  if (colon < 0) return lower;
  const canonical = renames.get(name.slice(0, colon));
  if (canonical === undefined) return lower;
  return canonical === '' ? lower.slice(colon + 1) : `${canonical}:${lower.slice(colon + 1)}`;
}

/** The parts of fast-xml-parser's entity decoder interface it calls. */
const entityDecoder = {
  decode: (s: string) => (entities === null || s.indexOf('&') < 0 ? s : entities.decode(s)),
  reset: () => {},
  setXmlVersion: () => {},
  addInputEntities: () => {},
  setExternalEntities: () => {},
};

/**
 * The options of our one fast-xml-parser pass (bench/ parses the same bytes with bare fast-xml-parser
 * and these options, to price what the dialect readers and normalization add). The tag renamer is
 * left out of the export: it only canonicalises names and would hide `rdf:RDF` from other tools.
 */
export const XML_PARSER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  // Typed loosely in 5.12.1's .d.ts; the runtime calls decode/reset/setXmlVersion/addInputEntities.
  entityDecoder: entityDecoder as never,
  ignoreDeclaration: true,
  ignorePiTags: true,
  stopNodes: TEXT_CONSTRUCTS.map((n) => `..${n}`),
  maxNestedTags: MAX_NESTED_TAGS,
  jPath: false,
} as const;

const parser = new XMLParser({ ...XML_PARSER_OPTIONS, transformTagName: renameTag } as ConstructorParameters<typeof XMLParser>[0]);

function parseOnce(text: string): XmlNode {
  return parser.parse(text) as XmlNode;
}

/** Where to cut a damaged document so the items before the damage survive. */
function lastCompleteItem(text: string): number {
  let cut = -1;
  for (const close of ['</item>', '</entry>', '</atom:entry>', '</rss1:item>']) {
    const at = text.lastIndexOf(close);
    if (at >= 0) cut = Math.max(cut, at + close.length);
  }
  return cut;
}

/** Candidate repairs of a damaged document, least destructive first. */
function* repairs(text: string): Generator<string> {
  // A cut inside the last tag (`</rss` with no `>`, or a truncated start tag): drop the fragment.
  const lt = text.lastIndexOf('<');
  if (lt > 0 && text.indexOf('>', lt) < 0) yield text.slice(0, lt);
  const cut = lastCompleteItem(text);
  if (cut > 0) yield text.slice(0, cut);
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
 * Parses the document; if the parser gives up on damage (truncation, a broken tag), the document is
 * cut after its last complete item and parsed again, so those items are recovered.
 */
export function parseXml(text: string, opts: ParseXmlOptions): { tree: XmlNode; recovered: boolean } {
  renames = opts.renames.size > 0 ? opts.renames : null;
  entities = opts.entities;
  try {
    let first: unknown;
    // A cut download parses "fine" (the parser tolerates unclosed tags) but its last item is partial,
    // with a clipped link or title: keep only the complete items.
    if (looksTruncated(text)) {
      const cut = lastCompleteItem(text);
      if (cut > 0 && /<(?:[\w.-]+:)?(?:item|entry)[\s>]/.test(text.slice(cut))) {
        try {
          return { tree: parseOnce(text.slice(0, cut)), recovered: true };
        } catch (err) {
          if (err instanceof FeedParseError) throw err;
        }
      }
    }
    try {
      return { tree: parseOnce(text), recovered: false };
    } catch (err) {
      if (err instanceof FeedParseError) throw err;
      first = err;
    }
    for (const repaired of repairs(text)) {
      try {
        return { tree: parseOnce(repaired), recovered: true };
      } catch (again) {
        if (again instanceof FeedParseError) throw again;
      }
    }
    throw new FeedParseError('MALFORMED', `the XML is broken beyond repair: ${(first as Error).message}`);
  } finally {
    renames = null;
    entities = null;
  }
}
