/// <reference types="vite/client" />
/**
 * The word scanner against the regex tokenizer it replaced: the same tokens for every field of every
 * fixture feed, plus the folding, HTML and flag rules one case at a time.
 */
import { describe, expect, it } from 'vitest';
import type { Item } from '../model';
import { htmlToText } from '../parse/html/text';
import { parseFeed } from '../parse/index';
import { tokenize } from './normalize';
import { FIELD_BREAK, JOINED, NAME, OPENS, Vocabulary, WordScanner } from './words';

// ---------------------------------------------------------------------------------------------
// The reference: the regex tokenizer `tokenize` was before the scanner, verbatim in behaviour.
const REF_APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4\uFF07]/g;
const REF_WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;
const REF_ELISION = /^(?:[\p{L}]|qu)'/u;

function referenceFold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').replace(REF_APOSTROPHES, "'").toLowerCase();
}

function referenceTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of referenceFold(text).matchAll(REF_WORD)) {
    let token = match[0];
    const elision = REF_ELISION.exec(token);
    if (elision) {
      tokens.push(elision[0].slice(0, -1));
      token = token.slice(elision[0].length);
    }
    if (token.endsWith("'s")) token = token.slice(0, -2);
    token = token.replace(/'/g, '');
    if (token) tokens.push(token);
  }
  return tokens;
}

/** What the editor read of an HTML field before the scanner: htmlToText, then the regex tokenizer. */
function referenceHtmlTokens(html: string): string[] {
  return referenceTokens(htmlToText(html));
}

// ---------------------------------------------------------------------------------------------
const feeds = import.meta.glob('../../fixtures/feeds/*', { query: '?bytes', import: 'default', eager: true }) as Record<string, Uint8Array>;

function fixtureItems(): Array<{ file: string; item: Item }> {
  const out: Array<{ file: string; item: Item }> = [];
  for (const [path, bytes] of Object.entries(feeds).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const result = parseFeed({ body: bytes });
    if (!result.ok) throw new Error(`${path}: ${result.error.code}`);
    for (const item of result.value.items) out.push({ file: path.replace(/^.*\//, ''), item });
  }
  return out;
}

function scanHtml(html: string, maxChars?: number): string[] {
  const scanner = new WordScanner(new Vocabulary());
  scanner.html(html, maxChars);
  return scanner.strings();
}

function scanText(text: string): { words: string[]; flags: number[] } {
  const scanner = new WordScanner(new Vocabulary());
  scanner.text(text);
  return { words: scanner.strings(), flags: Array.from(scanner.flags.subarray(0, scanner.length)) };
}

/** The flags of each word of `text`, as `word:FLAGS` with NAME, OPENS and JOINED spelled out. */
function flagged(text: string): string[] {
  const { words, flags } = scanText(text);
  return words.map((word, k) => {
    const f = flags[k]!;
    const names = [f & NAME ? 'NAME' : '', f & OPENS ? 'OPENS' : '', f & JOINED ? 'JOINED' : ''].filter(Boolean);
    return `${word}:${names.join('|') || '-'}`;
  });
}

describe('WordScanner against the regex tokenizer, on every fixture feed', () => {
  const items = fixtureItems();

  it('gives the same tokens for every title, summary and category (tokenize, plain text)', () => {
    // One scanner and one vocabulary for the whole corpus too, as the editor runs it on a batch.
    const shared = new WordScanner(new Vocabulary());
    const mismatches: Array<{ file: string; id: string; text: string; got: string[]; want: string[] }> = [];
    let fields = 0;
    let words = 0;
    for (const { file, item } of items) {
      for (const text of [item.title, item.summary, ...item.categories]) {
        if (!text) continue;
        fields++;
        const want = referenceTokens(text);
        words += want.length;
        const got = tokenize(text);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ file, id: item.id, text, got, want });
        shared.reset();
        shared.text(text);
        const gotShared = shared.strings();
        if (JSON.stringify(gotShared) !== JSON.stringify(want)) mismatches.push({ file, id: item.id, text, got: gotShared, want });
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: the fixtures are 13 feeds and a hundred-odd items of real outlet copy.
    expect(items.length).toBeGreaterThanOrEqual(100);
    expect(fields).toBeGreaterThanOrEqual(300);
    expect(words).toBeGreaterThanOrEqual(5000);
  });

  it('gives the same tokens for every contentHtml as htmlToText followed by the regex tokenizer', () => {
    const shared = new WordScanner(new Vocabulary());
    const mismatches: Array<{ file: string; id: string; got: string[]; want: string[] }> = [];
    let fields = 0;
    let withTags = 0;
    let withReferences = 0;
    let words = 0;
    for (const { file, item } of items) {
      const html = item.contentHtml;
      if (!html) continue;
      fields++;
      if (/<[a-z]/i.test(html)) withTags++;
      if (/&[#a-z]/i.test(html)) withReferences++;
      const want = referenceHtmlTokens(html);
      words += want.length;
      const got = scanHtml(html);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ file, id: item.id, got, want });
      shared.reset();
      shared.html(html);
      const gotShared = shared.strings();
      if (JSON.stringify(gotShared) !== JSON.stringify(want)) mismatches.push({ file, id: item.id, got: gotShared, want });
    }
    expect(mismatches).toEqual([]);
    expect(fields).toBeGreaterThanOrEqual(100);
    // Real markup: tags and character references, not just plain text.
    expect(withTags).toBeGreaterThanOrEqual(40);
    expect(withReferences).toBeGreaterThanOrEqual(3);
    expect(words).toBeGreaterThanOrEqual(5000);
  });
});

/** Asserts the scanner's tokens for plain text, and that the regex tokenizer agrees. */
function expectText(text: string, tokens: string[]): void {
  expect(tokenize(text), JSON.stringify(text)).toEqual(tokens);
  expect(referenceTokens(text), `reference: ${JSON.stringify(text)}`).toEqual(tokens);
}

/** Asserts the scanner's tokens for HTML, and that htmlToText + the regex tokenizer agree. */
function expectHtml(html: string, tokens: string[]): void {
  expect(scanHtml(html), JSON.stringify(html)).toEqual(tokens);
  expect(referenceHtmlTokens(html), `reference: ${JSON.stringify(html)}`).toEqual(tokens);
}

describe('WordScanner folding', () => {
  it('splits French elisions off (so "d’une" never reads as Dune) in every apostrophe form', () => {
    expectText('Le retour d’une saga : Denis Villeneuve tourne la suite', ['le', 'retour', 'd', 'une', 'saga', 'denis', 'villeneuve', 'tourne', 'la', 'suite']);
    expectText("Villeneuve dit qu’il tournera la suite d'une traite", ['villeneuve', 'dit', 'qu', 'il', 'tournera', 'la', 'suite', 'd', 'une', 'traite']);
    expectText('L’avant-première de Dune à Paris', ['l', 'avant', 'premiere', 'de', 'dune', 'a', 'paris']);
    expectText('Qu’attendre de la saison 2 ?', ['qu', 'attendre', 'de', 'la', 'saison', '2']);
    // U+02BC, U+2032, backtick, acute accent and the fullwidth apostrophe are apostrophes too.
    for (const apostrophe of ['\u02BC', '\u2032', '`', '\u00B4', '\uFF07', '\u2018']) {
      expectText(`la sortie d${apostrophe}une suite`, ['la', 'sortie', 'd', 'une', 'suite']);
    }
  });

  it('drops possessives and joins other apostrophes', () => {
    expectText('Tom Cruise’s Cliff Jump', ['tom', 'cruise', 'cliff', 'jump']);
    expectText("Tom Cruise's Cliff Jump", ['tom', 'cruise', 'cliff', 'jump']);
    expectText('TOM CRUISE’S CLIFF JUMP', ['tom', 'cruise', 'cliff', 'jump']);
    expectText("Don't Look Up star says the sequel won't happen", ['dont', 'look', 'up', 'star', 'says', 'the', 'sequel', 'wont', 'happen']);
    expectText('Rock ’n’ roll hall of fame', ['rock', 'n', 'roll', 'hall', 'of', 'fame']);
    // A trailing apostrophe is punctuation (a plural possessive), not part of the word.
    expectText('The Beatles’ final film', ['the', 'beatles', 'final', 'film']);
    expectText("O'Brien's Oscars monologue", ['o', 'brien', 'oscars', 'monologue']);
  });

  it('folds accents and case: Beyoncé, BEYONCÉ, Beyonce and a decomposed é are one word', () => {
    for (const spelling of ['Beyoncé', 'BEYONCÉ', 'Beyonce', 'Beyonce\u0301', 'beyoncé']) expectText(spelling, ['beyonce']);
    expectText('Zoë Saldaña and Léa Seydoux join Dune: Part Two', ['zoe', 'saldana', 'and', 'lea', 'seydoux', 'join', 'dune', 'part', 'two']);
    expectText('Pokémon Detective Pikachu sequel', ['pokemon', 'detective', 'pikachu', 'sequel']);
    expectText('ÉTÉ MEURTRIER', ['ete', 'meurtrier']);
  });

  it('folds ligatures, fullwidth, styled and Roman-numeral compatibility characters', () => {
    expectText('The ﬁnal ﬂight of Top Gun', ['the', 'final', 'flight', 'of', 'top', 'gun']);
    expectText('ＴＯＭ　ＣＲＵＩＳＥ ＭＩＳＳＩＯＮ', ['tom', 'cruise', 'mission']);
    expectText('Rocky Ⅳ returns', ['rocky', 'iv', 'returns']);
    // Mathematical bold letters (astral code points, surrogate pairs) are letters.
    expectText('𝐃𝐮𝐧𝐞 𝐏𝐚𝐫𝐭 𝐓𝐰𝐨', ['dune', 'part', 'two']);
    expectText('Squid Game² is coming', ['squid', 'game2', 'is', 'coming']);
  });

  it('splits on non-breaking and typographic spaces, dashes and emoji', () => {
    expectText('Tom\u00a0Cruise\u202fjumps\u2009off\u2003a cliff', ['tom', 'cruise', 'jumps', 'off', 'a', 'cliff']);
    expectText('Mission: Impossible – Dead Reckoning—Part One', ['mission', 'impossible', 'dead', 'reckoning', 'part', 'one']);
    expectText('Barbie🎀Oppenheimer', ['barbie', 'oppenheimer']);
    // Figures keep their digits, and units stay on them; currency signs and separators split.
    expectText('$155M opening, 1,200 screens', ['155m', 'opening', '1', '200', 'screens']);
  });

  it('removes C1 control characters inside a word, as the parser’s cleanText does', () => {
    const text = 'Marvel’s F\u0081X series';
    expect(tokenize(text)).toEqual(['marvel', 'fx', 'series']);
    expect(scanHtml(`<p>${text}</p>`)).toEqual(['marvel', 'fx', 'series']);
    expect(referenceHtmlTokens(`<p>${text}</p>`)).toEqual(['marvel', 'fx', 'series']);
    // A byte-order mark inside a word vanishes too.
    expect(tokenize('Beyon\uFEFFcé')).toEqual(['beyonce']);
    // So does a C0 control character inside a plain ASCII word (a JSON Feed may carry one).
    expect(tokenize('Marvel’s F\u0001X deal')).toEqual(['marvel', 'fx', 'deal']);
    expect(scanHtml('<p>Marvel’s F\u0001X deal</p>')).toEqual(['marvel', 'fx', 'deal']);
  });

  it('folds final sigma to sigma, so a Greek title matches in capitals and in lower case', () => {
    expect(tokenize('ΟΔΟΣ')).toEqual(tokenize('Οδος'));
    expect(tokenize('Ο ΔΡΟΜΟΣ του Κόσμου')).toEqual(tokenize('ο δρομος του κοσμου'));
  });
});

describe('WordScanner reading HTML', () => {
  it('reads inline tags as nothing and block tags as a break, like htmlToText', () => {
    expectHtml('<p><em>Dead</em> Reckoning</p>', ['dead', 'reckoning']);
    // An inline tag inside a word does not split it (htmlToText gives "DeadReckoning").
    expectHtml('<p>Dead<em>Reck</em>oning</p>', ['deadreckoning']);
    expectHtml('<p>Tom <a href="https://variety.com/t/tom-cruise/" rel="nofollow">Cruise</a>’s stunt</p>', ['tom', 'cruise', 'stunt']);
    expectHtml('<p>Dune</p><p>Part Two</p>', ['dune', 'part', 'two']);
    expectHtml('Dune<br>Part<br/>Two', ['dune', 'part', 'two']);
    expectHtml('<ul><li>Barbie</li><li>Oppenheimer</li></ul>', ['barbie', 'oppenheimer']);
    expectHtml('<h2>Box office</h2><div>Barbie<span> leads</span></div>', ['box', 'office', 'barbie', 'leads']);
    expectHtml('<figure><img src="https://x.test/a.jpg" alt="Tom Cruise on a motorbike"><figcaption>Paramount</figcaption></figure>', ['paramount']);
  });

  it('drops script and style with their content, and comments', () => {
    expectHtml(
      '<p>Barbie crossed $1 billion.</p><script>track("barbie-billion")</script><style>p{color:pink}</style><div>Box office</div>',
      ['barbie', 'crossed', '1', 'billion', 'box', 'office'],
    );
    expectHtml('<p>Oppenheimer</p><!-- ad slot: oppenheimer-mpu --><p>leads the Oscars</p>', ['oppenheimer', 'leads', 'the', 'oscars']);
    expectHtml('<p>Dune</p><SCRIPT type="text/javascript">var dune = "<p>sandworm</p>";</SCRIPT><p>Part Two</p>', ['dune', 'part', 'two']);
    // In raw HTML, a comment or a script inside a word separates nothing (htmlToText gives "xy").
    expectHtml('Barbie<!-- ad -->heimer', ['barbieheimer']);
    expectHtml('Barbie<script>track()</script>heimer', ['barbieheimer']);
  });

  it('reads an ampersand that starts no reference as a literal, not the markup up to the next semicolon', () => {
    expectHtml('<p>Tom&Jerry <i>reboot</i>; more</p>', ['tom', 'jerry', 'reboot', 'more']);
    expectHtml('<p>Black & Decker <a href="https://x.test/a?b=1">deal</a>; more</p>', ['black', 'decker', 'deal', 'more']);
  });

  it('decodes character references, one level deep', () => {
    expectHtml('<p>Beyonc&eacute;&#8217;s &ldquo;Renaissance&rdquo; tour</p>', ['beyonce', 'renaissance', 'tour']);
    expectHtml('<p>Tom &amp; Jerry&nbsp;reboot</p>', ['tom', 'jerry', 'reboot']);
    expectHtml('<p>Pok&#233;mon &#xE9;t&#xe9; don&#39;t Cruise&#146;s</p>', ['pokemon', 'ete', 'dont', 'cruise']);
    expectHtml('<p>Marvel&amp;rsquo;s slate</p>', ['marvel', 'rsquo', 's', 'slate']);
    expectHtml('<p>AT&amp;T sells Warner Bros. &bogus;</p>', ['at', 't', 'sells', 'warner', 'bros', 'bogus']);
  });

  it('reads at most maxChars characters', () => {
    const html = '<p>Dune: Part Two</p><p>Denis Villeneuve</p>';
    expect(scanHtml(html, '<p>Dune: Part Two</p>'.length)).toEqual(['dune', 'part', 'two']);
    expect(scanHtml(html)).toEqual(['dune', 'part', 'two', 'denis', 'villeneuve']);
  });
});

describe('WordScanner flags', () => {
  it('marks capitalized words mid-sentence as NAME, sentence openers as OPENS, and whitespace-joined words as JOINED', () => {
    expect(flagged('Paramount says Tom Cruise jumped off a cliff. Fans cheered')).toEqual([
      'paramount:OPENS',
      'says:JOINED',
      'tom:NAME|JOINED',
      'cruise:NAME|JOINED',
      'jumped:JOINED',
      'off:JOINED',
      'a:JOINED',
      'cliff:JOINED',
      'fans:OPENS',
      'cheered:JOINED',
    ]);
    // Opening a sentence, a name is OPENS only: its capital says nothing.
    expect(flagged('Fans cheered. Tom Cruise waved')).toEqual(['fans:OPENS', 'cheered:JOINED', 'tom:OPENS', 'cruise:NAME|JOINED', 'waved:JOINED']);
  });

  it('opens a sentence after . ! ? : ; and double quotes, and breaks JOINED at punctuation', () => {
    expect(flagged('Watch Tom Cruise in Mission: Impossible – “Dead Reckoning” now')).toEqual([
      'watch:OPENS',
      'tom:NAME|JOINED',
      'cruise:NAME|JOINED',
      'in:JOINED',
      'mission:NAME|JOINED',
      // After the colon: a new sentence, and not joined to "Mission".
      'impossible:OPENS',
      // After a dash and an opening quote: no longer joined, and the quote opens.
      'dead:OPENS',
      'reckoning:NAME|JOINED',
      'now:OPENS',
    ]);
    expect(flagged('Is it over? Yes! Iger returns; Disney cheers')).toEqual([
      'is:OPENS',
      'it:JOINED',
      'over:JOINED',
      'yes:OPENS',
      'iger:OPENS',
      'returns:JOINED',
      'disney:OPENS',
      'cheers:JOINED',
    ]);
  });

  it('keeps JOINED after a possessive, and breaks it after an apostrophe that closes a quote or after an ellipsis', () => {
    // A possessive ends the word as a letter would: the next word still belongs with it.
    expect(flagged('Paramount confirmed Tom Cruise’s Norway stunt')).toEqual([
      'paramount:OPENS', 'confirmed:JOINED', 'tom:NAME|JOINED', 'cruise:NAME|JOINED', 'norway:NAME|JOINED', 'stunt:JOINED',
    ]);
    expect(flagged("Paramount confirmed Tom Cruise's Norway stunt")).toEqual(flagged('Paramount confirmed Tom Cruise’s Norway stunt'));
    // A closing apostrophe is punctuation: "Nickel Boys" and "Colson Whitehead" are two names.
    expect(flagged('Critics praised ‘Nickel Boys’ Colson Whitehead adaptation')).toEqual([
      'critics:OPENS', 'praised:JOINED', 'nickel:NAME', 'boys:NAME|JOINED', 'colson:NAME', 'whitehead:NAME|JOINED', 'adaptation:JOINED',
    ]);
    expect(flagged('The fans’ Cruise tribute… Paramount replied')).toEqual([
      'the:OPENS', 'fans:JOINED', 'cruise:NAME', 'tribute:JOINED', 'paramount:OPENS', 'replied:JOINED',
    ]);
  });

  it('keeps NAME and JOINED across accents, non-breaking spaces and inline markup', () => {
    expect(flagged('Then Léa\u00a0Seydoux joined')).toEqual(['then:OPENS', 'lea:NAME|JOINED', 'seydoux:NAME|JOINED', 'joined:JOINED']);
    const scanner = new WordScanner(new Vocabulary());
    scanner.html('<p>Director <a href="https://x.test/">Christopher Nolan</a> returns.</p><p>Universal confirmed</p>');
    const flags = Array.from(scanner.flags.subarray(0, scanner.length));
    expect(scanner.strings()).toEqual(['director', 'christopher', 'nolan', 'returns', 'universal', 'confirmed']);
    expect(flags).toEqual([OPENS, NAME | JOINED, NAME | JOINED, JOINED, OPENS, JOINED]);
  });

  it('starts every field afresh and separates fields with FIELD_BREAK', () => {
    const scanner = new WordScanner(new Vocabulary());
    scanner.text('Barbie Tops Box Office');
    scanner.fieldBreak();
    scanner.fieldBreak();
    scanner.text('Warner Bros. said Barbie earned $155 million');
    const ids = Array.from(scanner.ids.subarray(0, scanner.length));
    expect(ids.filter((id) => id === FIELD_BREAK)).toHaveLength(1);
    expect(scanner.strings()).toEqual(['barbie', 'tops', 'box', 'office', 'warner', 'bros', 'said', 'barbie', 'earned', '155', 'million']);
    // "Warner" opens the second field although the first ended mid-sentence.
    expect(scanner.flags[ids.indexOf(FIELD_BREAK) + 1]! & OPENS).toBe(OPENS);
    // The same word in both fields is one id.
    expect(ids[0]).toBe(ids[ids.indexOf(FIELD_BREAK) + 4]);
    scanner.reset();
    expect(scanner.length).toBe(0);
    scanner.text('Oppenheimer');
    expect(scanner.strings()).toEqual(['oppenheimer']);
  });
});

describe('Vocabulary', () => {
  const items = fixtureItems();
  // Every token of every fixture field, as the regex tokenizer reads them (about two thousand distinct
  // words), and every pair of consecutive tokens run together as a hashtag would ("tomcruise",
  // "deadreckoning"): several thousand distinct words, enough to grow the table several times.
  const corpus: string[] = [];
  for (const { item } of items) {
    const fields = [item.title, item.summary, ...item.categories].filter((t): t is string => !!t).map(referenceTokens);
    if (item.contentHtml) fields.push(referenceHtmlTokens(item.contentHtml));
    for (const tokens of fields) {
      corpus.push(...tokens);
      for (let k = 0; k + 1 < tokens.length; k++) corpus.push(tokens[k]! + tokens[k + 1]!);
    }
  }
  const distinct = [...new Set(corpus)];
  it('gives one id per distinct word across the fixtures’ whole vocabulary', () => {
    expect(distinct.length).toBeGreaterThanOrEqual(5000);
    const vocabulary = new Vocabulary();
    const ids = corpus.map((word) => vocabulary.idOf(word));
    expect(vocabulary.size).toBe(distinct.length);
    // Same word, same id; different words, different ids; ids dense in first-seen order.
    const idOfWord = new Map<string, number>();
    corpus.forEach((word, k) => {
      const known = idOfWord.get(word);
      if (known === undefined) idOfWord.set(word, ids[k]!);
      else expect(ids[k]).toBe(known);
    });
    expect(distinct.map((word) => idOfWord.get(word))).toEqual(distinct.map((_, k) => k));
    for (const word of distinct) {
      const id = vocabulary.find(word);
      expect(vocabulary.word(id)).toBe(word);
    }
  });

  it('finds nothing for a word never interned', () => {
    const vocabulary = new Vocabulary();
    for (const word of distinct) vocabulary.idOf(word);
    const unknown = ['oppenheimerverse', 'barbenheimer2', 'spielbergian', 'cruise1', 'dunes2024', 'mcu2027'];
    for (const word of unknown) {
      expect(distinct).not.toContain(word);
      expect(vocabulary.find(word)).toBe(-1);
    }
    expect(vocabulary.size).toBe(distinct.length);
    expect(new Vocabulary().find('cruise')).toBe(-1);
  });

  it('interns a word to the same id whichever way the scanner reads it', () => {
    const vocabulary = new Vocabulary();
    const scanner = new WordScanner(vocabulary);
    // Plain ASCII (interned straight from the text), a possessive and accented and escaped forms
    // (through the word buffer), and idOf: one id each for cruise and beyonce.
    scanner.text('Cruise');
    scanner.text('Cruise’s');
    scanner.html('<p>CRUISE&#8217;s</p>');
    scanner.text('Beyoncé');
    scanner.html('<p>Beyonc&eacute;</p>');
    scanner.text('BEYONCE');
    const ids = Array.from(scanner.ids.subarray(0, scanner.length));
    expect(ids).toEqual([0, 0, 0, 1, 1, 1]);
    expect(vocabulary.idOf('cruise')).toBe(0);
    expect(vocabulary.find('beyonce')).toBe(1);
    expect(vocabulary.size).toBe(2);
  });
});
