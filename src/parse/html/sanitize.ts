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

const TEXT_ESCAPES = /[&<>]/g;
const ATTR_ESCAPES = /[&<>"]/g;
const ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeChar = (ch: string): string => ESCAPE[ch]!;

function escapeText(s: string): string {
  return s.replace(TEXT_ESCAPES, escapeChar);
}

function escapeAttr(s: string): string {
  return s.replace(ATTR_ESCAPES, escapeChar);
}

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
    if (DROP_WITH_CONTENT.has(lower)) {
      // `<script/>` (as XHTML content is often serialised) has no content to drop.
      if (!selfClosing) this.dropDepth++;
      return;
    }
    if (this.dropDepth > 0) return;

    let tag: string;
    let allowed: ReadonlySet<string> | null = HTML_ATTRIBUTES;
    let svgNames: ReadonlyMap<string, string> | null = null;
    if ((this.mathDepth > 0 || lower === 'math') && MATHML_ELEMENTS.has(lower)) {
      tag = lower;
      allowed = MATHML_ATTRIBUTES;
    } else if ((this.svgDepth > 0 || lower === 'svg') && SVG_ELEMENTS.has(lower)) {
      tag = SVG_ELEMENTS.get(lower)!;
      allowed = null;
      svgNames = SVG_ATTRIBUTES;
      if ((lower === 'animate' || lower === 'set') && retargetsLink(attrs)) return;
    } else if (HTML_ELEMENTS.has(lower)) {
      tag = lower;
    } else {
      return; // unknown or unsafe element: unwrapped, its text is kept
    }

    const isVoid = VOID_ELEMENTS.has(lower) && allowed === HTML_ATTRIBUTES;
    if (!isVoid && !selfClosing && this.open.length >= MAX_NESTING) return;

    let out = '<' + tag;
    // Lower-cased names of the attributes before this one: browsers keep the first of repeated
    // attributes, and so does the sanitizer.
    const seen: string[] = [];
    for (let k = 0; k < attrs.length; k += 2) {
      const rawName = attrs[k]!;
      const key = rawName.toLowerCase();
      const duplicate = k > 0 && seen.includes(key);
      seen.push(key);
      let outName: string;
      if (svgNames) {
        const mapped = svgNames.get(key);
        if (!mapped) continue;
        outName = mapped;
      } else {
        if (!allowed!.has(key)) continue;
        outName = key;
      }
      if (duplicate) continue;
      const rawValue = attrs[k + 1];
      let value = rawValue ? (rawValue.indexOf('&') >= 0 ? decodeHTMLAttribute(rawValue) : rawValue) : '';
      if (key === 'style') {
        value = sanitizeStyle(value, this.svgDepth > 0 || lower === 'svg');
        if (!value) continue;
      } else if (URL_ATTRIBUTES.has(key)) {
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
    if (DROP_WITH_CONTENT.has(lower)) {
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
