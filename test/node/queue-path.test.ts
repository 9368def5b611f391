/**
 * Past one invocation, through a real queue: the Worker under `wrangler dev` (local queue and KV, the
 * bindings of wrangler.toml) with a subrequest budget of 5 (4 sources per invocation) and the 13 demo
 * sources on a fixture origin. The cron sends the due sources to REFRESH_QUEUE in batches, the local
 * queue delivers them to the same Worker's consumer, and every source's results land in the one
 * state record. The workerd tests cover each half with a recording producer and hand-made batches;
 * this covers the delivery between them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_PATH, localConfig } from '../../scripts/lib/demo-config';
import { REPO_ROOT } from '../../scripts/lib/e2e-env';
import { startFixtureOrigin, type FixtureOrigin } from '../../scripts/lib/fixture-origin';
import { startDevWorker, type DevWorker } from '../../scripts/lib/wrangler-dev';

const TOKEN = 'queue-admin-token';
const demo = JSON.parse(readFileSync(join(REPO_ROOT, DEMO_CONFIG_PATH), 'utf8')) as { sources: { id: string; url: string }[] };
const SOURCES = demo.sources.length;
const PER_INVOCATION = 4;

let origin: FixtureOrigin;
let worker: DevWorker;
const lines: string[] = [];
const persistTo = mkdtempSync(join(tmpdir(), 'marquee-queue-'));

interface Health {
  status: string;
  sources: { id: string; status: string; itemCount: number; lastSuccessAt: string | null; nextFetchAt: string | null }[];
}

async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== null) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the Worker logged:\n${lines.join('\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  origin = await startFixtureOrigin({ root: join(REPO_ROOT, 'fixtures') });
  worker = await startDevWorker({
    cwd: REPO_ROOT,
    persistTo,
    vars: { ADMIN_TOKEN: TOKEN, SUBREQUEST_BUDGET: '5' },
    onLine: (line) => lines.push(line),
  });
  const put = await fetch(`${worker.url}/admin/config`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(localConfig(demo, origin.url, worker.url)),
  });
  expect(put.status, await put.text()).toBe(200);
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await origin?.close();
  rmSync(persistTo, { recursive: true, force: true });
});

describe('the Queue path under wrangler dev', () => {
  it('fans the due sources out in batches, and the consumer refreshes every one into the same state', async () => {
    const before = (await (await fetch(`${worker.url}/health`)).json()) as Health;
    expect(before.sources.map((s) => s.status)).toEqual(Array(SOURCES).fill('pending'));

    const tick = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
    expect(tick.status).toBe(200);
    const batches = Math.ceil(SOURCES / PER_INVOCATION);
    await until('the cron to enqueue', async () =>
      lines.some((l) => l === `refresh: ${SOURCES} due sources enqueued in ${batches} batches`) ? true : null,
    );

    const health = await until('every source to be refreshed by the consumer', async () => {
      const h = (await (await fetch(`${worker.url}/health`)).json()) as Health;
      return h.sources.every((s) => s.status === 'ok') ? h : null;
    });
    expect(health.status).toBe('ok');
    for (const s of health.sources) expect(s.itemCount).toBeGreaterThan(0);
    // Each consumer invocation fetched at most its own budget's worth.
    const consumed = lines.filter((l) => l.startsWith('refresh (queue): ')).map((l) => Number(/(\d+) fetched/.exec(l)![1]));
    expect(consumed.length).toBe(batches);
    expect(consumed.every((n) => n <= PER_INVOCATION)).toBe(true);
    expect(consumed.reduce((a, b) => a + b, 0)).toBe(SOURCES);
    // One GET per source: no batch was delivered twice.
    expect(origin.log.filter((l) => l.startsWith('GET /feeds/')).length).toBe(SOURCES);

    // The merged feed was rebuilt from the consumer's results.
    const feed = await fetch(`${worker.url}/feed.json`);
    expect(feed.status).toBe(200);
    const sources = new Set(((await feed.json()) as { items: { _marquee: { sources: { source: string }[] } }[] }).items.flatMap((i) => i._marquee.sources.map((s) => s.source)));
    expect(sources.size).toBeGreaterThan(SOURCES / 2);

    // The next tick finds nothing due: the leases and then the fetched sources' schedules hold.
    lines.length = 0;
    await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('*/15 * * * *')}`);
    await until('the next tick', async () => (lines.some((l) => l.startsWith('refresh (cron): nothing due')) ? true : null));
  }, 120_000);
});
