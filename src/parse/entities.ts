/**
 * XML-level character and entity references. XML defines five named entities; feeds use the whole
 * HTML set (&nbsp; &eacute; &rsquo;...) without declaring it, so unknown names are looked up in the
 * HTML table. Declared internal entities come from the DOCTYPE (see doctype.ts) and their total
 * expansion is capped per document. Unknown names stay literal so a later HTML pass sees them as-is.
 */
import { decodeHTMLStrict } from 'entities/decode';
import { FeedParseError } from './errors';
import { MAX_ENTITY_EXPANSION_CHARS } from './limits';

const XML_NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Numeric references 128–159 are almost always windows-1252 code points (as browsers treat them). */
const CP1252_C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x2c6,
  0x89: 0x2030, 0x8a: 0x160, 0x8b: 0x2039, 0x8c: 0x152, 0x8e: 0x17d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x2dc, 0x99: 0x2122, 0x9a: 0x161, 0x9b: 0x203a,
  0x9c: 0x153, 0x9e: 0x17e, 0x9f: 0x178,
};

const htmlNamedCache = new Map<string, string | null>();

function htmlNamed(name: string): string | null {
  let hit = htmlNamedCache.get(name);
  if (hit !== undefined) return hit;
  const ref = `&${name};`;
  const decoded = decodeHTMLStrict(ref);
  hit = decoded === ref ? null : decoded;
  if (htmlNamedCache.size < 4096) htmlNamedCache.set(name, hit);
  return hit;
}

export function codePointToString(cp: number): string {
  if (cp >= 0x80 && cp <= 0x9f) cp = CP1252_C1[cp] ?? cp;
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(cp);
}

const NAME = /^[A-Za-z_][\w.:-]{0,63}$/;
const REF = /&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([A-Za-z_][\w.:-]{0,63}));/g;

/** Per-document entity context: declared entities and the expansion budget they draw from. */
export class XmlEntities {
  private expanded = 0;
  constructor(private readonly declared: Map<string, string> | null) {}

  /**
   * Decodes character references, the XML five, declared entities and HTML named entities. A plain
   * indexOf scan rather than a regex with a callback: escaped HTML content is dense with references.
   */
  decode(s: string): string {
    let amp = s.indexOf('&');
    if (amp < 0) return s;
    let out = '';
    let last = 0;
    while (amp >= 0) {
      const semi = s.indexOf(';', amp + 2);
      if (semi < 0) break;
      let rep: string | null = null;
      if (semi - amp <= 65) {
        const body = s.slice(amp + 1, semi);
        rep = this.resolve(body);
      }
      if (rep !== null) {
        out += s.slice(last, amp) + rep;
        last = semi + 1;
        amp = s.indexOf('&', last);
      } else {
        amp = s.indexOf('&', amp + 1);
      }
    }
    return last === 0 ? s : out + s.slice(last);
  }

  /** The replacement for `&body;`, or null to leave it literal. */
  private resolve(body: string): string | null {
    switch (body) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    if (body.charCodeAt(0) === 35 /* # */) {
      const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
      const digits = body.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]{1,7}$/ : /^\d{1,8}$/).test(digits)) return null;
      return codePointToString(parseInt(digits, hex ? 16 : 10));
    }
    if (!NAME.test(body)) return null;
    const own = this.declared?.get(body);
    if (own !== undefined) {
      this.expanded += own.length;
      if (this.expanded > MAX_ENTITY_EXPANSION_CHARS) {
        throw new FeedParseError('ENTITY_EXPANSION', `entity expansion exceeds ${MAX_ENTITY_EXPANSION_CHARS} characters`);
      }
      return own;
    }
    return htmlNamed(body);
  }

  /**
   * Like decode, but keeps markup-significant characters escaped, for text that stays HTML
   * (inline XHTML): `&lt;` must remain `&lt;`, while `&eacute;` or a declared entity is resolved.
   */
  decodeKeepingMarkup(s: string): string {
    if (s.indexOf('&') < 0) return s;
    return s.replace(REF, (ref, _dec, _hex, name: string | undefined) => {
      if (name === undefined || XML_NAMED[name] !== undefined) return ref;
      const own = this.declared?.get(name);
      if (own !== undefined) {
        this.expanded += own.length;
        if (this.expanded > MAX_ENTITY_EXPANSION_CHARS) {
          throw new FeedParseError('ENTITY_EXPANSION', `entity expansion exceeds ${MAX_ENTITY_EXPANSION_CHARS} characters`);
        }
        return escapeHtml(own);
      }
      return ref;
    });
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}
