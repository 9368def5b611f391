import { describe, expect, it } from 'vitest';
import { XmlEntities } from './entities';
import { MAX_NESTED_TAGS } from './limits';
import { collectNamespaces } from './namespaces';
import { TEXT_CONSTRUCTS } from './xml';
import { buildXmlTree, type XmlNode, type XmlValue } from './xml-tree';

const RAW = new Set(TEXT_CONSTRUCTS);

function build(xml: string, opts: { ownUris?: string[]; declared?: Map<string, string>; maxDepth?: number } = {}) {
  const ns = collectNamespaces(xml, opts.ownUris ?? []);
  return buildXmlTree(xml, { renames: ns.renames, entities: new XmlEntities(opts.declared ?? null), rawText: RAW, maxDepth: opts.maxDepth });
}

function node(v: XmlValue | undefined): XmlNode {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`not an element object: ${JSON.stringify(v)}`);
  return v;
}

function list(v: XmlValue | undefined): XmlValue[] {
  if (!Array.isArray(v)) throw new Error(`not a repeated element: ${JSON.stringify(v)}`);
  return v;
}

const WORDPRESS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Deadline</title>
  <atom:link href="https://deadline.example.com/feed/" rel="self" type="application/rss+xml" />
  <link>https://deadline.example.com</link>
  <!-- generator="WordPress/6.4.2" -->
  <item>
    <title>&#8216;Mission: Impossible &#8211; Dead Reckoning&#8217; Stunt: Tom Cruise Rides Off a Norwegian Cliff</title>
    <link>https://deadline.example.com/2023/07/mission-impossible-cliff-jump/</link>
    <dc:creator><![CDATA[Mike Fleming Jr]]></dc:creator>
    <pubDate>Mon, 10 Jul 2023 16:00:00 +0000</pubDate>
    <category><![CDATA[Film]]></category>
    <category><![CDATA[Paramount]]></category>
    <guid isPermaLink="false">https://deadline.example.com/?p=1235437</guid>
    <description><![CDATA[<p>Tom Cruise&#8217;s motorcycle jump was shot six times.</p>]]></description>
    <c:encoded><![CDATA[<p>The stunt on Helsetkopen in Norway was <em>rehearsed 500 times</em>.</p>
<p><img src="/wp-content/uploads/cliff.jpg" alt="Cruise" /></p>]]></c:encoded>
  </item>
  <item>
    <title>Oppenheimer &amp; Barbie Lead Box Office</title>
    <link>https://deadline.example.com/2023/07/box-office-barbenheimer/</link>
    <category>Box Office</category>
  </item>
</channel>
</rss>`;

describe('buildXmlTree on a WordPress RSS feed with CDATA', () => {
  const { tree, cut, complete } = build(WORDPRESS);
  const channel = node(node(tree.rss).channel);
  const [first, second] = list(channel.item).map(node);

  it('builds the tree the readers read: strings for plain elements, @_ attributes, arrays for repeats', () => {
    expect(cut).toBe(false);
    expect(complete).toBe(true);
    expect(node(tree.rss)['@_version']).toBe('2.0');
    expect(channel.link).toBe('https://deadline.example.com');
    expect(node(channel['atom:link'])).toEqual({ '@_href': 'https://deadline.example.com/feed/', '@_rel': 'self', '@_type': 'application/rss+xml' });
    expect(first!.category).toEqual(['Film', 'Paramount']);
    expect(second!.category).toBe('Box Office');
    expect(first!.guid).toEqual({ '@_isPermaLink': 'false', '#text': 'https://deadline.example.com/?p=1235437' });
    expect(first!['dc:creator']).toBe('Mike Fleming Jr');
    expect(first!.pubdate).toBe('Mon, 10 Jul 2023 16:00:00 +0000');
  });

  it('keeps text constructs as raw inner XML (CDATA, references untouched) and renames prefixes by URI', () => {
    expect(first!.title).toBe('&#8216;Mission: Impossible &#8211; Dead Reckoning&#8217; Stunt: Tom Cruise Rides Off a Norwegian Cliff');
    expect(second!.title).toBe('Oppenheimer &amp; Barbie Lead Box Office');
    expect(first!.description).toBe('<![CDATA[<p>Tom Cruise&#8217;s motorcycle jump was shot six times.</p>]]>');
    // <c:encoded> is content:encoded because xmlns:c names the content module's URI.
    expect(first!['content:encoded']).toBe(
      '<![CDATA[<p>The stunt on Helsetkopen in Norway was <em>rehearsed 500 times</em>.</p>\n<p><img src="/wp-content/uploads/cliff.jpg" alt="Cruise" /></p>]]>',
    );
    expect(first!['c:encoded']).toBeUndefined();
  });

  it('keeps the document order of child elements', () => {
    expect(Object.keys(first!)).toEqual(['title', 'link', 'dc:creator', 'pubdate', 'category', 'guid', 'description', 'content:encoded']);
  });
});

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://www.empire.example.com/" xml:lang="en-GB">
  <title type="text">Empire</title>
  <link rel="alternate" type="text/html" href="/"/>
  <entry xml:base="/news/">
    <title type="html">Dune: Part Two &lt;em&gt;Review&lt;/em&gt;</title>
    <id>tag:empire.example.com,2024:dune-part-two-review</id>
    <link rel="alternate" href="dune-part-two-review/"/>
    <author><name>Helen O&#8217;Hara</name><uri>/authors/helen-ohara/</uri></author>
    <content type="xhtml" xml:base="/reviews/"><div xmlns="http://www.w3.org/1999/xhtml"><p>Denis Villeneuve&#8217;s sequel is <a href="dune/">a triumph</a>.</p><title>not a title</title></div></content>
    <updated>2024-02-21T09:00:00Z</updated>
  </entry>
</feed>`;

describe('buildXmlTree on an Atom feed with xhtml content and xml:base', () => {
  const { tree } = build(ATOM, { ownUris: ['http://www.w3.org/2005/atom'] });
  const feed = node(tree.feed);
  const entry = node(feed.entry);

  it('keeps xml: attributes with their prefix and decodes references in plain elements', () => {
    expect(feed['@_xml:base']).toBe('https://www.empire.example.com/');
    expect(feed['@_xml:lang']).toBe('en-GB');
    expect(entry['@_xml:base']).toBe('/news/');
    expect(node(entry.author).name).toBe('Helen O\u2019Hara');
    expect(node(entry.link)).toEqual({ '@_rel': 'alternate', '@_href': 'dune-part-two-review/' });
  });

  it('gives xhtml content its inner XML verbatim, a nested same-name element included, with its attributes', () => {
    const content = node(entry.content);
    expect(content['@_type']).toBe('xhtml');
    expect(content['@_xml:base']).toBe('/reviews/');
    expect(content['#text']).toBe(
      '<div xmlns="http://www.w3.org/1999/xhtml"><p>Denis Villeneuve&#8217;s sequel is <a href="dune/">a triumph</a>.</p><title>not a title</title></div>',
    );
    expect(node(entry.title)['#text']).toBe('Dune: Part Two &lt;em&gt;Review&lt;/em&gt;');
    expect(entry.updated).toBe('2024-02-21T09:00:00Z');
  });
});

describe('buildXmlTree on broken markup', () => {
  it('pops back to the element a closing tag names and ignores stray closers', () => {
    const { tree, complete } = build(
      '<rss><channel><item><title>Barbie</title><br><link>https://variety.example.com/barbie</link></span></item>' +
        '<item><title>Oppenheimer</title></b></item></channel></rss>',
    );
    expect(complete).toBe(true);
    const items = list(node(node(tree.rss).channel).item).map(node);
    expect(items).toHaveLength(2);
    expect(items[0]!.title).toBe('Barbie');
    // The unclosed <br> holds the link until </item> closes both; the next item is a sibling again.
    expect(node(items[0]!.br).link).toBe('https://variety.example.com/barbie');
    expect(items[1]).toEqual({ title: 'Oppenheimer' });
  });

  it('closes elements still open at the end and drops the clipped text of a cut download', () => {
    const { tree, cut, complete } = build('<rss><channel><item><guid>a1</guid></item><item><guid>a2</guid><link>https://screenrant.example.com/glad');
    expect(cut).toBe(false);
    expect(complete).toBe(false);
    const items = list(node(node(tree.rss).channel).item).map(node);
    expect(items[0]).toEqual({ guid: 'a1' });
    expect(items[1]).toEqual({ guid: 'a2', link: '' });
  });

  it('reports a document cut inside a text construct or CDATA section', () => {
    expect(build('<rss><channel><title>Vari').cut).toBe(true);
    expect(build('<rss><channel><item><description><![CDATA[<p>Cut').cut).toBe(true);
    expect(build('<rss><channel><item><description><![CDATA[<p>Whole</p>]]></description></item>').cut).toBe(false);
  });

  it('ends an unclosed text construct where its item closes', () => {
    const { tree } = build(
      '<rss><channel><item><title>Majors Verdict</title><description>Marvel dropped him from the film within hours. Now the studio has\n</item>' +
        '<item><title>Eras Tour Film</title><description>AMC distributes it</description></item></channel></rss>',
    );
    const items = list(node(node(tree.rss).channel).item).map(node);
    expect(items).toHaveLength(2);
    expect(items[0]!.description).toBe('Marvel dropped him from the film within hours. Now the studio has\n');
    expect(items[1]!.description).toBe('AMC distributes it');
  });

  it('keeps bare ampersands and less-than signs that start no markup as text', () => {
    const { tree } = build('<rss><channel><item><category>Film & TV</category><category>AT&T &amp; HBO &eacute;t&eacute;</category><category>3 < 4 &lt;3</category></item></channel></rss>');
    expect(node(node(node(tree.rss).channel).item).category).toEqual(['Film & TV', 'AT&T & HBO été', '3 < 4 <3']);
  });

  it('reads unquoted attribute values, drops valueless attributes, ends a tag at an unterminated quote', () => {
    const { tree } = build(
      '<rss><channel><item><enclosure url=https://cdn.example.com/ep12.mp3 length=31457280 type=audio/mpeg/>' +
        '<guid isPermaLink>ep-12</guid><media:thumbnail url="https://cdn.example.com/ep12.jpg/>' +
        '<link>https://podcast.example.com/12</link></item></channel></rss>',
    );
    const item = node(node(node(tree.rss).channel).item);
    expect(item.enclosure).toEqual({ '@_url': 'https://cdn.example.com/ep12.mp3', '@_length': '31457280', '@_type': 'audio/mpeg' });
    expect(item.guid).toBe('ep-12');
    expect(node(item['media:thumbnail'])['@_url']).toBe('https://cdn.example.com/ep12.jpg');
    expect(item.link).toBe('https://podcast.example.com/12');
  });

  it('skips comments, processing instructions and declarations; a comment does not split a text run', () => {
    const { tree } = build('<?xml version="1.0"?><!-- feed --><rss><channel><ttl>6<!-- minutes -->0</ttl><?php echo 1 ?><link>https://x.example.com/</link><!ELEMENT x ANY></channel></rss>');
    expect(node(node(tree.rss).channel)).toEqual({ ttl: '60', link: 'https://x.example.com/' });
  });

  it('ignores whatever follows the root element', () => {
    const { tree, complete } = build('<rss><channel><title>Collider</title></channel></rss>\n<br />\n<b>Warning</b>: Cannot modify header information in <b>wp-includes/feed.php</b>');
    expect(complete).toBe(true);
    expect(Object.keys(tree)).toEqual(['rss']);
  });

  it('decodes declared internal entities in text and attributes, never undeclared external ones', () => {
    const declared = new Map([['site', 'https://boxoffice.example.com']]);
    const { tree } = build('<rss><channel><link>&site;/weekend</link><image href="&site;/logo.png" /><copyright>&xxe;</copyright></channel></rss>', { declared });
    const channel = node(node(tree.rss).channel);
    expect(channel.link).toBe('https://boxoffice.example.com/weekend');
    expect(node(channel.image)['@_href']).toBe('https://boxoffice.example.com/logo.png');
    expect(channel.copyright).toBe('&xxe;');
  });

  it('folds CRLF line ends to LF, in raw text constructs too', () => {
    const { tree } = build('<rss>\r\n<channel>\r\n<description>Line one\r\nLine two\rthree</description>\r\n</channel>\r\n</rss>');
    expect(node(node(tree.rss).channel).description).toBe('Line one\nLine two\nthree');
  });

  it('never lets a tag name reach Object.prototype', () => {
    const { tree } = build('<rss><channel><__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor><item><toString>y</toString></item></channel></rss>');
    const channel = node(node(tree.rss).channel);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(node(channel['#__proto__']).polluted).toBe('yes');
    expect(channel['#constructor']).toBe('x');
    // Names are lower-cased first, so `<toString>` is the harmless `tostring`.
    expect(node(channel.item).tostring).toBe('y');
  });
});

describe('buildXmlTree bounds', () => {
  function depthOf(v: XmlValue | undefined): number {
    if (typeof v !== 'object' || v === null) return 0;
    if (Array.isArray(v)) return Math.max(0, ...v.map(depthOf));
    let max = 0;
    for (const [k, child] of Object.entries(v)) if (!k.startsWith('@_') && k !== '#text') max = Math.max(max, depthOf(child));
    return max + 1;
  }

  it(`flattens nesting deeper than MAX_NESTED_TAGS (${MAX_NESTED_TAGS}) into the deepest allowed element`, () => {
    const deep = `<rss><channel>${'<x>'.repeat(5000)}Kang${'</x>'.repeat(5000)}<title>Still read</title></channel></rss>`;
    const { tree, complete } = build(deep);
    expect(complete).toBe(true);
    expect(depthOf(tree)).toBe(MAX_NESTED_TAGS);
    expect(node(node(tree.rss).channel).title).toBe('Still read');
  });

  it('honours a smaller maxDepth', () => {
    const { tree } = build('<rss><channel><item><a><b><c>deep</c></b></a></item></channel></rss>', { maxDepth: 4 });
    expect(node(node(node(tree.rss).channel).item)).toEqual({ a: 'deep' });
  });

  it('builds 10,000 items in document order', () => {
    const parts: string[] = [];
    for (let i = 0; i < 10_000; i++) parts.push(`<item><title>Box office week ${i}</title><guid>bo-${i}</guid></item>`);
    const { tree } = build(`<rss version="2.0"><channel><title>Box Office Mojo</title>${parts.join('')}</channel></rss>`);
    const items = list(node(node(tree.rss).channel).item).map(node);
    expect(items).toHaveLength(10_000);
    expect(items[0]).toEqual({ title: 'Box office week 0', guid: 'bo-0' });
    expect(items[9_999]).toEqual({ title: 'Box office week 9999', guid: 'bo-9999' });
  });

  it('never throws on binary garbage or markup noise', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = '<>/!?[]-="\'&;: abc\u0000\uFFFD\n';
    for (let n = 0; n < 200; n++) {
      let s = '<rss><channel>';
      for (let i = 0; i < 400; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const r = build(s);
      expect(typeof r.tree).toBe('object');
    }
    for (const noise of ['<', '</', '<!', '<!--', '<![CDATA[', '<?', '<a', '<a b', '<a b=', '<a b="', '</a', '<rss/>', '<rss><title/></rss>']) {
      expect(() => build(noise)).not.toThrow();
    }
    expect(build('<rss><title/></rss>').tree).toEqual({ rss: { title: '' } });
  });
});
