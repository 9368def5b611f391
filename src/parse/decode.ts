/**
 * Bytes → string. The encoding comes from, in order: a byte order mark, the HTTP charset, the XML
 * declaration, the byte pattern of `<?xml` in UTF-16/32, else UTF-8. When the chosen decoder meets
 * invalid bytes we fall back to UTF-8 and then windows-1252 (which decodes every byte), so a Latin-1
 * feed mislabelled as UTF-8 reads as Latin-1 instead of mojibake or replacement characters.
 */
import { FeedParseError } from './errors';

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding actually used. */
  encoding: string;
}

/** windows-1252 bytes 0x80–0x9F (the C1 range Latin-1 leaves to control characters). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d,
  0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d,
  0x17e, 0x178,
];

/** Labels that name real encodings; when the runtime cannot decode one of these we say so. */
const KNOWN_LEGACY = /^(big5|euc-kr|euc-jp|gb2312|gbk|gb18030|shift[_-]jis|sjis|iso-2022-jp|koi8-[ru]|iso-8859-\d+|windows-125\d|x-mac-.*|macintosh|tis-620|ibm866)$/i;

export function windows1252(bytes: Uint8Array, start = 0): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = start; i < bytes.length; i += CHUNK) {
    const end = Math.min(bytes.length, i + CHUNK);
    const codes = new Array<number>(end - i);
    for (let j = i; j < end; j++) {
      const b = bytes[j]!;
      codes[j - i] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function utf16(bytes: Uint8Array, start: number, bigEndian: boolean, fatal: boolean): string {
  if (!bigEndian) {
    try {
      return new TextDecoder('utf-16le', { fatal, ignoreBOM: true }).decode(bytes.subarray(start));
    } catch (err) {
      if (fatal) throw err;
    }
  }
  let out = '';
  const CHUNK = 8192;
  const len = bytes.length - ((bytes.length - start) % 2);
  for (let i = start; i < len; i += CHUNK * 2) {
    const end = Math.min(len, i + CHUNK * 2);
    const codes: number[] = [];
    for (let j = i; j < end; j += 2) {
      codes.push(bigEndian ? (bytes[j]! << 8) | bytes[j + 1]! : bytes[j]! | (bytes[j + 1]! << 8));
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

function utf32(bytes: Uint8Array, start: number, bigEndian: boolean): string {
  const parts: string[] = [];
  for (let i = start; i + 3 < bytes.length; i += 4) {
    const cp = bigEndian
      ? ((bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!) >>> 0
      : ((bytes[i + 3]! << 24) | (bytes[i + 2]! << 16) | (bytes[i + 1]! << 8) | bytes[i]!) >>> 0;
    parts.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp));
  }
  return parts.join('');
}

/** The `charset` parameter of a Content-Type header, or null. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return m ? m[1]!.trim() : null;
}

/** The `encoding` of an XML declaration read from ASCII-compatible bytes, or null. */
function xmlDeclEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 512)));
  const m = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1]! : null;
}

type Detected = { label: string; start: number; source: 'bom' | 'sniff' };

function byteOrderMark(b: Uint8Array): Detected | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { label: 'utf-8', start: 3, source: 'bom' };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { label: 'utf-32be', start: 4, source: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { label: 'utf-32le', start: 4, source: 'bom' };
  if (b[0] === 0xfe && b[1] === 0xff) return { label: 'utf-16be', start: 2, source: 'bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return { label: 'utf-16le', start: 2, source: 'bom' };
  // No BOM: `<` (or `<?`) laid out in a wide encoding.
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0x00 && b[3] === 0x3c) return { label: 'utf-32be', start: 0, source: 'sniff' };
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x00 && b[3] === 0x00) return { label: 'utf-32le', start: 0, source: 'sniff' };
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00) return { label: 'utf-16be', start: 0, source: 'sniff' };
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] !== 0x00) return { label: 'utf-16le', start: 0, source: 'sniff' };
  return null;
}

function isUtf16Or32(label: string): boolean {
  return /^(utf-?16|utf-?32|ucs-?2|ucs-?4|iso-10646-ucs)/i.test(label);
}

/** Decodes with a WHATWG label; returns null if the bytes are invalid in it or the label is unknown here. */
function tryDecode(bytes: Uint8Array, label: string, start: number): Decoded | null {
  const lower = label.toLowerCase();
  if (lower === 'utf-32' || lower === 'utf-32be' || lower === 'ucs-4') return { text: utf32(bytes, start, true), encoding: 'utf-32be' };
  if (lower === 'utf-32le') return { text: utf32(bytes, start, false), encoding: 'utf-32le' };
  if (lower === 'utf-16be') return { text: utf16(bytes, start, true, false), encoding: 'utf-16be' };
  if (lower === 'utf-16le' || lower === 'utf-16' || lower === 'ucs-2') return { text: utf16(bytes, start, false, false), encoding: 'utf-16le' };
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(lower, { fatal: true, ignoreBOM: true });
  } catch {
    if (/^(iso-8859-1|latin-?1|us-ascii|ascii|windows-1252|cp1252|l1)$/.test(lower)) {
      return { text: windows1252(bytes, start), encoding: 'windows-1252' };
    }
    return null;
  }
  if (decoder.encoding === 'windows-1252') return { text: windows1252(bytes, start), encoding: 'windows-1252' };
  try {
    return { text: decoder.decode(bytes.subarray(start)), encoding: decoder.encoding };
  } catch {
    return null;
  }
}

const C1 = /[\u0080-\u009f]/g;

/**
 * C1 control characters in decoded text are windows-1252 punctuation stored by a tool that took
 * cp1252 for Latin-1 ("don\u0092t"): map them to what the author typed (feedparser's "demoronize").
 */
function demoronize(d: Decoded): Decoded {
  if (!/[\u0080-\u009f]/.test(d.text)) return d;
  return { text: d.text.replace(C1, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!)), encoding: d.encoding };
}

export function decodeBody(body: Uint8Array | string, contentType?: string | null): Decoded {
  return demoronize(decodeRaw(body, contentType));
}

function decodeRaw(body: Uint8Array | string, contentType?: string | null): Decoded {
  if (typeof body === 'string') {
    return { text: body.charCodeAt(0) === 0xfeff ? body.slice(1) : body, encoding: 'utf-8' };
  }
  const bom = byteOrderMark(body);
  if (bom?.source === 'bom') {
    const d = tryDecode(body, bom.label, bom.start);
    if (d) return d;
  }
  const httpCharset = charsetFromContentType(contentType);
  const declared = bom ? null : xmlDeclEncoding(body);
  const candidates: string[] = [];
  // A wide-encoding byte pattern beats an ASCII-compatible label claimed for it.
  if (bom) candidates.push(bom.label);
  for (const label of [httpCharset, declared]) {
    if (!label) continue;
    if (bom && !isUtf16Or32(label)) continue;
    if (!bom && isUtf16Or32(label)) continue; // a UTF-16 label on bytes that read as ASCII is a lie
    candidates.push(label);
  }
  let unsupported: string | null = null;
  for (const label of candidates) {
    const d = tryDecode(body, label, bom?.start ?? 0);
    if (d) return d;
    if (KNOWN_LEGACY.test(label)) {
      try {
        new TextDecoder(label);
      } catch {
        unsupported = label;
      }
    }
  }
  const utf8 = tryDecode(body, 'utf-8', 0);
  if (utf8) return utf8;
  if (unsupported) throw new FeedParseError('UNSUPPORTED_ENCODING', `encoding "${unsupported}" is not supported here`);
  return { text: windows1252(body), encoding: 'windows-1252' };
}
