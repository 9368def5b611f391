/**
 * `npm start` as a newcomer runs it: the demo comes up (on its own ports and fresh local storage here),
 * lists its first refresh, prints the URLs, runs the cron by itself (wrangler dev does not fire Cron
 * Triggers) and prints every refresh the Worker logs — a cron tick that fetches a source added through
 * the admin API, a POST /admin/refresh — and Ctrl-C stops the Worker and the fixture origin.
 * The tests in this file run in order against one demo.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminTokenFrom, DEMO_CONFIG_PATH } from '../../scripts/lib/demo-config';
import { REPO_ROOT } from '../../scripts/lib/e2e-env';
import { freePort, killGroupAfter } from '../../scripts/lib/wrangler-dev';

const DEV_VARS = join(REPO_ROOT, '.dev.vars');
const demoSources = (JSON.parse(readFileSync(join(REPO_ROOT, DEMO_CONFIG_PATH), 'utf8')) as { sources: { id: string }[] }).sources.map((s) => s.id);
const ENTITY_HEAVY_ITEMS = readFileSync(join(REPO_ROOT, 'fixtures/parse/entity-heavy.xml'), 'utf8').match(/<item>/g)!.length;

let demo: ChildProcess;
let out = '';
/** Resolves when every process holding the demo's output has closed it (npm, tsx, the demo). */
let closed: Promise<void>;
let workerUrl = '';
let originUrl = '';
let token = '';
let stopped = false;
const devVarsExisted = existsSync(DEV_VARS);
const persistTo = mkdtempSync(join(tmpdir(), 'marquee-demo-'));

/** Waits until the demo's output matches, and returns the match. */
async function waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = out.match(pattern);
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`the demo never printed ${pattern}; it printed:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const admin = (method: string, path: string, body?: unknown) =>
  fetch(`${workerUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` }, ...(body ? { body: JSON.stringify(body) } : {}) });

function interrupt(): void {
  try {
    process.kill(-demo.pid!, 'SIGINT');
  } catch {
    /* already gone */
  }
}

beforeAll(async () => {
  const [port, fixturePort] = [await freePort(), await freePort()];
  demo = spawn('npm', ['start'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      MARQUEE_PORT: String(port),
      MARQUEE_FIXTURE_PORT: String(fixturePort),
      // A tick every 3 seconds instead of every 15 minutes.
      MARQUEE_CRON_MINUTES: '0.05',
      MARQUEE_PERSIST_TO: persistTo,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  demo.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  demo.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  closed = new Promise((resolve) => demo.once('close', () => resolve()));
  await waitFor(/Marquee is running/, 120_000);
  workerUrl = (await waitFor(/Health: +(http:\/\/127\.0\.0\.1:\d+)\/health/))[1]!;
  originUrl = (await waitFor(/Fixture origin serving fixtures\/ on (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  token = adminTokenFrom(readFileSync(DEV_VARS, 'utf8'))!;
}, 150_000);

afterAll(async () => {
  if (demo && !stopped) {
    interrupt();
    await killGroupAfter(demo.pid!, closed, 15_000);
  }
  rmSync(persistTo, { recursive: true, force: true });
  if (!devVarsExisted) rmSync(DEV_VARS, { force: true });
}, 30_000);

describe('npm start', () => {
  it('lists the first refresh of every demo source and prints the URLs, which serve the merged feed', async () => {
    expect(out).toContain(`Stored the demo configuration (${DEMO_CONFIG_PATH}: ${demoSources.length} sources).`);
    for (const id of demoSources) expect(out).toMatch(new RegExp(`^  ${id} +updated +\\d+ items$`, 'm'));
    const stories = Number((await waitFor(/Built the merged feed: (\d+) stories\./))[1]);
    expect(stories).toBeGreaterThan(10);
    expect(out).toContain(`RSS:             ${workerUrl}/feed.xml`);
    const rss = await fetch(`${workerUrl}/feed.xml`);
    expect(rss.status).toBe(200);
    expect((await rss.text()).match(/<item>/g)).toHaveLength(stories);
  });

  it('runs the cron by itself: a source added through the admin API is fetched on the next tick', async () => {
    await waitFor(/refresh \(cron\): nothing due \(\d+ sources\)/);
    const added = await admin('POST', '/admin/sources', { id: 'entity-heavy', name: 'Entity Heavy Trade', url: `${originUrl}/parse/entity-heavy.xml` });
    expect(added.status, await added.text()).toBe(201);
    await waitFor(new RegExp(`refresh \\(cron\\): 1 fetched, ${demoSources.length} not due, items changed: rebuilding\\n +entity-heavy: updated \\(200\\), ${ENTITY_HEAVY_ITEMS} items`));
    const health = (await (await fetch(`${workerUrl}/health`)).json()) as { sources: { id: string; status: string; itemCount: number }[] };
    expect(health.sources.find((s) => s.id === 'entity-heavy')).toMatchObject({ status: 'ok', itemCount: ENTITY_HEAVY_ITEMS });
  });

  it('prints a refresh asked for with POST /admin/refresh (and did not print its own first one twice)', async () => {
    expect(out).not.toMatch(/refresh \(admin\)/);
    const res = await admin('POST', '/admin/refresh?force=1&source=deadline,variety');
    expect(res.status).toBe(200);
    await waitFor(/refresh \(admin\): 2 fetched, nothing changed\n +deadline: not-modified \(304\), \d+ items, next [^\n]+\n +variety: not-modified \(304\)/);
  });

  it('Ctrl-C stops the Worker and the fixture origin', async () => {
    // What a terminal does on Ctrl-C: SIGINT to the whole foreground group (npm, tsx, the demo).
    interrupt();
    await closed;
    stopped = true;
    expect(out).toContain('Stopping…');
    await expect(fetch(`${workerUrl}/health`)).rejects.toThrow();
    await expect(fetch(`${originUrl}/feeds/variety.xml`)).rejects.toThrow();
  }, 30_000);
});
