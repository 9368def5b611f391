import type { ParseError, ParseErrorCode, ParseResult } from '../model';

/** Thrown inside the parser and turned into a typed result at the boundary (parseFeed never throws). */
export class FeedParseError extends Error {
  constructor(
    readonly code: ParseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FeedParseError';
  }
}

export function failure(code: ParseErrorCode, message: string): ParseResult {
  const error: ParseError = { code, message };
  return { ok: false, error };
}
