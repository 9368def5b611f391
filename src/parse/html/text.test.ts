import { describe, expect, it } from 'vitest';
import { cleanText, decodeEntities, htmlToText, looksLikeHtml } from './text';

describe('decodeEntities', () => {
  it('decodes HTML named entities XML does not know', () => {
    expect(decodeEntities('Beyonc&eacute;&rsquo;s &ldquo;Renaissance&rdquo;&nbsp;tour &hellip; &mdash; &copy; 2023')).toBe(
      'Beyonc\u00e9\u2019s \u201cRenaissance\u201d\u00a0tour \u2026 \u2014 \u00a9 2023',
    );
  });

  it('decodes decimal and hex references, reading &#128;-&#159; as windows-1252', () => {
    expect(decodeEntities('Pok&#233;mon &#xE9;t&#xe9; &#8217; &#146; &#150; &#128;')).toBe('Pok\u00e9mon \u00e9t\u00e9 \u2019 \u2019 \u2013 \u20ac');
  });

  it('decodes one level only, so double-escaped text keeps its second level', () => {
    expect(decodeEntities('Marvel&amp;rsquo;s &amp;amp;')).toBe('Marvel&rsquo;s &amp;');
  });

  it('leaves unknown names and bare ampersands alone', () => {
    expect(decodeEntities('AT&T &bogus; Q&A &#;')).toBe('AT&T &bogus; Q&A &#;');
  });
});

describe('htmlToText', () => {
  it('turns an escaped trade-paper title into plain text', () => {
    expect(htmlToText('Tom Cruise&rsquo;s <em>Mission: Impossible</em> Cliff Jump &ndash; Behind&nbsp;the Stunt')).toBe(
      'Tom Cruise\u2019s Mission: Impossible Cliff Jump \u2013 Behind\u00a0the Stunt',
    );
  });

  it('separates blocks and line breaks, drops script and style content', () => {
    const summary =
      '<p>Barbie crossed $1 billion.</p><p>Oppenheimer<br/>followed.</p><script>track("x")</script><style>p{}</style><div>Box office</div>';
    expect(htmlToText(summary)).toBe('Barbie crossed $1 billion. Oppenheimer followed. Box office');
  });

  it('removes control characters and collapses whitespace', () => {
    expect(htmlToText('  Succession\u0007 finale\r\n\tdraws   record\u0085 ratings  ')).toBe('Succession finale draws record ratings');
  });

  it('keeps a literal < that is not a tag', () => {
    expect(htmlToText('Ratings < 3 million for <b>finale</b>')).toBe('Ratings < 3 million for finale');
  });

  it('drops comments, even unterminated ones', () => {
    expect(htmlToText('Emmys <!-- embargo --> nominations')).toBe('Emmys nominations');
    expect(htmlToText('Emmys<!-- embargo')).toBe('Emmys');
  });
});

describe('cleanText', () => {
  it('normalises to NFC', () => {
    expect(cleanText('Beyonce\u0301')).toBe('Beyonc\u00e9');
  });

  it('removes C0/C1 controls and collapses HTML whitespace', () => {
    expect(cleanText('\u0000Dune:\r\nPart\u0009\u0009Two \u009d\n')).toBe('Dune: Part Two');
  });

  it('keeps no-break and typographic spaces inside the text but trims them at the ends', () => {
    expect(cleanText('\u00a0Dune:\u00a0Part\u2009Two\u2003\ufeff')).toBe('Dune:\u00a0Part\u2009Two');
  });

  it('leaves clean text untouched', () => {
    expect(cleanText('Oppenheimer wins Best Picture')).toBe('Oppenheimer wins Best Picture');
  });

  it('reads a removed character as nothing: it neither breaks a run of spaces nor separates words', () => {
    // A form feed is a control here (removed), so the spaces around it are one run.
    expect(cleanText('Barbie \u000c \u0007 Oppenheimer')).toBe('Barbie Oppenheimer');
    expect(cleanText('Bar\u0092bie')).toBe('Barbie');
    expect(cleanText('Line\u2028separated\u2029text')).toBe('Line separated text');
    expect(cleanText('\n\t \u0001')).toBe('');
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['<p>Review</p>', true],
    ['Line one<br>Line two', true],
    ['<a href="https://variety.com/">Variety</a>', true],
    ['Fast &amp; Furious', true],
    ['Caf&#233; Society', true],
    ['Opening</em>', true],
    ['AT&T and HBO Max', false],
    ['Box office: 3 < 5 and 5 > 3', false],
    ['I <3 movies', false],
    ['Plain title', false],
  ])('%s -> %s', (input, expected) => {
    expect(looksLikeHtml(input)).toBe(expected);
  });
});
