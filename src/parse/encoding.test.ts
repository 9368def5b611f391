/**
 * The same outlet feed in every encoding a publisher sends, and where the encoding is said: a byte
 * order mark, the HTTP charset, the XML declaration, or nothing (UTF-16 recognised by its byte
 * pattern). Whatever the route, the parse must equal the one of the feed as stored (Première's
 * Latin-1 file). The conformance runner skips these cases (its UTF-16/32 and HTTP-charset folders
 * read keys the model does not have), so they are checked here.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFeed, ParseResult } from '../model';
import { parseFeed } from './index';
import premiere from '../../fixtures/feeds/premiere-fr.xml?bytes';
import slashfilm from '../../fixtures/feeds/slashfilm.json?bytes';

function ok(r: ParseResult): ParsedFeed {
  if (!r.ok) throw new Error(`expected a feed, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const URL = 'https://www.premiere.fr/rss/actu-cinema';
const DECLARATION = '<?xml version="1.0" encoding="ISO-8859-1"?>';

/** The fixture's text: Latin-1 bytes (one windows-1252 curly quote among them). */
const text = new TextDecoder('windows-1252').decode(premiere);
const body = text.slice(DECLARATION.length);
const expected = ok(parseFeed({ body: premiere, url: URL }));

function utf16(s: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (c: number) => {
    out[o++] = bigEndian ? c >> 8 : c & 0xff;
    out[o++] = bigEndian ? c & 0xff : c >> 8;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
  return out;
}

/** windows-1252 bytes of a string (Latin-1 plus the 0x80–0x9F punctuation). */
function cp1252(s: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, '…': 0x85 };
  return Uint8Array.from([...s].map((ch) => high[ch] ?? ch.charCodeAt(0)));
}

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('encodings of one outlet feed', () => {
  it('the stored Latin-1 fixture has accents and a windows-1252 quote to get right', () => {
    expect(expected.feed.title).toBe('Première - Actualités cinéma');
    expect(JSON.stringify(expected.items)).toMatch(/’/);
    expect(JSON.stringify(expected.items)).not.toMatch(/Ã|Â|\ufffd|[\u0080-\u009f]/);
  });

  const cases: Array<[string, Uint8Array, string | null]> = [
    ['UTF-16LE with a byte order mark', utf16(`<?xml version="1.0" encoding="UTF-16"?>${body}`, false, true), null],
    ['UTF-16BE with a byte order mark', utf16(`<?xml version="1.0" encoding="UTF-16"?>${body}`, true, true), null],
    ['UTF-16BE without a BOM, declared UTF-16BE', utf16(`<?xml version="1.0" encoding="UTF-16BE"?>${body}`, true, false), null],
    ['UTF-16LE without a BOM or declared charset (byte pattern of <?xml)', utf16(`<?xml version="1.0"?>${body}`, false, false), null],
    ['UTF-8 with a byte order mark', Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(`<?xml version="1.0"?>${body}`)]), null],
    ['windows-1252 declared in the XML', cp1252(`<?xml version="1.0" encoding="windows-1252"?>${body}`), null],
    ['windows-1252 named only by the HTTP charset', cp1252(body), 'application/rss+xml; charset=windows-1252'],
    ['ISO-8859-1 from the HTTP charset over a wrong UTF-8 declaration', cp1252(`<?xml version="1.0" encoding="UTF-8"?>${body}`), 'text/xml; charset=ISO-8859-1'],
    ['UTF-8 from the HTTP charset over a wrong Latin-1 declaration', utf8(text), 'application/rss+xml; charset=utf-8'],
    ['Latin-1 bytes mislabelled as UTF-8 by the server', premiere, 'application/rss+xml; charset=UTF-8'],
  ];

  for (const [name, bytes, contentType] of cases) {
    it(`reads ${name} as the same feed`, () => {
      const got = ok(parseFeed({ body: bytes, contentType, url: URL }));
      expect(got.feed).toEqual(expected.feed);
      expect(got.items).toEqual(expected.items);
    });
  }
});

describe('JSON Feed versions', () => {
  const v11 = JSON.parse(new TextDecoder().decode(slashfilm)) as { version: string; items: Array<Record<string, unknown>> };

  it('reads a JSON Feed 1.0 document (version 1, a single author object) as json10', () => {
    // The same outlet as a 1.0 feed: `author` instead of `authors`, as 1.0 publishers write it.
    const v10 = {
      ...v11,
      version: 'https://jsonfeed.org/version/1',
      items: v11.items.map(({ authors, ...item }) => ({ ...item, ...(Array.isArray(authors) && authors[0] ? { author: authors[0] } : {}) })),
    };
    const newer = ok(parseFeed({ body: slashfilm, contentType: 'application/feed+json' }));
    const older = ok(parseFeed({ body: utf8(JSON.stringify(v10)), contentType: 'application/json' }));
    expect(newer.feed.format).toBe('json11');
    expect(older.feed.format).toBe('json10');
    expect(older.items).toEqual(newer.items);
    expect(older.items.some((i) => i.authors.length > 0)).toBe(true);
  });
});
