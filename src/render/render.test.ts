import { describe, expect, it } from 'vitest';
import { JSON_FEED_VERSION, pageContentSecurityPolicy, PAGE_SCRIPT, renderAtom, renderHtmlPage, renderJsonFeed, renderOpml, renderRss } from './index';
import { HOSTILE_STORY, SAMPLE_CONTEXT, SAMPLE_SITE, SAMPLE_SOURCES, SAMPLE_STORIES } from './sample-stories';

const RFC822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

function all(re: RegExp, text: string): string[] {
  return [...text.matchAll(re)].map((m) => m[1]!);
}

describe('renderRss', () => {
  const rss = renderRss(SAMPLE_STORIES, SAMPLE_CONTEXT);

  it('declares the self link and the namespaces it uses', () => {
    expect(rss).toContain('<atom:link href="https://marquee.example/feed.xml" rel="self" type="application/rss+xml"/>');
    for (const ns of ['xmlns:atom=', 'xmlns:content=', 'xmlns:dc=', 'xmlns:media=']) expect(rss).toContain(ns);
  });

  it('writes every date as RFC 822 with +0000, and lastBuildDate is the newest story date, not the clock', () => {
    const dates = all(/<(?:pubDate|lastBuildDate)>([^<]+)</g, rss);
    expect(dates).toHaveLength(3);
    for (const d of dates) expect(d).toMatch(RFC822);
    expect(rss).toContain('<lastBuildDate>Wed, 17 May 2023 16:30:00 +0000</lastBuildDate>');
    expect(rss).toContain('<pubDate>Sun, 14 May 2023 18:00:00 +0000</pubDate>');
  });

  it('uses the story id as a non-permalink guid', () => {
    expect(all(/<guid isPermaLink="false">([^<]+)<\/guid>/g, rss)).toEqual(SAMPLE_STORIES.map((s) => s.id));
  });

  it('puts the summary in description, the HTML and the other outlets in content:encoded, labels in categories', () => {
    const first = rss.split('<item>')[1]!;
    expect(first).toContain('<description>Tom Cruise rode a motorcycle off a Norwegian cliff');
    expect(first).toContain('&lt;em&gt;biggest stunt&lt;/em&gt;');
    expect(first).toContain('Also reported by &lt;a href=&quot;https://deadline.com/2023/05/tom-cruise-motorbike-stunt-1235370001/&quot;&gt;Deadline&lt;/a&gt;');
    expect(first).toContain('The Hollywood Reporter&lt;/a&gt;');
    expect(all(/<category>([^<]+)<\/category>/g, first)).toEqual(['Tom Cruise', 'Mission: Impossible', 'Stunts']);
    expect(first).toContain('<dc:creator>Brent Lang</dc:creator>');
    expect(first).toContain('<media:content url="https://variety.com/wp-content/uploads/2023/05/cruise-cliff.jpg" medium="image" type="image/jpeg"/>');
    expect(first).not.toContain('<enclosure');
  });

  it('derives a description from content when there is no summary, keeps one enclosure and drops unknown tags', () => {
    const second = rss.split('<item>')[2]!;
    expect(second).toContain('<description>Marvel’s sequel held the top spot for a third weekend.</description>');
    expect(second.match(/<enclosure /g)).toHaveLength(1);
    expect(second).toContain('<enclosure url="https://deadline.com/podcast/ep-212.mp3" length="31457280" type="audio/mpeg"/>');
    expect(all(/<category>([^<]+)<\/category>/g, second)).toEqual(['Box Office']);
    expect(second).not.toContain('Also reported by');
  });

  it('links a story without a usable outlet URL to its card on the page', () => {
    const hostile = renderRss([HOSTILE_STORY], SAMPLE_CONTEXT);
    expect(hostile).toContain('<link>https://marquee.example/#story-urn-marquee-story-hostile-script-</link>');
    expect(hostile).not.toContain('javascript:');
  });

  it('is byte-identical for the same stories', () => {
    expect(renderRss(structuredClone(SAMPLE_STORIES), SAMPLE_CONTEXT)).toBe(rss);
  });

  it('names the tag and links itself under /tags/ for a tag feed, keeping the filter query', () => {
    const tagged = renderRss(SAMPLE_STORIES.slice(0, 1), { ...SAMPLE_CONTEXT, tag: 'stunts', query: 'limit=5' });
    expect(tagged).toContain('<title>Marquee Entertainment: Stunts</title>');
    expect(tagged).toContain('href="https://marquee.example/tags/stunts/feed.xml?limit=5"');
  });
});

describe('renderAtom', () => {
  const atom = renderAtom(SAMPLE_STORIES, SAMPLE_CONTEXT);

  it('uses urn ids, RFC 3339 dates, alternate and self links', () => {
    expect(all(/<entry>\n<id>([^<]+)<\/id>/g, atom)).toEqual(SAMPLE_STORIES.map((s) => s.id));
    expect(atom).toContain('<id>urn:marquee:feed:marquee.example</id>');
    expect(atom).toContain('<updated>2023-05-17T16:30:00Z</updated>');
    expect(atom).toContain('<link rel="self" type="application/atom+xml" href="https://marquee.example/atom.xml"/>');
    expect(atom).toContain('<link rel="alternate" type="text/html" href="https://marquee.example/"/>');
    expect(atom).toContain(
      '<link rel="alternate" type="text/html" href="https://variety.com/2023/film/news/tom-cruise-cliff-jump-mission-impossible-1235612345/"/>',
    );
    expect(atom).toContain('<category term="Mission: Impossible"/>');
  });

  it('turns a plain story id into a urn', () => {
    const plain = renderAtom([{ ...SAMPLE_STORIES[1]!, id: 'b7e1c2' }], SAMPLE_CONTEXT);
    expect(plain).toContain('<id>urn:marquee:story:b7e1c2</id>');
  });
});

describe('renderJsonFeed', () => {
  const feed = JSON.parse(renderJsonFeed(SAMPLE_STORIES, SAMPLE_CONTEXT));

  it('is JSON Feed 1.1 with authors arrays, taxonomy ids as tags and the _marquee sources', () => {
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.feed_url).toBe('https://marquee.example/feed.json');
    expect(feed.authors).toEqual([{ name: 'Marquee Entertainment', url: 'https://marquee.example/' }]);
    const [cruise, guardians] = feed.items;
    expect(cruise.id).toBe('urn:marquee:story:7f3a9c1e2b');
    expect(cruise.date_published).toBe('2023-05-17T14:02:00Z');
    expect(cruise.date_modified).toBe('2023-05-17T16:30:00Z');
    expect(cruise.tags).toEqual(['tom-cruise', 'mission-impossible', 'stunts']);
    expect(cruise.authors).toEqual([{ name: 'Brent Lang' }]);
    expect(cruise._marquee.sources.map((s: { source: string }) => s.source)).toEqual(['variety', 'deadline', 'thr']);
    expect(cruise._marquee.sources[1]).toEqual({
      source: 'deadline',
      name: 'Deadline',
      url: 'https://deadline.com/2023/05/tom-cruise-motorbike-stunt-1235370001/',
      title: 'Watch Tom Cruise’s Motorbike Cliff Stunt',
      published: '2023-05-17T14:40:00Z',
    });
    expect(guardians.tags).toEqual(['box-office']);
    expect(guardians.attachments).toEqual([
      { url: 'https://deadline.com/podcast/ep-212.mp3', mime_type: 'audio/mpeg', size_in_bytes: 31457280 },
    ]);
    expect(guardians).not.toHaveProperty('author');
  });
});

describe('renderHtmlPage', () => {
  const html = renderHtmlPage([...SAMPLE_STORIES, HOSTILE_STORY], SAMPLE_CONTEXT);

  it('has autodiscovery links, subscribe links and tag chips linking to tag feeds', () => {
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="Marquee Entertainment (RSS)" href="https://marquee.example/feed.xml">');
    expect(html).toContain('type="application/atom+xml" title="Marquee Entertainment (Atom)" href="https://marquee.example/atom.xml"');
    expect(html).toContain('type="application/feed+json" title="Marquee Entertainment (JSON Feed)" href="https://marquee.example/feed.json"');
    expect(html).toContain('<a class="tag" href="https://marquee.example/tags/mission-impossible/feed.xml"');
    expect(html).toContain('Also reported by <a href="https://deadline.com/2023/05/tom-cruise-motorbike-stunt-1235370001/">Deadline</a>');
    expect(html).toContain('<time datetime="2023-05-17T14:02:00Z">17 May 2023, 14:02 UTC</time>');
  });

  it('escapes everything from feeds and drops non-http URLs', () => {
    const scripts = html.match(/<script\b/g) ?? [];
    expect(scripts).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;Breaking &amp; &quot;quoted&quot; news');
    expect(html).not.toContain('javascript:');
    expect(html).not.toMatch(/<img[^>]*onerror/);
    expect(html).not.toMatch(/<b onmouseover/);
    expect(html).toContain('Also reported by Deadline&quot; onclick=&quot;alert(6)');
  });

  it('is served with a CSP that allows only its own inline script and style', async () => {
    const csp = await pageContentSecurityPolicy();
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(PAGE_SCRIPT)));
    const hash = btoa(String.fromCharCode(...digest));
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain(`<script>${PAGE_SCRIPT}</script>`);
  });
});

describe('renderOpml', () => {
  it('lists every source with its feed URL', () => {
    const opml = renderOpml(SAMPLE_SOURCES, SAMPLE_SITE);
    expect(all(/xmlUrl="([^"]+)"/g, opml)).toEqual(SAMPLE_SOURCES.map((s) => s.url));
    expect(opml).toContain('<outline type="rss" text="The Hollywood Reporter" title="The Hollywood Reporter"');
  });
});
