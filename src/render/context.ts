import type { SiteConfig, SourceConfig, Story, StoryOrigin, TaxonomyTag } from '../model';
import { escapeXml } from './xml';
import { timeOf } from './dates';

export interface RenderContext {
  site: SiteConfig;
  /** Public origin the documents are served from, e.g. `https://marquee.example.workers.dev` (no trailing slash needed). */
  baseUrl: string;
  taxonomy: TaxonomyTag[];
  sources: SourceConfig[];
  /** Set for a tag feed (/tags/:tag/...): changes the title and the self links. */
  tag?: string;
  /** Query string of a filtered request (`tag=a,b&limit=5`, no `?`), kept in the self links. */
  query?: string;
}

export type FeedKind = 'rss' | 'atom' | 'json';

const FEED_FILES: Record<FeedKind, string> = { rss: 'feed.xml', atom: 'atom.xml', json: 'feed.json' };

/** Where a feed of this kind is served (absolute), for the given context's tag and filter query. */
export function feedUrl(ctx: RenderContext, kind: FeedKind, opts: { tag?: string; withQuery?: boolean } = {}): string {
  const tag = opts.tag ?? ctx.tag;
  const path = tag ? `/tags/${encodeURIComponent(tag)}/${FEED_FILES[kind]}` : `/${FEED_FILES[kind]}`;
  const query = opts.withQuery !== false && ctx.query ? `?${ctx.query}` : '';
  return `${origin(ctx)}${path}${query}`;
}

export function pageUrl(ctx: RenderContext): string {
  return `${origin(ctx)}/`;
}

export function origin(ctx: RenderContext): string {
  return ctx.baseUrl.replace(/\/+$/, '');
}

/** The site's home link: the configured site URL when it is absolute, otherwise the page. */
export function siteUrl(ctx: RenderContext): string {
  return absoluteUrl(ctx.site.url) ?? pageUrl(ctx);
}

/** The feed's title, naming the tag for a tag feed. */
export function feedTitle(ctx: RenderContext): string {
  return ctx.tag ? `${ctx.site.title}: ${tagLabel(ctx, ctx.tag)}` : ctx.site.title;
}

/** The story's tags that the taxonomy knows, in the story's order: outputs carry nothing else. */
export function taxonomyTags(story: Story, ctx: RenderContext): string[] {
  return story.tags.filter((id) => ctx.taxonomy.some((t) => t.id === id));
}

export function tagLabel(ctx: RenderContext, id: string): string {
  return ctx.taxonomy.find((t) => t.id === id)?.label ?? id;
}

/** Only absolute http(s) URLs leave Marquee: anything else (relative, javascript:, data:) is dropped. */
export function absoluteUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * Where a reader opens the story: its outlet's URL, or, when no outlet gave a usable one, the story's
 * card on Marquee's page, so every item in every format has an absolute link.
 */
export function storyLink(story: Story, ctx: RenderContext): string {
  return absoluteUrl(story.url) ?? `${pageUrl(ctx)}#${storyAnchor(story.id)}`;
}

/** An HTML id for the story's card on the page, stable with the story id. */
export function storyAnchor(id: string): string {
  return `story-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}

/** The date a story last changed, for `updated` fields: never earlier than its publication. */
export function storyUpdated(story: Story): string {
  const u = timeOf(story.updated);
  return !Number.isNaN(u) && u > timeOf(story.published) ? story.updated! : story.published;
}

/**
 * The documents' own date (lastBuildDate, Atom updated): the newest story's date, so a rebuild of the
 * same stories yields byte-identical documents and the same ETag. An empty feed gets the epoch.
 */
export function newestDate(stories: Story[]): string {
  let best = 0;
  for (const s of stories) {
    const t = timeOf(storyUpdated(s));
    if (t > best) best = t;
  }
  return new Date(best).toISOString();
}

/** The outlets other than the representative, which the content lists as "Also reported by". */
export function otherOrigins(story: Story): StoryOrigin[] {
  return story.sources.slice(1);
}

/** `<p>Also reported by <a>Outlet</a>, …</p>` appended to the content of a story several outlets carried. */
export function alsoReportedHtml(story: Story): string {
  const others = otherOrigins(story);
  if (others.length === 0) return '';
  const links = others.map((o) => {
    const url = absoluteUrl(o.url);
    const name = escapeXml(o.name);
    return url ? `<a href="${escapeXml(url)}">${name}</a>` : name;
  });
  return `<p>Also reported by ${links.join(', ')}</p>`;
}

/** The story's content as HTML for readers: its sanitized content (or summary), then the other outlets. */
export function contentWithOrigins(story: Story): string {
  const body = story.contentHtml ?? (story.summary ? `<p>${escapeXml(story.summary)}</p>` : '');
  return body + alsoReportedHtml(story);
}

const MAX_DERIVED_SUMMARY = 300;

/** Plain-text summary: the story's own, or text taken from its content, cut at a word boundary. */
export function plainSummary(story: Story): string | null {
  if (story.summary) return story.summary;
  if (!story.contentHtml) return null;
  const text = htmlToText(story.contentHtml);
  if (text.length <= MAX_DERIVED_SUMMARY) return text || null;
  const cut = text.slice(0, MAX_DERIVED_SUMMARY);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_DERIVED_SUMMARY / 2))}…`;
}

const BASIC_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
      return BASIC_ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Author names as one line: `Jane Doe, John Roe`. */
export function authorLine(story: Story): string | null {
  const names = story.authors.map((a) => a.name?.trim()).filter((n): n is string => !!n);
  return names.length ? names.join(', ') : null;
}

const IMAGE_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** The image's MIME type from its file extension, when it has a recognisable one. */
export function imageType(url: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  return ext ? (IMAGE_TYPES[ext] ?? null) : null;
}
