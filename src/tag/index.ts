/**
 * Tagging: the taxonomy compiled once into a token Aho–Corasick automaton (see automaton.ts), then
 * one pass over each item's title, summary, content text and source categories.
 *
 * Rules: case-insensitive, whole words and phrases, quotes/dashes/nbsp/accents folded, possessives
 * match (normalize.ts); HTML is turned into text first; an `exclude` phrase anywhere in the item
 * suppresses its tag; source-level tags apply to every item of the source; only taxonomy ids come out,
 * in taxonomy order.
 */
import type { SourcedItem, TaxonomyTag } from '../model';
import { htmlToText } from '../parse/html/text';
import { TokenAutomaton } from './automaton';
import { tokenize } from './normalize';

export { tokenize, foldText } from './normalize';

/** Content beyond this many characters of text is not scanned: tags come from the lead, and cost stays bounded. */
export const MAX_CONTENT_CHARS_TAGGED = 20_000;

export interface Tagger {
  /** Taxonomy ids whose phrases occur in `text` (plain text) and whose excludes do not. */
  tagText(text: string): string[];
  /** Tags of one item: its fields and categories, plus its source's tags that are taxonomy ids. */
  tagItem(item: SourcedItem): string[];
  /** Orders and filters ids to the taxonomy's known ids (for unions of merged entries). */
  normalizeIds(ids: Iterable<string>): string[];
  readonly taxonomy: readonly TaxonomyTag[];
}

class Hits {
  readonly matched = new Set<number>();
  readonly excluded = new Set<number>();
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

  const scanInto = (hits: Hits, text: string | null | undefined): void => {
    if (!text) return;
    automaton.scan(tokenize(text), (p) => (p.exclude ? hits.excluded : hits.matched).add(p.target));
  };

  const idsOf = (targets: Iterable<number>): string[] =>
    [...targets].sort((a, b) => a - b).map((index) => taxonomy[index]!.id);

  const resolve = (hits: Hits, extra: Iterable<number> = []): string[] => {
    const result = new Set<number>();
    for (const target of hits.matched) if (!hits.excluded.has(target)) result.add(target);
    for (const target of extra) result.add(target);
    return idsOf(result);
  };

  const knownTargets = (ids: Iterable<string>): number[] => {
    const targets: number[] = [];
    for (const id of ids) {
      const target = position.get(id);
      if (target !== undefined) targets.push(target);
    }
    return targets;
  };

  return {
    taxonomy,
    tagText(text) {
      const hits = new Hits();
      scanInto(hits, text);
      return resolve(hits);
    },
    tagItem(item) {
      const hits = new Hits();
      scanInto(hits, item.title);
      scanInto(hits, item.summary);
      if (item.contentHtml) scanInto(hits, htmlToText(item.contentHtml).slice(0, MAX_CONTENT_CHARS_TAGGED));
      for (const category of item.categories) scanInto(hits, category);
      return resolve(hits, knownTargets(item.sourceTags));
    },
    normalizeIds(ids) {
      return idsOf(new Set(knownTargets(ids)));
    },
  };
}
