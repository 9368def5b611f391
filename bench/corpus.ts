/**
 * Deterministic synthetic corpus of entertainment-news feeds for `npm run bench`.
 *
 * A "world" of news events is drawn from a seeded PRNG; each outlet (one feed) reports 100 of them in
 * its own dialect and house style. A share of the events is reported by several outlets, each in its
 * own words (see events.ts), so the pipeline's dedupe has real work to do. Files are cached under
 * bench/.corpus/ (git-ignored), keyed by CORPUS_VERSION and the spec, and rebuilt when either changes.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fillerSentence, makeEvent, wordEvent, type EventWording, type NewsEvent } from './events';
import { createRng, type Rng } from './rng';
import { AUTHORS, OUTLET_WORDS_A, OUTLET_WORDS_B } from './words';

/** Bump when the generator's output changes, so cached corpora are rebuilt. */
export const CORPUS_VERSION = 7;

/** The corpus clock: every date is at most NEWS_WINDOW_HOURS before it, so curation keeps them. */
export const CORPUS_NOW = new Date('2026-11-20T12:00:00Z');
const NEWS_WINDOW_HOURS = 72;
const HOUR = 3_600_000;

export type Dialect = 'rss20-wp' | 'rss20-media' | 'atom10' | 'rss10' | 'json11';

/** Share of feeds per dialect: WordPress RSS dominates real entertainment news; JSON Feed is rare. */
const DIALECT_SHARES: ReadonlyArray<readonly [Dialect, number]> = [
  ['rss20-wp', 0.52],
  ['rss20-media', 0.12],
  ['atom10', 0.16],
  ['rss10', 0.08],
  ['json11', 0.12],
];
const XML_DIALECT_SHARES: ReadonlyArray<readonly [Dialect, number]> = DIALECT_SHARES.filter(
  ([d]) => d !== 'json11',
);

/** How many outlets report one shared event, with weights (most shared stories have 2–4 outlets). */
const COVERAGE_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2, 30], [3, 25], [4, 18], [5, 12], [6, 8], [8, 5], [12, 2],
];

export interface CorpusSpec {
  name: string;
  feeds: number;
  itemsPerFeed: number;
  seed: number;
  /** Leave JSON Feed out, so every XML parser (rss-parser too) can read every feed. */
  xmlOnly: boolean;
  /** Share of all items that report an event also reported by at least one other outlet. */
  sharedShare: number;
}

export interface CorpusFeedMeta {
  file: string;
  dialect: Dialect;
  contentType: string;
  url: string;
  sourceId: string;
  sourceName: string;
  bytes: number;
  items: number;
  /** Ground truth for dedupe: [post id (in the item URL), event id] per item. */
  truth: Array<[number, number]>;
}

export interface CorpusFeed extends CorpusFeedMeta {
  body: Uint8Array;
  text: string;
}

export interface Corpus {
  spec: CorpusSpec;
  dir: string;
  feeds: CorpusFeed[];
  totalBytes: number;
  totalItems: number;
  /** Number of events reported by several outlets, and how many items report them. */
  sharedEvents: number;
  sharedItems: number;
}

interface Manifest {
  version: number;
  spec: CorpusSpec;
  feeds: CorpusFeedMeta[];
  sharedEvents: number;
  sharedItems: number;
}

/** The parse corpus: ≥200 feeds, ≥20 MB, every dialect. */
export const PARSE_CORPUS: CorpusSpec = {
  name: 'parse', feeds: 220, itemsPerFeed: 100, seed: 20261120, xmlOnly: false, sharedShare: 0.3,
};
export const PARSE_CORPUS_QUICK: CorpusSpec = { ...PARSE_CORPUS, name: 'parse-quick', feeds: 30 };

/** The pipeline corpus of N items: N/100 XML feeds of 100 items. */
export function pipelineSpec(items: number): CorpusSpec {
  return {
    name: `pipeline-${items}`, feeds: Math.ceil(items / 100), itemsPerFeed: 100, seed: 7_000_000 + items,
    xmlOnly: true, sharedShare: 0.3,
  };
}

export const CORPUS_ROOT = join(fileURLToPath(new URL('.', import.meta.url).href), '.corpus');

function corpusKey(spec: CorpusSpec): string {
  return `v${CORPUS_VERSION}-${spec.name}-${spec.feeds}x${spec.itemsPerFeed}-s${spec.seed}${spec.xmlOnly ? '-xml' : ''}-sh${spec.sharedShare}`;
}

/** Loads the corpus from the cache, generating it first if needed. */
export async function loadCorpus(spec: CorpusSpec): Promise<Corpus> {
  const dir = join(CORPUS_ROOT, corpusKey(spec));
  let manifest: Manifest | null = null;
  try {
    manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    if (manifest.version !== CORPUS_VERSION) manifest = null;
  } catch {
    manifest = null;
  }
  if (!manifest) {
    await removeStaleCorpora();
    manifest = await writeCorpus(spec, dir);
  }
  const decoder = new TextDecoder();
  const feeds: CorpusFeed[] = [];
  for (const meta of manifest.feeds) {
    const buf = await readFile(join(dir, meta.file));
    const body = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    feeds.push({ ...meta, body, text: decoder.decode(body) });
  }
  return {
    spec,
    dir,
    feeds,
    totalBytes: feeds.reduce((n, f) => n + f.bytes, 0),
    totalItems: feeds.reduce((n, f) => n + f.items, 0),
    sharedEvents: manifest.sharedEvents,
    sharedItems: manifest.sharedItems,
  };
}

/** Corpora of older generator versions are dead weight (tens of MB each): drop them. */
async function removeStaleCorpora(): Promise<void> {
  let names: string[] = [];
  try {
    names = await readdir(CORPUS_ROOT);
  } catch {
    return;
  }
  const current = `v${CORPUS_VERSION}-`;
  for (const name of names) {
    if (/^v\d+-/.test(name) && !name.startsWith(current)) await rm(join(CORPUS_ROOT, name), { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

/** How an outlet writes typographic characters: WordPress numeric refs, HTML named entities, or raw UTF-8. */
type EntityStyle = 'numeric' | 'named' | 'utf8';

interface Outlet {
  index: number;
  id: string;
  name: string;
  domain: string;
  dialect: Dialect;
  entityStyle: EntityStyle;
  /** Full article bodies (content:encoded / content) or excerpts only. */
  fullContent: boolean;
  /** RFC 822 zone form this outlet's CMS prints. */
  zone: string;
  zoneOffsetMinutes: number;
  language: string;
}

interface Placement {
  event: NewsEvent;
  /** Publication time at this outlet. */
  at: number;
}

const ZONES: ReadonlyArray<readonly [string, number]> = [
  ['+0000', 0], ['GMT', 0], ['-0500', -300], ['-0800', -480], ['EST', -300], ['PDT', -420], ['+0100', 60],
];

function pickWeighted<T>(rng: Rng, table: ReadonlyArray<readonly [T, number]>): T {
  const total = table.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [value, w] of table) {
    r -= w;
    if (r < 0) return value;
  }
  return table[table.length - 1]![0];
}

function makeOutlets(rng: Rng, spec: CorpusSpec): Outlet[] {
  const shares = spec.xmlOnly ? XML_DIALECT_SHARES : DIALECT_SHARES;
  const shareTotal = shares.reduce((n, [, w]) => n + w, 0);
  // Exact proportions (largest remainder), then shuffled, so small corpora still mix dialects.
  const dialects: Dialect[] = [];
  for (const [d, w] of shares) {
    for (let i = 0; i < Math.floor((spec.feeds * w) / shareTotal); i++) dialects.push(d);
  }
  let k = 0;
  while (dialects.length < spec.feeds) dialects.push(shares[k++ % shares.length]![0]);
  rng.shuffle(dialects);

  const seen = new Set<string>();
  return dialects.map((dialect, index) => {
    let name = `${rng.pick(OUTLET_WORDS_A)} ${rng.pick(OUTLET_WORDS_B)}`;
    while (seen.has(name)) name = `${rng.pick(OUTLET_WORDS_A)} ${rng.pick(OUTLET_WORDS_B)} ${rng.int(2, 99)}`;
    seen.add(name);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
    const [zone, zoneOffsetMinutes] = rng.pick(ZONES);
    const entityStyle: EntityStyle =
      dialect === 'rss20-wp' ? 'numeric' : rng.pick<EntityStyle>(['named', 'utf8', 'numeric']);
    return {
      index,
      id: `${slug}-${index}`,
      name,
      domain: `www.${slug}.example`,
      dialect,
      entityStyle,
      fullContent: dialect === 'rss20-wp' ? rng.chance(0.8) : dialect === 'atom10' || dialect === 'json11' ? rng.chance(0.7) : false,
      zone,
      zoneOffsetMinutes,
      language: rng.chance(0.85) ? 'en-US' : 'en-GB',
    };
  });
}

/** Decides which events each outlet reports, shared ones first. */
function placeEvents(rng: Rng, spec: CorpusSpec, outlets: Outlet[], now: Date): { perOutlet: Placement[][]; sharedEvents: number; sharedItems: number } {
  const perOutlet: Placement[][] = outlets.map(() => []);
  const total = spec.feeds * spec.itemsPerFeed;
  const windowStart = now.getTime() - NEWS_WINDOW_HOURS * HOUR;
  let eventId = 0;
  let sharedItems = 0;
  let sharedEvents = 0;
  const newEvent = () =>
    makeEvent(rng, eventId++, windowStart + Math.floor(rng.next() * (NEWS_WINDOW_HOURS * HOUR - 6 * HOUR)));
  const lag = (event: NewsEvent) => Math.min(event.at + Math.floor(rng.next() * 5 * HOUR), now.getTime() - 60_000);

  const open = () => outlets.filter((o) => perOutlet[o.index]!.length < spec.itemsPerFeed);
  while (sharedItems < total * spec.sharedShare) {
    const candidates = open();
    const coverage = Math.min(pickWeighted(rng, COVERAGE_WEIGHTS), candidates.length);
    if (coverage < 2) break;
    const event = newEvent();
    for (const outlet of rng.shuffle(candidates).slice(0, coverage)) {
      perOutlet[outlet.index]!.push({ event, at: lag(event) });
    }
    sharedItems += coverage;
    sharedEvents++;
  }
  for (const outlet of outlets) {
    const list = perOutlet[outlet.index]!;
    while (list.length < spec.itemsPerFeed) {
      const event = newEvent();
      list.push({ event, at: lag(event) });
    }
    list.sort((a, b) => b.at - a.at);
  }
  return { perOutlet, sharedEvents, sharedItems };
}

export interface GeneratedFeed {
  meta: CorpusFeedMeta;
  bytes: Uint8Array;
}

/** Generates a corpus in memory; `now` is the corpus clock (CORPUS_NOW for the cached corpora). */
export function generateFeeds(spec: CorpusSpec, now: Date = CORPUS_NOW): { feeds: GeneratedFeed[]; sharedEvents: number; sharedItems: number } {
  const rng = createRng(spec.seed);
  const outlets = makeOutlets(rng.fork(1), spec);
  const { perOutlet, sharedEvents, sharedItems } = placeEvents(rng.fork(2), spec, outlets, now);
  const encoder = new TextEncoder();
  const feeds = outlets.map((outlet) => {
    const orng = rng.fork(1000 + outlet.index);
    const items = perOutlet[outlet.index]!.map((p, i) => makeArticle(orng, outlet, p, i));
    const { text, ext, contentType } = renderFeed(outlet, items);
    const bytes = encoder.encode(text);
    const meta: CorpusFeedMeta = {
      file: `${String(outlet.index).padStart(4, '0')}-${outlet.dialect}.${ext}`,
      dialect: outlet.dialect,
      contentType,
      url: feedUrl(outlet),
      sourceId: outlet.id,
      sourceName: outlet.name,
      bytes: bytes.byteLength,
      items: items.length,
      truth: perOutlet[outlet.index]!.map((p, i) => [items[i]!.postId, p.event.id]),
    };
    return { meta, bytes };
  });
  return { feeds, sharedEvents, sharedItems };
}

async function writeCorpus(spec: CorpusSpec, dir: string): Promise<Manifest> {
  const { feeds, sharedEvents, sharedItems } = generateFeeds(spec);
  await mkdir(dir, { recursive: true });
  for (const f of feeds) await writeFile(join(dir, f.meta.file), f.bytes);
  const manifest: Manifest = { version: CORPUS_VERSION, spec, feeds: feeds.map((f) => f.meta), sharedEvents, sharedItems };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

function feedUrl(o: Outlet): string {
  switch (o.dialect) {
    case 'atom10': return `https://${o.domain}/feed/atom/`;
    case 'rss10': return `https://${o.domain}/index.rdf`;
    case 'json11': return `https://${o.domain}/feed.json`;
    default: return `https://${o.domain}/feed/`;
  }
}

// ---------------------------------------------------------------------------------------------
// Articles
// ---------------------------------------------------------------------------------------------

/** The post id every item URL of the corpus ends with (`…-1201007/`), which keys the ground truth. */
export function postIdOf(url: string | null): number | null {
  const m = url ? /-(\d{7})\/?(?:[?#]|$)/.exec(url) : null;
  return m ? Number(m[1]) : null;
}

interface Article {
  postId: number;
  url: string;
  wording: EventWording;
  author: string;
  published: Date;
  updated: Date;
  /** HTML body, already in the outlet's entity style. */
  bodyHtml: string;
  excerptHtml: string;
  image: string;
  imageAlt: string;
}

function slugify(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
}

function makeArticle(rng: Rng, outlet: Outlet, placement: Placement, i: number): Article {
  const wording = wordEvent(rng, placement.event);
  const postId = 1_200_000 + outlet.index * 1000 + i * 7 + rng.int(0, 6);
  const d = new Date(placement.at);
  const url = `https://${outlet.domain}/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slugify(wording.title)}-${postId}/`;
  const image = `https://${outlet.domain}/wp-content/uploads/2026/11/${slugify(placement.event.slots.person)}-${postId}.jpg`;
  const imageAlt = `${placement.event.slots.person} at the premiere of ${placement.event.slots.film}`;
  const style = outlet.entityStyle;
  const p = (s: string) => `<p>${htmlText(s, style)}</p>`;

  const parts: string[] = [p(wording.lede)];
  if (rng.chance(0.7)) {
    parts.push(
      `<figure class="wp-block-image size-large"><img loading="lazy" decoding="async" width="1024" height="576" src="${image}" alt="${htmlText(imageAlt, style)}" class="wp-image-${postId}" srcset="${image}?w=1024 1024w, ${image}?w=300 300w" sizes="(max-width: 1024px) 100vw, 1024px" /><figcaption>${htmlText(imageAlt, style)}. Photo: Getty&nbsp;Images</figcaption></figure>`,
    );
  }
  const sentences = [...wording.details];
  const fillerCount = outlet.fullContent ? rng.int(2, 6) : 0;
  for (let k = 0; k < fillerCount; k++) sentences.push(fillerSentence(rng));
  for (let k = 0; k < sentences.length; k += 2) {
    const para = sentences.slice(k, k + 2).join(' ');
    parts.push(rng.chance(0.2) ? `<p><strong>${htmlText(para, style)}</strong></p>` : p(para));
  }
  if (outlet.fullContent) {
    if (rng.chance(0.25)) {
      parts.push(`<blockquote class="wp-block-quote"><p>${htmlText(`“This is the one I’ve been waiting to make,” ${placement.event.slots.person} said.`, style)}</p><cite>${htmlText(placement.event.slots.person, style)}</cite></blockquote>`);
    }
    if (rng.chance(0.15)) {
      parts.push(`<figure class="wp-block-embed is-type-video is-provider-youtube"><div class="wp-block-embed__wrapper"><iframe title="${htmlText(wording.title, style)}" width="640" height="360" src="https://www.youtube.com/embed/${slugify(wording.title).slice(0, 11)}?feature=oembed" frameborder="0" allowfullscreen></iframe></div></figure>`);
    }
    if (rng.chance(0.1)) {
      parts.push(`<blockquote class="twitter-tweet"><p lang="en" dir="ltr">${htmlText(wording.title, style)}</p>&mdash; ${htmlText(outlet.name, style)} (@${outlet.id.slice(0, 12)}) <a href="https://twitter.com/x/status/${postId}">November 19, 2026</a></blockquote><script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>`);
    }
    parts.push(`<p><em>Related:</em> <a href="https://${outlet.domain}/tag/${slugify(placement.event.slots.film)}/" onclick="track(this)">${htmlText(`More on ${placement.event.slots.film}`, style)}</a></p>`);
  }
  const excerptText = `${wording.lede} ${wording.details[0] ?? ''}`.trim();
  const excerptHtml = `<p>${htmlText(excerptText, style)} [&hellip;]</p><p>The post <a href="${url}">${htmlText(wording.title, style)}</a> appeared first on ${htmlText(outlet.name, style)}.</p>`;
  const updated = new Date(placement.at + (rng.chance(0.3) ? rng.int(5, 90) * 60_000 : 0));
  return {
    postId, url, wording, author: rng.pick(AUTHORS), published: d, updated,
    bodyHtml: parts.join('\n'), excerptHtml, image, imageAlt,
  };
}

const NUMERIC_REFS: Record<string, string> = {
  '’': '&#8217;', '‘': '&#8216;', '“': '&#8220;', '”': '&#8221;', '–': '&#8211;', '—': '&#8212;', '…': '&#8230;',
};
const NAMED_REFS: Record<string, string> = {
  '’': '&rsquo;', '‘': '&lsquo;', '“': '&ldquo;', '”': '&rdquo;', '–': '&ndash;', '—': '&mdash;', '…': '&hellip;',
  'é': '&eacute;', 'è': '&egrave;', 'ë': '&euml;', 'ö': '&ouml;', 'ü': '&uuml;', 'ñ': '&ntilde;', 'ó': '&oacute;',
  'á': '&aacute;', 'ō': '&#333;',
};
const TYPO_RE = /[’‘“”–—…]/g;
const NAMED_RE = /[’‘“”–—…éèëöüñóáō]/g;

/** Text as it appears inside HTML markup in the outlet's style. */
function htmlText(s: string, style: EntityStyle): string {
  const escaped = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  if (style === 'numeric') return escaped.replace(TYPO_RE, (c) => NUMERIC_REFS[c]!);
  if (style === 'named') return escaped.replace(NAMED_RE, (c) => NAMED_REFS[c]!);
  return escaped;
}

/** Plain text as XML character data: XML knows no HTML named entities, so only numeric refs or raw UTF-8. */
function xmlText(s: string, style: EntityStyle): string {
  const escaped = s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return style === 'numeric' ? escaped.replace(TYPO_RE, (c) => NUMERIC_REFS[c]!) : escaped;
}

/** HTML carried as escaped XML text (Atom type="html", RSS description without CDATA). */
function xmlEscapedHtml(html: string): string {
  return html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');

function rfc822(d: Date, o: Outlet): string {
  const local = new Date(d.getTime() + o.zoneOffsetMinutes * 60_000);
  return `${DAYS[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${MON[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${o.zone}`;
}

function rfc3339(d: Date, o: Outlet): string {
  const local = new Date(d.getTime() + o.zoneOffsetMinutes * 60_000);
  const off = o.zoneOffsetMinutes;
  const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
  return `${local.toISOString().slice(0, 19)}${zone}`;
}

// ---------------------------------------------------------------------------------------------
// Dialects
// ---------------------------------------------------------------------------------------------

function renderFeed(o: Outlet, items: Article[]): { text: string; ext: string; contentType: string } {
  switch (o.dialect) {
    case 'rss20-wp': return { text: rssWordPress(o, items), ext: 'xml', contentType: 'application/rss+xml; charset=UTF-8' };
    case 'rss20-media': return { text: rssMedia(o, items), ext: 'xml', contentType: 'application/rss+xml' };
    case 'atom10': return { text: atom(o, items), ext: 'xml', contentType: 'application/atom+xml; charset=utf-8' };
    case 'rss10': return { text: rdf(o, items), ext: 'rdf', contentType: 'application/rdf+xml' };
    case 'json11': return { text: jsonFeed(o, items), ext: 'json', contentType: 'application/feed+json' };
  }
}

function rssWordPress(o: Outlet, items: Article[]): string {
  const s = o.entityStyle;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>${xmlText(o.name, s)}</title>
	<atom:link href="${feedUrl(o)}" rel="self" type="application/rss+xml" />
	<link>https://${o.domain}</link>
	<description>Entertainment news, film, TV &#38; box office</description>
	<lastBuildDate>${rfc822(items[0]!.updated, o)}</lastBuildDate>
	<language>${o.language}</language>
	<sy:updatePeriod>
	hourly	</sy:updatePeriod>
	<sy:updateFrequency>
	1	</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.7.1</generator>

<image>
	<url>https://${o.domain}/wp-content/uploads/2024/01/cropped-favicon-32x32.png</url>
	<title>${xmlText(o.name, s)}</title>
	<link>https://${o.domain}</link>
	<width>32</width>
	<height>32</height>
</image> `);
  for (const a of items) {
    out.push(`
	<item>
		<title>${xmlText(a.wording.title, s)}</title>
		<link>${a.url}</link>
		<comments>${a.url}#respond</comments>
		<dc:creator>${cdata(a.author)}</dc:creator>
		<pubDate>${rfc822(a.published, o)}</pubDate>
${a.wording.categories.map((c) => `		<category>${cdata(c)}</category>`).join('\n')}
		<guid isPermaLink="false">https://${o.domain}/?p=${a.postId}</guid>

		<description>${cdata(a.excerptHtml)}</description>
${o.fullContent ? `		<content:encoded>${cdata(a.bodyHtml)}</content:encoded>\n` : ''}		<wfw:commentRss>${a.url}feed/</wfw:commentRss>
		<slash:comments>0</slash:comments>
	</item>`);
  }
  out.push('\n\t</channel>\n</rss>\n');
  return out.join('');
}

function rssMedia(o: Outlet, items: Article[]): string {
  const s = o.entityStyle;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title><![CDATA[${o.name} - Entertainment]]></title>
    <description><![CDATA[${o.name} - Entertainment & Arts]]></description>
    <link>https://${o.domain}/news/entertainment</link>
    <image>
      <url>https://${o.domain}/images/logo.png</url>
      <title>${xmlText(o.name, s)}</title>
      <link>https://${o.domain}/news/entertainment</link>
    </image>
    <generator>RSS for Node</generator>
    <lastBuildDate>${rfc822(items[0]!.updated, o)}</lastBuildDate>
    <atom:link href="${feedUrl(o)}" rel="self" type="application/rss+xml"/>
    <copyright><![CDATA[Copyright: (C) ${o.name}]]></copyright>
    <language><![CDATA[${o.language.toLowerCase()}]]></language>
    <ttl>15</ttl>`);
  for (const a of items) {
    const plainSummary = a.wording.lede;
    out.push(`
    <item>
      <title>${cdata(a.wording.title)}</title>
      <description>${a.postId % 2 ? cdata(plainSummary) : xmlText(plainSummary, s)}</description>
      <link>${a.url}?at_medium=RSS&amp;at_campaign=rss</link>
      <guid isPermaLink="true">${a.url}</guid>
      <pubDate>${rfc822(a.published, o)}</pubDate>
      <dc:creator>${xmlText(a.author, s)}</dc:creator>
      <media:content url="${a.image}" medium="image" type="image/jpeg" width="1200" height="675">
        <media:title type="plain">${xmlText(a.imageAlt, s)}</media:title>
        <media:credit role="photographer">Getty Images</media:credit>
      </media:content>
      <media:thumbnail width="240" height="135" url="${a.image}?w=240"/>
    </item>`);
  }
  out.push('\n  </channel>\n</rss>\n');
  return out.join('');
}

function atom(o: Outlet, items: Article[]): string {
  const s = o.entityStyle;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${o.language}" xml:base="https://${o.domain}/">
  <title type="text">${xmlText(o.name, s)}</title>
  <subtitle type="html">${xmlEscapedHtml(`Film, TV &amp; celebrity news from <em>${htmlText(o.name, s)}</em>`)}</subtitle>
  <updated>${rfc3339(items[0]!.updated, o)}</updated>
  <id>tag:${o.domain},2009:/feed/atom</id>
  <link rel="alternate" type="text/html" href="https://${o.domain}/"/>
  <link rel="self" type="application/atom+xml" href="${feedUrl(o)}"/>
  <icon>/favicon.ico</icon>
  <generator uri="https://www.movabletype.org/" version="7.9">Movable Type</generator>`);
  for (const a of items) {
    const rel = a.url.replace(`https://${o.domain}/`, '');
    out.push(`
  <entry>
    <title type="html">${xmlEscapedHtml(htmlText(a.wording.title, s))}</title>
    <link rel="alternate" type="text/html" href="${rel}"/>
    <id>tag:${o.domain},2026:/post/${a.postId}</id>
    <published>${rfc3339(a.published, o)}</published>
    <updated>${rfc3339(a.updated, o)}</updated>
    <author><name>${xmlText(a.author, s)}</name><uri>https://${o.domain}/author/${slugify(a.author)}/</uri></author>
${a.wording.categories.map((c) => `    <category term="${xmlText(c, s).replace(/"/g, '&quot;')}" scheme="https://${o.domain}/section/"/>`).join('\n')}
    <summary type="html">${xmlEscapedHtml(`<p>${htmlText(a.wording.lede, s)}</p>`)}</summary>
${o.fullContent ? `    <content type="html" xml:base="https://${o.domain}/">${xmlEscapedHtml(a.bodyHtml)}</content>\n` : ''}    <link rel="enclosure" type="image/jpeg" href="${a.image}" length="${120_000 + a.postId % 90_000}"/>
  </entry>`);
  }
  out.push('\n</feed>\n');
  return out.join('');
}

function rdf(o: Outlet, items: Article[]): string {
  const s = o.entityStyle;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns="http://purl.org/rss/1.0/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:syn="http://purl.org/rss/1.0/modules/syndication/"
>
<channel rdf:about="https://${o.domain}/">
  <title>${xmlText(o.name, s)}</title>
  <link>https://${o.domain}/</link>
  <description>Wire service: entertainment</description>
  <dc:language>${o.language}</dc:language>
  <dc:date>${rfc3339(items[0]!.updated, o)}</dc:date>
  <syn:updatePeriod>hourly</syn:updatePeriod>
  <items>
    <rdf:Seq>
${items.map((a) => `      <rdf:li rdf:resource="${a.url}" />`).join('\n')}
    </rdf:Seq>
  </items>
</channel>`);
  for (const a of items) {
    out.push(`
<item rdf:about="${a.url}">
  <title>${xmlText(a.wording.title, s)}</title>
  <link>${a.url}</link>
  <description>${xmlText(`${a.wording.lede} ${a.wording.details.join(' ')}`, s)}</description>
  <dc:creator>${xmlText(a.author, s)}</dc:creator>
  <dc:date>${rfc3339(a.published, o)}</dc:date>
${a.wording.categories.map((c) => `  <dc:subject>${xmlText(c, s)}</dc:subject>`).join('\n')}
</item>`);
  }
  out.push('\n</rdf:RDF>\n');
  return out.join('');
}

function jsonFeed(o: Outlet, items: Article[]): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: o.name,
      home_page_url: `https://${o.domain}/`,
      feed_url: feedUrl(o),
      description: 'Entertainment news',
      language: o.language,
      icon: `https://${o.domain}/icon-512.png`,
      authors: [{ name: `${o.name} staff` }],
      items: items.map((a) => ({
        id: String(a.postId),
        url: a.url,
        title: a.wording.title,
        ...(o.fullContent ? { content_html: a.bodyHtml } : { content_text: a.wording.lede }),
        summary: a.wording.lede,
        image: a.image,
        date_published: rfc3339(a.published, o),
        date_modified: rfc3339(a.updated, o),
        authors: [{ name: a.author, url: `https://${o.domain}/author/${slugify(a.author)}/` }],
        tags: a.wording.categories,
      })),
    },
    null,
    o.index % 2 ? 2 : undefined,
  );
}
