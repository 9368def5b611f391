/**
 * Tiny XML/HTML text helpers. Everything that comes from a feed passes through `escapeXml` before it
 * reaches a document: that single rule is what keeps hostile feed text from injecting markup.
 */

// Characters XML 1.0 forbids (C0 controls except tab/newline/return, U+FFFE/U+FFFF, lone surrogates).
// One of them in a feed would make strict readers (feedparser's bozo flag, newsboat) reject the whole document.
const XML_INVALID_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for XML or HTML element content and attribute values, dropping characters XML forbids. */
export function escapeXml(text: string): string {
  return text.replace(XML_INVALID_CHARS, '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** `<name attr="v">text</name>` with the text escaped; attributes with null values are left out. */
export function element(name: string, text: string, attrs: Record<string, string | null | undefined> = {}): string {
  return `<${name}${attributes(attrs)}>${escapeXml(text)}</${name}>`;
}

/** `<name attr="v"/>`; attributes with null values are left out. */
export function emptyElement(name: string, attrs: Record<string, string | null | undefined>): string {
  return `<${name}${attributes(attrs)}/>`;
}

function attributes(attrs: Record<string, string | null | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    out += ` ${k}="${escapeXml(v)}"`;
  }
  return out;
}
