/**
 * The DOCTYPE is cut out before the tree builder (xml-tree.ts) sees the document, so no DTD is ever read.
 * We keep only what is safe and useful:
 * - internal general entities (`<!ENTITY id "tag:example.com,">`), expanded fully here with a
 *   depth, size and total cap, so a billion-laughs bomb is refused with ENTITY_EXPANSION;
 * - whether it names Netscape's RSS 0.91 DTD (feedparser's rss091n vs rss091u).
 * External entities (SYSTEM/PUBLIC) and parameter entities are never resolved: nothing is fetched
 * or read, and a reference to one stays literal text (XXE is inert).
 */
import { FeedParseError } from './errors';
import { MAX_DOCTYPE_ENTITIES, MAX_ENTITY_DEPTH, MAX_ENTITY_VALUE_CHARS, SNIFF_CHARS } from './limits';

export interface Doctype {
  /** The document with the DOCTYPE removed. */
  text: string;
  /** Declared internal entities, fully expanded. */
  entities: Map<string, string> | null;
  netscape: boolean;
}

const ENTITY_DECL = /<!ENTITY\s+(%\s+)?([^\s"'%>]+)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g;

/** Index just past the DOCTYPE starting at `start`, honouring quotes and an internal subset. */
function doctypeEnd(text: string, start: number): number {
  let inSubset = false;
  let quote: string | null = null;
  for (let i = start + 9; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      inSubset = true;
    } else if (c === ']') {
      inSubset = false;
    } else if (c === '>' && !inSubset) {
      return i + 1;
    } else if (c === '<' && inSubset && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return text.length;
      i = end + 2;
    }
  }
  return text.length;
}

function expandEntities(raw: Map<string, string>): Map<string, string> {
  const done = new Map<string, string>();
  const visiting = new Set<string>();
  const expand = (name: string, depth: number): string => {
    const ready = done.get(name);
    if (ready !== undefined) return ready;
    const value = raw.get(name);
    if (value === undefined) return `&${name};`;
    if (depth > MAX_ENTITY_DEPTH || visiting.has(name)) {
      throw new FeedParseError('ENTITY_EXPANSION', `entity "${name}" nests too deeply or refers to itself`);
    }
    visiting.add(name);
    const out = value.replace(/&([A-Za-z_][\w.-]*);/g, (ref, inner: string) => {
      if (!raw.has(inner)) return ref;
      return expand(inner, depth + 1);
    });
    visiting.delete(name);
    if (out.length > MAX_ENTITY_VALUE_CHARS) {
      throw new FeedParseError('ENTITY_EXPANSION', `entity "${name}" expands beyond ${MAX_ENTITY_VALUE_CHARS} characters`);
    }
    done.set(name, out);
    return out;
  };
  for (const name of raw.keys()) expand(name, 0);
  return done;
}

/** Index of a DOCTYPE in the prolog (after only whitespace, PIs and comments), or -1. */
function prologDoctype(text: string): number {
  let i = 0;
  const limit = Math.min(text.length, SNIFF_CHARS * 4);
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) {
      i++;
    } else if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return -1;
      i = end + 3;
    } else {
      return /^<!DOCTYPE/i.test(text.slice(i, i + 9)) ? i : -1;
    }
  }
  return -1;
}

export function stripDoctype(text: string): Doctype {
  const at = prologDoctype(text);
  if (at < 0) return { text, entities: null, netscape: false };
  const end = doctypeEnd(text, at);
  const decl = text.slice(at, end);
  const netscape = /netscape/i.test(decl);
  const raw = new Map<string, string>();
  const subset = decl.indexOf('[');
  if (subset >= 0) {
    for (const m of decl.slice(subset).matchAll(ENTITY_DECL)) {
      if (m[1] || m[5]) continue; // parameter or external entity: never resolved
      const name = m[2]!;
      const value = m[3] ?? m[4] ?? '';
      if (raw.has(name)) continue; // XML: the first declaration binds
      if (raw.size >= MAX_DOCTYPE_ENTITIES) {
        throw new FeedParseError('ENTITY_EXPANSION', `more than ${MAX_DOCTYPE_ENTITIES} entity declarations`);
      }
      raw.set(name, value);
    }
  }
  const entities = raw.size > 0 ? expandEntities(raw) : null;
  return { text: text.slice(0, at) + text.slice(end), entities, netscape };
}
