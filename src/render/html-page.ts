/**
 * The page people read at `/`. One self-contained document: inline CSS and one tiny inline script, no
 * external assets, and every piece of feed text escaped. The Content-Security-Policy served with it
 * (`pageContentSecurityPolicy`) allows only this exact style and script by hash, so even markup that
 * slipped through could not run.
 *
 * "How long ago": each date is rendered as an absolute `<time datetime>` (readable without script),
 * and the inline script turns it into "3 hours ago" in the reader's browser. Rendering the relative
 * text at build time would freeze it ("1 hour ago" for a day on a quiet feed), and the document must
 * depend on the stories only, not on the time it was built.
 */
import type { Story } from '../model';
import {
  absoluteUrl,
  authorLine,
  feedTitle,
  feedUrl,
  newestDate,
  origin,
  otherOrigins,
  plainSummary,
  storyAnchor,
  tagLabel,
  taxonomyTags,
  type RenderContext,
} from './context';
import { humanUtc, rfc3339 } from './dates';
import { escapeXml as esc } from './xml';

const MAX_TAG_NAV = 24;

export const PAGE_STYLE = `
:root{color-scheme:light dark;--bg:#f6f5f2;--card:#fff;--ink:#1d1d1f;--muted:#5f6368;--line:#e3e1dc;--accent:#b3261e;--chip:#f1ece4}
@media (prefers-color-scheme:dark){:root{--bg:#141414;--card:#1e1e1e;--ink:#ececec;--muted:#a0a0a0;--line:#333;--accent:#ff8a80;--chip:#2a2a2a}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:inherit}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.site{background:var(--card);border-bottom:1px solid var(--line);padding:1.25rem 0 1rem}
header.site h1{margin:0;font-size:1.75rem;letter-spacing:-.01em}
header.site p{margin:.25rem 0 .75rem;color:var(--muted)}
.subscribe{display:flex;flex-wrap:wrap;gap:.5rem;margin:0;padding:0;list-style:none}
.subscribe a{display:inline-block;padding:.3rem .75rem;border:1px solid var(--accent);border-radius:999px;color:var(--accent);text-decoration:none;font-weight:600;font-size:.875rem}
.subscribe a:hover{background:var(--accent);color:var(--card)}
nav.tags{margin:1rem 0 0}
nav.tags h2{font-size:.8rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 .4rem}
main.wrap{padding-top:1.25rem;padding-bottom:2rem}
.stories{list-style:none;margin:0;padding:0;display:grid;gap:1rem}
.story{background:var(--card);border:1px solid var(--line);border-radius:12px;overflow:hidden;display:grid;grid-template-columns:1fr}
.story .media{margin:0;background:var(--chip);aspect-ratio:16/9}
.story .media img{display:block;width:100%;height:100%;object-fit:cover}
.story .body{padding:.9rem 1rem 1rem;min-width:0}
.story h2{margin:0 0 .35rem;font-size:1.2rem;line-height:1.3}
.story h2 a{text-decoration:none}
.story h2 a:hover{text-decoration:underline}
.meta{margin:0 0 .5rem;color:var(--muted);font-size:.875rem}
.meta .outlet{color:var(--ink);font-weight:600}
.summary{margin:0 0 .6rem;overflow-wrap:anywhere}
.also{margin:0 0 .6rem;font-size:.875rem;color:var(--muted)}
.also a{color:var(--ink)}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin:0;padding:0;list-style:none}
.chips a{display:inline-block;padding:.15rem .6rem;border-radius:999px;background:var(--chip);font-size:.8rem;text-decoration:none;color:var(--ink)}
.chips a:hover{background:var(--accent);color:var(--card)}
.empty{padding:2rem;text-align:center;color:var(--muted)}
footer{color:var(--muted);font-size:.8rem;padding:0 0 2rem}
@media (min-width:700px){.story.has-media{grid-template-columns:16rem 1fr}.story .media{aspect-ratio:auto;min-height:100%}}
`;

/** Turns each <time datetime> into "3 hours ago" (keeping the absolute date as a tooltip) and removes images that failed to load. */
export const PAGE_SCRIPT = `(function(){var n=Date.now(),u=[[31536e6,"year"],[2592e6,"month"],[864e5,"day"],[36e5,"hour"],[6e4,"minute"]];
document.querySelectorAll("time[datetime]").forEach(function(t){var d=n-Date.parse(t.getAttribute("datetime"));if(!(d>=0))return;var s="just now";for(var i=0;i<u.length;i++){var k=Math.floor(d/u[i][0]);if(k>=1){s=k+" "+u[i][1]+(k>1?"s":"")+" ago";break}}t.title=t.textContent;t.textContent=s});
document.querySelectorAll(".media img").forEach(function(i){function h(){var f=i.closest(".story");if(f)f.classList.remove("has-media");i.parentNode.remove()}if(i.complete&&i.naturalWidth===0)h();else i.addEventListener("error",h)})})();`;

let cspPromise: Promise<string> | null = null;

/** The page's Content-Security-Policy: nothing but its own inline style and script (by hash) and images. */
export function pageContentSecurityPolicy(): Promise<string> {
  cspPromise ??= (async () => {
    const [style, script] = await Promise.all([sha256Base64(PAGE_STYLE), sha256Base64(PAGE_SCRIPT)]);
    return [
      "default-src 'none'",
      `style-src 'sha256-${style}'`,
      `script-src 'sha256-${script}'`,
      'img-src https: http: data:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; ');
  })();
  return cspPromise;
}

async function sha256Base64(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let bin = '';
  for (const b of digest) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function renderHtmlPage(stories: Story[], ctx: RenderContext): string {
  const title = feedTitle(ctx);
  const feeds = {
    rss: feedUrl(ctx, 'rss'),
    atom: feedUrl(ctx, 'atom'),
    json: feedUrl(ctx, 'json'),
  };
  const newest = stories.length ? newestDate(stories) : null;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title>
${ctx.site.description ? `<meta name="description" content="${esc(ctx.site.description)}">\n` : ''}<link rel="alternate" type="application/rss+xml" title="${esc(title)} (RSS)" href="${esc(feeds.rss)}">
<link rel="alternate" type="application/atom+xml" title="${esc(title)} (Atom)" href="${esc(feeds.atom)}">
<link rel="alternate" type="application/feed+json" title="${esc(title)} (JSON Feed)" href="${esc(feeds.json)}">
<style>${PAGE_STYLE}</style>
</head>
<body>
<header class="site"><div class="wrap">
<h1>${esc(title)}</h1>
${ctx.site.description ? `<p>${esc(ctx.site.description)}</p>\n` : ''}<ul class="subscribe" aria-label="Subscribe">
<li><a href="${esc(feeds.rss)}" type="application/rss+xml">RSS</a></li>
<li><a href="${esc(feeds.atom)}" type="application/atom+xml">Atom</a></li>
<li><a href="${esc(feeds.json)}" type="application/feed+json">JSON Feed</a></li>
<li><a href="${esc(`${origin(ctx)}/opml.xml`)}" type="text/x-opml">Sources (OPML)</a></li>
</ul>
${tagNav(stories, ctx)}</div></header>
<main class="wrap">
${stories.length ? `<ol class="stories">\n${stories.map((s) => storyCard(s, ctx)).join('\n')}\n</ol>` : '<p class="empty">No stories yet. The first refresh will fill this page.</p>'}
</main>
<footer class="wrap">${stories.length} ${stories.length === 1 ? 'story' : 'stories'}${newest ? ` · newest <time datetime="${rfc3339(newest)}">${esc(humanUtc(newest))}</time>` : ''} · merged by Marquee</footer>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The most common tags on the page, as chips linking to their feeds (deterministic: count, then label). */
function tagNav(stories: Story[], ctx: RenderContext): string {
  const counts = new Map<string, number>();
  for (const s of stories) for (const t of taxonomyTags(s, ctx)) counts.set(t, (counts.get(t) ?? 0) + 1);
  if (counts.size === 0) return '';
  const top = [...counts]
    .sort((a, b) => b[1] - a[1] || tagLabel(ctx, a[0]).localeCompare(tagLabel(ctx, b[0])))
    .slice(0, MAX_TAG_NAV)
    .map(([id]) => id);
  return `<nav class="tags" aria-label="Tag feeds"><h2>Follow a tag</h2>${chips(top, ctx)}</nav>\n`;
}

function chips(tags: string[], ctx: RenderContext): string {
  if (tags.length === 0) return '';
  const items = tags.map(
    (id) =>
      `<li><a class="tag" href="${esc(feedUrl(ctx, 'rss', { tag: id, withQuery: false }))}" title="RSS feed of ${esc(
        tagLabel(ctx, id),
      )} stories">${esc(tagLabel(ctx, id))}</a></li>`,
  );
  return `<ul class="chips">${items.join('')}</ul>`;
}

/**
 * The time a person cares about: when the outlets first reported the story. The feeds carry Marquee's
 * own publication date instead (the ledger's, which never moves forward) because newsletter tools
 * decide what is new by it; on the page the earliest outlet date, never later than that, reads truer.
 */
function reportedAt(story: Story): string {
  let best = Date.parse(story.published);
  for (const o of story.sources) {
    const t = o.published ? Date.parse(o.published) : NaN;
    if (t < best) best = t;
  }
  return new Date(best).toISOString();
}

function storyCard(story: Story, ctx: RenderContext): string {
  const link = absoluteUrl(story.url);
  const image = absoluteUrl(story.image);
  const first = story.sources[0];
  const author = authorLine(story);
  const summary = plainSummary(story);
  const shown = reportedAt(story);
  const headline = link ? `<a href="${esc(link)}">${esc(story.title)}</a>` : esc(story.title);
  const meta = [
    first ? `<span class="outlet">${esc(first.name)}</span>` : '',
    `<time datetime="${rfc3339(shown)}">${esc(humanUtc(shown))}</time>`,
    author ? `<span class="author">${esc(author)}</span>` : '',
  ].filter(Boolean);
  const others = otherOrigins(story);
  const also = others.length
    ? `<p class="also">Also reported by ${others
        .map((o) => {
          const u = absoluteUrl(o.url);
          return u ? `<a href="${esc(u)}">${esc(o.name)}</a>` : esc(o.name);
        })
        .join(', ')}</p>`
    : '';
  return `<li class="story${image ? ' has-media' : ''}" id="${esc(storyAnchor(story.id))}">
${image ? `<figure class="media"><img src="${esc(image)}" alt="" loading="lazy" referrerpolicy="no-referrer"></figure>\n` : ''}<div class="body">
<h2>${headline}</h2>
<p class="meta">${meta.join(' · ')}</p>
${summary ? `<p class="summary">${esc(summary)}</p>\n` : ''}${also}${chips(taxonomyTags(story, ctx), ctx)}
</div>
</li>`;
}
