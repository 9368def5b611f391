import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from './sanitize';

const ARTICLE_URL = 'https://variety.com/2023/film/news/mission-impossible-dead-reckoning-cliff-jump-1235612345/';

// A WordPress trade-paper article body as it arrives in content:encoded.
const WORDPRESS_BODY = `
<figure class="wp-block-image size-large"><img loading="lazy" width="1024" height="576"
  src="/wp-content/uploads/2023/05/mission-impossible-cliff.jpg"
  srcset="/wp-content/uploads/2023/05/mission-impossible-cliff.jpg 1024w, /wp-content/uploads/2023/05/mission-impossible-cliff-300x169.jpg 300w"
  alt="Tom Cruise rides a motorcycle off a cliff in Norway" onerror="this.src='https://evil.example/x.gif'" />
<figcaption>Tom Cruise in &ldquo;Mission: Impossible &ndash; Dead Reckoning Part One&rdquo; <em>(Paramount)</em></figcaption></figure>
<p>Tom Cruise rode a motorcycle off a Norwegian cliff for the stunt, the <a href="https://variety.com/t/paramount/" title="Paramount">studio</a> said.</p>
<p><iframe title="Mission: Impossible &ndash; Dead Reckoning | Official Trailer" width="500" height="281"
  src="https://www.youtube.com/embed/avz06PDqDbM?feature=oembed" frameborder="0" allowfullscreen></iframe></p>
<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The jump. 🏍️</p>&mdash; Mission: Impossible (@MissionFilm)
<a href="https://twitter.com/MissionFilm/status/1">May 17, 2023</a></blockquote>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
<p><a href="javascript:alert(document.cookie)">Click for tickets</a> &middot; <a href="related-story/">Related</a></p>
<ul><li>Director: Christopher McQuarrie</li><li>Release: July 12, 2023</li></ul>
`;

describe('sanitizeHtml on a WordPress article body', () => {
  const out = sanitizeHtml(WORDPRESS_BODY, ARTICLE_URL);

  it('keeps the figure, its image (resolved against the article URL) and caption', () => {
    expect(out).toContain('<figure class="wp-block-image size-large">');
    expect(out).toContain(
      '<img width="1024" height="576" src="https://variety.com/wp-content/uploads/2023/05/mission-impossible-cliff.jpg" alt="Tom Cruise rides a motorcycle off a cliff in Norway" />',
    );
    expect(out).toContain(
      '<figcaption>Tom Cruise in \u201cMission: Impossible \u2013 Dead Reckoning Part One\u201d <em>(Paramount)</em></figcaption></figure>',
    );
  });

  it('drops event handlers, srcset and loading', () => {
    expect(out).not.toMatch(/onerror|evil\.example|srcset|loading=/);
  });

  it('removes the YouTube iframe and the tweet script, keeping the quoted tweet text', () => {
    expect(out).not.toMatch(/<iframe|youtube\.com\/embed|<script|widgets\.js/);
    expect(out).toContain('<blockquote class="twitter-tweet"><p lang="en" dir="ltr">The jump. 🏍️</p>');
    expect(out).toContain('<a href="https://twitter.com/MissionFilm/status/1">May 17, 2023</a></blockquote>');
  });

  it('blanks javascript: links and resolves relative ones', () => {
    expect(out).toContain('<a href="">Click for tickets</a>');
    expect(out).toContain(
      '<a href="https://variety.com/2023/film/news/mission-impossible-dead-reckoning-cliff-jump-1235612345/related-story/">Related</a>',
    );
    expect(out).toContain('<a href="https://variety.com/t/paramount/" title="Paramount">studio</a>');
  });

  it('keeps lists and paragraphs', () => {
    expect(out).toContain('<ul><li>Director: Christopher McQuarrie</li><li>Release: July 12, 2023</li></ul>');
  });
});

describe('sanitizeHtml removes every script vector', () => {
  it.each([
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a href="">x</a>'],
    ['<a href=" java\tscript:alert(1)">x</a>', '<a href="">x</a>'],
    ['<a href="&#106;avascript&#58;alert(1)">x</a>', '<a href="">x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a href="">x</a>'],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=">', '<img src="" />'],
    ['<img src=still.jpg onerror=alert(1)>', '<img src="https://deadline.com/2023/05/story/still.jpg" />'],
    ['<div style="background:url(javascript:alert(1))">Box office</div>', '<div>Box office</div>'],
    ['<div style="width: expression(alert(1))">Box office</div>', '<div>Box office</div>'],
    ['<p style="color: red; position: absolute; top: 0">Red carpet</p>', '<p style="color: red;">Red carpet</p>'],
    ['<object data="movie.swf"><embed src="movie.swf"></object>Trailer', 'Trailer'],
    ['<form action="https://evil.example/"><input type="submit" value="Vote"></form>', '<input type="submit" value="Vote" />'],
    ['<style>body{display:none}</style><p>Review</p>', '<p>Review</p>'],
    ['<svg><animate attributeName="href" to="javascript:alert(1)"/><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>', '<svg><a xlink:href=""><text>x</text></a></svg>'],
    ['<p>Oscars<!-- <script>alert(1)</script> --> night</p>', '<p>Oscars night</p>'],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/">News', 'News'],
  ])('%s', (input, expected) => {
    expect(sanitizeHtml(input, 'https://deadline.com/2023/05/story/')).toBe(expected);
  });
});

describe('sanitizeHtml on broken markup', () => {
  it('closes unclosed tags and drops stray end tags', () => {
    expect(sanitizeHtml('<p>Box office <b>record</p></div><i>weekend')).toBe('<p>Box office <b>record</b></p><i>weekend</i>');
  });

  it('keeps a stray < and a bare & as text', () => {
    expect(sanitizeHtml('Ratings < 3 & falling; AT&T <3 HBO')).toBe('Ratings &lt; 3 &amp; falling; AT&amp;T &lt;3 HBO');
    expect(sanitizeHtml('<p>Ratings < 3 & falling</p>')).toBe('<p>Ratings &lt; 3 &amp; falling</p>');
  });

  it('reads unquoted attributes, attributes run together and upper-case names', () => {
    expect(sanitizeHtml('<IMG SRC=poster.jpg ALT=Poster>')).toBe('<img src="poster.jpg" alt="Poster" />');
    expect(sanitizeHtml('<a href="/a"title="t"onclick="x()">A</a>', 'https://www.bbc.co.uk/news/')).toBe(
      '<a href="https://www.bbc.co.uk/a" title="t">A</a>',
    );
  });

  it('drops comments, doctype and processing instructions', () => {
    expect(sanitizeHtml('<!DOCTYPE html><?xml version="1.0"?><p>Hi<!-- note --></p>')).toBe('<p>Hi</p>');
  });

  it('drops everything after an unclosed comment, and ends a malformed one at --...>', () => {
    expect(sanitizeHtml('Premiere<!-- <script>alert(1)</script>')).toBe('Premiere');
    expect(sanitizeHtml('sa<!-- -- x >fe<script>alert(1);</script>')).toBe('safe');
  });

  it('shows an unterminated tag as text instead of guessing', () => {
    expect(sanitizeHtml('Trailer <img src="x.jpg" onerror="alert(1)')).toBe('Trailer &lt;img src="x.jpg" onerror="alert(1)');
  });

  it('treats a CDATA marker as text', () => {
    expect(sanitizeHtml('<![CDATA[<script></script>]]>')).toBe('&lt;![CDATA[]]&gt;');
  });

  it('decodes entities and re-escapes what must be', () => {
    expect(sanitizeHtml('Fast &amp; Furious&nbsp;X &lt;b&gt; &#146;s &bogus;')).toBe('Fast &amp; Furious\u00a0X &lt;b&gt; \u2019s &amp;bogus;');
  });

  it('returns text with no markup unchanged apart from trimming', () => {
    expect(sanitizeHtml('  Barbie tops the weekend box office  ')).toBe('Barbie tops the weekend box office');
  });

  it('stays bounded on deeply nested input', () => {
    const deep = '<div>'.repeat(20_000) + 'x' + '</span>'.repeat(20_000);
    const out = sanitizeHtml(deep);
    expect(out.startsWith('<div>'.repeat(256) + 'x')).toBe(true);
    expect(out.endsWith('</div>'.repeat(256))).toBe(true);
  });

  it('never throws on garbage', () => {
    const garbage = '<<<>>><a <b =\'<p "<!--<![CDATA[</ \u0000\uffff<svg><math><';
    expect(() => sanitizeHtml(garbage)).not.toThrow();
    expect(sanitizeHtml(garbage)).not.toMatch(/<(?!\/?(p|b|a|svg|math)\b)[a-z]/i);
  });
});

describe('sanitizeHtml keeps what the feedparser allowlists keep', () => {
  it('keeps tables, headings and inline markup', () => {
    const html =
      '<h2>Box office</h2><table><thead><tr><th>Film</th><th>Gross</th></tr></thead><tbody><tr><td><strong>Barbie</strong></td><td align="right">$162M</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(html);
  });

  it('keeps safe inline styles and drops the rest', () => {
    expect(sanitizeHtml('<span style="font-weight: bold; margin: 0 15px 0 0; mso-list: l0">Oscars</span>')).toBe(
      '<span style="font-weight: bold; margin: 0 15px 0 0;">Oscars</span>',
    );
    expect(sanitizeHtml('<span style="margin: 99999em">x</span>')).toBe('<span>x</span>');
  });

  it('keeps SVG and MathML with their case-sensitive names', () => {
    expect(sanitizeHtml('<svg viewbox="0 0 10 10"><lineargradient id="g"></lineargradient><circle r="5"/></svg>')).toBe(
      '<svg viewBox="0 0 10 10"><linearGradient id="g"></linearGradient><circle r="5"></circle></svg>',
    );
    expect(sanitizeHtml('<math><mi>x</mi><mo>+</mo><mn>1</mn></math>')).toBe('<math><mi>x</mi><mo>+</mo><mn>1</mn></math>');
  });

  it('keeps video with poster and controls, dropping autoplay', () => {
    expect(sanitizeHtml('<video src="clip.mp4" poster="clip.jpg" controls autoplay></video>', 'https://www.ign.com/articles/')).toBe(
      '<video src="https://www.ign.com/articles/clip.mp4" poster="https://www.ign.com/articles/clip.jpg" controls=""></video>',
    );
  });
});

describe('sanitizeHtml on things that only look like declarations', () => {
  it("keeps `<!'` as text rather than swallowing the markup after it", () => {
    expect(sanitizeHtml('<!\' <a href="foo">Premiere</a>', 'https://www.hollywoodreporter.com/')).toBe(
      '&lt;!\' <a href="https://www.hollywoodreporter.com/foo">Premiere</a>',
    );
  });

  it('shows an unterminated <!DOCTYPE as text', () => {
    expect(sanitizeHtml('<!DOCTYPE ~')).toBe('&lt;!DOCTYPE ~');
  });
});
