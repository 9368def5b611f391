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
