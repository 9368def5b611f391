/**
 * Text constructs: the raw inner XML of a title, description, summary or content element (read as
 * a stop node) turned into plain text or into (unsanitized) HTML, following its declared type.
 *
 * - text: entities decoded, CDATA kept literally; as HTML it is escaped.
 * - html (escaped or CDATA): the decoded string is HTML.
 * - xhtml / inline markup: the child elements are HTML already; the wrapping xhtml div is dropped,
 *   namespace prefixes on tags are removed, CDATA inside becomes escaped text.
 * - base64 (Atom 0.3 mode="base64", Atom 1.0 non-XML media types): decoded as UTF-8.
 */
import { cleanText, htmlToText, looksLikeHtml } from './html/text';
import { escapeHtml, type XmlEntities } from './entities';
import { attr, raw } from './node';
import type { XmlValue } from './xml';

export type ConstructType = 'text' | 'html' | 'xhtml' | 'xml' | 'base64';

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

function hasCdata(s: string): boolean {
  return s.indexOf(CDATA_OPEN) >= 0;
}

const same = (t: string): string => t;
const nothing = (): string => '';

/**
 * Rewrites the text outside and inside CDATA sections separately (an unclosed section runs to the
 * end). An indexOf scan: a lazy `<!\[CDATA\[([\s\S]*?)\]\]>` regex was the parser's costliest
 * expression on WordPress feeds, whose every description and content is one CDATA section.
 */
function mapCdata(s: string, outside: (t: string) => string, inside: (c: string) => string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = s.indexOf(CDATA_OPEN, i);
    if (open < 0) return out + outside(i === 0 ? s : s.slice(i));
    out += outside(s.slice(i, open));
    const close = s.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    if (close < 0) return out + inside(s.slice(open + CDATA_OPEN.length));
    out += inside(s.slice(open + CDATA_OPEN.length, close));
    i = close + CDATA_CLOSE.length;
  }
}

/** Entity-decoded character data (CDATA kept verbatim). */
export function unescapeXml(s: string, ents: XmlEntities): string {
  if (!hasCdata(s)) return ents.decode(s);
  return mapCdata(s, (t) => ents.decode(t), same);
}

/** True when the raw content holds child elements (not just text or CDATA). */
export function hasInlineMarkup(s: string): boolean {
  if (s.indexOf('<') < 0) return false;
  const outside = hasCdata(s) ? mapCdata(s, same, nothing) : s;
  return /<[A-Za-z/!?]/.test(outside);
}

const XHTML_WRAPPER = /^\s*<(?:[A-Za-z_][\w.-]*:)?div\b[^>]*>([\s\S]*)<\/(?:[A-Za-z_][\w.-]*:)?div\s*>\s*$/;

/** The content of a single wrapping div, or the input unchanged. */
function unwrapDiv(s: string): string {
  const m = XHTML_WRAPPER.exec(s);
  if (!m) return s;
  // Only a single wrapping div: `<div>a</div><div>b</div>` is two blocks, not a wrapper.
  const inner = m[1]!;
  const opens = inner.match(/<(?:[A-Za-z_][\w.-]*:)?div\b/g)?.length ?? 0;
  const closes = inner.match(/<\/(?:[A-Za-z_][\w.-]*:)?div\s*>/g)?.length ?? 0;
  return opens === closes ? inner : s;
}

/** Inline XHTML → HTML: prefixes dropped, CDATA escaped, declared entities resolved. */
export function inlineToHtml(s: string, ents: XmlEntities, unwrap: boolean): string {
  let body = unwrap ? unwrapDiv(s) : s;
  if (hasCdata(body)) body = mapCdata(body, same, escapeHtml);
  if (body.indexOf(':') >= 0) body = body.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, '<$1');
  return ents.decodeKeepingMarkup(body);
}

function base64ToUtf8(s: string): string {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8').decode(bytes);
  } catch {
    return s;
  }
}

/** The construct type from Atom's `type` (and Atom 0.3's `mode`), else the dialect's default. */
export function constructType(v: XmlValue | undefined, fallback: ConstructType): ConstructType {
  const mode = attr(v, 'mode')?.trim().toLowerCase();
  if (mode === 'base64') return 'base64';
  const type = attr(v, 'type')?.trim().toLowerCase();
  if (mode === 'escaped') return type === 'text/plain' || type === 'text' ? 'text' : 'html';
  if (!type) return fallback;
  if (type === 'text' || type === 'text/plain') return 'text';
  if (type === 'html' || type === 'text/html') return 'html';
  // Only Atom 1.0's type="xhtml" wraps its content in a div that is not part of it.
  if (type === 'xhtml') return 'xhtml';
  if (type.endsWith('+xml') || type.endsWith('/xml')) return 'xml';
  if (type.startsWith('text/')) return 'text';
  // Atom 1.0: any other media type is base64-encoded.
  return mode === 'xml' ? fallback : 'base64';
}

/** HTML for the construct (not yet sanitized), or null if empty. */
export function constructHtml(v: XmlValue | undefined, type: ConstructType, ents: XmlEntities): string | null {
  const r = raw(v);
  if (!r.trim()) return null;
  let html: string;
  if (type === 'base64') {
    const decoded = base64ToUtf8(r).trim();
    html = /html/i.test(attr(v, 'type') ?? '') ? decoded : escapeHtml(decoded);
  } else if (type === 'xhtml' || type === 'xml') {
    html = inlineToHtml(r, ents, type === 'xhtml').trim();
  } else if (type === 'html' && hasInlineMarkup(r)) {
    // Escaped HTML wrapped in an xhtml div (TypePad): the div is a wrapper, its text is the HTML.
    const inner = unwrapDiv(r);
    html = (inner !== r && !hasInlineMarkup(inner) ? unescapeXml(inner, ents) : inlineToHtml(r, ents, false)).trim();
  } else if (type === 'text') {
    const t = unescapeXml(r, ents).trim();
    html = hasInlineMarkup(r) ? t : escapeHtml(t);
  } else {
    html = unescapeXml(r, ents).trim();
  }
  return html || null;
}

/**
 * Plain text for the construct, or null if empty. `guess` (RSS titles and the like, which carry no
 * type) reads the value as HTML only when it looks like HTML, so "AT&T <3" stays literal.
 */
export function constructText(v: XmlValue | undefined, type: ConstructType | 'guess', ents: XmlEntities): string | null {
  const r = raw(v);
  if (!r.trim()) return null;
  let out: string;
  if (type === 'base64') {
    const decoded = base64ToUtf8(r);
    out = /html/i.test(attr(v, 'type') ?? '') ? htmlToText(decoded) : cleanText(decoded);
  } else if (type === 'html' && hasInlineMarkup(r)) {
    out = htmlToText(constructHtml(v, 'html', ents) ?? '');
  } else if (type === 'xhtml' || type === 'xml' || hasInlineMarkup(r)) {
    out = htmlToText(inlineToHtml(r, ents, type === 'xhtml'));
  } else if (type === 'text') {
    out = cleanText(unescapeXml(r, ents));
  } else {
    const s = unescapeXml(r, ents);
    out = type === 'html' || looksLikeHtml(s) ? htmlToText(s) : cleanText(s);
  }
  return out || null;
}
