/**
 * Pipeline measurements in a fresh process (clean heap, GC exposed). Prints one JSON line for
 * pipeline.ts. Usage: pipeline-child.ts <runs> <sizes, comma-separated item counts>
 *
 * For each size N: N/100 XML feeds of 100 items → parseFeed → buildStories (dedupe + tag + curate)
 * → renderRss, renderAtom, renderJsonFeed, renderHtmlPage. parseFeed reads the decoded strings, the
 * same input rss-parser is given (as in the parse section's targets); its time on the raw bytes
 * (charset detection and UTF-8 decoding included, as the Worker reads them) is measured too.
 * Each stage is timed on its own; a warm-up round runs first; the sizes are interleaved round by round;
 * each figure is the median of `runs`. rss-parser parses the largest size's feeds in the same rounds.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { CORPUS_NOW, loadCorpus, pipelineSpec, postIdOf, type Corpus } from './corpus';
import { median } from './report';

export const RESULT_MARK = '@@bench-result ';

// Imported by path at run time, so the bench says SKIPPED until the editor and renderers land.
const PIPELINE_MODULE = '../src/pipeline.ts';
const RENDER_MODULE = '../src/render/index.ts';
const PARSE_MODULE = '../src/parse/index.ts';
const VALIDATE_MODULE = '../src/config/validate.ts';
const DEFAULT_CONFIG = '../src/config/default.json';

export interface SizeResult {
  items: number;
  feeds: number;
  bytes: number;
  parsedItems: number;
  parseMs: number;
  /** parseFeed on the raw bytes (information). */
  parseBytesMs: number;
  buildMs: number;
  renderMs: number;
  /** buildStories + render: the editor's work that must scale. */
  editorMs: number;
  /** The same, in CPU time (user + system of the process). */
  editorCpuMs: number;
  /** parse (strings) + buildStories + render. */
  wholeMs: number;
  /** parse (bytes) + buildStories + render (information). */
  wholeBytesMs: number;
  rssParserMs: number | null;
  stories: number;
  multiOutletStories: number;
  curated: number;
  taxonomyTags: number;
  taggedStories: number;
  renderedBytes: number;
  /** Pairwise dedupe quality against the corpus's ground truth (which items report the same event). */
  precision: number;
  recall: number;
}

export interface PipelineResult {
  skipped?: string;
  runs: number;
  sizes: SizeResult[];
}

type Fn = (...args: never[]) => unknown;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function load(): Promise<Record<string, Fn> | string> {
  const mods: Record<string, Fn> = {};
  for (const [path, names] of [
    [PARSE_MODULE, ['parseFeed']],
    [PIPELINE_MODULE, ['buildStories']],
    [RENDER_MODULE, ['renderRss', 'renderAtom', 'renderJsonFeed', 'renderHtmlPage']],
    [VALIDATE_MODULE, ['validateConfig']],
  ] as const) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(path)) as Record<string, unknown>;
    } catch (err) {
      const message = (err as Error).message;
      return /Cannot find module/.test(message)
        ? `${path.slice(3)} has not landed yet`
        : `${path.slice(3)} failed to load: ${message.split('\n')[0]}`;
    }
    for (const name of names) {
      if (typeof mod[name] !== 'function') return `${path.slice(3)} does not export ${name} yet`;
      mods[name] = mod[name] as Fn;
    }
  }
  return mods;
}

interface Story {
  tags: string[];
  sources: Array<{ url: string | null }>;
}

/** Pairwise precision/recall of the merge: pairs of items put in one story vs pairs reporting one event. */
function dedupeQuality(all: Story[], corpus: Corpus, parsedPostIds: Set<number>): { precision: number; recall: number } {
  const eventOf = new Map<number, number>();
  for (const f of corpus.feeds) for (const [post, event] of f.truth) eventOf.set(post, event);
  const pairs = (k: number) => (k * (k - 1)) / 2;
  let predicted = 0;
  let correct = 0;
  for (const story of all) {
    predicted += pairs(story.sources.length);
    const byEvent = new Map<number, number>();
    for (const o of story.sources) {
      const event = eventOf.get(postIdOf(o.url) ?? -1);
      if (event !== undefined) byEvent.set(event, (byEvent.get(event) ?? 0) + 1);
    }
    for (const k of byEvent.values()) correct += pairs(k);
  }
  const perEvent = new Map<number, number>();
  for (const post of parsedPostIds) {
    const event = eventOf.get(post);
    if (event !== undefined) perEvent.set(event, (perEvent.get(event) ?? 0) + 1);
  }
  let truth = 0;
  for (const k of perEvent.values()) truth += pairs(k);
  return { precision: predicted ? correct / predicted : 1, recall: truth ? correct / truth : 1 };
}

interface Prepared {
  size: number;
  corpus: Corpus;
  parseAll: () => Array<Array<{ url: string | null }>>;
  parseAllBytes: () => unknown;
  parsed: Array<Array<{ url: string | null }>>;
  build: () => { stories: Story[]; all: Story[] };
  render: (stories: Story[]) => number;
  taxonomyTags: number;
  rssParser: { parseString(xml: string): Promise<unknown> } | null;
  parseMs: number[];
  parseBytesMs: number[];
  buildMs: number[];
  renderMs: number[];
  editorCpuMs: number[];
  rssMs: number[];
  result: { stories: Story[]; all: Story[] };
  renderedBytes: number;
}

async function prepare(mods: Record<string, Fn>, size: number, withRssParser: boolean): Promise<Prepared> {
  const parseFeed = mods.parseFeed as unknown as (i: { body: Uint8Array | string; contentType: string; url: string }) =>
    { ok: true; value: { items: Array<{ url: string | null }> } } | { ok: false; error: { message: string } };
  const buildStories = mods.buildStories as unknown as (i: unknown) => { stories: Story[]; all: Story[] };
  const renderers = ['renderRss', 'renderAtom', 'renderJsonFeed', 'renderHtmlPage'].map(
    (n) => mods[n] as unknown as (stories: Story[], ctx: unknown) => string,
  );
  const validateConfig = mods.validateConfig as unknown as (j: unknown) =>
    { ok: true; config: { taxonomy: unknown[]; site: unknown } } | { ok: false; problems: Array<{ path: string; message: string }> };

  const corpus = await loadCorpus(pipelineSpec(size));
  const parseAll = () =>
    corpus.feeds.map((f) => {
      const r = parseFeed({ body: f.text, contentType: f.contentType, url: f.url });
      if (!r.ok) throw new Error(`parseFeed rejected ${f.file}: ${r.error.message}`);
      return r.value.items;
    });
  const parseAllBytes = () =>
    corpus.feeds.map((f) => {
      const r = parseFeed({ body: f.body, contentType: f.contentType, url: f.url });
      if (!r.ok) throw new Error(`parseFeed rejected ${f.file}: ${r.error.message}`);
      return r.value.items.length;
    });
  const parsed = parseAll();
  const sources = corpus.feeds.map((f, i) => ({
    source: { id: f.sourceId, name: f.sourceName, url: f.url },
    items: parsed[i]!,
  }));
  const defaults = JSON.parse(await readFile(fileURLToPath(new URL(DEFAULT_CONFIG, import.meta.url).href), 'utf8')) as Record<string, unknown>;
  const validated = validateConfig({ ...defaults, sources: sources.map((s) => s.source) });
  if (!validated.ok) throw new Error(`config invalid: ${validated.problems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
  const config = validated.config;
  const ctx = {
    site: config.site,
    baseUrl: 'https://marquee.example.workers.dev',
    taxonomy: config.taxonomy,
    sources: sources.map((s) => s.source),
  };
  const build = () => buildStories({ sources, config, ledger: null, now: CORPUS_NOW });
  const render = (stories: Story[]) => renderers.reduce((n, r) => n + r(stories, ctx).length, 0);
  const rssParser = withRssParser ? new (await import('rss-parser')).default() : null;
  return {
    size, corpus, parseAll, parseAllBytes, parsed, build, render, taxonomyTags: config.taxonomy.length, rssParser,
    parseMs: [], parseBytesMs: [], buildMs: [], renderMs: [], editorCpuMs: [], rssMs: [], result: { stories: [], all: [] }, renderedBytes: 0,
  };
}

async function warmUp(p: Prepared): Promise<void> {
  p.result = p.build();
  p.render(p.result.stories);
  if (p.rssParser) for (const f of p.corpus.feeds) await p.rssParser.parseString(f.text);
}

async function round(p: Prepared): Promise<void> {
  gc();
  let t0 = performance.now();
  p.parseAll();
  p.parseMs.push(performance.now() - t0);
  gc();
  t0 = performance.now();
  p.parseAllBytes();
  p.parseBytesMs.push(performance.now() - t0);
  gc();
  const c0 = process.cpuUsage();
  t0 = performance.now();
  p.result = p.build();
  p.buildMs.push(performance.now() - t0);
  t0 = performance.now();
  p.renderedBytes = p.render(p.result.stories);
  p.renderMs.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  p.editorCpuMs.push((c.user + c.system) / 1000);
  if (p.rssParser) {
    gc();
    t0 = performance.now();
    for (const f of p.corpus.feeds) await p.rssParser.parseString(f.text);
    p.rssMs.push(performance.now() - t0);
  }
}

function summarize(p: Prepared): SizeResult {
  const parsedPostIds = new Set<number>();
  for (const items of p.parsed) for (const item of items) parsedPostIds.add(postIdOf(item.url) ?? -1);
  const quality = dedupeQuality(p.result.all, p.corpus, parsedPostIds);
  return {
    items: p.size,
    feeds: p.corpus.feeds.length,
    bytes: p.corpus.totalBytes,
    parsedItems: p.parsed.reduce((n, items) => n + items.length, 0),
    parseMs: median(p.parseMs),
    parseBytesMs: median(p.parseBytesMs),
    buildMs: median(p.buildMs),
    renderMs: median(p.renderMs),
    editorMs: median(p.buildMs.map((b, i) => b + p.renderMs[i]!)),
    editorCpuMs: median(p.editorCpuMs),
    wholeMs: median(p.parseMs.map((x, i) => x + p.buildMs[i]! + p.renderMs[i]!)),
    wholeBytesMs: median(p.parseBytesMs.map((x, i) => x + p.buildMs[i]! + p.renderMs[i]!)),
    rssParserMs: p.rssParser ? median(p.rssMs) : null,
    stories: p.result.all.length,
    multiOutletStories: p.result.all.filter((s) => s.sources.length > 1).length,
    curated: p.result.stories.length,
    taxonomyTags: p.taxonomyTags,
    taggedStories: p.result.all.filter((s) => s.tags.length > 0).length,
    renderedBytes: p.renderedBytes,
    ...quality,
  };
}

const [runsArg, sizesArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const sizes = (sizesArg ?? '5000,20000').split(',').map(Number);
const mods = await load();
const out: PipelineResult = { runs, sizes: [] };
if (typeof mods === 'string') {
  out.skipped = mods;
} else {
  const largest = Math.max(...sizes);
  const prepared: Prepared[] = [];
  for (const size of sizes) prepared.push(await prepare(mods, size, size === largest));
  for (const p of prepared) await warmUp(p);
  // Sizes interleaved round by round, so load from other processes weighs on both alike.
  for (let r = 0; r < runs; r++) for (const p of prepared) await round(p);
  out.sizes = prepared.map(summarize);
}
console.log(RESULT_MARK + JSON.stringify(out));
