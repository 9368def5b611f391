/** Reading the XML tree (xml-tree.ts): repeated elements are arrays, attributes `@_name`. */
import type { XmlNode, XmlValue } from './xml';

export function isNode(v: XmlValue | undefined): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What `all` returns for a missing element: one shared empty list (no allocation per lookup).
 * Read-only by its type, not frozen: the engine iterates a frozen array with `for…of` through the
 * generic protocol, an iterator and a result object per step, where a plain array has a fast path.
 */
const NONE: readonly XmlValue[] = [];

/** Every occurrence of element `key` under `node`, in document order (read-only: it may be the tree's own list). */
export function all(node: XmlValue | undefined, key: string): readonly XmlValue[] {
  if (!isNode(node)) return NONE;
  const v = node[key];
  if (v === undefined) return NONE;
  return Array.isArray(v) ? v : [v];
}

export function first(node: XmlValue | undefined, key: string): XmlValue | undefined {
  if (!isNode(node)) return undefined;
  const v = node[key];
  return Array.isArray(v) ? v[0] : v;
}

/** First present element among `keys` (in order of preference). */
export function firstOf(node: XmlValue | undefined, keys: readonly string[]): XmlValue | undefined {
  if (!isNode(node)) return undefined;
  for (const k of keys) {
    const v = first(node, k);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Attribute name → its key in the tree, made once per name rather than on every lookup. */
const ATTRIBUTE_KEYS = new Map<string, string>();

export function attr(v: XmlValue | undefined, name: string): string | null {
  if (!isNode(v)) return null;
  let key = ATTRIBUTE_KEYS.get(name);
  if (key === undefined) ATTRIBUTE_KEYS.set(name, (key = `@_${name}`));
  const a = v[key];
  return typeof a === 'string' ? a : null;
}

/** Text of a simple element (entities already decoded by the parser), trimmed; null if empty. */
export function text(v: XmlValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v)) return text(v[0]);
  const t = v['#text'];
  if (typeof t === 'string') return t.trim() || null;
  if (Array.isArray(t)) return t.filter((x) => typeof x === 'string').join('').trim() || null;
  return null;
}

/** Raw inner XML of a stop node (a text construct), untrimmed; '' if empty. */
export function raw(v: XmlValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return raw(v[0]);
  const t = v['#text'];
  return typeof t === 'string' ? t : '';
}
