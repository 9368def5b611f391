/**
 * What the near-duplicate detector reads of one item: the headline's words, the lead (the summary
 * and the first words of the article), which lead words are proper names, and the date. It reads
 * them off the word list the editor scanned once per item (`scanItem`), so no text is parsed twice.
 */
import type { SourcedItem } from '../model';
import { isoTime } from '../parse/dates';
import { OPENS, scanItem, Vocabulary, WordScanner, type ScannedItem } from '../tag';

/** Headline terms count this many times a lead term: the headline is the editor's own summary. */
export const TITLE_WEIGHT = 3;
/** How many words of the article body join the summary ("the lead"). */
export const LEAD_WORDS = 60;
/** A summary alone (no distinct body) counts up to this many words. */
const SUMMARY_WORDS = LEAD_WORDS * 2;
/** A summary and a body that open with this many identical words are one text (the summary is the lead). */
const SAME_OPENING_WORDS = 12;

/**
 * Function words and newsroom boilerplate that say nothing about which story an item tells.
 * (Batch IDF discounts frequent words too; this list keeps small batches honest.)
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have ' +
    'having he her here hers herself him himself his how i if in into is it its itself just me more most my ' +
    'no nor not now of off on once only or other our ours out over own same she should so some such than ' +
    'that the their theirs them then there these they this those through to too under until up very was we ' +
    'were what when where which while who whom why will with would you your yours yet via per amid among ' +
    'says said say told tells according report reports reported new first one two three four five year ' +
    'years week weeks day days time today thursday friday saturday sunday monday tuesday wednesday ' +
    'news exclusive watch photos video update updated read more continue reading full story article post ' +
    'appeared originally www com http https href img src jpg png html amp nbsp like get got make made ' +
    'may might must shall going gone come came take took see seen well back even still way many much'
  ).split(/\s+/),
);

/** A deliberately light stemmer: folds plurals and -ing/-ed so "jumps", "jumping", "jumped" meet. */
export function stem(token: string): string {
  const first = token.charCodeAt(0);
  if (first >= 48 && first <= 57) return token;
  const n = token.length;
  if (n > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (n > 5 && token.endsWith('ing')) return token.slice(0, -3);
  if (n > 4 && token.endsWith('ed') && !token.endsWith('eed')) return token.slice(0, -2);
  if (n > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us') && !token.endsWith('is')) {
    return token.slice(0, -1);
  }
  return token;
}

function parseTime(iso: string | null): number {
  return iso ? isoTime(iso) : Number.NaN;
}

function sameOpening(ids: Int32Array, a: number, b: number, count: number): boolean {
  for (let k = 0; k < count; k++) if (ids[a + k] !== ids[b + k]) return false;
  return true;
}

/** Words that may join the parts of one name. */
const NAME_GLUE: ReadonlySet<string> = new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'at', 'for', 'to', 'de', 'del', 'della', 'la', 'le', 'les', 'du', 'des', 'da', 'do', 'dos', 'van', 'von', 'der', 'y', 'el', 'al', 'bin', 'st']);

const FIGURE = /^(\d+)(?:m|mn|mln|b|bn|k|million|billion)$/;

/**
 * The words the detector reads of every item of a batch, as ids of the batch's vocabulary with
 * their scanner flags, item after item in one buffer: item i's headline is
 * `ids[begin(i), titleEnd[i])` and its lead `ids[titleEnd[i], end[i])`.
 */
export class BatchWords {
  ids: Int32Array;
  flags: Uint8Array;
  /** `expectedWords`: room to reserve (the buffers grow by half again when it runs out). */
  constructor(expectedWords = 1 << 16) {
    this.ids = new Int32Array(Math.max(1024, expectedWords));
    this.flags = new Uint8Array(this.ids.length);
  }
  titleEnd: number[] = [];
  end: number[] = [];
  /** Published (else updated) time per item in ms, NaN when undated. */
  times: number[] = [];
  /** Per word id, the id that follows it in the current headline (`nextStamp` says which headline). */
  private nextWord = new Int32Array(0);
  private nextStamp = new Int32Array(0);

  get count(): number {
    return this.end.length;
  }

  begin(item: number): number {
    return item === 0 ? 0 : this.end[item - 1]!;
  }

  /**
   * Adds the item just scanned into `scanner`: its headline, and its lead — the summary and the
   * body's first LEAD_WORDS words, or only one of them when the summary is the body's opening
   * (feeds often repeat it).
   */
  add(scanner: WordScanner, scanned: ScannedItem, item: Pick<SourcedItem, 'published' | 'updated'>): void {
    const { ids, flags } = scanner;
    const { summaryStart: s0, summaryEnd: s1, contentStart: c0, contentEnd: c1 } = scanned;
    const summaryLength = s1 - s0;
    const contentLength = c1 - c0;
    const title0 = this.length;
    this.append(ids, flags, 0, scanned.titleEnd);
    const lead0 = this.length;
    if (summaryLength === 0) this.append(ids, flags, c0, c0 + Math.min(contentLength, LEAD_WORDS));
    else if (contentLength === 0) this.append(ids, flags, s0, s0 + Math.min(summaryLength, SUMMARY_WORDS));
    else if (sameOpening(ids, s0, c0, Math.min(SAME_OPENING_WORDS, summaryLength, contentLength))) {
      if (contentLength >= summaryLength) this.append(ids, flags, c0, c0 + Math.min(contentLength, LEAD_WORDS));
      else this.append(ids, flags, s0, s0 + Math.min(summaryLength, SUMMARY_WORDS));
    } else {
      this.append(ids, flags, s0, s0 + Math.min(summaryLength, LEAD_WORDS));
      this.append(ids, flags, c0, c0 + Math.min(contentLength, LEAD_WORDS));
    }
    this.clearEchoes(title0, lead0, this.length, scanner.vocabulary.size);
    this.titleEnd.push(lead0);
    this.end.push(this.length);
    this.times.push(parseTime(item.published ?? item.updated));
  }

  private length = 0;

  private append(ids: Int32Array, flags: Uint8Array, from: number, to: number): void {
    const count = to - from;
    if (this.length + count > this.ids.length) {
      const size = Math.max(Math.ceil(this.ids.length * 1.5), this.length + count);
      const grownIds = new Int32Array(size);
      grownIds.set(this.ids.subarray(0, this.length));
      this.ids = grownIds;
      const grownFlags = new Uint8Array(size);
      grownFlags.set(this.flags.subarray(0, this.length));
      this.flags = grownFlags;
    }
    // Copied word by word: most runs are short, and subarray views would be an object each.
    const outIds = this.ids;
    const outFlags = this.flags;
    let at = this.length;
    for (let k = from; k < to; k++, at++) {
      outIds[at] = ids[k]!;
      outFlags[at] = flags[k]!;
    }
    this.length = at;
  }

  /**
   * Marks lead words that repeat the headline as saying nothing of their case (OPENS): WordPress's
   * "The post <headline> appeared first on…", "Read more: <headline>". A title-case headline
   * capitalizes every word, so its copy says nothing about which words are names.
   */
  private clearEchoes(title0: number, lead0: number, end: number, vocabularySize: number): void {
    if (lead0 - title0 < ECHO_WORDS || end - lead0 < ECHO_WORDS) return;
    if (this.nextWord.length < vocabularySize) {
      this.nextWord = new Int32Array(vocabularySize * 2);
      this.nextStamp = new Int32Array(vocabularySize * 2);
    }
    const { ids, flags, nextWord, nextStamp } = this;
    const stamp = this.end.length + 1;
    for (let k = title0; k + 1 < lead0; k++) {
      nextWord[ids[k]!] = ids[k + 1]!;
      nextStamp[ids[k]!] = stamp;
    }
    for (let p = lead0; p + ECHO_WORDS <= end; p++) {
      let run = true;
      for (let q = p; q + 1 < p + ECHO_WORDS; q++) {
        // Does the pair (q, q+1) occur in the headline?
        if (nextStamp[ids[q]!] !== stamp || nextWord[ids[q]!] !== ids[q + 1]) {
          run = false;
          break;
        }
      }
      if (run) for (let q = p; q < p + ECHO_WORDS; q++) flags[q] = OPENS;
    }
  }
}

/** A headline copied into the lead: at least this many of its words in a row. */
const ECHO_WORDS = 3;

/** Scans a batch for the detector alone (tests and tools; the editor scans once for tags and dedupe). */
export function scanWords(items: readonly SourcedItem[], vocabulary = new Vocabulary()): BatchWords {
  const scanner = new WordScanner(vocabulary);
  const words = new BatchWords();
  const scanned = scanItem(scanner, { title: null, summary: null, contentHtml: null, categories: [] });
  for (const item of items) words.add(scanner, scanItem(scanner, item, scanned), item);
  return words;
}

/** Maps vocabulary ids to stemmed term ids (-1: a stop word or a lone letter), caching per word. */
export class Terms {
  private byWord = new Int32Array(0);
  private readonly termId = new Map<string, number>();
  readonly texts: string[] = [];
  /** 1 for a term that is a figure, by term id (read for every headline term: no string loads). */
  private figures = new Uint8Array(256);

  constructor(private readonly vocabulary: Vocabulary) {}

  of(word: number): number {
    if (word >= this.byWord.length) {
      const grown = new Int32Array(Math.max(this.vocabulary.size, word + 1, this.byWord.length * 2)).fill(-2);
      grown.set(this.byWord);
      this.byWord = grown;
    }
    let term = this.byWord[word]!;
    if (term === -2) {
      term = this.resolve(this.vocabulary.word(word));
      this.byWord[word] = term;
    }
    return term;
  }

  get size(): number {
    return this.texts.length;
  }

  /** Words of the vocabulary: an upper bound on the number of terms. */
  get vocabularySize(): number {
    return this.vocabulary.size;
  }

  /**
   * True for a word that may sit inside a multi-word name without breaking it ("Killers of the
   * Flower Moon", "Pirates of the Caribbean", "Guillermo del Toro"); other stop words end a name.
   */
  joinsNames(word: number): boolean {
    return NAME_GLUE.has(this.vocabulary.word(word));
  }

  /** True for a term that is a figure (starts with a digit). */
  isFigure(term: number): boolean {
    return this.figures[term] === 1;
  }

  private resolve(token: string): number {
    if (token.length < 2 && !(token >= '0' && token <= '9')) return -1;
    if (STOP_WORDS.has(token)) return -1;
    // A figure with its unit is the figure: "$155m", "$155M" and "$155 million" all give 155.
    const figure = FIGURE.exec(token);
    const stemmed = figure ? figure[1]! : stem(token);
    let id = this.termId.get(stemmed);
    if (id === undefined) {
      id = this.texts.length;
      this.termId.set(stemmed, id);
      this.texts.push(stemmed);
      if (id === this.figures.length) {
        const grown = new Uint8Array(id * 2);
        grown.set(this.figures);
        this.figures = grown;
      }
      const first = stemmed.charCodeAt(0);
      this.figures[id] = first >= 48 && first <= 57 ? 1 : 0;
    }
    return id;
  }
}

