/**
 * RSS 2.0, written by hand rather than with the `feed` package: feed@6 stamps lastBuildDate with the
 * current time, formats dates with toUTCString ("GMT", not "+0000"), and has no media:content or
 * dc:creator, all of which readers and Mailchimp rely on here.
 */
import type { Story } from '../model';
import {
  absoluteUrl,
  authorLine,
  contentWithOrigins,
  feedTitle,
  feedUrl,
  imageType,
  newestDate,
  plainSummary,
  siteUrl,
  storyLink,
  tagLabel,
  taxonomyTags,
  type RenderContext,
} from './context';
import { rfc822 } from './dates';
import { element, emptyElement } from './xml';

export const GENERATOR = 'Marquee';

export function renderRss(stories: Story[], ctx: RenderContext): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    element('title', feedTitle(ctx)),
    element('link', siteUrl(ctx)),
    element('description', ctx.site.description || ctx.site.title),
    emptyElement('atom:link', { href: feedUrl(ctx, 'rss'), rel: 'self', type: 'application/rss+xml' }),
    element('generator', GENERATOR),
  ];
  if (stories.length) out.push(element('lastBuildDate', rfc822(newestDate(stories))));
  for (const story of stories) out.push(rssItem(story, ctx));
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}

function rssItem(story: Story, ctx: RenderContext): string {
  const parts: string[] = [element('title', story.title)];
  parts.push(element('link', storyLink(story, ctx)));
  parts.push(element('guid', story.id, { isPermaLink: 'false' }));
  parts.push(element('pubDate', rfc822(story.published)));
  const summary = plainSummary(story);
  if (summary) parts.push(element('description', summary));
  const content = contentWithOrigins(story);
  if (content) parts.push(element('content:encoded', content));
  const creator = authorLine(story);
  if (creator) parts.push(element('dc:creator', creator));
  for (const tag of taxonomyTags(story, ctx)) parts.push(element('category', tagLabel(ctx, tag)));
  const image = absoluteUrl(story.image);
  if (image) parts.push(emptyElement('media:content', { url: image, medium: 'image', type: imageType(image) }));
  const enclosure = story.enclosure && absoluteUrl(story.enclosure.url);
  if (story.enclosure && enclosure) {
    // RSS requires length and type; 0 and a generic type are what the spec's validators accept when unknown.
    parts.push(
      emptyElement('enclosure', {
        url: enclosure,
        length: String(story.enclosure.length ?? 0),
        type: story.enclosure.type ?? 'application/octet-stream',
      }),
    );
  }
  return `<item>\n${parts.join('\n')}\n</item>`;
}
