/**
 * Reading the feeds out of an OPML subscription list. Only <outline> attributes are needed, so a small
 * tag scanner does it: no DTDs, no entity expansion beyond the XML five and character references.
 */

export interface OpmlOutline {
  xmlUrl: string;
  title: string | null;
  htmlUrl: string | null;
}

export const MAX_OPML_OUTLINES = 1000;

const OUTLINE = /<outline\b((?:[^>"']|"[^"]*"|'[^']*')*)\/?>/gi;
const ATTRIBUTE = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function looksLikeOpml(text: string): boolean {
  return /<opml\b/i.test(text);
}

export function readOpmlOutlines(text: string): OpmlOutline[] {
  const out: OpmlOutline[] = [];
  for (const m of text.matchAll(OUTLINE)) {
    const attrs = new Map<string, string>();
    for (const a of (m[1] ?? '').matchAll(ATTRIBUTE)) attrs.set(a[1]!.toLowerCase(), decodeXml(a[2] ?? a[3] ?? ''));
    const xmlUrl = attrs.get('xmlurl')?.trim();
    if (!xmlUrl) continue; // a folder, not a feed
    const title = (attrs.get('title') ?? attrs.get('text') ?? '').trim();
    out.push({ xmlUrl, title: title || null, htmlUrl: attrs.get('htmlurl')?.trim() || null });
    if (out.length >= MAX_OPML_OUTLINES) break;
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** A lowercase slug from a title or host name, unique among `taken`. */
export function slugFor(base: string, taken: Set<string>): string {
  let slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  if (!slug) slug = 'source';
  let candidate = slug;
  for (let n = 2; taken.has(candidate); n++) candidate = `${slug}-${n}`;
  taken.add(candidate);
  return candidate;
}
