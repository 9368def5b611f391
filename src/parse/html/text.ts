import { decodeHTML } from 'entities/decode';
import { BLOCK_ELEMENTS, DROP_WITH_CONTENT } from './allowlists';
import { tokenize, type TokenSink } from './tokenizer';

/**
 * Decodes HTML character references: every HTML5 named entity (`&nbsp;` `&eacute;` `&rsquo;`,
 * and the legacy ones browsers accept without `;`), decimal and hex references, with
 * &#128;–&#159; read as windows-1252 (`&#146;` is ’) as browsers do. Unknown names stay as written.
 */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return decodeHTML(s);
}

/**
 * Characters NFC never changes and that never combine with a neighbour (canonical combining class
 * 0, NFC_Quick_Check = Yes): Latin-1 and Latin Extended A/B, IPA, general punctuation (curly quotes,
 * dashes, ellipsis), currency, letterlike symbols except the three singletons (Ω K Å), arrows and
 * maths, box drawing to dingbats. Text made only of these is already NFC; testing for anything
 * outside the set is far cheaper than calling normalize(), which allocates for every accented title.
 */
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u2125\u2127-\u2129\u212C-\u214F\u2190-\u22FF\u2500-\u27FF]/;
/**
 * Anything `cleanText` may change: controls, whitespace other than a space, separators, and what
 * NFC may change (the complement of the set above, less the controls): one scan finds out that
 * most text needs nothing done.
 */
const MAY_CHANGE = /[^\u0020-\u007E\u00A0-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u2125\u2127-\u2129\u212C-\u214F\u2190-\u22FF\u2500-\u27FF]/;

/**
 * Anything `cleanText` may change except whitespace to collapse: text without any of these needs
 * only its whitespace runs collapsed and its ends trimmed (one scan to find that out, not two).
 */
const MAY_CHANGE_BEYOND_WHITESPACE = /[^\t\n\r\u0020-\u007E\u00A0-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u2125\u2127-\u2129\u212C-\u214F\u2190-\u22FF\u2500-\u27FF]/;

/** Characters `cleanText` removes (controls other than tab, newline and carriage return; byte-order marks). */
const REMOVED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]/;
/** A run of HTML whitespace that is not a lone space: collapsed to one space. */
const WHITESPACE_RUN = /[\t\n\r\u2028\u2029][ \t\n\r\u2028\u2029]*| [ \t\n\r\u2028\u2029]+/g;

/** What String.prototype.trim removes at an end (after controls are gone). */
function isTrimmable(c: number): boolean {
  return c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
}

/** C0 and C1 controls except tab, newline and carriage return, the byte-order mark, and U+FFFE/U+FFFF: removed. */
function isRemoved(c: number): boolean {
  return c <= 0x08 || c === 0x0b || c === 0x0c || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0xfffe || c === 0xffff;
}

/**
 * HTML whitespace and the line/paragraph separators: a run of them collapses to one space.
 * No-break and typographic spaces (&nbsp; &emsp; &thinsp;) are the publisher's choice and stay, as
 * in feedparser.
 */
function isCollapsed(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/**
 * Plain text made tidy: control characters removed, runs of HTML whitespace collapsed to one
 * space (a removed character does not break a run), ends trimmed (no-break spaces included),
 * Unicode normalised to NFC. Text that needs none of it (most titles) is returned as it is;
 * otherwise one pass over the characters cuts out only the places that change.
 */
export function cleanText(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  // Most titles are already clean: native scans find that out faster than a loop over characters
  // (which pays for every way the engine may store a string: slices, concatenations).
  if (!isTrimmable(s.charCodeAt(0)) && !isTrimmable(s.charCodeAt(n - 1)) && !MAY_CHANGE.test(s) && s.indexOf('  ') < 0) return s;
  if (!MAY_CHANGE_BEYOND_WHITESPACE.test(s)) return s.replace(WHITESPACE_RUN, ' ').trim();
  if (!REMOVED.test(s)) {
    // Only whitespace to collapse (text taken from HTML: a space at each block, newlines): the
    // engine's own search and replace, not a loop over characters.
    const out = s.replace(WHITESPACE_RUN, ' ').trim();
    return MAY_CHANGE_UNDER_NFC.test(out) ? out.normalize('NFC') : out;
  }
  let parts: string[] | null = null;
  /** Start of the stretch of `s` not yet copied into `parts`. */
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x20 && c < 0x7f) continue;
    if (c === 0x20) {
      // A lone space between words, the commonest case, stays as it is.
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 0x41;
      if (next > 0x20 && next < 0x7f) continue;
    } else if (!isRemoved(c) && !isCollapsed(c)) continue;
    // A run of whitespace and removed characters: one space if it holds any whitespace, else nothing.
    let j = i;
    let spaces = 0;
    while (j < n) {
      const d = s.charCodeAt(j);
      if (isCollapsed(d)) spaces++;
      else if (!isRemoved(d)) break;
      j++;
    }
    if (!(j === i + 1 && c === 0x20)) {
      parts ??= [];
      parts.push(s.slice(from, i));
      if (spaces) parts.push(' ');
      from = j;
    }
    i = j - 1;
  }
  const out = (parts ? (parts.push(s.slice(from)), parts.join('')) : s).trim();
  return MAY_CHANGE_UNDER_NFC.test(out) ? out.normalize('NFC') : out;
}

/** What a tag does to text, by lower-cased name: a block separates words, a dropped element hides its content. */
const BLOCK = 1;
const DROP = 2;
const TEXT_TAG_BITS = new Map<string, number>();
for (const name of BLOCK_ELEMENTS) TEXT_TAG_BITS.set(name, BLOCK);
// Dropping wins over separating, as the checks ran in that order.
for (const name of DROP_WITH_CONTENT) TEXT_TAG_BITS.set(name, DROP);

class TextSink implements TokenSink {
  readonly parts: string[] = [];
  readonly attributes = false;
  /** Depth inside script/style/applet; may go negative on stray end tags, as in feedparser. */
  private dropDepth = 0;
  /**
   * A block element came since the last text: the next text is set apart by one space. Only
   * between texts, and only one: `cleanText` trims the ends and collapses runs of spaces anyway,
   * and text without them is often already clean, which it finds out in one scan.
   */
  private pendingSpace = false;

  text(raw: string): void {
    if (this.dropDepth > 0) return;
    if (this.pendingSpace) {
      if (this.parts.length > 0) this.parts.push(' ');
      this.pendingSpace = false;
    }
    this.parts.push(raw.indexOf('&') < 0 ? raw : decodeHTML(raw));
  }

  start(name: string, _attrs: (string | null)[], selfClosing: boolean): void {
    const bits = TEXT_TAG_BITS.get(name.toLowerCase()) ?? 0;
    if (bits & DROP) {
      if (!selfClosing) this.dropDepth++;
    }
    else if (this.dropDepth <= 0 && bits & BLOCK) this.pendingSpace = true;
  }

  end(name: string): void {
    const bits = TEXT_TAG_BITS.get(name.toLowerCase()) ?? 0;
    if (bits & DROP) this.dropDepth--;
    else if (this.dropDepth <= 0 && bits & BLOCK) this.pendingSpace = true;
  }
}

/**
 * Plain text of an HTML fragment, for titles and summaries: tags dropped (block elements and
 * <br> become a space), script/style/applet content dropped, comments dropped, entities decoded,
 * control characters removed, whitespace collapsed and trimmed. Never throws.
 */
export function htmlToText(html: string): string {
  if (!html) return '';
  if (html.indexOf('<') < 0) return cleanText(decodeEntities(html));
  try {
    const sink = new TextSink();
    tokenize(html, sink);
    return cleanText(sink.parts.join(''));
  } catch {
    return cleanText(html.replace(/<[^>]*>/g, ' '));
  }
}

// A tag-like construct (`<p>`, `<br/>`, `<a href`, `</div>`, `<!--`) or a character reference.
const MARKUP = /<(?:[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>|\/[a-zA-Z][a-zA-Z0-9-]*\s*>|!--)|&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/;

/**
 * True when a string carries markup or character references, i.e. should be read as HTML rather
 * than as literal text: `AT&T <3` is text, `Tom &amp; Jerry` and `<p>Hi</p>` are HTML.
 */
export function looksLikeHtml(s: string): boolean {
  if (s.indexOf('<') < 0 && s.indexOf('&') < 0) return false;
  return MARKUP.test(s);
}
