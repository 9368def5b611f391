/**
 * Serve section: the Worker under `wrangler dev` (local mode, 127.0.0.1, a free port, a fresh local KV
 * under bench/.corpus/), loaded with a real merged feed: a local origin serves SERVE_FEEDS corpus feeds,
 * dated around the current clock so curation keeps them; PUT /admin/config + POST /admin/refresh
 * build the documents. Then autocannon (in this process; workerd is the second process) hits
 * /health, /feed.xml and /feed.xml with If-None-Match, interleaved in rounds of equal length.
 * wrangler is stopped at the end, whatever happens. All traffic stays on 127.0.0.1.
 */
import autocannon, { type Result } from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_ROOT, generateFeeds, pipelineSpec } from './corpus';
import { fmt, heading, table, target, type TargetResult } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url).href);
const SERVE_FEEDS = 20;
const CONNECTIONS = 10;
/** The corpus clock for the served feeds: the current hour, so curation's age window keeps every item. */
const HOUR = 3_600_000;

interface DevWorker {
  url: string;
  process: { pid?: number };
  output(): string;
  stop(): Promise<void>;
}
interface FixtureOrigin {
  url: string;
  set(path: string, body: string | Uint8Array, type?: string): void;
  close(): Promise<void>;
}

type Loaded =
  | {
      startDevWorker: (o: { cwd: string; persistTo?: string; vars?: Record<string, string> }) => Promise<DevWorker>;
      startFixtureOrigin: (o: { root: string }) => Promise<FixtureOrigin>;
    }
  | string;

// scripts/lib (the demo's runner) is imported by path at run time: the bench says SKIPPED until it lands.
const WRANGLER_DEV_MODULE = '../scripts/lib/wrangler-dev.ts';
const FIXTURE_ORIGIN_MODULE = '../scripts/lib/fixture-origin.ts';

async function load(): Promise<Loaded> {
  try {
    const a = (await import(WRANGLER_DEV_MODULE)) as Record<string, unknown>;
    const b = (await import(FIXTURE_ORIGIN_MODULE)) as Record<string, unknown>;
    if (typeof a.startDevWorker !== 'function' || typeof b.startFixtureOrigin !== 'function') {
      return 'scripts/lib does not export startDevWorker/startFixtureOrigin';
    }
    return { startDevWorker: a.startDevWorker, startFixtureOrigin: b.startFixtureOrigin } as Loaded;
  } catch (err) {
    return `scripts/lib (wrangler dev runner) not loadable: ${(err as Error).message.split('\n')[0]}`;
  }
}

interface Measured {
  label: string;
  results: Result[];
}

function rate(results: Result[]): number {
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const seconds = results.reduce((n, r) => n + r.duration, 0);
  return seconds > 0 ? requests / seconds : 0;
}

function statusSummary(results: Result[]): string {
  const counts = new Map<string, number>();
  for (const r of results) for (const [code, s] of Object.entries(r.statusCodeStats)) counts.set(code, (counts.get(code) ?? 0) + Number(s.count));
  const errors = results.reduce((n, r) => n + r.errors, 0);
  return [...counts].map(([c, n]) => `${c}×${fmt.int(n)}`).join(', ') + (errors ? `, ${errors} errors` : '');
}

async function adminCall(url: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as unknown;
}

export async function serveSection(opts: { quick: boolean }): Promise<TargetResult[]> {
  heading('Serve');
  const mods = await load();
  if (typeof mods === 'string') {
    console.log(`SKIPPED: ${mods}`);
    return [target('serve', 'serve section', null, mods)];
  }
  const seconds = opts.quick ? 3 : 5;
  const rounds = 2;
  console.log(
    `method: wrangler dev --local on 127.0.0.1 (fresh local KV), ${SERVE_FEEDS} corpus feeds served by a local origin,\n` +
      '        loaded through PUT /admin/config + POST /admin/refresh. autocannon in this process, ' +
      `${CONNECTIONS} connections,\n        ${rounds} rounds × ${seconds} s per URL, URLs interleaved; requests/s = all requests / all seconds; ` +
      'latency percentiles\n        of the round with the higher p99.',
  );

  const stateDir = join(CORPUS_ROOT, `wrangler-state-${process.pid}`);
  await mkdir(stateDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  let origin: FixtureOrigin | null = null;
  let worker: DevWorker | null = null;
  // Even if this process is torn down mid-run, the wrangler process group dies with it.
  const killOnExit = () => {
    const pid = worker?.process.pid;
    if (pid) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.once('exit', killOnExit);
  try {
    origin = await mods.startFixtureOrigin({ root: stateDir });
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const spec = { ...pipelineSpec(SERVE_FEEDS * 100), name: 'serve' };
    const { feeds } = generateFeeds(spec, now);
    const sources = feeds.map((f) => {
      const path = `/feeds/${f.meta.file}`;
      origin!.set(path, f.bytes, f.meta.contentType);
      return { id: f.meta.sourceId, name: f.meta.sourceName, url: `${origin!.url}${path}` };
    });
    process.stdout.write('  starting wrangler dev…');
    let t0 = performance.now();
    worker = await mods.startDevWorker({ cwd: ROOT, persistTo: stateDir, vars: { ADMIN_TOKEN: token } });
    process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s (${worker.url})\n`);

    const defaults = JSON.parse(await readFile(join(ROOT, 'src/config/default.json'), 'utf8')) as Record<string, unknown>;
    const config = {
      ...defaults,
      site: { ...(defaults.site as object), url: `${worker.url}/` },
      sources,
      fetch: { ...(defaults.fetch as object), allowPrivateAddresses: true },
    };
    process.stdout.write('  loading data (admin config + refresh)…');
    t0 = performance.now();
    await adminCall(worker.url, token, 'PUT', '/admin/config', config);
    const refresh = (await adminCall(worker.url, token, 'POST', '/admin/refresh?force=1')) as {
      outcomes?: Array<{ outcome: string; itemCount: number }>;
    };
    const items = (refresh.outcomes ?? []).reduce((n, o) => n + (o.itemCount ?? 0), 0);
    process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s (${refresh.outcomes?.length ?? 0} sources, ${fmt.int(items)} items)\n`);

    const feedUrl = `${worker.url}/feed.xml`;
    const first = await fetch(feedUrl);
    const body = await first.text();
    const etag = first.headers.get('etag');
    const stories = (body.match(/<item>/g) ?? []).length;
    if (first.status !== 200 || stories === 0) throw new Error(`/feed.xml answered ${first.status} with ${stories} items; the feed was not built`);
    if (!etag) throw new Error('/feed.xml carries no ETag');
    const conditional = await fetch(feedUrl, { headers: { 'if-none-match': etag } });
    await conditional.arrayBuffer();
    console.log(`  /feed.xml: ${fmt.int(body.length)} bytes, ${stories} stories, ETag ${etag}; If-None-Match answers ${conditional.status}\n`);

    const targets: Array<{ label: string; url: string; headers?: Record<string, string> }> = [
      { label: '/health', url: `${worker.url}/health` },
      { label: '/feed.xml', url: feedUrl },
      { label: '/feed.xml If-None-Match (304)', url: feedUrl, headers: { 'if-none-match': etag } },
    ];
    // Warm-up: the Worker's in-memory and Cache API layers fill, the JIT settles.
    for (const t of targets) await autocannon({ url: t.url, connections: CONNECTIONS, duration: 1, headers: t.headers });
    const measured: Measured[] = targets.map((t) => ({ label: t.label, results: [] }));
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < targets.length; k++) {
        const i = (k + r) % targets.length;
        const t = targets[i]!;
        measured[i]!.results.push(await autocannon({ url: t.url, connections: CONNECTIONS, duration: seconds, headers: t.headers, timeout: 10 }));
      }
    }

    const rows = measured.map((m) => {
      const worst = m.results.reduce((a, b) => (b.latency.p99 > a.latency.p99 ? b : a));
      return [m.label, fmt.rate(rate(m.results)), `${worst.latency.p50} ms`, `${worst.latency.p99} ms`, statusSummary(m.results)];
    });
    console.log(table(['URL', 'requests/s', 'latency p50', 'latency p99', 'responses'], rows));
    console.log();
    const [health, feed, cond] = measured.map((m) => rate(m.results)) as [number, number, number];
    const only = (m: Measured, code: string) =>
      m.results.every((r) => Object.keys(r.statusCodeStats).every((c) => c === code) && r.errors === 0);
    return [
      target('serve', '/feed.xml answers 200 to every request under load', only(measured[1]!, '200'), statusSummary(measured[1]!.results)),
      target('serve', '/feed.xml ≥ 80% of /health’s request rate', feed >= 0.8 * health,
        `${fmt.rate(feed)} vs ${fmt.rate(health)} requests/s = ${((feed / health) * 100).toFixed(0)}%`),
      target('serve', 'a conditional request (If-None-Match: current ETag) answers 304',
        conditional.status === 304 && only(measured[2]!, '304'),
        `single request ${conditional.status}; under load ${statusSummary(measured[2]!.results)} at ${fmt.rate(cond)} requests/s`),
    ];
  } catch (err) {
    if (worker) console.log(`wrangler output (tail):\n${worker.output().slice(-3000)}`);
    throw err;
  } finally {
    if (worker) await worker.stop().catch(() => killOnExit());
    process.removeListener('exit', killOnExit);
    if (origin) await origin.close().catch(() => {});
    await rm(stateDir, { recursive: true, force: true });
  }
}
