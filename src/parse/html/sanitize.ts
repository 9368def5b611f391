import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import {
  DROP_WITH_CONTENT,
  HTML_ATTRIBUTES,
  HTML_ELEMENTS,
  MATHML_ATTRIBUTES,
  MATHML_ELEMENTS,
  SVG_ATTRIBUTES,
  SVG_ELEMENTS,
  URL_ATTRIBUTES,
  VOID_ELEMENTS,
} from './allowlists';
import { sanitizeStyle } from './css';
import { tokenize, type TokenSink } from './tokenizer';
import { safeUrl } from './urls';

/**
 * Open elements beyond this depth are unwrapped (their text kept, the tag dropped): it bounds the
 * work of matching end tags on hostile, endlessly nested input.
 */
export const MAX_NESTING = 256;

// Escaping by native search and replace: most text needs none, and a regular expression with a
// replacement function pays a call for every character it replaces.
function escapeText(s: string): string {
  if (s.indexOf('&') >= 0) s = s.replaceAll('&', '&amp;');
  if (s.indexOf('<') >= 0) s = s.replaceAll('<', '&lt;');
  if (s.indexOf('>') >= 0) s = s.replaceAll('>', '&gt;');
  return s;
}

function escapeAttr(s: string): string {
  s = escapeText(s);
  return s.indexOf('"') >= 0 ? s.replaceAll('"', '&quot;') : s;
}

// What the allowlists say of a name, looked up once (tag and attribute names come as new strings
// from every tag, and a string is hashed on its first lookup).
const DROPPED = 1;
const HTML = 2;
const VOID = 4;
const MATHML = 8;
const SVG = 16;
const URL_VALUE = 32;
const TAG_BITS = new Map<string, number>();
const ATTR_BITS = new Map<string, number>();
function addBits(map: Map<string, number>, names: Iterable<string>, bit: number): void {
  for (const name of names) map.set(name, (map.get(name) ?? 0) | bit);
}
addBits(TAG_BITS, DROP_WITH_CONTENT, DROPPED);
addBits(TAG_BITS, HTML_ELEMENTS, HTML);
addBits(TAG_BITS, VOID_ELEMENTS, VOID);
addBits(TAG_BITS, MATHML_ELEMENTS, MATHML);
addBits(TAG_BITS, SVG_ELEMENTS.keys(), SVG);
addBits(ATTR_BITS, HTML_ATTRIBUTES, HTML);
addBits(ATTR_BITS, MATHML_ATTRIBUTES, MATHML);
addBits(ATTR_BITS, URL_ATTRIBUTES, URL_VALUE);

const NEEDS_ATTR_ESCAPE = /[&<>"]/;


/** SVG animation elements that retarget a link can smuggle a javascript: URL past attribute checks. */
function retargetsLink(attrs: (string | null)[]): boolean {
  for (let k = 0; k < attrs.length; k += 2) {
    if (attrs[k]!.toLowerCase() === 'attributename' && /href/i.test(attrs[k + 1] ?? '')) return true;
  }
  return false;
}

class SanitizeSink implements TokenSink {
  /** The output so far; V8 concatenates strings as ropes, cheaper than joining many small parts. */
  out = '';
  /** Open elements that were written, by the name they were written with. */
  private readonly open: string[] = [];
  /**
   * Depth inside script/style/applet, whose content is dropped. As in feedparser, a stray end
   * tag makes it negative; the content that follows is then kept, but only ever as text.
   */
  private dropDepth = 0;
  private svgDepth = 0;
  private mathDepth = 0;
  /** Scratch list of a tag's attribute names so far, by attribute index (reused from tag to tag). */
  private readonly seen: string[] = [];

  constructor(private readonly base: string | null) {}

  text(raw: string): void {
    if (this.dropDepth > 0) return;
    if (raw.indexOf('&') >= 0) {
      this.out += escapeText(decodeHTML(raw));
    } else if (raw.indexOf('<') >= 0 || raw.indexOf('>') >= 0) {
      this.out += escapeText(raw);
    } else {
      this.out += raw;
    }
  }

  start(name: string, attrs: (string | null)[], selfClosing: boolean): void {
    const lower = name.toLowerCase();
    const bits = TAG_BITS.get(lower) ?? 0;
    if (bits & DROPPED) {
      // `<script/>` (as XHTML content is often serialised) has no content to drop.
      if (!selfClosing) this.dropDepth++;
      return;
    }
    if (this.dropDepth > 0) return;

    let tag: string;
    /** Which of ATTR_BITS admits an attribute (0: the SVG map decides). */
    let allowed = HTML;
    let svgNames: ReadonlyMap<string, string> | null = null;
    if ((this.mathDepth > 0 || lower === 'math') && bits & MATHML) {
      tag = lower;
      allowed = MATHML;
    } else if ((this.svgDepth > 0 || lower === 'svg') && bits & SVG) {
      tag = SVG_ELEMENTS.get(lower)!;
      allowed = 0;
      svgNames = SVG_ATTRIBUTES;
      if ((lower === 'animate' || lower === 'set') && retargetsLink(attrs)) return;
    } else if (bits & HTML) {
      tag = lower;
    } else {
      return; // unknown or unsafe element: unwrapped, its text is kept
    }

    const isVoid = (bits & VOID) !== 0 && allowed === HTML;
    if (!isVoid && !selfClosing && this.open.length >= MAX_NESTING) return;

    let out = '<' + tag;
    // Lower-cased names of the attributes before this one: browsers keep the first of repeated
    // attributes, and so does the sanitizer.
    const seen = this.seen;
    for (let k = 0; k < attrs.length; k += 2) {
      const rawName = attrs[k]!;
      const key = rawName.toLowerCase();
      let duplicate = false;
      for (let s = 0; s < k >> 1; s++) {
        if (seen[s] === key) {
          duplicate = true;
          break;
        }
      }
      if (k + 2 < attrs.length) seen[k >> 1] = key;
      let outName: string;
      let attrBits = 0;
      if (svgNames) {
        const mapped = svgNames.get(key);
        if (!mapped) continue;
        outName = mapped;
        attrBits = ATTR_BITS.get(key) ?? 0;
      } else {
        attrBits = ATTR_BITS.get(key) ?? 0;
        if (!(attrBits & allowed)) continue;
        outName = key;
      }
      if (duplicate) continue;
      const rawValue = attrs[k + 1];
      let value = rawValue ? (rawValue.indexOf('&') >= 0 ? decodeHTMLAttribute(rawValue) : rawValue) : '';
      if (key === 'style') {
        value = sanitizeStyle(value, this.svgDepth > 0 || lower === 'svg');
        if (!value) continue;
      } else if (attrBits & URL_VALUE) {
        value = safeUrl(value, this.base, key !== 'usemap');
      }
      out += ' ' + outName + '="' + (NEEDS_ATTR_ESCAPE.test(value) ? escapeAttr(value) : value) + '"';
    }

    if (isVoid) {
      this.out += out + ' />';
    } else if (selfClosing) {
      this.out += out + '></' + tag + '>';
    } else {
      this.out += out + '>';
      this.open.push(tag);
      if (lower === 'svg') this.svgDepth++;
      else if (lower === 'math') this.mathDepth++;
    }
  }

  end(name: string): void {
    const lower = name.toLowerCase();
    if ((TAG_BITS.get(lower) ?? 0) & DROPPED) {
      this.dropDepth--;
      return;
    }
    if (this.dropDepth > 0) return;
    // Close whatever is still open inside the element; an end tag with no open element is dropped.
    const open = this.open;
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k]!.toLowerCase() === lower) {
        while (open.length > k) this.closeTop();
        return;
      }
    }
  }

  finish(): string {
    while (this.open.length > 0) this.closeTop();
    return this.out.trim();
  }

  private closeTop(): void {
    const tag = this.open.pop()!;
    this.out += '</' + tag + '>';
    if (tag === 'svg') this.svgDepth--;
    else if (tag === 'math') this.mathDepth--;
  }
}

/** CRLF → LF; most content has no carriage return, and indexOf finds that out faster than a regex pass. */
function unixNewlines(s: string): string {
  return s.indexOf('\r') < 0 ? s : s.replace(/\r\n/g, '\n');
}

/**
 * HTML made safe to display in a reader, a newsletter or a web page. Kept: the feedparser
 * allowlists of elements, attributes, CSS properties, SVG and MathML. Removed with their content:
 * script, style, applet. Unwrapped (text kept): every other element (iframe, object, embed, form,
 * frame, blink, html/head/body...). Dropped: event handlers and unknown attributes, comments,
 * declarations, processing instructions, URLs whose scheme is not safe (javascript:, vbscript:,
 * data:... become ''), and any inline style that is not plainly safe. Relative URLs are resolved
 * against `baseUrl` when given. The output is balanced (every open element is closed). Never throws.
 */
export function sanitizeHtml(html: string, baseUrl?: string | null): string {
  if (!html) return '';
  if (html.indexOf('<') < 0) {
    const text = html.indexOf('&') < 0 ? html : escapeText(decodeHTML(html));
    return unixNewlines((text.indexOf('>') < 0 ? text : escapeText(text)).trim());
  }
  try {
    const sink = new SanitizeSink(baseUrl ?? null);
    tokenize(html, sink);
    return unixNewlines(sink.finish());
  } catch {
    return escapeText(html.replace(/<[^>]*>/g, ' ')).trim();
  }
}
