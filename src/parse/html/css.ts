import { CSS_KEYWORDS, CSS_PROPERTIES, CSS_SHORTHAND_FAMILIES, SVG_CSS_PROPERTIES } from './allowlists';

/** Longer inline styles are dropped outright: real ones are short, and it bounds the regex work. */
export const MAX_STYLE_LENGTH = 4096;

const URL_FUNCTION = /url\s*\(\s*[^\s)]+\s*\)\s*/g;
const DECLARATION_REMAINDER = /\s*[-\w]+\s*:\s*[^:;]*;?/g;
const DECLARATION = /([-\w]+)\s*:\s*([^:;]*)/g;
const SAFE_VALUE = /^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$/;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const SPACE_CHAR = /\s/;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Characters a style may contain on their own: `[:,;#%.\sa-zA-Z0-9!]`. */
function isPlainStyleChar(c: number, ch: string): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 58 || c === 44 || c === 59 || c === 35 || c === 37 || c === 46 || c === 33 ||
    SPACE_CHAR.test(ch)
  );
}

/**
 * The gauntlet every style must pass before its declarations are looked at: plain characters,
 * hyphens only between word characters, quoted words, and parentheses holding only numbers.
 * Written as a scanner because the equivalent regex backtracks on hostile input.
 */
function passesGauntlet(style: string): boolean {
  let i = 0;
  const n = style.length;
  while (i < n) {
    const ch = style[i]!;
    const c = style.charCodeAt(i);
    if (style[i + 1] === '-') {
      if (isWordChar(ch) && isWordChar(style[i + 2])) {
        i += 3;
        continue;
      }
      // Anything else followed by a hyphen: no alternative of the gauntlet accepts the hyphen.
      return false;
    }
    if (isPlainStyleChar(c, ch)) {
      i++;
      continue;
    }
    if (c === 39 || c === 34) {
      const close = style.indexOf(ch, i + 1);
      if (close <= i + 1) return false;
      for (let k = i + 1; k < close; k++) {
        const q = style[k]!;
        if (!isWordChar(q) && !SPACE_CHAR.test(q)) return false;
      }
      i = close + 1;
      continue;
    }
    if (c === 40) {
      const close = style.indexOf(')', i + 1);
      if (close <= i + 1) return false;
      for (let k = i + 1; k < close; k++) {
        const d = style.charCodeAt(k);
        if (!((d >= 48 && d <= 57) || d === 44 || SPACE_CHAR.test(style[k]!))) return false;
      }
      i = close + 1;
      continue;
    }
    return false;
  }
  return true;
}

/**
 * Keeps only declarations whose property is known-safe (and, for background/border/margin/padding,
 * whose every keyword is a known colour, length or keyword). url(...) never survives, nor does
 * anything with expressions, escapes or comments. Returns '' when nothing is left.
 */
export function sanitizeStyle(style: string, inSvg = false): string {
  if (style.length > MAX_STYLE_LENGTH) return '';
  // Publishers repeat the same few inline styles on every paragraph: remember recent verdicts.
  const cache = inSvg ? svgCache : htmlCache;
  const known = cache.get(style);
  if (known !== undefined) return known;
  const clean = sanitizeUncached(style, inSvg);
  if (cache.size >= STYLE_CACHE_SIZE) cache.clear();
  cache.set(style, clean);
  return clean;
}

/** How many distinct inline styles are remembered (per vocabulary) before the memo starts over. */
export const STYLE_CACHE_SIZE = 512;
const htmlCache = new Map<string, string>();
const svgCache = new Map<string, string>();

function sanitizeUncached(style: string, inSvg: boolean): string {
  const noUrls = style.replace(URL_FUNCTION, ' ');
  if (!passesGauntlet(noUrls)) return '';
  if (noUrls.replace(DECLARATION_REMAINDER, '').trim()) return '';
  const clean: string[] = [];
  for (const m of noUrls.matchAll(DECLARATION)) {
    const prop = m[1]!;
    const value = m[2]!.trim();
    if (!value) continue;
    const lower = prop.toLowerCase();
    if (CSS_PROPERTIES.has(lower)) {
      clean.push(`${prop}: ${value};`);
    } else if (CSS_SHORTHAND_FAMILIES.has(lower.split('-')[0]!)) {
      const keywords = value.split(/\s+/);
      if (keywords.every((k) => CSS_KEYWORDS.has(k) || SAFE_VALUE.test(k))) clean.push(`${prop}: ${value};`);
    } else if (inSvg && SVG_CSS_PROPERTIES.has(lower)) {
      clean.push(`${prop}: ${value};`);
    }
  }
  return clean.join(' ');
}
