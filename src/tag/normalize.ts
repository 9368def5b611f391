/**
 * Word tokens for matching: the tagger and the dedupe stage see text the same way.
 *
 * Case, accents, curly vs straight quotes, en/em dashes vs hyphens, non-breaking spaces and
 * punctuation between words all fold away: `Mission: Impossible – Dead Reckoning`,
 * `mission impossible - dead reckoning` and `MISSION IMPOSSIBLE—DEAD RECKONING` give the same tokens.
 * A possessive `'s` (straight or curly) is dropped, so "Cruise’s" yields `cruise`; a one-letter or
 * `qu` prefix is an elision and splits off ("d’une" → `d une`, "l’avant" → `l avant`, so French text
 * never yields "dune"); other apostrophes join their word ("don't" → `dont`).
 *
 * The scanning itself is `WordScanner` (words.ts), which the editor runs over every item once.
 */
import { Vocabulary, WordScanner } from './words';

/** The normalized word tokens of `text`, in order. */
export function tokenize(text: string): string[] {
  const scanner = new WordScanner(new Vocabulary());
  scanner.text(text);
  return scanner.strings();
}
