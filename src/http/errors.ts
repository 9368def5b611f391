/** Typed HTTP errors: thrown by routes, turned into `{ error: { code, message } }` by app.onError. */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    /** Extra, non-secret detail for the client (e.g. configuration problems). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
