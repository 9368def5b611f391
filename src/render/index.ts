/**
 * Rendering: pure functions from curated stories to the documents Marquee serves. The output of each
 * depends on the stories and the context only (never on the clock), so the same stories give the same
 * bytes and the same ETag on every rebuild.
 */
export type { RenderContext } from './context';
export { renderRss } from './rss';
export { renderAtom, atomId } from './atom';
export { renderJsonFeed, JSON_FEED_VERSION } from './json-feed';
export { renderHtmlPage, pageContentSecurityPolicy, PAGE_SCRIPT, PAGE_STYLE } from './html-page';
export { renderOpml } from './opml';
