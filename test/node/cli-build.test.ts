/**
 * The offline pipeline from the command line (`check` and `build`), and the promise that the CLI and
 * the Worker produce the same merged feed from the same inputs: the demo configuration is built once
 * by the CLI from local files and once by the real Worker (wrangler dev) fetching the same files from
 * a local origin, and the stories are compared.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localConfig } from '../../scripts/lib/demo-config';
import { REPO_ROOT } from '../../scripts/lib/e2e-env';
import { startFixtureOrigin, type FixtureOrigin } from '../../scripts/lib/fixture-origin';
import { startDevWorker, type DevWorker } from '../../scripts/lib/wrangler-dev';

const DEMO = 'fixtures/config/demo.json';

interface FeedItem {
  id: string;
  title: string;
  date_published: string;
  tags?: string[];
  _marquee: { sources: Array<{ source: string; url: string | null; title: string | null }> };
}
interface JsonFeed {
  items: FeedItem[];
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npm', ['run', '-s', 'cli', '--', ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function readFeed(dir: string): JsonFeed {
  return JSON.parse(readFileSync(join(dir, 'feed.json'), 'utf8')) as JsonFeed;
}

/** What must not differ between two builds of the same inputs: which stories, and who carried each. */
function storyShape(feed: JsonFeed): Map<string, { title: string; sources: string[] }> {
  return new Map(
    feed.items.map((i) => [i.id, { title: i.title, sources: i._marquee.sources.map((s) => `${s.source} ${s.url}`).sort() }]),
  );
}

const work = mkdtempSync(join(tmpdir(), 'marquee-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('marquee check', () => {
  it('accepts the shipped configurations', () => {
    for (const file of ['src/config/default.json', DEMO]) {
      const r = cli(['check', '--config', file]);
      expect(r.stderr + r.stdout).toMatch(/ok/i);
      expect(r.status).toBe(0);
    }
  });

  it('names the JSON path of every problem and exits 1', () => {
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, DEMO), 'utf8'));
    demo.sources[1].url = 'ftp://deadline.com/feed/';
    demo.sources[2].id = demo.sources[0].id;
    demo.curation.maxItems = -3;
    const file = join(work, 'bad.json');
    writeFileSync(file, JSON.stringify(demo));
    const r = cli(['check', '--config', file]);
    expect(r.status).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out).toContain('$.sources[1].url');
    expect(out).toContain('$.sources[2].id');
    expect(out).toContain('$.curation.maxItems');
  });
});

describe('marquee build', () => {
  const out = join(work, 'site');
  let first: JsonFeed;

  it('writes the four documents and merges the same story across outlets', () => {
    const r = cli(['build', '--config', DEMO, '--out', out, '--now', '2026-11-20T12:00:00Z']);
    expect(r.status, r.stderr).toBe(0);
    for (const f of ['feed.xml', 'atom.xml', 'feed.json', 'index.html', 'ledger.json']) expect(existsSync(join(out, f))).toBe(true);
    expect(r.stderr).toMatch(/^variety: ok \d+ items$/m);
    expect(readFileSync(join(out, 'feed.xml'), 'utf8')).toMatch(/^<\?xml[^>]*\?>\s*<rss version="2.0"/);
    expect(readFileSync(join(out, 'atom.xml'), 'utf8')).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');

    first = readFeed(out);
    const cliff = first.items.filter((i) => /cliff|ramp|base jump|motorcycle|motorbike/i.test(i.title) && /cruise/i.test(i.title));
    expect(cliff.length).toBeGreaterThan(0);
    // The cliff jump is one entry carried by several outlets, not one entry an outlet.
    const biggest = Math.max(...cliff.map((i) => new Set(i._marquee.sources.map((s) => s.source)).size));
    expect(biggest).toBeGreaterThanOrEqual(4);
    const ids = first.items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every id and never moves a date forward on the next build', () => {
    const r = cli(['build', '--config', DEMO, '--out', out, '--now', '2026-11-21T09:30:00Z']);
    expect(r.status, r.stderr).toBe(0);
    const second = readFeed(out);
    expect([...storyShape(second).keys()].sort()).toEqual([...storyShape(first).keys()].sort());
    const before = new Map(first.items.map((i) => [i.id, i.date_published]));
    for (const item of second.items) expect(Date.parse(item.date_published)).toBeLessThanOrEqual(Date.parse(before.get(item.id)!));
  });
});

describe('the Worker and the CLI', () => {
  let origin: FixtureOrigin;
  let worker: DevWorker;
  const token = 'parity-admin-token';

  beforeAll(async () => {
    origin = await startFixtureOrigin({ root: join(REPO_ROOT, 'fixtures') });
    worker = await startDevWorker({ cwd: REPO_ROOT, persistTo: join(work, 'state'), vars: { ADMIN_TOKEN: token } });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await origin?.close();
  });

  it('produce the same merged feed from the same inputs', async () => {
    const demo = JSON.parse(readFileSync(join(REPO_ROOT, DEMO), 'utf8'));
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const put = await fetch(`${worker.url}/admin/config`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(localConfig(demo, origin.url, worker.url)),
    });
    expect(put.status, await put.text()).toBe(200);
    const refresh = await fetch(`${worker.url}/admin/refresh?force=1`, { method: 'POST', headers });
    expect(refresh.status, await refresh.text()).toBe(200);

    const served = (await (await fetch(`${worker.url}/feed.json`)).json()) as JsonFeed;
    const built = join(work, 'parity');
    const r = cli(['build', '--config', DEMO, '--out', built]);
    expect(r.status, r.stderr).toBe(0);

    // Source URLs differ only by where the files were read from; compare them as fixture paths.
    const local = (s: string) => s.replaceAll(`${origin.url}/`, '');
    const worker_ = new Map([...storyShape(served)].map(([id, v]) => [id, { ...v, sources: v.sources.map(local) }]));
    const cli_ = storyShape(readFeed(built));
    expect(worker_.size).toBeGreaterThan(20);
    expect(worker_).toEqual(cli_);
  });
});
