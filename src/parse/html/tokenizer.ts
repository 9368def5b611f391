/**
 * A forgiving, single-pass HTML tokenizer for feed content. It never throws and never backtracks:
 * every step moves forward with indexOf or a character loop, so time is linear in the input.
 *
 * It follows the Universal Feed Parser's reading of broken markup, which the conformance suite
 * encodes: a tag, comment or declaration that never closes is plain text (so a stray `<` stays
 * visible); `<![CDATA[` is text; a comment that is not closed by `-->` ends at the first
 * `--...>`; script/style contents are read as markup, not raw text (the sanitizer drops them).
 */

import { sameText } from '../same-text';

export interface TokenSink {
  /** Raw text between tags, entities still encoded. */
  text(raw: string): void;
  /** `attrs` holds name/value pairs flattened; a value is null for a bare attribute. */
  start(name: string, attrs: (string | null)[], selfClosing: boolean): void;
  end(name: string): void;
  /** False when the sink never reads attributes: tags are still read whole, their attributes not kept. */
  readonly attributes?: boolean;
}

const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;
const EQUALS = 61;
const DQUOTE = 34;
const SQUOTE = 39;

/** Shared by every tag without attributes; sinks read attribute lists and never change them. */
const NO_ATTRIBUTES: (string | null)[] = [];

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Tag and attribute names met before, by a hash of their characters: the same few dozen names
 * (p, a, img, href, src...) come back in every item, and handing the sinks one string per name,
 * whose hash the engine keeps, makes their lookups cheap and saves a string per tag.
 */
const names = new Map<number, string>();
const MAX_NAMES = 1024;
const FNV_SEED = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** `src.slice(start, end)`, as the string seen before when there is one. */
function nameAt(src: string, start: number, end: number, hash: number): string {
  const known = names.get(hash);
  if (known !== undefined && sameText(src, start, end, known)) return known;
  const name = src.slice(start, end);
  if (known === undefined && end - start <= 32) {
    if (names.size >= MAX_NAMES) names.clear();
    // A copy of its own (a slice of 13 characters or more would keep the whole document alive).
    names.set(hash, (' ' + name).slice(1));
  }
  return name;
}

/** End of a comment starting at `lt`, or -1 to drop the rest of the input. */
function commentEnd(src: string, lt: number): number {
  let pos = lt + 4;
  for (;;) {
    const dashes = src.indexOf('--', pos);
    if (dashes < 0) break;
    let k = dashes + 2;
    while (k < src.length && isSpace(src.charCodeAt(k))) k++;
    if (src.charCodeAt(k) === GT) return k + 1;
    pos = dashes + 1;
  }
  // Not closed properly: a `--` followed later by `>` still ends it, so `<!-- -- x >` cannot
  // hide markup after it; with neither, everything after `<!--` is dropped.
  const dashes = src.indexOf('--', lt + 4);
  if (dashes < 0) return -1;
  const gt = src.indexOf('>', dashes + 2);
  return gt < 0 ? -1 : gt + 1;
}

/**
 * Parses a start tag at `lt` (which is followed by a letter). Returns the index after its `>`,
 * or -1 when the input ends inside the tag.
 */
function startTag(src: string, lt: number, sink: TokenSink): number {
  const n = src.length;
  let j = lt + 1;
  let hash = FNV_SEED;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (isSpace(c) || c === GT || c === SLASH) break;
    hash = Math.imul(hash ^ c, FNV_PRIME);
    j++;
  }
  const name = nameAt(src, lt + 1, j, hash);
  // Most tags (<p>, <em>, </li>) have no attributes: share one empty list rather than allocate.
  let attrs: (string | null)[] = NO_ATTRIBUTES;
  const keep = sink.attributes !== false;
  let selfClosing = false;
  while (j < n) {
    let c = src.charCodeAt(j);
    if (isSpace(c)) {
      j++;
      continue;
    }
    if (c === GT) {
      sink.start(name, attrs, selfClosing);
      return j + 1;
    }
    if (c === SLASH) {
      selfClosing = true;
      j++;
      continue;
    }
    selfClosing = false;
    const nameStart = j;
    let attrHash = Math.imul(FNV_SEED ^ c, FNV_PRIME);
    j++; // the first character may be '=' (HTML's tokenizer treats it as part of the name)
    while (j < n) {
      c = src.charCodeAt(j);
      if (isSpace(c) || c === GT || c === SLASH || c === EQUALS) break;
      attrHash = Math.imul(attrHash ^ c, FNV_PRIME);
      j++;
    }
    const attrName = keep ? nameAt(src, nameStart, j, attrHash) : '';
    let k = j;
    while (k < n && isSpace(src.charCodeAt(k))) k++;
    if (keep && attrs === NO_ATTRIBUTES) attrs = [];
    if (src.charCodeAt(k) !== EQUALS) {
      if (keep) attrs.push(attrName, null);
      continue;
    }
    k++;
    while (k < n && isSpace(src.charCodeAt(k))) k++;
    if (k >= n) return -1;
    c = src.charCodeAt(k);
    if (c === DQUOTE || c === SQUOTE) {
      const close = src.indexOf(c === DQUOTE ? '"' : "'", k + 1);
      if (close < 0) return -1;
      if (keep) attrs.push(attrName, src.slice(k + 1, close));
      j = close + 1;
    } else {
      const valueStart = k;
      while (k < n) {
        c = src.charCodeAt(k);
        if (isSpace(c) || c === GT) break;
        k++;
      }
      if (keep) attrs.push(attrName, src.slice(valueStart, k));
      j = k;
    }
  }
  return -1;
}

/**
 * Skips a declaration or processing instruction (`<!DOCTYPE …>`, `<?xml …?>`) and returns the index
 * after its `>`. Unterminated, it is the rest of the input and shows as text, as feedparser does: -1.
 */
function skipDeclaration(src: string, lt: number, sink: TokenSink): number {
  const gt = src.indexOf('>', lt + 2);
  if (gt < 0) {
    sink.text(src.slice(lt));
    return -1;
  }
  return gt + 1;
}

export function tokenize(src: string, sink: TokenSink): void {
  const n = src.length;
  let i = 0;
  while (i < n) {
    const lt = src.indexOf('<', i);
    if (lt < 0) {
      sink.text(i === 0 ? src : src.slice(i));
      return;
    }
    if (lt > i) sink.text(src.slice(i, lt));
    const c = src.charCodeAt(lt + 1);
    if (isAsciiLetter(c)) {
      const next = startTag(src, lt, sink);
      if (next < 0) {
        sink.text(src.slice(lt));
        return;
      }
      i = next;
    } else if (c === SLASH && isAsciiLetter(src.charCodeAt(lt + 2))) {
      let j = lt + 2;
      let hash = FNV_SEED;
      while (j < n) {
        const d = src.charCodeAt(j);
        if (isSpace(d) || d === GT || d === SLASH) break;
        hash = Math.imul(hash ^ d, FNV_PRIME);
        j++;
      }
      const gt = src.indexOf('>', j);
      if (gt < 0) {
        sink.text(src.slice(lt));
        return;
      }
      sink.end(nameAt(src, lt + 2, j, hash));
      i = gt + 1;
    } else if (c === BANG) {
      if (src.startsWith('<!--', lt)) {
        const end = commentEnd(src, lt);
        if (end < 0) return;
        i = end;
      } else if (src.startsWith('<![CDATA[', lt)) {
        sink.text('&lt;![CDATA[');
        i = lt + 9;
      } else if (isAsciiLetter(src.charCodeAt(lt + 2)) || src.charCodeAt(lt + 2) === GT) {
        // <!DOCTYPE ...> and other declarations
        i = skipDeclaration(src, lt, sink);
        if (i < 0) return;
      } else {
        sink.text('<');
        i = lt + 1;
      }
    } else if (c === QUESTION) {
      i = skipDeclaration(src, lt, sink);
      if (i < 0) return;
    } else {
      sink.text('<');
      i = lt + 1;
    }
  }
}

