/**
 * JSON Feed 1.1, written by hand: feed@6 writes version 1 (`author` object, no `authors` array, no
 * `language`) and has no room for the `_marquee` extension.
 */
import type { Story } from '../model';
import {
  absoluteUrl,
  contentWithOrigins,
  feedTitle,
  feedUrl,
  plainSummary,
  siteUrl,
  storyLink,
  storyUpdated,
  taxonomyTags,
  type RenderContext,
} from './context';
import { rfc3339 } from './dates';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

interface JsonFeedAuthor {
  name?: string;
  url?: string;
}

interface JsonFeedItem {
  id: string;
  url: string;
  title: string;
  summary?: string;
  content_html?: string;
  content_text?: string;
  image?: string;
  date_published: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  tags?: string[];
  attachments?: { url: string; mime_type: string; size_in_bytes?: number }[];
  _marquee: {
    sources: { source: string; name: string; url: string | null; title: string | null; published: string | null }[];
  };
}

export function renderJsonFeed(stories: Story[], ctx: RenderContext): string {
  const doc = {
    version: JSON_FEED_VERSION,
    title: feedTitle(ctx),
    home_page_url: siteUrl(ctx),
    feed_url: feedUrl(ctx, 'json'),
    ...(ctx.site.description ? { description: ctx.site.description } : {}),
    authors: [{ name: ctx.site.title, url: siteUrl(ctx) }],
    items: stories.map((s) => jsonItem(s, ctx)),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function jsonItem(story: Story, ctx: RenderContext): JsonFeedItem {
  const item: JsonFeedItem = {
    id: story.id,
    url: storyLink(story, ctx),
    title: story.title,
    date_published: rfc3339(story.published),
    _marquee: { sources: [] },
  };
  const summary = plainSummary(story);
  if (summary) item.summary = summary;
  const content = contentWithOrigins(story);
  if (content) item.content_html = content;
  else item.content_text = summary ?? story.title;
  const image = absoluteUrl(story.image);
  if (image) item.image = image;
  const updated = storyUpdated(story);
  if (updated !== story.published) item.date_modified = rfc3339(updated);
  const authors = story.authors
    .filter((a) => a.name || absoluteUrl(a.url))
    .map((a) => {
      const out: JsonFeedAuthor = {};
      if (a.name) out.name = a.name;
      const u = absoluteUrl(a.url);
      if (u) out.url = u;
      return out;
    });
  if (authors.length) item.authors = authors;
  item.tags = taxonomyTags(story, ctx);
  const enclosure = story.enclosure && absoluteUrl(story.enclosure.url);
  if (story.enclosure && enclosure) {
    item.attachments = [
      {
        url: enclosure,
        mime_type: story.enclosure.type ?? 'application/octet-stream',
        ...(story.enclosure.length ? { size_in_bytes: story.enclosure.length } : {}),
      },
    ];
  }
  item._marquee.sources = story.sources.map((o) => ({
    source: o.source,
    name: o.name,
    url: absoluteUrl(o.url),
    title: o.title,
    published: o.published ? rfc3339(o.published) : null,
  }));
  return item;
}
