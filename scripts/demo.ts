/**
 * `npm start`: Marquee running locally with no network and no Cloudflare account.
 *
 *  1. serves fixtures/ on 127.0.0.1 (ETag, Last-Modified, 304) as the "outlets";
 *  2. makes sure .dev.vars exists (copied from .dev.vars.example) for the admin token;
 *  3. runs the Worker with `wrangler dev` in local mode on 127.0.0.1:8787 (local KV under .wrangler/);
 *  4. stores the demo configuration (fixtures/config/demo.json pointed at the local origin) through
 *     PUT /admin/config and runs a first refresh (POST /admin/refresh?force=1);
 *  5. prints the URLs to open and to subscribe to;
 *  6. runs the cron every 15 minutes (wrangler dev does not fire Cron Triggers by itself) and prints
 *     every refresh as the Worker logs it: the cron's, and those asked for with POST /admin/refresh.
 * Ctrl-C stops everything.
 *
 * MARQUEE_PORT and MARQUEE_FIXTURE_PORT change the ports, MARQUEE_CRON_MINUTES the local cron's period
 * (0 turns it off), MARQUEE_PERSIST_TO where local KV lives (default .wrangler/state).
 */
import { copyFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminTokenFrom, demoConfig, DEMO_CONFIG_PATH } from './lib/demo-config';
import { startFixtureOrigin, type FixtureOrigin } from './lib/fixture-origin';
import { startDevWorker, type DevWorker } from './lib/wrangler-dev';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKER_PORT = Number(process.env.MARQUEE_PORT ?? 8787);
const ORIGIN_PORT = Number(process.env.MARQUEE_FIXTURE_PORT ?? 8788);
/** The Cron Trigger in wrangler.toml; the local cron sends it with every tick. */
const CRON = '*/15 * * * *';
const CRON_MINUTES = Number(process.env.MARQUEE_CRON_MINUTES ?? 15);
const PERSIST_TO = process.env.MARQUEE_PERSIST_TO || undefined;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

const clock = () => new Date().toTimeString().slice(0, 8);

/**
 * The Worker's own log entries among wrangler's output: a refresh summary (cron, queue or admin) and
 * its indented per-source lines, and the errors the Worker logs. Everything else wrangler prints
 * (request lines, banners) is left out, and so is the entry of the demo's own first refresh, which
 * the demo lists itself.
 */
function workerLogFilter(print: (line: string) => void): (line: string) => void {
  let entry: 'none' | 'shown' | 'hidden' = 'none';
  let firstAdminRefresh = true;
  return (line) => {
    if (/^(refresh\b|rebuild failed|unhandled error|stored configuration)/.test(line)) {
      entry = firstAdminRefresh && line.startsWith('refresh (admin)') ? 'hidden' : 'shown';
      if (line.startsWith('refresh (admin)')) firstAdminRefresh = false;
      if (entry === 'shown') print(`[${clock()}] ${line}`);
    } else if (entry !== 'none' && line.startsWith('  ')) {
      if (entry === 'shown') print(`           ${line}`);
    } else {
      entry = 'none';
    }
  };
}

/** wrangler dev does not fire Cron Triggers: tick at every multiple of the period, as the cron would. */
function startLocalCron(url: string, minutes: number): () => void {
  const period = minutes * 60_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const now = Date.now();
    timer = setTimeout(tick, Math.floor(now / period) * period + period - now);
  };
  const tick = async () => {
    try {
      const res = await fetch(`${url}/__scheduled?cron=${encodeURIComponent(CRON)}`);
      await res.arrayBuffer();
      if (!res.ok) say(`[${clock()}] local cron: the Worker answered ${res.status}`);
    } catch (err) {
      if (!stopped) say(`[${clock()}] local cron: ${(err as Error).message}`);
    }
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

async function ensureDevVars(): Promise<string> {
  const path = join(ROOT, '.dev.vars');
  if (!existsSync(path)) {
    await copyFile(join(ROOT, '.dev.vars.example'), path);
    say('Created .dev.vars from .dev.vars.example (local admin token).');
  }
  const token = adminTokenFrom(await readFile(path, 'utf8'));
  if (!token) throw new Error('.dev.vars has no ADMIN_TOKEN=… line; copy .dev.vars.example over it.');
  return token;
}

async function admin(worker: DevWorker, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${worker.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 2000)}`);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function startOrigin(): Promise<FixtureOrigin> {
  try {
    return await startFixtureOrigin({ root: join(ROOT, 'fixtures'), port: ORIGIN_PORT });
  } catch {
    return startFixtureOrigin({ root: join(ROOT, 'fixtures') });
  }
}

async function main(): Promise<void> {
  process.env.WRANGLER_SEND_METRICS = 'false';
  if (!(CRON_MINUTES >= 0)) throw new Error(`MARQUEE_CRON_MINUTES must be a number of minutes (0 turns the local cron off), not "${process.env.MARQUEE_CRON_MINUTES}"`);
  const token = await ensureDevVars();
  const origin = await startOrigin();
  say(`Fixture origin serving fixtures/ on ${origin.url}`);
  say(`Starting the Worker (wrangler dev, local mode) on 127.0.0.1:${WORKER_PORT}…`);
  const workerLog = workerLogFilter(say);
  let worker: DevWorker;
  try {
    worker = await startDevWorker({ cwd: ROOT, port: WORKER_PORT, onLine: workerLog, ...(PERSIST_TO ? { persistTo: PERSIST_TO } : {}) });
  } catch (err) {
    await origin.close();
    throw err;
  }

  let stopping = false;
  let stopCron = () => {};
  const stop = async (code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      stopCron();
      say('\nStopping…');
      await worker.stop();
      await origin.close();
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const config = await demoConfig(ROOT, origin.url, worker.url);
    await admin(worker, token, 'PUT', '/admin/config', config);
    say(`Stored the demo configuration (${DEMO_CONFIG_PATH}: ${config.sources?.length ?? 0} sources).`);
    const refresh = (await admin(worker, token, 'POST', '/admin/refresh?force=1')) as {
      outcomes?: Array<{ id: string; outcome: string; itemCount: number }>;
    };
    for (const o of refresh.outcomes ?? []) say(`  ${o.id.padEnd(28)} ${o.outcome.padEnd(12)} ${o.itemCount} items`);
    const feed = await fetch(`${worker.url}/feed.json`);
    const stories = feed.ok ? ((await feed.json()) as { items: unknown[] }).items.length : 0;
    say(feed.ok ? `Built the merged feed: ${stories} stories.` : `The feed is not built yet (${feed.status}); check /health.`);
  } catch (err) {
    say(`\nSetting up the demo failed: ${(err as Error).message}`);
    say(worker.output().slice(-3000));
    await stop(1);
  }

  const u = worker.url;
  say(`
Marquee is running.

  Read it:         ${u}/
  RSS:             ${u}/feed.xml
  Atom:            ${u}/atom.xml
  JSON Feed:       ${u}/feed.json
  A tag feed:      ${u}/tags/<tag>/feed.xml  (tag chips on the page link to them)
  Sources (OPML):  ${u}/opml.xml
  Health:          ${u}/health

  Subscribe with newsboat:
    echo '${u}/feed.xml' > /tmp/marquee-urls && newsboat -u /tmp/marquee-urls

  Refresh now:     curl -X POST -H 'Authorization: Bearer <ADMIN_TOKEN from .dev.vars>' '${u}/admin/refresh?force=1'
  The cron:        ${CRON_MINUTES > 0 ? `runs here every ${CRON_MINUTES} minutes (wrangler dev does not fire Cron Triggers itself)` : 'off (MARQUEE_CRON_MINUTES=0)'}
  Run it now:      curl '${u}/__scheduled?cron=*/15+*+*+*+*'

Every refresh, the cron's and POST /admin/refresh's, is printed below as the Worker logs it.
Ctrl-C stops the Worker and the fixture origin.
`);
  if (CRON_MINUTES > 0) stopCron = startLocalCron(u, CRON_MINUTES);
  await new Promise(() => {});
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
