/**
 * What the near-duplicate detector knows about one item: weighted terms from the headline, the
 * summary and the lead of the article, the words that are proper names (capitalized mid-sentence),
 * and the numbers. All plain data, computed once per item (linear in the text it reads).
 */
import type { SourcedItem } from '../model';
import { htmlToText } from '../parse/html/text';
import { foldText, tokenize } from '../tag/normalize';

/** Headline words count this many times a body word: the headline is the editor's own summary. */
export const TITLE_WEIGHT = 3;
/** How many words of the article body join the summary ("the lead"). */
export const LEAD_WORDS = 60;
/** Characters of HTML read to find the lead: bounds the cost on huge content:encoded bodies. */
const MAX_HTML_READ = 8_000;

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

export interface ItemFeatures {
  /** Stemmed term → weight (headline terms weighted TITLE_WEIGHT). */
  terms: Map<string, number>;
  /** Stemmed terms that appear as proper names (capitalized mid-sentence) in the summary or lead. */
  entities: Set<string>;
  /** Published time in ms, or null when the item is undated. */
  time: number | null;
}

/** A deliberately light stemmer: folds plurals and -ing/-ed so "jumps", "jumping", "jumped" meet. */
export function stem(token: string): string {
  if (/^\d/.test(token)) return token;
  const n = token.length;
  if (n > 4 && token.endsWith('ies')) return token.slice(0, -3) + 'y';
  if (n > 5 && token.endsWith('ing')) return token.slice(0, -3);
  if (n > 4 && token.endsWith('ed') && !token.endsWith('eed')) return token.slice(0, -2);
  if (n > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us') && !token.endsWith('is')) {
    return token.slice(0, -1);
  }
  return token;
}

function usefulTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(text)) {
    if (token.length < 2 && !/^\d$/.test(token)) continue;
    if (STOP_WORDS.has(token)) continue;
    out.push(stem(token));
  }
  return out;
}

const CAPITALIZED_WORD = /(^|[.!?:;"“”]\s+|\s)([\p{Lu}][\p{L}\p{N}'’.-]*)/gu;

/** Proper-name terms: capitalized words that do not open a sentence. */
function properNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(CAPITALIZED_WORD)) {
    const boundary = match[1] ?? '';
    if (match.index === 0 || /[.!?:;"“”]/.test(boundary)) continue;
    for (const term of usefulTerms(match[2] ?? '')) names.add(term);
  }
  return names;
}

function firstWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, count).join(' ');
}

function parseTime(iso: string | null): number | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
}

/** The text that identifies an item's story: summary plus the lead of its content (deduplicated when the summary is the lead). */
export function leadText(item: Pick<SourcedItem, 'summary' | 'contentHtml'>): string {
  const summary = item.summary?.trim() ?? '';
  const body = item.contentHtml ? htmlToText(item.contentHtml.slice(0, MAX_HTML_READ)) : '';
  const lead = firstWords(body, LEAD_WORDS);
  if (!summary) return lead;
  if (!lead) return firstWords(summary, LEAD_WORDS * 2);
  const foldedSummary = foldText(summary).replace(/\W+/g, ' ').trim();
  const foldedLead = foldText(lead).replace(/\W+/g, ' ').trim();
  if (foldedLead.startsWith(foldedSummary.slice(0, 80)) || foldedSummary.startsWith(foldedLead.slice(0, 80))) {
    return foldedLead.length >= foldedSummary.length ? lead : firstWords(summary, LEAD_WORDS * 2);
  }
  return `${firstWords(summary, LEAD_WORDS)}\n${lead}`;
}

export function itemFeatures(item: SourcedItem): ItemFeatures {
  const terms = new Map<string, number>();
  for (const term of usefulTerms(item.title ?? '')) terms.set(term, (terms.get(term) ?? 0) + TITLE_WEIGHT);
  const lead = leadText(item);
  for (const term of usefulTerms(lead)) terms.set(term, (terms.get(term) ?? 0) + 1);
  return { terms, entities: properNames(lead), time: parseTime(item.published ?? item.updated) };
}
