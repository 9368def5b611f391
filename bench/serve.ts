/**
 * Serve section: the Worker, bundled once by `wrangler deploy --dry-run`, under `wrangler dev --no-bundle`
 * (local mode, 127.0.0.1, a free port, a fresh local KV under bench/.corpus/), loaded with a real merged
 * feed: a local origin serves SERVE_FEEDS corpus feeds,
 * dated around the current clock so curation keeps them; PUT /admin/config + POST /admin/refresh
 * build the documents. Then autocannon (in this process; workerd is the second process) hits
 * /health, /feed.xml and /feed.xml with If-None-Match, interleaved in rounds of equal length.
 * wrangler is stopped at the end, whatever happens. All traffic stays on 127.0.0.1.
 */
import autocannon, { type Result } from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/lib/wrangler-dev';
import { CORPUS_ROOT, generateFeeds, pipelineSpec } from './corpus';
import { fmt, heading, table, target, type TargetResult } from './report';

const ROOT = fileURLToPath(new URL('..', import.meta.url).href);
const SERVE_FEEDS = 20;
const CONNECTIONS = 10;
const HOUR = 3_600_000;
const BUILD_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 5_000;

const WRANGLER_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  NO_UPDATE_NOTIFIER: '1',
  CI: '1',
  FORCE_COLOR: '0',
};

/** Runs `npx wrangler …` to completion (bounded), returning its output. */
async function wrangler(args: string[], timeoutMs: number): Promise<string> {
  const child = spawn('npx', ['wrangler', ...args], { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`wrangler ${args[0]} exited ${code}:\n${out.slice(-2000)}`);
  return out;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

interface DevWorker {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/**
 * The Worker bundled once (`wrangler deploy --dry-run`), then served by `wrangler dev --no-bundle`
 * from that bundle: the bench measures one fixed build, and edits to src/ while it runs (wrangler
 * dev reloads on every change) cannot restart the Worker under load.
 */
export async function startWorker(dir: string, token: string): Promise<DevWorker> {
  const bundleDir = join(dir, 'bundle');
  await wrangler(['deploy', '--dry-run', '--outdir', bundleDir], BUILD_TIMEOUT_MS);
  const toml = (await readFile(join(ROOT, 'wrangler.toml'), 'utf8'))
    .replace(/^#:schema.*$/m, '')
    .replace(/^main\s*=.*$/m, 'main = "bundle/index.js"');
  const configPath = join(dir, 'wrangler.toml');
  await writeFile(configPath, toml);
  const port = await freePort();
  const child = spawn(
    'npx',
    [
      'wrangler', 'dev', '--config', configPath, '--no-bundle', '--local', '--ip', '127.0.0.1', '--port', String(port),
      '--inspector-port', String(await freePort()), '--persist-to', join(dir, 'state'), '--var', `ADMIN_TOKEN:${token}`,
      '--show-interactive-dev-session=false',
    ],
    { cwd: ROOT, env: WRANGLER_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited before answering:\n${output.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return { url, child, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

interface Origin {
  url: string;
  close(): Promise<void>;
}

/** The outlets: serves the generated feeds from memory on 127.0.0.1. */
export async function startOrigin(files: Map<string, { body: Uint8Array; type: string }>): Promise<Origin> {
  const server: Server = createHttpServer((req, res) => {
    const file = files.get(new URL(req.url ?? '/', 'http://origin').pathname);
    if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': String(file.body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
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
  const seconds = opts.quick ? 3 : 5;
  const rounds = 2;
  console.log(
    `method: the Worker bundled once, served by wrangler dev --local --no-bundle on 127.0.0.1 (fresh local KV),\n` +
      `        ${SERVE_FEEDS} corpus feeds served by a local origin,\n` +
      '        loaded through PUT /admin/config + POST /admin/refresh. autocannon in this process, ' +
      `${CONNECTIONS} connections,\n        ${rounds} rounds × ${seconds} s per URL, URLs interleaved; requests/s = all requests / all seconds; ` +
      'latency percentiles\n        of the round with the higher p99.',
  );

  const workDir = join(CORPUS_ROOT, `serve-${process.pid}`);
  await mkdir(workDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  let origin: Origin | null = null;
  let worker: DevWorker | null = null;
  // Even if this process is torn down mid-run, the wrangler process group dies with it.
  const killOnExit = () => {
    if (worker) killGroup(worker.child, 'SIGKILL');
  };
  process.once('exit', killOnExit);
  try {
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const spec = { ...pipelineSpec(SERVE_FEEDS * 100), name: 'serve' };
    const { feeds } = generateFeeds(spec, now);
    const files = new Map(feeds.map((f) => [`/feeds/${f.meta.file}`, { body: f.bytes, type: f.meta.contentType }]));
    origin = await startOrigin(files);
    const sources = feeds.map((f) => ({ id: f.meta.sourceId, name: f.meta.sourceName, url: `${origin!.url}/feeds/${f.meta.file}` }));
    process.stdout.write('  bundling the Worker and starting wrangler dev on the bundle…');
    let t0 = performance.now();
    worker = await startWorker(workDir, token);
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
      // What feed readers send: informational, the target compares plain requests.
      { label: '/feed.xml Accept-Encoding: gzip', url: feedUrl, headers: { 'accept-encoding': 'gzip' } },
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
    const [health, feed, cond] = measured.map((m) => rate(m.results)) as [number, number, number, number];
    const only = (m: Measured, code: string) =>
      m.results.every((r) => Object.keys(r.statusCodeStats).every((c) => c === code) && r.errors === 0);
    return [
      target('serve', '/feed.xml answers 200 to every request under load', only(measured[1]!, '200'), statusSummary(measured[1]!.results)),
      target('serve', '/feed.xml ≥ 80% of /health’s request rate', feed >= 0.8 * health,
        `${fmt.rate(feed)} vs ${fmt.rate(health)} requests/s = ${((feed / health) * 100).toFixed(0)}%`),
      target('serve', 'a conditional request (If-None-Match: current ETag) answers 304',
        conditional.status === 304 && only(measured[2]!, '304'),
        `single request ${conditional.status}; under load ${statusSummary(measured[2]!.results)} at ${fmt.rate(cond)} requests/s`),
      target('serve', '/feed.xml with Accept-Encoding: gzip answers 200 under load', only(measured[3]!, '200'),
        `${statusSummary(measured[3]!.results)} at ${fmt.rate(rate(measured[3]!.results))} requests/s (information: no rate target)`),
    ];
  } catch (err) {
    if (worker) console.log(`wrangler output (tail):\n${worker.output().slice(-3000)}`);
    throw err;
  } finally {
    if (worker) await worker.stop().catch(() => killOnExit());
    process.removeListener('exit', killOnExit);
    if (origin) await origin.close().catch(() => {});
    await rm(workDir, { recursive: true, force: true });
  }
}
