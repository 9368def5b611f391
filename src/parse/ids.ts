/**
 * A stable id for an item that has none: the same item (same link, title and date) gets the same id
 * on every fetch, so readers and newsletter tools never see it as new twice. FNV-1a 64 is
 * synchronous (crypto.subtle is not) and plenty to tell the items of one feed apart.
 */

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(s: string): string {
  // Over UTF-16 code units; keys are short (link, title, date), so BigInt arithmetic is cheap enough.
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) {
    h ^= BigInt(s.charCodeAt(i));
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

export const DERIVED_ID_PREFIX = 'marquee:';

export function deriveId(parts: { url: string | null; title: string | null; published: string | null; text: string | null }): string {
  const key = [parts.url ?? '', parts.title ?? '', parts.published ?? '', parts.url || parts.title ? '' : (parts.text ?? '').slice(0, 500)].join('\n');
  return DERIVED_ID_PREFIX + fnv1a64(key);
}
