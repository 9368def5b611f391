import { describe, expect, it } from 'vitest';
import { canonicalUrl, isSiteRootKey, urlKey } from './canonical-url';

describe('canonicalUrl', () => {
  it('drops tracking parameters and keeps the ones that select content, sorted', () => {
    expect(
      canonicalUrl(
        'https://variety.com/2023/film/news/taylor-swift-eras-tour-concert-film-amc-theatres-1235710254/?utm_source=rss&utm_medium=rss&utm_campaign=taylor-swift',
      ),
    ).toBe('https://variety.com/2023/film/news/taylor-swift-eras-tour-concert-film-amc-theatres-1235710254');
    expect(canonicalUrl('https://www.nytimes.com/2023/07/12/movies/review.html?smid=tw-share&page=2&fbclid=abc&a=1')).toBe(
      'https://www.nytimes.com/2023/07/12/movies/review.html?a=1&page=2',
    );
    expect(
      canonicalUrl('https://deadline.com/story/?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&_hsenc=6&_hsmi=7&igshid=8&ref=home&ref_src=twsrc&cmpid=x&ncid=y&ito=z&at_medium=rss&at_campaign=feed'),
    ).toBe('https://deadline.com/story');
  });

  it('lowercases scheme and host, drops the fragment and the default port, keeps path case', () => {
    expect(canonicalUrl('HTTPS://WWW.Hollywoodreporter.COM:443/Movies/Movie-News/Dune-Part-Two#comments')).toBe(
      'https://www.hollywoodreporter.com/Movies/Movie-News/Dune-Part-Two',
    );
    expect(canonicalUrl('http://www.bbc.co.uk:80/news/entertainment-arts-66201234')).toBe(
      'http://www.bbc.co.uk/news/entertainment-arts-66201234',
    );
    expect(canonicalUrl('https://example.org:8443/a/')).toBe('https://example.org:8443/a');
  });

  it('folds index files and trailing slashes', () => {
    expect(canonicalUrl('https://pitchfork.com/news/index.html')).toBe('https://pitchfork.com/news');
    expect(canonicalUrl('https://pitchfork.com/news/index.php?utm_source=x')).toBe('https://pitchfork.com/news');
    expect(canonicalUrl('https://pitchfork.com/')).toBe('https://pitchfork.com/');
    expect(canonicalUrl('https://pitchfork.com')).toBe('https://pitchfork.com/');
  });

  it('returns null for what is not an http(s) URL', () => {
    expect(canonicalUrl('tag:variety.com,2023:1235710254')).toBeNull();
    expect(canonicalUrl('javascript:alert(1)')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
    expect(canonicalUrl('')).toBeNull();
    expect(canonicalUrl(null)).toBeNull();
  });
});

describe('urlKey', () => {
  it('treats http and https, www and bare host, tracking and fragments alike', () => {
    const a = urlKey('http://www.indiewire.com/2023/07/mission-impossible-review/#respond');
    const b = urlKey('https://indiewire.com/2023/07/mission-impossible-review?utm_source=feedly&utm_medium=rss');
    expect(a).toBe('//indiewire.com/2023/07/mission-impossible-review');
    expect(b).toBe(a);
  });

  it('keeps different articles apart', () => {
    expect(urlKey('https://variety.com/2023/film/news/a-1')).not.toBe(urlKey('https://variety.com/2023/film/news/a-2'));
    expect(urlKey('https://variety.com/?p=1235710254')).not.toBe(urlKey('https://variety.com/?p=1235702411'));
  });

  it('recognises a front page key', () => {
    expect(isSiteRootKey(urlKey('https://www.empireonline.com/?utm_source=rss')!)).toBe(true);
    expect(isSiteRootKey(urlKey('https://www.empireonline.com/movies/news/x/')!)).toBe(false);
  });
});

describe('canonicalUrl on realistic feed links (string fast path and URL parsing agree)', () => {
  // Each link with the form the URL-based rules give it. Links that are already canonical except for
  // a trailing slash take the string-only path; the others are parsed.
  const cases: Array<[string, string]> = [
    ['https://variety.com/2023/film/news/oppenheimer-box-office-opening-weekend-1235672160/', 'https://variety.com/2023/film/news/oppenheimer-box-office-opening-weekend-1235672160'],
    ['https://variety.com/2023/film/news/oppenheimer-box-office-opening-weekend-1235672160', 'https://variety.com/2023/film/news/oppenheimer-box-office-opening-weekend-1235672160'],
    ['https://www.hollywoodreporter.com/movies/movie-news/barbie-box-office-record-1235543210/', 'https://www.hollywoodreporter.com/movies/movie-news/barbie-box-office-record-1235543210'],
    ['https://WWW.HollywoodReporter.com/movies/movie-news/barbie-box-office-record-1235543210/', 'https://www.hollywoodreporter.com/movies/movie-news/barbie-box-office-record-1235543210'],
    ['HTTPS://COLLIDER.COM', 'https://collider.com/'],
    ['https://www.slashfilm.com', 'https://www.slashfilm.com/'],
    ['https://collider.com/', 'https://collider.com/'],
    ['http://www.bbc.co.uk/news/entertainment-arts-64034125', 'http://www.bbc.co.uk/news/entertainment-arts-64034125'],
    ['https://www.theguardian.com/film/2023/jul/21/barbie-review-greta-gerwig-margot-robbie', 'https://www.theguardian.com/film/2023/jul/21/barbie-review-greta-gerwig-margot-robbie'],
    ['https://variety.com/t/tom-cruise/', 'https://variety.com/t/tom-cruise'],
    ['https://variety.com/2023/film/news/dune-part-two-release-date-1235682255/amp/', 'https://variety.com/2023/film/news/dune-part-two-release-date-1235682255/amp'],
    ['https://www.ft.com/content/5b0a6d8c-2f3e-4c1a-9d2b-8a7e6f5d4c3b', 'https://www.ft.com/content/5b0a6d8c-2f3e-4c1a-9d2b-8a7e6f5d4c3b'],
    ['https://www.empireonline.com/movies/news/~dune_part-two.trailer/', 'https://www.empireonline.com/movies/news/~dune_part-two.trailer'],
    ['http://192.168.0.10/feeds/box-office/', 'http://192.168.0.10/feeds/box-office'],
    // Index files, dot segments, doubled slashes.
    ['https://pitchfork.com/news/index.html', 'https://pitchfork.com/news'],
    ['https://pitchfork.com/news/Index.HTM', 'https://pitchfork.com/news'],
    ['https://www.boxofficepro.com/weekend-box-office/default.aspx', 'https://www.boxofficepro.com/weekend-box-office'],
    ['https://pitchfork.com/index.php', 'https://pitchfork.com/'],
    ['https://www.empireonline.com/movies/news/./dune-part-two-trailer/', 'https://www.empireonline.com/movies/news/dune-part-two-trailer'],
    ['https://www.empireonline.com/movies/reviews/../news/dune-part-two-trailer/', 'https://www.empireonline.com/movies/news/dune-part-two-trailer'],
    ['https://www.empireonline.com/movies/news/dune-part-two-trailer/..', 'https://www.empireonline.com/movies/news'],
    ['https://www.rollingstone.com/music/music-news//taylor-swift-eras-tour-film-1234799421/', 'https://www.rollingstone.com/music/music-news/taylor-swift-eras-tour-film-1234799421'],
    // Ports.
    ['https://deadline.com:443/2023/07/sag-aftra-strike-begins-1235437651/', 'https://deadline.com/2023/07/sag-aftra-strike-begins-1235437651'],
    ['http://www.bbc.co.uk:80/news/entertainment-arts-66201234', 'http://www.bbc.co.uk/news/entertainment-arts-66201234'],
    ['https://www.screendaily.com:8443/news/cannes-2023-lineup/', 'https://www.screendaily.com:8443/news/cannes-2023-lineup'],
    // Queries and fragments.
    ['https://variety.com/2023/film/news/barbie-oppenheimer-1235676543/?utm_source=rss&utm_medium=rss&utm_campaign=barbie', 'https://variety.com/2023/film/news/barbie-oppenheimer-1235676543'],
    ['https://www.nytimes.com/2023/07/21/movies/barbenheimer.html?smid=nytcore-ios-share&partner=rss&emc=rss', 'https://www.nytimes.com/2023/07/21/movies/barbenheimer.html?emc=rss'],
    ['https://ew.com/movies/barbie-review?page=2&id=7', 'https://ew.com/movies/barbie-review?id=7&page=2'],
    ['https://variety.com/?p=1235710254', 'https://variety.com/?p=1235710254'],
    ['https://deadline.com/2023/07/wga-strike-talks-1235437999/#respond', 'https://deadline.com/2023/07/wga-strike-talks-1235437999'],
    ['https://www.indiewire.com/2023/07/mission-impossible-dead-reckoning-review/?fbclid=IwAR0x#comments', 'https://www.indiewire.com/2023/07/mission-impossible-dead-reckoning-review'],
    ['https://variety.com/2023/film/news/x-1235710254/?', 'https://variety.com/2023/film/news/x-1235710254'],
    // Percent escapes are kept as written; raw non-ASCII is escaped.
    ['https://www.premiere.fr/Cinema/News-Cinema/Dune-2-la-date-de-sortie-d%C3%A9cal%C3%A9e', 'https://www.premiere.fr/Cinema/News-Cinema/Dune-2-la-date-de-sortie-d%C3%A9cal%C3%A9e'],
    ['https://www.premiere.fr/Cinema/News-Cinema/Dune-2-la-date-de-sortie-décalée', 'https://www.premiere.fr/Cinema/News-Cinema/Dune-2-la-date-de-sortie-d%C3%A9cal%C3%A9e'],
    ['https://www.bbc.co.uk/news/entertainment%2Darts%2D64034125', 'https://www.bbc.co.uk/news/entertainment%2Darts%2D64034125'],
    // Whitespace around a link copied from a feed.
    ['  https://variety.com/2023/music/news/taylor-swift-eras-tour-1235710254/\n', 'https://variety.com/2023/music/news/taylor-swift-eras-tour-1235710254'],
  ];

  it('gives each link its canonical form, the same on every call', () => {
    for (const [raw, canonical] of cases) {
      expect(canonicalUrl(raw), raw).toBe(canonical);
      expect(canonicalUrl(raw), `${raw} (remembered)`).toBe(canonical);
    }
  });

  it('agrees with the URL-parsing path on every link (an empty fragment forces parsing and changes nothing)', () => {
    for (const [raw] of cases) {
      const parsed = canonicalUrl(`${raw.trim()}#`);
      expect(parsed, raw).not.toBeNull();
      expect(canonicalUrl(raw), raw).toBe(parsed);
    }
    // And for every form of each article a reader might meet.
    const articles = [
      'variety.com/2023/film/news/oppenheimer-box-office-opening-weekend-1235672160',
      'www.hollywoodreporter.com/movies/movie-news/barbie-box-office-record-1235543210',
      'deadline.com/2023/07/sag-aftra-strike-begins-1235437651',
      'www.bbc.co.uk/news/entertainment-arts-64034125',
      'www.empireonline.com/movies/news/dune-part-two-trailer',
    ];
    for (const article of articles) {
      const [host, ...rest] = article.split('/');
      const path = rest.join('/');
      const bare = host!.replace(/^www\./, '');
      const forms = [
        `https://${article}`,
        `https://${article}/`,
        `http://${article}`,
        `https://${host!.toUpperCase()}/${path}`,
        `https://${bare}/${path}/`,
        `https://www.${bare}/${path}`,
        `https://${host}:443/${path}`,
        `http://${host}:80/${path}/`,
        `https://${article}/index.html`,
        `https://${host}/./${path}`,
        `https://${host}/archive/../${path}`,
        `https://${article}?utm_source=feedburner&utm_medium=feed`,
        `https://${article}/#respond`,
      ];
      const keys = new Set<string | null>();
      for (const form of forms) {
        expect(canonicalUrl(form), form).toBe(canonicalUrl(`${form}#`));
        keys.add(urlKey(form));
      }
      expect([...keys], article).toEqual([`//${bare}/${path}`]);
    }
  });

  it('leaves numeric hosts to URL parsing, which rewrites or rejects them', () => {
    expect(canonicalUrl('http://127.1/a')).toBe('http://127.0.0.1/a');
    expect(canonicalUrl('http://0x7f.1/news/a')).toBe('http://127.0.0.1/news/a');
    expect(canonicalUrl('http://1.2.3.4.5/x')).toBeNull();
    expect(canonicalUrl('http://variety.123/x')).toBeNull();
  });

  it('stays right when its memory of earlier links is cleared', () => {
    // More distinct links than the remembered bound, then the first ones again.
    const link = (k: number): string => `https://variety.com/2023/film/news/box-office-weekend-${k}-${1235600000 + k}/`;
    for (let k = 0; k < 60_000; k++) {
      if (k % 5000 === 0) expect(canonicalUrl(link(k))).toBe(link(k).slice(0, -1));
      else canonicalUrl(link(k));
    }
    for (let k = 0; k < 10; k++) expect(canonicalUrl(link(k))).toBe(link(k).slice(0, -1));
    expect(urlKey(link(3))).toBe(`//variety.com/2023/film/news/box-office-weekend-3-1235600003`);
  });
});
