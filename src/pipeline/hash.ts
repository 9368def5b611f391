/**
 * A small synchronous 64-bit string hash (two FNV-1a lanes over UTF-16 code units with a final
 * avalanche), written in base32. Used to mint story ids: it must never change, or every id would.
 */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE32_CODES = Array.from(BASE32, (c) => c.charCodeAt(0));

function avalanche(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The 13 base32 digits, reused from call to call (one id per story per build). */
const digits: number[] = new Array<number>(13).fill(0);

/** 13 base32 characters (64 bits) identifying `text`. */
export function hash64Base32(text: string): string {
  // Both lanes in one pass over the text.
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x0100019d);
  }
  let hi = avalanche(a);
  let lo = avalanche(b);
  // The 64-bit number hi:lo in base32, most significant digit first (13 digits, the top one 4 bits).
  for (let i = 12; i >= 0; i--) {
    digits[i] = BASE32_CODES[lo & 31]!;
    lo = ((lo >>> 5) | ((hi & 31) << 27)) >>> 0;
    hi >>>= 5;
  }
  return String.fromCharCode.apply(null, digits);
}
