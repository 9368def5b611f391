/**
 * Word tokens for matching: the tagger and the dedupe stage see text the same way.
 *
 * Case, accents, curly vs straight quotes, en/em dashes vs hyphens, non-breaking spaces and
 * punctuation between words all fold away: `Mission: Impossible – Dead Reckoning`,
 * `mission impossible - dead reckoning` and `MISSION IMPOSSIBLE—DEAD RECKONING` give the same tokens.
 * A possessive `'s` (straight or curly) is dropped, so "Cruise’s" yields `cruise`; a one-letter or
 * `qu` prefix is an elision and splits off ("d’une" → `d une`, "l’avant" → `l avant`, so French text
 * never yields "dune"); other apostrophes join their word ("don't" → `dont`).
 */

const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u0060\u00B4\uFF07]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/** Lowercase, accent-free text with every apostrophe form as `'` (before tokenizing). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').replace(APOSTROPHES, "'").toLowerCase();
}

const ELISION = /^(?:[\p{L}]|qu)'/u;

function pushToken(tokens: string[], raw: string): void {
  let token = raw;
  const elision = ELISION.exec(token);
  if (elision) {
    tokens.push(elision[0].slice(0, -1));
    token = token.slice(elision[0].length);
  }
  if (token.endsWith("'s")) token = token.slice(0, -2);
  if (token.includes("'")) token = token.replace(/'/g, '');
  if (token) tokens.push(token);
}

/** The normalized word tokens of `text`, in order. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of foldText(text).matchAll(WORD)) pushToken(tokens, match[0]);
  return tokens;
}
