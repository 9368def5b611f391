/**
 * `npm run -s cli -- build --config FILE --out DIR [--now ISO] [--ledger FILE]`: the whole pipeline
 * offline. Reads every configured source (http(s) URL, or a local path relative to the working
 * directory or to the configuration file), parses it, runs the editor (`buildStories`) and the
 * renderers with the same calls and render context as the Worker's rebuild, and writes
 * DIR/feed.xml, DIR/atom.xml, DIR/feed.json, DIR/index.html and DIR/ledger.json. The ledger is read
 * back from DIR/ledger.json (or --ledger FILE) on the next build so story ids and dates stay stable.
 * Progress goes to stderr, one line per source. Exit code: 0 built, 1 nothing could be built,
 * 2 usage or configuration error.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { formatProblems, validateConfig } from '../config/validate';
import { renderContextFor } from '../jobs/rebuild';
import type { Item, MarqueeConfig, ParseResult, SourceConfig } from '../model';
import { parseFeed } from '../parse/index';
import { buildStories } from '../pipeline';
import { readLedger } from '../pipeline/ledger';
import { renderAtom, renderHtmlPage, renderJsonFeed, renderRss } from '../render';

const usage = 'usage: marquee build --config FILE --out DIR [--now ISO-DATE] [--ledger FILE]\n';

interface Options {
  config: string;
  out: string;
  now: Date;
  ledger: string | null;
}

function parseArgs(args: string[]): Options | string {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!['--config', '--out', '--now', '--ledger'].includes(flag)) return `unknown argument ${arg}`;
    const value = inline ?? args[++i];
    if (value === undefined || value === '') return `${flag} needs a value`;
    values[flag.slice(2)] = value;
  }
  if (!values.config) return 'missing --config FILE';
  if (!values.out) return 'missing --out DIR';
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) return `--now: not a date: ${values.now}`;
  return { config: values.config, out: values.out, now, ledger: values.ledger ?? null };
}

type Loaded = { ok: true; items: Item[] } | { ok: false; code: string; message: string };

async function fetchBody(url: string, config: MarqueeConfig): Promise<{ body: Uint8Array; contentType: string | null; url: string }> {
  const res = await fetch(url, {
    redirect: 'follow',
    signal: AbortSignal.timeout(config.fetch.timeoutMs),
    headers: {
      'user-agent': config.fetch.userAgent,
      accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
    },
  });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: `HTTP_${res.status}` });
  const body = new Uint8Array(await res.arrayBuffer());
  if (body.byteLength > config.fetch.maxBytes) {
    throw Object.assign(new Error(`body over ${config.fetch.maxBytes} bytes`), { code: 'TOO_LARGE' });
  }
  return { body, contentType: res.headers.get('content-type'), url: res.url || url };
}

function localPath(path: string, configFile: string): string {
  if (isAbsolute(path)) return path;
  const fromCwd = resolve(path);
  if (existsSync(fromCwd)) return fromCwd;
  return resolve(dirname(configFile), path);
}

async function loadSource(source: SourceConfig, config: MarqueeConfig, configFile: string): Promise<Loaded> {
  let result: ParseResult;
  try {
    if (/^https?:\/\//i.test(source.url)) {
      const fetched = await fetchBody(source.url, config);
      result = parseFeed({ body: fetched.body, contentType: fetched.contentType, url: fetched.url, maxBytes: config.fetch.maxBytes });
    } else {
      const body = readFileSync(localPath(source.url, configFile));
      result = parseFeed({ body, maxBytes: config.fetch.maxBytes });
    }
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return {
      ok: false,
      code: typeof code === 'string' ? code : 'FETCH_FAILED',
      message: err instanceof Error ? err.message : String(err),
    };
  }
  return result.ok ? { ok: true, items: result.value.items } : { ok: false, ...result.error };
}

/** Loads sources several at a time (the configured concurrency), keeping configuration order. */
async function loadAll(config: MarqueeConfig, configFile: string): Promise<Loaded[]> {
  const results: Loaded[] = new Array(config.sources.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < config.sources.length) {
      const index = next++;
      const source = config.sources[index]!;
      const loaded = await loadSource(source, config, configFile);
      results[index] = loaded;
      process.stderr.write(
        loaded.ok ? `${source.id}: ok ${loaded.items.length} items\n` : `${source.id}: error ${loaded.code}: ${loaded.message}\n`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(config.fetch.concurrency, config.sources.length)) }, worker));
  return results;
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage);
    return 0;
  }
  const options = parseArgs(args);
  if (typeof options === 'string') {
    process.stderr.write(`marquee build: ${options}\n${usage}`);
    return 2;
  }

  let raw: unknown;
  try {
    raw = readJson(options.config);
  } catch (err) {
    process.stderr.write(`marquee build: cannot read ${options.config}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const validated = validateConfig(raw, { allowLocalPaths: true });
  if (!validated.ok) {
    process.stderr.write(`marquee build: ${options.config} is not a valid configuration:\n${formatProblems(validated.problems)}\n`);
    return 2;
  }
  const config = validated.config;

  const loaded = await loadAll(config, options.config);
  const sources = config.sources.flatMap((source, index) => {
    const result = loaded[index]!;
    return result.ok ? [{ source, items: result.items }] : [];
  });
  if (sources.length === 0 && config.sources.length > 0) {
    process.stderr.write('marquee build: no source could be read; nothing written\n');
    return 1;
  }

  const ledgerFile = options.ledger ?? join(options.out, 'ledger.json');
  let ledgerValue: unknown = null;
  if (existsSync(ledgerFile)) {
    try {
      ledgerValue = readJson(ledgerFile);
    } catch (err) {
      process.stderr.write(`marquee build: ignoring unreadable ledger ${ledgerFile}: ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }

  const built = buildStories({ sources, config, ledger: readLedger(ledgerValue), now: options.now });
  const context = renderContextFor(config);
  mkdirSync(options.out, { recursive: true });
  const outputs: Array<[string, string]> = [
    ['feed.xml', renderRss(built.stories, context)],
    ['atom.xml', renderAtom(built.stories, context)],
    ['feed.json', renderJsonFeed(built.stories, context)],
    ['index.html', renderHtmlPage(built.stories, context)],
    ['ledger.json', `${JSON.stringify(built.ledger, null, 1)}\n`],
  ];
  for (const [name, text] of outputs) writeFileSync(join(options.out, name), text);

  const itemCount = sources.reduce((sum, s) => sum + s.items.length, 0);
  process.stderr.write(
    `built ${built.stories.length} stories (${built.storyCount} merged from ${itemCount} items of ${sources.length}/${config.sources.length} sources; ` +
      `${built.stats.candidatePairs} candidate pairs) → ${options.out}/{feed.xml,atom.xml,feed.json,index.html}\n`,
  );
  return 0;
}
