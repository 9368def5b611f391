/**
 * The parsers the parse section compares. Each gets the same corpus and returns the number of items it
 * found (so nobody is "fast" by parsing nothing). Marquee reads the bytes, as the Worker receives
 * them (decoding included); the peers take the decoded string, which is what their APIs accept.
 */
import type { CorpusFeed } from './corpus';

export type PeerName = 'marquee' | 'marquee-string' | 'rss-parser' | 'feedsmith' | 'fast-xml-parser' | 'json-parse';

export const PEER_LABELS: Record<PeerName, string> = {
  marquee: 'Marquee parseFeed (bytes)',
  'marquee-string': 'Marquee parseFeed (string)',
  'rss-parser': 'rss-parser 3.13 parseString',
  feedsmith: 'feedsmith 3.0 parseFeed',
  'fast-xml-parser': 'bare fast-xml-parser 5.12 XMLParser.parse',
  'json-parse': 'bare JSON.parse',
};

export interface Peer {
  name: PeerName;
  label: string;
  /** Parses one feed; returns its item count, or -1 when the parser reported an error. */
  parse(feed: CorpusFeed): number | Promise<number>;
  /** Keeps the parsed output alive, for the retained-heap measurement. */
  parseKeep(feed: CorpusFeed): unknown;
}

/** Options Marquee passes to fast-xml-parser, when src/parse exports them (see bareXmlOptions). */
// Imported by path at run time, so the bench runs (and says SKIPPED) before the parser lands.
const MARQUEE_PARSE_MODULE = '../src/parse/index.ts';
const MARQUEE_XML_MODULE = '../src/parse/xml.ts';

export const DEFAULT_BARE_XML_OPTIONS = { ignoreAttributes: false } as const;

export async function loadMarqueeParser(): Promise<
  ((input: { body: Uint8Array | string; contentType?: string; url?: string }) => unknown) | string
> {
  try {
    const mod = (await import(MARQUEE_PARSE_MODULE)) as Record<string, unknown>;
    if (typeof mod.parseFeed !== 'function') return 'src/parse/index.ts does not export parseFeed yet';
    return mod.parseFeed as (input: { body: Uint8Array | string; contentType?: string; url?: string }) => unknown;
  } catch (err) {
    const message = (err as Error).message;
    return /Cannot find module/.test(message) ? 'src/parse/index.ts has not landed yet' : `src/parse/index.ts failed to load: ${message.split('\n')[0]}`;
  }
}

/**
 * The options for the bare fast-xml-parser peer: Marquee's own if src/parse exports them as
 * XML_PARSER_OPTIONS, else fast-xml-parser's defaults with attributes kept.
 */
export async function bareXmlOptions(): Promise<{ options: Record<string, unknown>; source: string }> {
  try {
    const mod = (await import(MARQUEE_XML_MODULE)) as Record<string, unknown>;
    const exported = mod.XML_PARSER_OPTIONS;
    if (exported && typeof exported === 'object') {
      return { options: exported as Record<string, unknown>, source: "XML_PARSER_OPTIONS from src/parse/xml.ts (the fast-xml-parser configuration that builds Marquee's tree)" };
    }
  } catch {
    // Not there yet: fall back to defaults below.
  }
  return { options: { ...DEFAULT_BARE_XML_OPTIONS }, source: 'defaults + ignoreAttributes: false (Marquee does not export its options)' };
}

type Tree = Record<string, unknown>;

function countOf(v: unknown): number {
  return Array.isArray(v) ? v.length : v === undefined || v === null ? 0 : 1;
}

/** Items in a fast-xml-parser tree of any of the corpus's XML dialects. */
function fxpItemCount(tree: Tree): number {
  const rss = tree.rss as Tree | undefined;
  if (rss) return countOf((rss.channel as Tree | undefined)?.item);
  const feed = tree.feed as Tree | undefined;
  if (feed) return countOf(feed.entry);
  const rdf = tree['rdf:RDF'] as Tree | undefined;
  if (rdf) return countOf(rdf.item);
  return 0;
}

function parseResultCount(result: unknown): number {
  const r = result as { ok: boolean; value?: { items: unknown[] } };
  return r.ok ? r.value!.items.length : -1;
}

export async function makePeer(name: PeerName): Promise<Peer | string> {
  switch (name) {
    case 'marquee':
    case 'marquee-string': {
      const parseFeed = await loadMarqueeParser();
      if (typeof parseFeed === 'string') return parseFeed;
      const input = (f: CorpusFeed) =>
        ({ body: name === 'marquee' ? f.body : f.text, contentType: f.contentType, url: f.url });
      return {
        name,
        label: PEER_LABELS[name],
        parse: (f) => parseResultCount(parseFeed(input(f))),
        parseKeep: (f) => parseFeed(input(f)),
      };
    }
    case 'rss-parser': {
      const { default: Parser } = await import('rss-parser');
      const parser = new Parser();
      return {
        name,
        label: PEER_LABELS[name],
        parse: async (f) => {
          try {
            return (await parser.parseString(f.text)).items.length;
          } catch {
            return -1;
          }
        },
        parseKeep: (f) => parser.parseString(f.text).catch(() => null),
      };
    }
    case 'feedsmith': {
      const { parseFeed } = await import('feedsmith');
      const count = (f: CorpusFeed) => {
        const r = parseFeed(f.text) as { feed: { items?: unknown[]; entries?: unknown[] } };
        return (r.feed.items ?? r.feed.entries ?? []).length;
      };
      return {
        name,
        label: PEER_LABELS[name],
        parse: (f) => {
          try {
            return count(f);
          } catch {
            return -1;
          }
        },
        parseKeep: (f) => {
          try {
            return parseFeed(f.text);
          } catch {
            return null;
          }
        },
      };
    }
    case 'fast-xml-parser': {
      const { XMLParser } = await import('fast-xml-parser');
      const { options } = await bareXmlOptions();
      const parser = new XMLParser(options);
      return {
        name,
        label: PEER_LABELS[name],
        parse: (f) => {
          try {
            return fxpItemCount(parser.parse(f.text) as Tree);
          } catch {
            return -1;
          }
        },
        parseKeep: (f) => {
          try {
            return parser.parse(f.text);
          } catch {
            return null;
          }
        },
      };
    }
    case 'json-parse':
      return {
        name,
        label: PEER_LABELS[name],
        parse: (f) => countOf((JSON.parse(f.text) as Tree).items),
        parseKeep: (f) => JSON.parse(f.text),
      };
  }
}
