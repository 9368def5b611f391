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

// C0 and C1 controls except tab and newline, plus the non-characters U+FFFE/U+FFFF.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
// HTML whitespace (and the line/paragraph separators) collapses to one space. No-break and
// typographic spaces (&nbsp; &emsp; &thinsp;) are the publisher's choice and stay, as in feedparser.
// Only runs that change: a lone space is already what a run collapses to, and matching every
// space between words made the replace rebuild the whole string.
const WHITESPACE_RUN = /[\t\n\r\f\u2028\u2029][ \t\n\r\f\u2028\u2029]*| [ \t\n\r\f\u2028\u2029]+/g;
const BYTE_ORDER_MARK = /\uFEFF/g;
const HAS_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]/;
const CONTROL_OR_SEPARATOR = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
/**
 * Characters NFC never changes and that never combine with a neighbour (canonical combining class
 * 0, NFC_Quick_Check = Yes): Latin-1 and Latin Extended A/B, IPA, general punctuation (curly quotes,
 * dashes, ellipsis), currency, letterlike symbols except the three singletons (Ω K Å), arrows and
 * maths, box drawing to dingbats. Text made only of these is already NFC; testing for anything
 * outside the set is far cheaper than calling normalize(), which allocates for every accented title.
 */
const MAY_CHANGE_UNDER_NFC = /[^\u0000-\u02FF\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u2100-\u2125\u2127-\u2129\u212C-\u214F\u2190-\u22FF\u2500-\u27FF]/;

function isTrimmable(c: number): boolean {
  return c <= 32 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000 || c === 0x1680 || c === 0x202f || c === 0x205f;
}

/**
 * Plain text made tidy: control characters removed, runs of HTML whitespace collapsed to one
 * space, ends trimmed (no-break spaces included), Unicode normalised to NFC.
 */
export function cleanText(s: string): string {
  let out = s;
  const n = out.length;
  if (n === 0) return out;
  // Most titles are already clean: find that out with native scans before rewriting anything.
  if (
    CONTROL_OR_SEPARATOR.test(out) ||
    out.indexOf('  ') >= 0 ||
    isTrimmable(out.charCodeAt(0)) ||
    isTrimmable(out.charCodeAt(n - 1))
  ) {
    // Newlines are the usual trigger; the control-character passes run only when there is one.
    if (HAS_CONTROL.test(out)) out = out.replace(CONTROL_CHARS, '').replace(BYTE_ORDER_MARK, '');
    out = out.replace(WHITESPACE_RUN, ' ').trim();
  }
  return MAY_CHANGE_UNDER_NFC.test(out) ? out.normalize('NFC') : out;
}

class TextSink implements TokenSink {
  readonly parts: string[] = [];
  /** Depth inside script/style/applet; may go negative on stray end tags, as in feedparser. */
  private dropDepth = 0;

  text(raw: string): void {
    if (this.dropDepth > 0) return;
    this.parts.push(raw.indexOf('&') < 0 ? raw : decodeHTML(raw));
  }

  start(name: string, _attrs: (string | null)[], selfClosing: boolean): void {
    const lower = name.toLowerCase();
    if (DROP_WITH_CONTENT.has(lower)) {
      if (!selfClosing) this.dropDepth++;
    }
    else if (this.dropDepth <= 0 && BLOCK_ELEMENTS.has(lower)) this.parts.push(' ');
  }

  end(name: string): void {
    const lower = name.toLowerCase();
    if (DROP_WITH_CONTENT.has(lower)) this.dropDepth--;
    else if (this.dropDepth <= 0 && BLOCK_ELEMENTS.has(lower)) this.parts.push(' ');
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
