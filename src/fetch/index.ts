export { fetchSource, FEED_ACCEPT, redact } from './fetch-source';
export * from './schedule';
export * from './types';
export { parseCacheHints, parseRetryAfter, parseHttpDate } from './http-headers';
