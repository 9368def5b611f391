/**
 * Tagging: the taxonomy compiled once into a token Aho–Corasick automaton (see automaton.ts), then
 * one pass over each item's title, summary, content text and source categories.
 *
 * Rules: case-insensitive, whole words and phrases, quotes/dashes/nbsp/accents folded, possessives
 * match (normalize.ts); HTML is turned into text first; an `exclude` phrase anywhere in the item
 * suppresses its tag; source-level tags apply to every item of the source; only taxonomy ids come out,
 * in taxonomy order.
 */
import type { Item, SourcedItem, TaxonomyTag } from '../model';
import { ascending, sortSmall } from '../small-sort';
import { TokenAutomaton, type PhrasePayload } from './automaton';
import { tokenize } from './normalize';
import { Vocabulary, WordScanner } from './words';

export { tokenize } from './normalize';
export { FIELD_BREAK, JOINED, NAME, OPENS, Vocabulary, WordScanner } from './words';

/** Content beyond this many characters of HTML is not read: tags come from the article's lead and body, and cost stays bounded. */
export const MAX_CONTENT_CHARS_TAGGED = 30_000;

/**
 * Where each field of an item landed in a scanner's word list (half-open ranges; the title starts
 * at 0). A batch passes one object to fill for every item.
 */
export interface ScannedItem {
  titleEnd: number;
  summaryStart: number;
  summaryEnd: number;
  contentStart: number;
  contentEnd: number;
  /** End of the whole list (the categories follow the content). */
  end: number;
}

/**
 * Scans an item's fields into `scanner` (after a reset): title, summary, content (HTML, the first
 * MAX_CONTENT_CHARS_TAGGED characters), then each category, with a field break between them so that
 * no phrase spans two fields.
 */
export function scanItem(
  scanner: WordScanner,
  item: Pick<Item, 'title' | 'summary' | 'contentHtml' | 'categories'>,
  into: ScannedItem = { titleEnd: 0, summaryStart: 0, summaryEnd: 0, contentStart: 0, contentEnd: 0, end: 0 },
): ScannedItem {
  scanner.reset();
  scanner.text(item.title);
  into.titleEnd = scanner.length;
  scanner.fieldBreak();
  into.summaryStart = scanner.length;
  if (!repeatsOpening(item.summary, item.contentHtml)) scanner.text(item.summary);
  into.summaryEnd = scanner.length;
  scanner.fieldBreak();
  into.contentStart = scanner.length;
  scanner.html(item.contentHtml, MAX_CONTENT_CHARS_TAGGED);
  into.contentEnd = scanner.length;
  for (const category of item.categories) {
    scanner.fieldBreak();
    scanner.text(category);
  }
  into.end = scanner.length;
  return into;
}

/**
 * True when the summary is word for word the article's opening, so its words are the first words
 * the content gives and reading it again would find nothing new: feeds whose description is the
 * whole text (RSS 1.0, media RSS) or whose summary is the first paragraph (Atom from most CMSs).
 * Only literal copies qualify: the content is the summary itself, or opens with it as a whole
 * paragraph (`<p>summary</p>`), and the summary holds no `<` or `&` (which the content would
 * carry as markup or references). The tags found and the lead the detector reads are the same
 * either way (the detector reads the content's opening when the two open alike).
 */
export function repeatsOpening(summary: string | null, contentHtml: string | null): boolean {
  if (!summary || !contentHtml || summary.length + 7 > MAX_CONTENT_CHARS_TAGGED) return false;
  const literal = contentHtml === summary || (contentHtml.startsWith('<p>') && contentHtml.startsWith(summary, 3) && contentHtml.startsWith('</p>', 3 + summary.length));
  return literal && summary.indexOf('<') < 0 && summary.indexOf('&') < 0;
}

/** A tagger's own vocabulary is started afresh past this many words, so a long-lived isolate's memory stays bounded. */
const OWN_VOCABULARY_LIMIT = 200_000;

/**
 * Tags the words in a scanner: appends the taxonomy positions of their tags, then those of
 * `sourceTags`, to `out` (a new array when not given) and returns it.
 */
export type BoundTagger = (scanner: WordScanner, sourceTags?: readonly string[], out?: number[]) => number[];

export interface Tagger {
  /** Taxonomy ids whose phrases occur in `text` (plain text) and whose excludes do not. */
  tagText(text: string): string[];
  /** Tags of one item: its fields and categories, plus its source's tags that are taxonomy ids. */
  tagItem(item: SourcedItem): string[];
  /**
   * Prepares tagging of word lists scanned with `vocabulary` (a batch's): returns a function giving
   * the taxonomy positions of the tags of the words in a scanner, plus those of `sourceTags`.
   */
  bind(vocabulary: Vocabulary): BoundTagger;
  /** Taxonomy ids of taxonomy positions, in taxonomy order, each once. */
  idsOf(positions: Iterable<number>): string[];
  /** Orders and filters ids to the taxonomy's known ids (for unions of merged entries). */
  normalizeIds(ids: Iterable<string>): string[];
  readonly taxonomy: readonly TaxonomyTag[];
}

/** Taxonomies compiled lately, by their content (an isolate rebuilds with one configuration again and again). */
const compiledLately = new Map<string, Tagger>();
const COMPILED_KEPT = 4;

/**
 * `compileTaxonomy`, reusing the tagger compiled for an identical taxonomy: a Worker rebuilds the
 * feed with the same configuration on every refresh, and the automaton does not change between them
 * (each build binds it to its own vocabulary).
 */
export function compiledTaxonomy(taxonomy: readonly TaxonomyTag[]): Tagger {
  const key = JSON.stringify(taxonomy);
  let tagger = compiledLately.get(key);
  if (tagger) {
    compiledLately.delete(key);
  } else {
    tagger = compileTaxonomy(taxonomy);
    if (compiledLately.size >= COMPILED_KEPT) compiledLately.delete(compiledLately.keys().next().value!);
  }
  compiledLately.set(key, tagger);
  return tagger;
}

export function compileTaxonomy(taxonomy: readonly TaxonomyTag[]): Tagger {
  const automaton = new TokenAutomaton();
  const position = new Map<string, number>();
  taxonomy.forEach((tag, index) => {
    if (!position.has(tag.id)) position.set(tag.id, index);
    const target = position.get(tag.id)!;
    for (const phrase of tag.match) automaton.add(tokenize(phrase), { target, exclude: false });
    for (const phrase of tag.exclude ?? []) automaton.add(tokenize(phrase), { target, exclude: true });
  });
  automaton.build();
  const symbols = automaton.symbols();
  const bind = (vocabulary: Vocabulary) => {
    const ids = symbols.map((word) => vocabulary.idOf(word));
    const symbolOf = new Int32Array(vocabulary.size).fill(-1);
    ids.forEach((id, symbol) => (symbolOf[id] = symbol));
    // Per call, a target is matched when its mark equals the call's stamp (no sets to allocate).
    const matchedMark = new Int32Array(taxonomy.length);
    const excludedMark = new Int32Array(taxonomy.length);
    // The targets matched by this call are matched[0 .. count): the list is reused, not emptied
    // (setting an array's length is a slow operation).
    const matched: number[] = [];
    let count = 0;
    let stamp = 0;
    const onMatch = (p: PhrasePayload): void => {
      if (p.exclude) excludedMark[p.target] = stamp;
      else if (matchedMark[p.target] !== stamp) {
        matchedMark[p.target] = stamp;
        matched[count++] = p.target;
      }
    };
    return (scanner: WordScanner, sourceTags: readonly string[] = [], out: number[] = []): number[] => {
      stamp++;
      count = 0;
      automaton.scanIds(scanner.ids, 0, scanner.length, symbolOf, onMatch);
      for (let k = 0; k < count; k++) if (excludedMark[matched[k]!] !== stamp) out.push(matched[k]!);
      if (sourceTags.length) for (const target of knownTargets(sourceTags)) out.push(target);
      return out;
    };
  };

  const idsOf = (targets: Iterable<number>): string[] => {
    const sorted = Array.isArray(targets) ? targets.slice() : [...targets];
    if (sorted.length === 1) return [taxonomy[sorted[0]!]!.id];
    sortSmall(sorted, ascending);
    const ids: string[] = [];
    for (let k = 0; k < sorted.length; k++) if (k === 0 || sorted[k] !== sorted[k - 1]) ids.push(taxonomy[sorted[k]!]!.id);
    return ids;
  };

  const knownTargets = (ids: Iterable<string>): number[] => {
    const targets: number[] = [];
    for (const id of ids) {
      const target = position.get(id);
      if (target !== undefined) targets.push(target);
    }
    return targets;
  };

  // tagText and tagItem read with a scanner of the tagger's own, started afresh when its vocabulary grows large.
  let own = new WordScanner(new Vocabulary());
  let ownTag = bind(own.vocabulary);
  const ownScanner = (): WordScanner => {
    if (own.vocabulary.size > OWN_VOCABULARY_LIMIT) {
      own = new WordScanner(new Vocabulary());
      ownTag = bind(own.vocabulary);
    }
    return own;
  };

  return {
    taxonomy,
    bind,
    idsOf,
    tagText(text) {
      const scanner = ownScanner();
      scanner.reset();
      scanner.text(text);
      return idsOf(ownTag(scanner));
    },
    tagItem(item) {
      const scanner = ownScanner();
      scanItem(scanner, item);
      return idsOf(ownTag(scanner, item.sourceTags));
    },
    normalizeIds(ids) {
      return idsOf(knownTargets(ids));
    },
  };
}
