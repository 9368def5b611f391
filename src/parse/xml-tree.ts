/**
 * A forgiving, non-validating XML tree builder, purpose-built for feeds: one linear pass with
 * indexOf scanning, no per-character string building, never throws on broken markup.
 *
 * It replaced fast-xml-parser because that parser alone took longer than the whole parse budget
 * (see README, "Parsing feeds" → Speed), and it builds the same tree shape the dialect readers already read:
 *
 * - an element is a string when it has neither attributes nor child elements (its trimmed,
 *   entity-decoded text, '' when empty), otherwise an object: child elements by canonical name
 *   (repeated ones as an array, in document order), attributes as `@_name` (name as written,
 *   value trimmed and decoded), text as `#text` (each run between children trimmed and decoded,
 *   runs joined; CDATA kept verbatim);
 * - tag names are lower-cased and renamed by namespace URI (namespaces.ts gives the renames);
 * - raw-text elements (the text constructs: title, description, content...) keep their inner XML
 *   untouched as their text, so CDATA, escaped HTML and inline XHTML reach the readers as written.
 *
 * Broken input is read the way a browser-grade reader would rather than refused: a closing tag pops
 * back to the element it names (a stray one is ignored), elements still open at the end are closed,
 * anything after the root is ignored, a `<` or `&` that starts no markup stays text, attributes may
 * be unquoted (valueless ones are dropped), comments, processing instructions and declarations are
 * skipped, elements nested deeper than MAX_NESTED_TAGS are flattened into their parent, and a raw-text
 * element left unclosed ends where one of its ancestors closes. The DOCTYPE is cut out before this
 * runs (doctype.ts), so no entity is ever declared, fetched or expanded here beyond what `entities`
 * resolves. The only exception that can escape is the caller's own typed entity-expansion error.
 */
import { MAX_NESTED_TAGS } from './limits';
import { sameText } from './same-text';

export type XmlValue = string | XmlNode | XmlValue[];
export interface XmlNode {
  [key: string]: XmlValue | undefined;
}

export interface XmlTreeOptions {
  /** Prefix → canonical prefix ('' drops it), for prefixes whose namespace URI we know. */
  renames?: ReadonlyMap<string, string> | null;
  /** Decodes character and entity references in text and attribute values. */
  entities: { decode(s: string): string };
  /** Canonical names of the elements whose raw inner XML is kept as their text. */
  rawText?: ReadonlySet<string>;
  /** Open elements beyond this depth are flattened into their parent (default MAX_NESTED_TAGS). */
  maxDepth?: number;
}

export interface XmlTree {
  /** The document: its root element under its canonical name. */
  tree: XmlNode;
  /**
   * True when the document ends inside a raw-text element, a CDATA section, a comment or a
   * processing instruction: a cut download whose last text cannot be trusted.
   */
  cut: boolean;
  /** True when the root element was closed. */
  complete: boolean;
}

const TAB = 9;
const CR = 13;
const SPACE = 32;
const BANG = 33;
const DQUOTE = 34;
const SQUOTE = 39;
const SLASH = 47;
const LT = 60;
const EQ = 61;
const GT = 62;
const QUESTION = 63;

function isSpace(c: number): boolean {
  return c === SPACE || (c >= TAB && c <= CR);
}

/** A character that can start an element name (`<3` or `a < b` is text, not a tag). */
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0x80;
}

/** A character that ends a tag or attribute name (NaN, past the end, too). */
function endsName(c: number): boolean {
  return c <= SPACE || c === GT || c === SLASH || c === LT || c === EQ || c !== c;
}


/** `s.slice(from, to)` without surrounding whitespace, as String.prototype.trim defines it. */
function sliceTrimmed(s: string, from: number, to: number): string {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--;
  if (from === to) return '';
  const t = s.slice(from, to);
  // Unicode spaces (NBSP, U+2028...) are trimmed too; only non-ASCII ends can be one.
  return s.charCodeAt(from) >= 0x80 || s.charCodeAt(to - 1) >= 0x80 ? t.trim() : t;
}

/** An element still open: its canonical name, its object once it has attributes or children, its text. */
class Frame {
  name = '';
  /** The name as written in its start tag (a closing tag that repeats it is matched in place). */
  rawName = '';
  node: XmlNode | null = null;
  text = '';
}

class TreeBuilder {
  private readonly s: string;
  private readonly len: number;
  private readonly renames: ReadonlyMap<string, string> | null;
  private readonly entities: { decode(s: string): string };
  private readonly rawText: ReadonlySet<string> | null;
  private readonly maxDepth: number;
  private readonly names = new Map<string, string>();
  /**
   * Element names met in this document by a hash of their characters: a start tag whose name is
   * one of them is read without making a string of it (a feed repeats a few dozen names).
   */
  private readonly namesByHash = new Map<number, { raw: string; name: string; rawText: boolean }>();
  /** Attribute keys (`@_name`) by a hash of the name's characters, likewise. */
  private readonly attributeKeys = new Map<number, { raw: string; key: string }>();
  private readonly frames: Frame[] = [new Frame()];
  private readonly tree: XmlNode = {};
  private depth = 0;
  private done = false;
  private cut = false;
  /** Text between comments that still belongs to the current run (comments do not split text). */
  private pending = '';
  /** Cached positions of the next `<` and `>` at or after some point, so no scan is repeated. */
  private nextLt = -1;
  private nextGt = -1;

  constructor(text: string, opts: XmlTreeOptions) {
    this.s = text;
    this.len = text.length;
    this.renames = opts.renames && opts.renames.size > 0 ? opts.renames : null;
    this.entities = opts.entities;
    this.rawText = opts.rawText && opts.rawText.size > 0 ? opts.rawText : null;
    this.maxDepth = Math.max(1, opts.maxDepth ?? MAX_NESTED_TAGS);
  }

  build(): XmlTree {
    const s = this.s;
    const len = this.len;
    let pos = 0;
    let textStart = 0;
    while (pos < len && !this.done) {
      const lt = this.nextLt >= pos ? this.nextLt : s.indexOf('<', pos);
      if (lt < 0) break;
      const c = s.charCodeAt(lt + 1);
      if (isNameStart(c)) {
        this.flushText(textStart, lt);
        pos = textStart = this.openTag(lt);
      } else if (c === SLASH) {
        this.flushText(textStart, lt);
        pos = textStart = this.closeTag(lt);
      } else if (c === BANG) {
        if (s.startsWith('[CDATA[', lt + 2)) {
          this.flushText(textStart, lt);
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) {
            this.cut = true;
            break;
          }
          if (this.depth > 0) this.frames[this.depth]!.text += s.slice(lt + 9, end);
          pos = textStart = end + 3;
        } else {
          // A comment or a stray declaration: skipped without splitting the text around it.
          const comment = s.startsWith('--', lt + 2);
          const end = comment ? s.indexOf('-->', lt + 4) : s.indexOf('>', lt + 2);
          if (end < 0) {
            this.cut = comment;
            break;
          }
          if (this.depth > 0 && lt > textStart) this.pending += s.slice(textStart, lt);
          pos = textStart = end + (comment ? 3 : 1);
        }
      } else if (c === QUESTION) {
        this.flushText(textStart, lt);
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) {
          this.cut = true;
          break;
        }
        pos = textStart = end + 2;
      } else {
        // `a < b`, `<3`: a literal less-than sign, part of the text run.
        pos = lt + 1;
      }
    }
    // Text after the last tag of a cut document is dropped: a clipped value is worse than none.
    const complete = this.done;
    while (this.depth > 0) this.pop();
    return { tree: this.tree, cut: this.cut, complete };
  }

  /** Canonical element name: lower-cased, prefix renamed by namespace URI, never a prototype key. */
  private canonical(raw: string): string {
    let name = this.names.get(raw);
    if (name !== undefined) return name;
    name = raw.toLowerCase();
    const colon = name.indexOf(':');
    if (colon > 0 && this.renames !== null) {
      const prefix = this.renames.get(raw.slice(0, colon));
      if (prefix !== undefined) name = prefix === '' ? name.slice(colon + 1) : `${prefix}:${name.slice(colon + 1)}`;
    }
    // `<constructor>` or `<__proto__>` must not reach Object.prototype through a plain object.
    if (name in Object.prototype) name = `#${name}`;
    this.names.set(raw, name);
    return name;
  }

  private flushText(from: number, to: number): void {
    if (this.depth === 0) {
      this.pending = '';
      return;
    }
    let t: string;
    if (this.pending === '') {
      if (to <= from) return;
      t = sliceTrimmed(this.s, from, to);
    } else {
      t = (this.pending + this.s.slice(from, to)).trim();
      this.pending = '';
    }
    if (t !== '') this.frames[this.depth]!.text += this.entities.decode(t);
  }

  private attach(name: string, value: XmlValue): void {
    let parent: XmlNode;
    if (this.depth === 0) {
      parent = this.tree;
    } else {
      const f = this.frames[this.depth]!;
      parent = f.node ??= {};
    }
    const prev = parent[name];
    if (prev === undefined) parent[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else parent[name] = [prev, value];
  }

  private push(name: string, node: XmlNode | null): void {
    this.depth++;
    let f = this.frames[this.depth];
    if (f === undefined) {
      f = new Frame();
      this.frames.push(f);
    }
    f.name = name;
    f.node = node;
    f.text = '';
  }

  private pop(): void {
    const f = this.frames[this.depth]!;
    this.depth--;
    let value: XmlValue;
    if (f.node === null) {
      value = f.text;
    } else {
      if (f.text !== '') f.node['#text'] = f.text;
      value = f.node;
    }
    f.node = null;
    f.text = '';
    this.attach(f.name, value);
    if (this.depth === 0) this.done = true;
  }

  private lessThanFrom(i: number): number {
    if (this.nextLt < i) {
      this.nextLt = this.s.indexOf('<', i);
      if (this.nextLt < 0) this.nextLt = this.len;
    }
    return this.nextLt;
  }

  private greaterThanFrom(i: number): number {
    if (this.nextGt < i) {
      this.nextGt = this.s.indexOf('>', i);
      if (this.nextGt < 0) this.nextGt = this.len;
    }
    return this.nextGt;
  }

  /** The key `@_name` of the attribute named `s[start, end)` (whose characters hash to `hash`). */
  private attributeKey(hash: number, start: number, end: number): string {
    const known = this.attributeKeys.get(hash);
    if (known !== undefined && sameText(this.s, start, end, known.raw)) return known.key;
    const raw = this.s.slice(start, end);
    const key = `@_${raw}`;
    if (known === undefined) this.attributeKeys.set(hash, { raw, key });
    return key;
  }

  /** Reads `<name attr="v" ...>` at `lt`; returns the index after it. */
  private openTag(lt: number): number {
    const s = this.s;
    const len = this.len;
    let i = lt + 1;
    let hash = 0x811c9dc5;
    for (; i < len; i++) {
      const c = s.charCodeAt(i);
      if (endsName(c)) break;
      hash = Math.imul(hash ^ c, 0x01000193);
    }
    let rawName: string;
    let name: string;
    let rawText: boolean;
    const known = this.namesByHash.get(hash);
    if (known !== undefined && sameText(s, lt + 1, i, known.raw)) {
      rawName = known.raw;
      name = known.name;
      rawText = known.rawText;
    } else {
      rawName = s.slice(lt + 1, i);
      name = this.canonical(rawName);
      rawText = this.rawText !== null && this.rawText.has(name);
      if (known === undefined) this.namesByHash.set(hash, { raw: rawName, name, rawText });
    }
    let node: XmlNode | null = null;
    let selfClosing = false;
    for (;;) {
      if (i >= len) return len; // cut inside the tag: the fragment is dropped
      const c = s.charCodeAt(i);
      if (c === GT) {
        i++;
        break;
      }
      if (c === SLASH) {
        i++;
        if (s.charCodeAt(i) === GT) {
          selfClosing = true;
          i++;
          break;
        }
        continue;
      }
      if (c === LT) break; // a broken tag ends where the next one starts
      if (c <= SPACE || c === EQ || c === DQUOTE || c === SQUOTE) {
        i++;
        continue;
      }
      const nameStart = i;
      let attrHash = 0x811c9dc5;
      while (i < len) {
        const d = s.charCodeAt(i);
        if (endsName(d) || d === DQUOTE || d === SQUOTE) break;
        attrHash = Math.imul(attrHash ^ d, 0x01000193);
        i++;
      }
      const nameEnd = i;
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) !== EQ) continue; // a valueless attribute is dropped
      i++;
      while (i < len && isSpace(s.charCodeAt(i))) i++;
      const q = s.charCodeAt(i);
      let value: string;
      let slashEnd = false;
      if (q === DQUOTE || q === SQUOTE) {
        const limit = this.lessThanFrom(i);
        const close = s.indexOf(q === DQUOTE ? '"' : "'", i + 1);
        if (close >= 0 && close < limit) {
          value = s.slice(i + 1, close);
          i = close + 1;
        } else {
          // Unterminated quote: the value runs to the end of the tag.
          let end = this.greaterThanFrom(i + 1);
          if (end > limit) end = limit;
          slashEnd = end < limit && end - 1 > i && s.charCodeAt(end - 1) === SLASH;
          value = s.slice(i + 1, slashEnd ? end - 1 : end);
          i = end;
        }
      } else {
        const valueStart = i;
        while (i < len) {
          const d = s.charCodeAt(i);
          if (d <= SPACE || d === GT || d === LT) break;
          i++;
        }
        slashEnd = s.charCodeAt(i) === GT && i - 1 > valueStart && s.charCodeAt(i - 1) === SLASH;
        value = s.slice(valueStart, slashEnd ? i - 1 : i);
      }
      // `<enclosure url=http://x/a.mp3/>`: the slash closes the element, it is not part of the value.
      node ??= {};
      value = value.trim();
      node[this.attributeKey(attrHash, nameStart, nameEnd)] = value.indexOf('&') < 0 ? value : this.entities.decode(value);
      if (slashEnd) {
        selfClosing = true;
        i++;
        break;
      }
    }
    if (this.depth >= this.maxDepth) return i; // too deep: its content belongs to the parent
    if (selfClosing) {
      this.attach(name, node ?? '');
      if (this.depth === 0) this.done = true;
      return i;
    }
    if (rawText) return this.rawElement(name, rawName, node, i);
    this.push(name, node);
    this.frames[this.depth]!.rawName = rawName;
    return i;
  }

  /** Reads `</name>` at `lt`: pops back to the open element it names; a stray one is ignored. */
  private closeTag(lt: number): number {
    const s = this.s;
    let j = lt + 2;
    while (j < this.len && !endsName(s.charCodeAt(j))) j++;
    const after = this.closerEnd(j);
    if (after < 0) return this.len; // cut inside the closing tag
    if (j === lt + 2) return after;
    // Most closing tags close the innermost element, written as its start tag was.
    const top = this.frames[this.depth]!;
    if (this.depth > 0 && sameText(s, lt + 2, j, top.rawName)) {
      this.pop();
      return after;
    }
    const name = this.canonical(s.slice(lt + 2, j));
    for (let d = this.depth; d >= 1; d--) {
      if (this.frames[d]!.name === name) {
        while (this.depth >= d) this.pop();
        break;
      }
    }
    return after;
  }

  /** Index after the `>` that ends a closing tag whose name ends at `j`; -1 when cut off. */
  private closerEnd(j: number): number {
    const s = this.s;
    while (j < this.len) {
      const c = s.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === LT) return j; // `</b <i>`: a broken closer ends where the next tag starts
      j++;
    }
    return -1;
  }

  /** True when `raw` closes an element that is open (an ancestor of the raw-text element being read). */
  private closesAncestor(raw: string): boolean {
    const name = this.canonical(raw);
    for (let d = this.depth; d >= 1; d--) if (this.frames[d]!.name === name) return true;
    return false;
  }

  /**
   * Reads the inner XML of a raw-text element that starts at `start` up to its matching closing tag
   * (nested same-name elements counted; CDATA, comments and PIs skipped whole). Unclosed, it ends
   * where an ancestor closes, or at the end of the document (a cut download).
   */
  private rawElement(name: string, rawName: string, node: XmlNode | null, start: number): number {
    const s = this.s;
    const len = this.len;
    const lower = rawName.toLowerCase();
    let open = 1;
    let p = start;
    let end = len;
    let after = len;
    for (;;) {
      const lt = s.indexOf('<', p);
      if (lt < 0) {
        this.cut = true;
        break;
      }
      const c = s.charCodeAt(lt + 1);
      if (c === SLASH) {
        let j = lt + 2;
        while (j < len && !endsName(s.charCodeAt(j))) j++;
        const closing = s.slice(lt + 2, j);
        if (closing === rawName || (closing.length === rawName.length && closing.toLowerCase() === lower)) {
          if (--open === 0) {
            end = lt;
            const e = this.closerEnd(j);
            after = e < 0 ? len : e;
            break;
          }
        } else if (closing !== '' && this.closesAncestor(closing)) {
          end = after = lt;
          break;
        }
        p = j;
      } else if (c === BANG) {
        const cdata = s.startsWith('[CDATA[', lt + 2);
        const comment = !cdata && s.startsWith('--', lt + 2);
        if (!cdata && !comment) {
          p = lt + 2;
          continue;
        }
        const e = cdata ? s.indexOf(']]>', lt + 9) : s.indexOf('-->', lt + 4);
        if (e < 0) {
          this.cut = true;
          break;
        }
        p = e + 3;
      } else if (c === QUESTION) {
        const e = s.indexOf('?>', lt + 2);
        if (e < 0) {
          this.cut = true;
          break;
        }
        p = e + 2;
      } else {
        p = lt + 1;
        if (s.startsWith(rawName, p) && endsName(s.charCodeAt(p + rawName.length))) {
          const gt = this.greaterThanFrom(p);
          if (gt < len && s.charCodeAt(gt - 1) !== SLASH) open++;
          if (gt < len) p = gt + 1;
        }
      }
    }
    const inner = s.slice(start, end);
    if (node === null) {
      this.attach(name, inner);
    } else {
      if (inner !== '') node['#text'] = inner;
      this.attach(name, node);
    }
    if (this.depth === 0) this.done = true;
    return after;
  }
}

/** Builds the tree of `text` (CRLF already folded to LF by the caller, or here when present). */
export function buildXmlTree(text: string, opts: XmlTreeOptions): XmlTree {
  // XML end-of-line handling: raw text constructs must not carry CRs into the model.
  const source = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  return new TreeBuilder(source, opts).build();
}
