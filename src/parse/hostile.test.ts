import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../model';
import { parseFeed } from './index';
import { MAX_ITEMS } from './limits';
import billionLaughs from '../../fixtures/parse/hostile/billion-laughs.xml?bytes';
import xxe from '../../fixtures/parse/hostile/xxe.xml?bytes';
import htmlPage from '../../fixtures/parse/hostile/html-page.html?bytes';
import truncated from '../../fixtures/parse/hostile/truncated.xml?bytes';
import garbage from '../../fixtures/parse/hostile/binary-garbage.bin?bytes';

function errorCode(r: ParseResult): string {
  return r.ok ? 'ok' : r.error.code;
}

function item(i: number): string {
  return `<item><title>Box office update ${i}: Oppenheimer passes $${i}M</title><link>https://boxoffice.example.com/${i}</link><guid>bo-${i}</guid><pubDate>Sun, 23 Jul 2023 15:00:00 GMT</pubDate><description>&lt;p&gt;Weekend ${i} &amp;amp; counting&lt;/p&gt;</description></item>`;
}

function rssWith(items: string, doctype = ''): string {
  return `<?xml version="1.0"?>${doctype}<rss version="2.0"><channel><title>Box Office Mojo</title><link>https://boxoffice.example.com/</link>${items}</channel></rss>`;
}

describe('hostile input', () => {
  it('refuses a billion-laughs entity bomb with ENTITY_EXPANSION', () => {
    const r = parseFeed({ body: billionLaughs });
    expect(errorCode(r)).toBe('ENTITY_EXPANSION');
  });

  it('refuses a quadratic blowup (one big entity referenced many times) with ENTITY_EXPANSION', () => {
    const big = 'Barbenheimer '.repeat(700);
    const refs = '&big;'.repeat(200);
    const body = rssWith(`<item><title>${refs}</title></item>`, `<!DOCTYPE rss [<!ENTITY big "${big}">]>`);
    expect(errorCode(parseFeed({ body }))).toBe('ENTITY_EXPANSION');
  });

  it('expands a small internal entity as real feeds use them', () => {
    const body = rssWith('<item><guid isPermaLink="false">&id;2024-03-10:/weekend/</guid><title>Dune holds</title></item>', '<!DOCTYPE rss [<!ENTITY id "tag:boxoffice.example.com,">]>');
    const r = parseFeed({ body });
    expect(r.ok && r.value.items[0]!.id).toBe('tag:boxoffice.example.com,2024-03-10:/weekend/');
  });

  it('never resolves external entities (XXE): the feed parses and no file content appears', () => {
    const r = parseFeed({ body: xxe });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const json = JSON.stringify(r.value);
    expect(json).not.toMatch(/root:|\/bin\/(ba)?sh|attacker/);
    expect(r.value.items[0]!.title).toBe('Weekend estimates: &xxe; Dune Part Two holds at No. 1');
    expect(r.value.items[0]!.url).toBe('https://boxoffice.example.com/weekend/2024-03-10');
  });

  it('refuses a document over maxBytes before parsing it', () => {
    const r = parseFeed({ body: new Uint8Array(2048).fill(0x20), maxBytes: 1024 });
    expect(errorCode(r)).toBe('TOO_LARGE');
    const big = rssWith(item(1).repeat(30_000)); // ~6 MB, over the 5 MB default
    expect(errorCode(parseFeed({ body: big }))).toBe('TOO_LARGE');
  });

  it('parses 10,000 items and keeps at most MAX_ITEMS of a longer feed', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10_050; i++) parts.push(item(i));
    const r = parseFeed({ body: rssWith(parts.join('')) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.items).toHaveLength(MAX_ITEMS);
    expect(r.value.items[0]!.id).toBe('bo-0');
    expect(r.value.items[MAX_ITEMS - 1]!.id).toBe(`bo-${MAX_ITEMS - 1}`);
    expect(r.value.items[5]!.summary).toBe('Weekend 5 & counting');
  });

  it('answers binary garbage with NOT_A_FEED', () => {
    expect(errorCode(parseFeed({ body: garbage }))).toBe('NOT_A_FEED');
  });

  it('answers an HTML page served instead of the feed with HTML_NOT_FEED', () => {
    expect(errorCode(parseFeed({ body: htmlPage, contentType: 'text/html; charset=utf-8' }))).toBe('HTML_NOT_FEED');
  });

  it('recovers the complete items of a truncated feed', () => {
    const r = parseFeed({ body: truncated });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.items.map((i) => i.title)).toEqual([
      'Mission: Impossible 8 Gets New Title and Release Date',
      'A Quiet Place: Day One Trailer Breaks Down New York',
    ]);
  });

  it('answers an empty body with EMPTY and a cut inside the header with MALFORMED', () => {
    expect(errorCode(parseFeed({ body: '  \n ' }))).toBe('EMPTY');
    expect(errorCode(parseFeed({ body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Vari' }))).not.toBe('ok');
  });

  it('survives deep nesting and never throws', () => {
    const deep = `<rss version="2.0"><channel>${'<x>'.repeat(5000)}</channel></rss>`;
    const r = parseFeed({ body: deep });
    expect(['MALFORMED', 'ok']).toContain(errorCode(r));
  });
});
