/**
 * Atom 1.0, written by hand: feed@6 passes every entry id through `new URL()` (mangling or rejecting
 * tag:/urn: ids), defaults `updated` to the current time and lacks per-entry published dates we control.
 */
import type { Story } from '../model';
import {
  absoluteUrl,
  authorLine,
  contentWithOrigins,
  feedTitle,
  feedUrl,
  newestDate,
  origin,
  plainSummary,
  siteUrl,
  storyLink,
  storyUpdated,
  tagLabel,
  taxonomyTags,
  type RenderContext,
} from './context';
import { rfc3339 } from './dates';
import { GENERATOR } from './rss';
import { element, emptyElement } from './xml';

/** Atom ids must be IRIs: a story id that is already a tag:/urn: URI is kept, any other becomes a urn. */
export function atomId(id: string): string {
  return /^(tag|urn):/i.test(id) ? id : `urn:marquee:story:${encodeURIComponent(id)}`;
}

function feedId(ctx: RenderContext): string {
  const host = new URL(origin(ctx)).host;
  return `urn:marquee:feed:${encodeURIComponent(host)}${ctx.tag ? `:tag:${encodeURIComponent(ctx.tag)}` : ''}`;
}

export function renderAtom(stories: Story[], ctx: RenderContext): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">',
    element('id', feedId(ctx)),
    element('title', feedTitle(ctx), { type: 'text' }),
  ];
  if (ctx.site.description) out.push(element('subtitle', ctx.site.description, { type: 'text' }));
  out.push(
    element('updated', rfc3339(newestDate(stories))),
    emptyElement('link', { rel: 'alternate', type: 'text/html', href: siteUrl(ctx) }),
    emptyElement('link', { rel: 'self', type: 'application/atom+xml', href: feedUrl(ctx, 'atom') }),
    // A feed-level author keeps entries without bylines valid (RFC 4287 §4.1.1).
    `<author>${element('name', ctx.site.title)}</author>`,
    element('generator', GENERATOR),
  );
  for (const story of stories) out.push(atomEntry(story, ctx));
  out.push('</feed>', '');
  return out.join('\n');
}

function atomEntry(story: Story, ctx: RenderContext): string {
  const parts: string[] = [
    element('id', atomId(story.id)),
    element('title', story.title, { type: 'text' }),
    element('published', rfc3339(story.published)),
    element('updated', rfc3339(storyUpdated(story))),
  ];
  parts.push(emptyElement('link', { rel: 'alternate', type: 'text/html', href: storyLink(story, ctx) }));
  const author = authorLine(story);
  if (author) parts.push(`<author>${element('name', author)}</author>`);
  for (const tag of taxonomyTags(story, ctx)) parts.push(emptyElement('category', { term: tagLabel(ctx, tag) }));
  const summary = plainSummary(story);
  if (summary) parts.push(element('summary', summary, { type: 'text' }));
  const content = contentWithOrigins(story);
  if (content) parts.push(element('content', content, { type: 'html' }));
  const image = absoluteUrl(story.image);
  if (image) parts.push(emptyElement('media:thumbnail', { url: image }));
  const enclosure = story.enclosure && absoluteUrl(story.enclosure.url);
  if (story.enclosure && enclosure) {
    parts.push(
      emptyElement('link', {
        rel: 'enclosure',
        href: enclosure,
        type: story.enclosure.type,
        length: story.enclosure.length === null ? null : String(story.enclosure.length),
      }),
    );
  }
  return `<entry>\n${parts.join('\n')}\n</entry>`;
}
