/**
 * A small synchronous 64-bit string hash (two FNV-1a lanes over UTF-16 code units with a final
 * avalanche), written in base32. Used to mint story ids: it must never change, or every id would.
 */
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function lane(text: string, seed: number, prime: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, prime);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 13 base32 characters (64 bits) identifying `text`. */
export function hash64Base32(text: string): string {
  let hi = lane(text, 0x811c9dc5, 0x01000193);
  let lo = lane(text, 0x9747b28c, 0x0100019d);
  // The 64-bit number hi:lo in base32, most significant digit first (13 digits, the top one 4 bits).
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = BASE32[lo & 31]! + out;
    lo = ((lo >>> 5) | ((hi & 31) << 27)) >>> 0;
    hi >>>= 5;
  }
  return out;
}
