import { describe, expect, it } from 'vitest';
import type { ParsedFeed, ParseResult } from '../model';
import { DEFAULT_MAX_BYTES, parseFeed } from './index';
import variety from '../../fixtures/feeds/variety.xml?bytes';
import empireAtom from '../../fixtures/feeds/empire.atom?bytes';
import apWire from '../../fixtures/feeds/ap-wire.rdf?bytes';
import bbc from '../../fixtures/feeds/bbc-entertainment.xml?bytes';
import premiere from '../../fixtures/feeds/premiere-fr.xml?bytes';
import slashfilm from '../../fixtures/feeds/slashfilm.json?bytes';
import collider from '../../fixtures/feeds/collider-atom03.xml?bytes';
import empire091 from '../../fixtures/feeds/empire-legacy-rss091.xml?bytes';
import indiewireBroken from '../../fixtures/feeds/indiewire-broken.xml?bytes';
import entityHeavy from '../../fixtures/parse/entity-heavy.xml?bytes';
import hollywoodReporter from '../../fixtures/feeds/hollywood-reporter.xml?bytes';
import deadline from '../../fixtures/feeds/deadline.xml?bytes';

function ok(r: ParseResult): ParsedFeed {
  if (!r.ok) throw new Error(`expected a feed, got ${r.error.code}: ${r.error.message}`);
  return r.value;
}

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe('parseFeed on outlet fixtures', () => {
  it('reads a WordPress RSS 2.0 trade paper with content:encoded', () => {
    const { feed, items } = ok(parseFeed({ body: variety, url: 'https://variety.com/feed/' }));
    expect(feed.format).toBe('rss20');
    expect(feed.title).toBe('Variety');
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) {
      expect(item.id).toBeTruthy();
      expect(item.url).toMatch(/^https:\/\//);
      expect(item.title).not.toMatch(/<|&[a-z]+;/);
      expect(item.summary ?? '').not.toMatch(/<[a-z]/i);
      expect(item.contentHtml ?? '').not.toMatch(/<script|onerror=|javascript:/i);
      if (item.published) expect(item.published).toMatch(ISO_UTC);
    }
    expect(items.some((i) => /<p>/.test(i.contentHtml ?? ''))).toBe(true);
  });

  it('reads an Atom magazine with authors, categories and dates', () => {
    const { feed, items } = ok(parseFeed({ body: empireAtom }));
    expect(feed.format).toBe('atom10');
    expect(feed.title).toMatch(/Empire/);
    expect(items[0]!.title).toBe('Oppenheimer Leads 2024 Oscar Nominations With 13 – Full List');
    expect(items[0]!.published).toBe('2024-01-23T13:45:00.000Z');
    expect(items.every((i) => i.authors.length > 0 && i.authors[0]!.name)).toBe(true);
  });

  it('reads an RDF wire service (RSS 1.0 with dc:date)', () => {
    const { feed, items } = ok(parseFeed({ body: apWire }));
    expect(feed.format).toBe('rss10');
    expect(items).toHaveLength(13);
    expect(items[0]!.title).toMatch(/^Marvel drops Jonathan Majors/);
    expect(items[0]!.published).toBe('2023-12-18T22:41:00.000Z');
  });

  it('takes the image of a broadcaster item from media:thumbnail', () => {
    const { items } = ok(parseFeed({ body: bbc }));
    expect(items[0]!.title).toBe('Oscars 2024: Oppenheimer leads nominations with 13');
    expect(items.filter((i) => i.image).length).toBeGreaterThan(0);
    expect(items.find((i) => i.image)!.image).toMatch(/^https:\/\/.+\.(jpg|jpeg|png|webp)/);
  });

  it('decodes a Latin-1 feed without mojibake', () => {
    const { feed, items } = ok(parseFeed({ body: premiere }));
    expect(feed.title).toBe('Première - Actualités cinéma');
    expect(items[0]!.title).toBe('Dune : Deuxième partie repoussé à mars 2024 à cause de la grève des acteurs');
    expect(JSON.stringify(items)).not.toMatch(/Ã|Â|\ufffd/);
  });

  it('reads JSON Feed 1.1', () => {
    const { feed, items } = ok(parseFeed({ body: slashfilm, contentType: 'application/feed+json' }));
    expect(feed.format).toBe('json11');
    expect(feed.title).toBe('/Film');
    expect(items).toHaveLength(8);
    expect(items[0]!.title).toMatch(/^Dune: Part Two Is Officially Delayed/);
    expect(items[0]!.published).toMatch(ISO_UTC);
  });

  it('names Atom 0.3 and Netscape RSS 0.91 as feedparser does', () => {
    expect(ok(parseFeed({ body: collider })).feed.format).toBe('atom03');
    expect(ok(parseFeed({ body: empire091 })).feed.format).toBe('rss091n');
  });

  it('recovers the items before the damage in a broken feed', () => {
    const { items } = ok(parseFeed({ body: indiewireBroken }));
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items[0]!.title).toBe('Marvel Cuts Ties With Jonathan Majors After Guilty Verdict — What Happens to Kang & the Multiverse Saga?');
  });
});

describe('entity-heavy trade-paper feed', () => {
  it('parses all 320 items with thousands of HTML named entities (no expansion cap)', () => {
    const { feed, items } = ok(parseFeed({ body: entityHeavy }));
    expect(feed.title).toBe('Marquee Trade – Film News & Box Office');
    // &nbsp; decodes to U+00A0; whether plain text keeps it as such is cleanText's policy (html/text.ts).
    expect(feed.description?.replace(/\u00a0/g, ' ')).toBe('Film, TV & awards news — © 2024 Marquee Trade');
    expect(items).toHaveLength(320);
    const text = items.map((i) => `${i.title} ${i.summary}`).join('\n');
    expect(text).not.toMatch(/&(nbsp|eacute|rsquo|mdash|amp|#8217);/);
    expect(text).toContain('café-set romance');
    expect(items[0]!.contentHtml).toMatch(/<em>Marquee\u00a0Trade<\/em>|<em>Marquee&nbsp;Trade<\/em>/);
    expect(items[0]!.authors[0]!.name).toBe('Justin Kroll & Mike Fleming Jr.');
    expect(items[0]!.categories).toContain('Film');
  });

  it('resolves relative image URLs in content against the feed URL and reads sy: hints', () => {
    const parsed = ok(parseFeed({ body: entityHeavy, url: 'https://trade.example.com/feed/' }));
    expect(parsed.feed.feedUrl).toBe('https://trade.example.com/feed/');
    expect(parsed.items[0]!.contentHtml).toContain('src="https://trade.example.com/wp-content/uploads/2024/01/story-0.jpg"');
    expect(parsed.ttlSeconds).toBe(900);
  });
});

describe('model rules', () => {
  const rss = (items: string, channelExtra = '') =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xmlns:c="http://purl.org/rss/1.0/modules/content/"><channel><title>Deadline</title><link>https://deadline.com/</link>${channelExtra}${items}</channel></rss>`;

  it('derives a stable id and a title when the item has none', () => {
    const body = rss('<item><description>Tom Cruise rides a motorcycle off a Norwegian cliff. The stunt took a year of training.</description><link>https://deadline.com/mi7-stunt</link></item>');
    const a = ok(parseFeed({ body })).items[0]!;
    const b = ok(parseFeed({ body: new TextEncoder().encode(body) })).items[0]!;
    expect(a.id).toMatch(/^marquee:[0-9a-f]{16}$/);
    expect(a.id).toBe(b.id);
    expect(a.title).toBe('Tom Cruise rides a motorcycle off a Norwegian cliff.');
  });

  it('resolves namespaces by URI, not by prefix (c:encoded is content:encoded)', () => {
    const { items } = ok(parseFeed({ body: rss('<item><title>Barbie</title><description>Short</description><c:encoded><![CDATA[<p>Long <b>body</b></p>]]></c:encoded></item>') }));
    expect(items[0]!.contentHtml).toBe('<p>Long <b>body</b></p>');
    expect(items[0]!.summary).toBe('Short');
  });

  it('takes feedUrl from atom:link rel=self and ttl from <ttl>', () => {
    const parsed = ok(parseFeed({ body: rss('', '<atom:link rel="self" href="https://deadline.com/feed/"/><ttl>30</ttl>'), url: 'https://example.org/x' }));
    expect(parsed.feed.feedUrl).toBe('https://deadline.com/feed/');
    expect(parsed.ttlSeconds).toBe(1800);
  });

  it('resolves relative links against xml:base and the feed URL', () => {
    const body = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.empireonline.com/movies/"><title>Empire</title>
      <entry xml:base="news/"><id>tag:empire,1</id><title>Dune</title><link href="dune-part-two-delay/"/></entry></feed>`;
    const { items } = ok(parseFeed({ body, url: 'https://feeds.example.com/empire.atom' }));
    expect(items[0]!.url).toBe('https://www.empireonline.com/movies/news/dune-part-two-delay/');
  });

  it('serializes Atom xhtml content without the wrapping div', () => {
    const body = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><title type="html">Zendaya &amp;lt;3 Dune</title>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Zendaya &amp; Timothée <em>return</em></p></div></content></entry></feed>`;
    const item = ok(parseFeed({ body })).items[0]!;
    expect(item.contentHtml).toBe('<p>Zendaya &amp; Timothée <em>return</em></p>');
    expect(item.title).toBe('Zendaya <3 Dune');
  });

  it('reads enclosures, media images and RSS author "email (name)"', () => {
    const { items } = ok(parseFeed({ body: rss('<item><title>Podcast</title><author>kroll@deadline.com (Justin Kroll)</author><enclosure url="https://cdn.deadline.com/ep1.mp3" type="audio/mpeg" length="1234"/><media:content url="https://cdn.deadline.com/a.jpg" medium="image"/></item>') }));
    expect(items[0]!.authors).toEqual([{ name: 'Justin Kroll', email: 'kroll@deadline.com', url: null }]);
    expect(items[0]!.enclosures).toEqual([{ url: 'https://cdn.deadline.com/ep1.mp3', type: 'audio/mpeg', length: 1234 }]);
    expect(items[0]!.image).toBe('https://cdn.deadline.com/a.jpg');
  });

  it('reads Atom 0.3 base64 content of type text/html as HTML, not escaped text', () => {
    const barbie = ok(parseFeed({ body: collider })).items.find((i) => /Barbie/.test(i.title ?? ''))!;
    expect(barbie.contentHtml).toBe(
      "<p>Greta Gerwig's <em>Barbie</em> has a new trailer, and it explains why Margot Robbie's Barbie leaves her perfect pink world. The film opens July 21.</p>",
    );
    expect(barbie.summary ?? '').not.toMatch(/&lt;|<p>/);
  });

  it('resolves relative media:content images against the channel link when the feed has no URL', () => {
    const { items } = ok(parseFeed({ body: hollywoodReporter }));
    expect(items[0]!.image).toBe('https://www.hollywoodreporter.com/wp-content/uploads/2024/01/oppenheimer-oscars.jpg?w=1296');
    expect(items.every((i) => i.image === null || i.image.startsWith('https://www.hollywoodreporter.com/wp-content/'))).toBe(true);
  });

  it('anchors a relative xml:base on the self link, and prefers the fetch URL when there is one', () => {
    const body = `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel xml:base="/news/"><title>Screen Daily</title>
      <atom:link rel="self" href="https://www.screendaily.com/feed/"/>
      <item><title>Cannes line-up</title><link>cannes-2024-line-up/</link><enclosure url="/audio/cannes.mp3" type="audio/mpeg"/></item></channel></rss>`;
    const fromFile = ok(parseFeed({ body })).items[0]!;
    expect(fromFile.url).toBe('https://www.screendaily.com/news/cannes-2024-line-up/');
    expect(fromFile.enclosures[0]!.url).toBe('https://www.screendaily.com/audio/cannes.mp3');
    const fetched = ok(parseFeed({ body, url: 'https://mirror.example.net/screen/feed.xml' })).items[0]!;
    expect(fetched.url).toBe('https://mirror.example.net/news/cannes-2024-line-up/');
  });

  it('decodes a double-escaped entity in author names (RSS CDATA and Atom person names)', () => {
    const names = ok(parseFeed({ body: deadline })).items.flatMap((i) => i.authors.map((a) => a.name));
    expect(names).toContain("Anthony D'Alessandro");
    expect(names.some((n) => /&#?\w+;/.test(n ?? ''))).toBe(false);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>Deadline</title><entry><id>tag:deadline,1</id><title>Box office</title>
      <author><name>Anthony D&amp;#039;Alessandro</name></author></entry></feed>`;
    expect(ok(parseFeed({ body: atom })).items[0]!.authors[0]!.name).toBe("Anthony D'Alessandro");
  });

  it('exports a 5 MB default size cap', () => {
    expect(DEFAULT_MAX_BYTES).toBe(5 * 1024 * 1024);
  });
});
