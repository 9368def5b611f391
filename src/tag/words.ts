/**
 * The word scanner the tagger and the dedupe stage share: one left-to-right pass over a field's
 * characters (plain text, or the parser's sanitized HTML read in place) that folds each word the
 * way `normalize.ts` documents and interns it in a `Vocabulary`, so every later stage works on
 * integer ids, never on per-occurrence strings.
 *
 * Why a hand-written pass: the editor reads every item's full text on every rebuild (20,000 items
 * are ~40 MB of HTML). Turning HTML into a string, normalising the whole string (NFKD), running a
 * word regex and hashing each token as a new string cost several times what this does, which
 * touches each character once and allocates a string only for a word it has never seen.
 *
 * Folding, per character: ASCII letters lower-cased in place; any other character through the
 * NFKD decomposition, combining-mark removal and lower-casing (cached per code point, so the
 * Unicode tables are consulted once per distinct character). Words are runs of letters and digits,
 * joined by apostrophes (`don't`); then a one-letter or `qu` elision splits off (`d'une` → `d une`),
 * a possessive `'s` is dropped and other apostrophes vanish (`don't` → `dont`).
 *
 * Each word also carries flags: `NAME` when it starts with a capital letter and does not open a
 * sentence, `OPENS` when it opens one (a field, a block, or after . ! ? : ;). A word with neither is
 * a lower-case word mid-sentence: the dedupe stage weighs the two to tell proper names from words.
 * `JOINED` when only whitespace separates it from the previous word (a multi-word name holds together;
 * quotes, colons and dashes split a headline into its parts).
 */
import { decodeHTML } from 'entities/decode';
import { BLOCK_ELEMENTS, DROP_WITH_CONTENT } from '../parse/html/allowlists';

/** Flag of a word that starts with a capital letter and does not open a sentence. */
export const NAME = 1;
/** Flag of a word that opens a sentence (its case says nothing about it). */
export const OPENS = 2;
/** Flag of a word separated from the previous word of its field by whitespace alone (no punctuation). */
export const JOINED = 4;

/** Separates fields in a word list: a phrase never runs across it. */
export const FIELD_BREAK = -1;

/** The two hash lanes of a word (FNV-1a with two seeds and primes) over its folded code units. */
const SEED_A = 0x811c9dc5;
const PRIME_A = 0x01000193;
const SEED_B = 0x9747b28c;
const PRIME_B = 0x0100019d;

/**
 * Interns folded words as dense integer ids. A word is known by a 64-bit hash (two 32-bit FNV-1a
 * lanes) and its length: two different words of one batch share all three with a probability near
 * 2^-64 per pair, so words are never compared character by character, which is what makes interning
 * as cheap as hashing.
 */
export class Vocabulary {
  private readonly words: string[] = [];
  /**
   * Open addressing, one entry of four numbers per slot: lane A, lane B, length and id (-1: empty),
   * so a probe reads one cache line and no second array by id.
   */
  private table = new Int32Array(2048 * 4).fill(-1);
  private mask = 2047;

  get size(): number {
    return this.words.length;
  }

  /** The folded text of an id. */
  word(id: number): string {
    return this.words[id]!;
  }

  /** The id of a folded word, interning it when new. */
  idOf(word: string): number {
    const found = this.find(word);
    return found >= 0 ? found : this.add(hashA(word), hashB(word), word);
  }

  /** The id of a folded word, or -1 when it was never interned. */
  find(word: string): number {
    return this.lookup(hashA(word), hashB(word), word.length);
  }

  /** The id of the word in `codes[start, end)`, interning it when new. */
  intern(codes: Uint16Array, start: number, end: number): number {
    let a = SEED_A;
    let b = SEED_B;
    for (let k = start; k < end; k++) {
      a = Math.imul(a ^ codes[k]!, PRIME_A);
      b = Math.imul(b ^ codes[k]!, PRIME_B);
    }
    const id = this.lookup(a, b, end - start);
    return id >= 0 ? id : this.add(a, b, String.fromCharCode.apply(null, codes.subarray(start, end) as unknown as number[]));
  }

  /**
   * The id of the word whose lanes are `a` and `b`: the ASCII letters and digits `s[start, end)`
   * lower-cased (the scanner hashes them as it reads them), interning it when new.
   */
  internAscii(a: number, b: number, s: string, start: number, end: number): number {
    const id = this.lookup(a, b, end - start);
    return id >= 0 ? id : this.add(a, b, s.slice(start, end).toLowerCase());
  }

  private lookup(a: number, b: number, length: number): number {
    const table = this.table;
    const mask = this.mask;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      const at = slot << 2;
      const id = table[at + 3]!;
      if (id < 0) return -1;
      if (table[at] === a && table[at + 1] === b && table[at + 2] === length) return id;
    }
  }

  private add(a: number, b: number, word: string): number {
    const id = this.words.length;
    this.words.push(word);
    if (this.words.length * 2 > this.mask) this.rehash();
    this.place(this.table, this.mask, a, b, word.length, id);
    return id;
  }

  private place(table: Int32Array, mask: number, a: number, b: number, length: number, id: number): void {
    let slot = a & mask;
    while (table[(slot << 2) + 3]! >= 0) slot = (slot + 1) & mask;
    const at = slot << 2;
    table[at] = a;
    table[at + 1] = b;
    table[at + 2] = length;
    table[at + 3] = id;
  }

  private rehash(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(capacity * 4).fill(-1);
    const mask = capacity - 1;
    for (let at = 0; at < old.length; at += 4) {
      if (old[at + 3]! >= 0) this.place(table, mask, old[at]!, old[at + 1]!, old[at + 2]!, old[at + 3]!);
    }
    this.table = table;
    this.mask = mask;
  }
}

/** One hash lane of a word given as a string (the scanner computes both lanes as it reads). */
function lane(word: string, seed: number, prime: number): number {
  let h = seed;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), prime);
  return h;
}

const hashA = (word: string): number => lane(word, SEED_A, PRIME_A);
const hashB = (word: string): number => lane(word, SEED_B, PRIME_B);

// Character classes after folding.
const SEPARATOR = 0;
const WORD_CHAR = 1;
const APOSTROPHE = 2;
const SPACE = 3;
/** Ends a sentence for the NAME rule: . ! ? : ; and double quotes. */
const STOP = 4;
/** Control characters and byte-order marks: removed, as `cleanText` removes them (`F\u0081X` is `fx`). */
const NOTHING = 5;

/** How a non-ASCII code point folds: its folded code units and their classes, and whether it is a capital. */
interface Fold {
  codes: number[];
  classes: number[];
  upper: boolean;
}

const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4\uFF07]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const UPPER = /^\p{Lu}$/u;
const WHITE = /^\s$/u;
const SENTENCE_STOP = /^[.!?:;"“”]$/u;
const folds = new Map<number, Fold>();

const CONTROL = /^[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFEFF\uFFFE\uFFFF]$/;

function classify(ch: string): number {
  if (ch === "'") return APOSTROPHE;
  if (CONTROL.test(ch)) return NOTHING;
  if (LETTER_OR_DIGIT.test(ch)) return WORD_CHAR;
  if (WHITE.test(ch)) return SPACE;
  if (SENTENCE_STOP.test(ch)) return STOP;
  return SEPARATOR;
}

function foldOf(codePoint: number): Fold {
  let fold = folds.get(codePoint);
  if (fold) return fold;
  const original = String.fromCodePoint(codePoint);
  // Final sigma folds to sigma: lower-casing one letter at a time cannot know a word's end (ΟΔΟΣ, Οδος).
  const folded = original.normalize('NFKD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, "'").toLowerCase().replace(/\u03c2/g, '\u03c3');
  const codes: number[] = [];
  const classes: number[] = [];
  if (SENTENCE_STOP.test(original)) {
    codes.push(0x20);
    classes.push(STOP);
  } else {
    // Iterate by code point so astral letters (𝐀) keep their class, then store their code units.
    for (const ch of folded) {
      const cls = classify(ch);
      for (let k = 0; k < ch.length; k++) {
        codes.push(ch.charCodeAt(k));
        classes.push(cls);
      }
    }
  }
  fold = { codes, classes, upper: UPPER.test(original) };
  folds.set(codePoint, fold);
  return fold;
}

/**
 * ASCII letters and digits by code unit, letters lower-cased; 0 for anything else (indexed by any
 * UTF-16 code unit, so the word loop needs no range check).
 */
const ASCII_FOLD = new Uint8Array(0x10000);
for (let c = 48; c <= 57; c++) ASCII_FOLD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_FOLD[c] = ASCII_FOLD[c - 32] = c;

/** ASCII classes, by code unit. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = classify(ch);
}

// What a character outside ASCII does between words, for the plain run (`punctuationOf`).
/** It separates words with punctuation (the next word is not joined to the previous one). */
const PUNCT_GAP = 1;
/** It ends a sentence. */
const PUNCT_STOP = 2;
/** It is an apostrophe (’ ‘ ʼ...): after a word it may join the next letters to it (don’t, Cruise’s). */
const PUNCT_APOSTROPHE = 4;
/** Not yet worked out. */
const PUNCT_UNKNOWN = -2;

/** Per BMP code point: -1 when it folds to anything but spaces and punctuation, else its PUNCT_ bits. */
const punctuation = new Int8Array(0x10000).fill(PUNCT_UNKNOWN);

/**
 * What a non-ASCII code unit does when it folds to spaces and punctuation only (curly quotes, dashes,
 * ellipses, no-break spaces): the general path's effect on the words around it, as bits; -1 for
 * letters, marks, controls and surrogates, which the general path reads.
 */
function punctuationOf(code: number): number {
  let bits = punctuation[code]!;
  if (bits !== PUNCT_UNKNOWN) return bits;
  bits = -1;
  if (code < 0xd800 || code > 0xdfff) {
    const { classes } = foldOf(code);
    if (classes.length === 1 && classes[0] === APOSTROPHE) bits = PUNCT_GAP | PUNCT_APOSTROPHE;
    else if (classes.length > 0 && classes.every((cls) => cls === SPACE || cls === SEPARATOR || cls === STOP)) {
      bits = (classes.some((cls) => cls !== SPACE) ? PUNCT_GAP : 0) | (classes.includes(STOP) ? PUNCT_STOP : 0);
    }
  }
  punctuation[code] = bits;
  return bits;
}

/**
 * An ASCII character that ends a word and starts nothing the general path must see: a space or
 * punctuation, but not an apostrophe, `<` or `&` (a tag or reference may go on with the word).
 */
function endsWordPlainly(code: number): boolean {
  if (code >= 128 || code === 0x27 || code === 0x3c || code === 0x26) return false;
  const cls = ASCII_CLASS[code]!;
  return cls === SPACE || cls === SEPARATOR || cls === STOP;
}

/** What may stand between `&` and `;` in a character reference. */
const REFERENCE_NAME = /^(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31})$/;

const NAMED_REFERENCES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

// What a tag does to the text around it.
const INLINE = 0;
const BLOCK = 1;
const DROPPED = 2;

/** Block and dropped elements by the hash of their name (lane A); the name is compared on a hit. */
const TAG_KINDS = new Map<number, { name: string; kind: number }>();
for (const [names, kind] of [[BLOCK_ELEMENTS, BLOCK], [DROP_WITH_CONTENT, DROPPED]] as const) {
  for (const name of names) TAG_KINDS.set(hashA(name), { name, kind });
}

/** Whether `s[start, end)` is `name` (lower-case ASCII) in any case, without making a string. */
function sameNameIgnoringCase(s: string, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let k = 0; k < name.length; k++) {
    let c = s.charCodeAt(start + k);
    if (c >= 0x41 && c <= 0x5a) c += 32;
    if (c !== name.charCodeAt(k)) return false;
  }
  return true;
}

/** A tag's attributes: anything but `>` and quotes, and quoted values whole (matched from `lastIndex`). */
const ATTRIBUTES = /(?:[^>"']+|"[^"]*"|'[^']*')*/y;

/** The index of the `>` that closes a tag whose attributes start at `k`, stepping over quoted values (or `end`). */
function skipAttributes(s: string, k: number, end: number): number {
  if (k >= end) return end;
  if (s.charCodeAt(k) === 0x3e) return k;
  // The engine's matcher, not a loop over characters: an image's attributes run to hundreds.
  ATTRIBUTES.lastIndex = k;
  ATTRIBUTES.test(s);
  const stop = ATTRIBUTES.lastIndex;
  // Stopped at a quote that never closes, past the end of what is read, or at the end: no `>`.
  return stop < end && s.charCodeAt(stop) === 0x3e ? stop : end;
}

/**
 * Scans fields into one growing list of word ids (with a parallel list of flags). Reuse one scanner
 * for a whole batch: its buffers grow to the largest field and stay.
 */
export class WordScanner {
  ids = new Int32Array(4096);
  flags = new Uint8Array(4096);
  length = 0;
  private word = new Uint16Array(256);
  private wordLength = 0;
  private wordUpper = false;
  /** An apostrophe followed the word so far: it joins the word if a letter or digit comes next. */
  private pendingApostrophe = false;
  /** True when the next word would open a sentence (start of field, after . ! ? : ; or a block). */
  private sentenceStart = true;
  private wordOpensSentence = true;
  /** Punctuation (or a field or block start) came after the last word. */
  private gap = true;
  private wordJoined = false;
  private wordHasApostrophe = false;

  constructor(readonly vocabulary: Vocabulary) {}

  /** Starts a new list (the ids and flags buffers are reused). */
  reset(): void {
    this.length = 0;
  }

  /** Separates the previous field from the next one. */
  fieldBreak(): void {
    if (this.length > 0 && this.ids[this.length - 1] !== FIELD_BREAK) this.push(FIELD_BREAK, 0);
  }

  /** Appends the words of plain text (at most `maxChars` characters of it). */
  text(text: string | null | undefined, maxChars = Infinity): void {
    if (text) this.scan(text, Math.min(text.length, maxChars), false);
  }

  /**
   * Appends the words of an HTML fragment, read as `htmlToText` reads it: tags are skipped, block
   * elements separate words and sentences, inline elements separate nothing, script and style are
   * dropped with their content, character references are decoded. Tuned for what the parser's
   * sanitizer writes (well-formed tags, few references). At most `maxChars` characters are read.
   */
  html(html: string | null | undefined, maxChars = Infinity): void {
    if (html) this.scan(html, Math.min(html.length, maxChars), true);
  }

  private scan(s: string, end: number, html: boolean): void {
    this.sentenceStart = true;
    this.gap = true;
    for (let i = 0; i < end; i++) {
      if (this.wordLength === 0) {
        i = this.plainRun(s, i, end, html);
        if (i >= end) break;
      }
      const c = s.charCodeAt(i);
      if (c < 128) {
        const cls = ASCII_CLASS[c]!;
        if (cls === WORD_CHAR) {
          // Inside a word the plain run could not take (it goes on past an apostrophe, a non-ASCII
          // letter, a reference or an inline tag): lower-cased in place.
          const n = this.wordLength;
          if (n !== 0 && !this.pendingApostrophe && n < this.word.length) {
            this.word[n] = c >= 65 && c <= 90 ? c + 32 : c;
            this.wordLength = n + 1;
          } else if (c >= 65 && c <= 90) this.append(c + 32, true);
          else this.append(c, false);
        } else if (html && c === 0x3c /* < */) i = this.tag(s, i, end);
        else if (html && c === 0x26 /* & */) i = this.reference(s, i, end);
        else if (cls !== SPACE || this.wordLength !== 0) this.boundary(cls);
      } else i = this.wide(s, i);
    }
    this.endWord();
  }

  /**
   * The common stretch of text, read with the scanner's state in locals: plain ASCII words (interned
   * straight from the text, hashed as they are read), spaces and punctuation between them. Called
   * with no word in progress; returns the index of the first character it leaves to the general
   * path (a non-ASCII character, a tag or reference, a word that may go on past its ASCII letters:
   * an apostrophe, a non-ASCII letter, a reference or an inline tag next), or `end`.
   */
  private plainRun(s: string, i: number, end: number, html: boolean): number {
    const vocabulary = this.vocabulary;
    let sentenceStart = this.sentenceStart;
    let gap = this.gap;
    let length = this.length;
    let ids = this.ids;
    let flags = this.flags;
    // Each character is read once: `c` is s[i], carried over from the loop that ended a word.
    let c = i < end ? s.charCodeAt(i) : 0;
    while (i < end) {
      if (c >= 128) {
        // Curly quotes, dashes and the like between words; anything else goes to the general path.
        const bits = punctuationOf(c);
        if (bits < 0) break;
        if (bits & PUNCT_GAP) gap = true;
        if (bits & PUNCT_STOP) sentenceStart = true;
        if (++i < end) c = s.charCodeAt(i);
        continue;
      }
      const cls = ASCII_CLASS[c]!;
      if (cls !== WORD_CHAR) {
        if (cls !== SPACE && cls !== NOTHING) {
          if (html && (c === 0x3c || c === 0x26)) break;
          // Punctuation between words (an apostrophe with no word before it is punctuation too).
          gap = true;
          if (cls === STOP) sentenceStart = true;
        }
        if (++i < end) c = s.charCodeAt(i);
        continue;
      }
      const first = ASCII_FOLD[c]!;
      let a = Math.imul(SEED_A ^ first, PRIME_A);
      let b = Math.imul(SEED_B ^ first, PRIME_B);
      let j = i + 1;
      let next = 0x20;
      while (j < end) {
        const d = s.charCodeAt(j);
        const folded = ASCII_FOLD[d]!;
        if (folded === 0) {
          next = d;
          break;
        }
        a = Math.imul(a ^ folded, PRIME_A);
        b = Math.imul(b ^ folded, PRIME_B);
        j++;
      }
      // Where reading goes on after the word, and what the characters it steps over do.
      let resume = j;
      let after = next;
      let bits = 0;
      if (next >= 128 || next === 0x27) {
        bits = next === 0x27 ? PUNCT_GAP | PUNCT_APOSTROPHE : punctuationOf(next);
        if (bits < 0) break;
        if (bits & PUNCT_APOSTROPHE) {
          // An apostrophe joins the word only when a letter or digit follows: before a space or
          // punctuation it is punctuation (fans’ …), and a possessive ’s is dropped (Cruise’s is
          // cruise). Anything else (don’t, d’Arc, qu’il, A’s) is the general path's.
          after = j + 1 < end ? s.charCodeAt(j + 1) : -1;
          if (after >= 0 && !endsWordPlainly(after)) {
            const possessive = (after | 0x20) === 0x73 && j - i >= 2 && !(j - i === 2 && (c | 0x20) === 0x71 && (s.charCodeAt(i + 1) | 0x20) === 0x75);
            if (!possessive) break;
            after = j + 2 < end ? s.charCodeAt(j + 2) : -1;
            if (after >= 0 && !endsWordPlainly(after)) break;
            // The possessive ends the word as a letter would: no punctuation after it.
            bits = 0;
            resume = j + 2;
          } else resume = j + 1;
        } else resume = j + 1;
        if (resume < end) after = s.charCodeAt(resume);
      } else if (ASCII_CLASS[next] === NOTHING || (html && (next === 0x3c || next === 0x26))) break;
      if (length === ids.length) {
        this.length = length;
        this.grow();
        ids = this.ids;
        flags = this.flags;
      }
      ids[length] = vocabulary.internAscii(a, b, s, i, j);
      flags[length++] = (sentenceStart ? OPENS : c >= 0x41 && c <= 0x5a ? NAME : 0) | (gap ? 0 : JOINED);
      sentenceStart = (bits & PUNCT_STOP) !== 0;
      gap = (bits & PUNCT_GAP) !== 0;
      i = resume;
      c = after;
    }
    this.sentenceStart = sentenceStart;
    this.gap = gap;
    this.length = length;
    return i;
  }

  /** The words of one text as strings (what `tokenize` returns). */
  strings(from = 0): string[] {
    const out: string[] = [];
    for (let k = from; k < this.length; k++) if (this.ids[k]! >= 0) out.push(this.vocabulary.word(this.ids[k]!));
    return out;
  }

  /** A non-ASCII code unit at `i` (a surrogate pair read whole); returns the last index consumed. */
  private wide(s: string, i: number): number {
    let codePoint = s.charCodeAt(i);
    let last = i;
    if (codePoint >= 0xd800 && codePoint < 0xdc00 && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        codePoint = (codePoint - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        last = i + 1;
      }
    }
    this.folded(foldOf(codePoint));
    return last;
  }

  private folded(fold: Fold): void {
    const { codes, classes } = fold;
    for (let k = 0; k < codes.length; k++) {
      const cls = classes[k]!;
      if (cls === WORD_CHAR) this.append(codes[k]!, k === 0 && fold.upper);
      else this.boundary(cls);
    }
  }

  private append(code: number, upper: boolean): void {
    if (this.wordLength === 0) {
      this.wordUpper = upper;
      this.wordOpensSentence = this.sentenceStart;
      this.wordJoined = !this.gap;
    } else if (this.pendingApostrophe) {
      this.put(0x27);
      this.wordHasApostrophe = true;
    }
    this.pendingApostrophe = false;
    this.put(code);
  }

  private put(code: number): void {
    if (this.wordLength === this.word.length) {
      const grown = new Uint16Array(this.word.length * 2);
      grown.set(this.word);
      this.word = grown;
    }
    this.word[this.wordLength++] = code;
  }

  private boundary(cls: number): void {
    if (cls === NOTHING) return;
    if (cls === APOSTROPHE && this.wordLength > 0 && !this.pendingApostrophe) {
      // Joins the word only if a letter or digit follows (`don't`); decided by the next character.
      this.pendingApostrophe = true;
      return;
    }
    this.endWord();
    if (cls !== SPACE) this.gap = true;
    // Quotes, brackets and dashes before a word do not change whether it opens a sentence.
    if (cls === STOP) this.sentenceStart = true;
  }

  private endWord(): void {
    const n = this.wordLength;
    if (n === 0) {
      this.pendingApostrophe = false;
      return;
    }
    this.wordLength = 0;
    // An apostrophe no letter followed ends the word as punctuation (fans' …).
    this.gap = this.pendingApostrophe;
    this.pendingApostrophe = false;
    const flag = (this.wordOpensSentence ? OPENS : this.wordUpper ? NAME : 0) | (this.wordJoined ? JOINED : 0);
    this.sentenceStart = false;
    const w = this.word;
    if (!this.wordHasApostrophe) {
      this.emit(0, n, flag);
      return;
    }
    this.wordHasApostrophe = false;
    let start = 0;
    // An elision splits off: one letter or `qu` before an apostrophe (d'une, l'avant, qu'il).
    if (n > 2 && w[1] === 0x27 && !isDigit(w[0]!)) {
      this.emit(0, 1, flag);
      start = 2;
    } else if (n > 3 && w[0] === 0x71 && w[1] === 0x75 && w[2] === 0x27) {
      this.emit(0, 2, flag);
      start = 3;
    }
    let end = n;
    if (end - start >= 2 && w[end - 1] === 0x73 && w[end - 2] === 0x27) end -= 2;
    // Other apostrophes vanish (don't → dont): compact in place.
    let out = start;
    for (let k = start; k < end; k++) if (w[k] !== 0x27) w[out++] = w[k]!;
    if (out > start) this.emit(start, out, flag);
  }

  private emit(start: number, end: number, flag: number): void {
    this.push(this.vocabulary.intern(this.word, start, end), flag);
  }

  private push(id: number, flag: number): void {
    if (this.length === this.ids.length) this.grow();
    this.ids[this.length] = id;
    this.flags[this.length++] = flag;
  }

  private grow(): void {
    const ids = new Int32Array(this.length * 2);
    ids.set(this.ids);
    this.ids = ids;
    const flags = new Uint8Array(this.length * 2);
    flags.set(this.flags);
    this.flags = flags;
  }


  /** A tag at `i`: skipped; a block element ends the word and the sentence. Returns the index of its `>`. */
  private tag(s: string, i: number, end: number): number {
    const next = i + 1 < end ? s.charCodeAt(i + 1) : 0;
    const closing = next === 0x2f;
    const nameStart = closing ? i + 2 : i + 1;
    const first = nameStart < end ? s.charCodeAt(nameStart) | 0x20 : 0;
    if (next === 0x21 /* ! */) {
      // A comment or declaration is not text and, as in htmlToText, separates nothing.
      const close = s.startsWith('<!--', i) ? s.indexOf('-->', i + 4) : s.indexOf('>', i + 2);
      return close < 0 ? end : close + (s.charCodeAt(close) === 0x2d ? 2 : 0);
    }
    if (first < 0x61 || first > 0x7a) {
      // Not a tag: a literal '<' (the sanitizer escapes those, so this is foreign input).
      this.boundary(SEPARATOR);
      return i;
    }
    // The tag name, hashed lower-cased as it is read (no string made for the usual tag).
    let k = nameStart;
    let hash = SEED_A;
    while (k < end) {
      let c = s.charCodeAt(k);
      if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) break;
      if (c <= 0x5a && c >= 0x41) c += 32;
      hash = Math.imul(hash ^ c, PRIME_A);
      k++;
    }
    const known = TAG_KINDS.get(hash);
    const kind = known && sameNameIgnoringCase(s, nameStart, k, known.name) ? known.kind : INLINE;
    k = skipAttributes(s, k, end);
    if (kind === BLOCK) {
      this.endWord();
      this.sentenceStart = true;
      this.gap = true;
    } else if (!closing && kind === DROPPED) {
      const name = known!.name;
      // Script and style are not text (the sanitizer drops them; raw HTML may still carry them).
      const close = s.toLowerCase().indexOf(`</${name}`, k);
      const gt = close < 0 ? -1 : s.indexOf('>', close);
      return gt < 0 ? end : gt;
    }
    return k;
  }

  /** A character reference at `i`, decoded and scanned; returns the last index consumed. */
  private reference(s: string, i: number, end: number): number {
    const semi = s.indexOf(';', i + 1);
    if (semi < 0 || semi - i > 33 || semi >= end) {
      this.boundary(SEPARATOR);
      return i;
    }
    const body = s.slice(i + 1, semi);
    if (!REFERENCE_NAME.test(body)) {
      // `AT&T; …` or `Tom&Jerry <i>…</i>;`: a literal ampersand, not a reference.
      this.boundary(SEPARATOR);
      return i;
    }
    const decoded = NAMED_REFERENCES[body] ?? decodeHTML(s.slice(i, semi + 1));
    for (let k = 0; k < decoded.length; k++) {
      const c = decoded.charCodeAt(k);
      if (c >= 128) k = this.wide(decoded, k);
      else if (ASCII_CLASS[c] === WORD_CHAR) this.append(c >= 65 && c <= 90 ? c + 32 : c, c >= 65 && c <= 90);
      else this.boundary(ASCII_CLASS[c]!);
    }
    return semi;
  }
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
