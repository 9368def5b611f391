/**
 * Compressed feeds through the real runtime: the Worker under `wrangler dev` fetches from an origin on
 * 127.0.0.1 that sends brotli, gzip and deflate bodies. The workerd tests cannot show brotli: there the
 * outbound mock hands the Worker the encoded bytes as they are, and web APIs have no brotli decoder.
 * workerd's own fetch decodes it, as Cloudflare's does. workerd sends no Accept-Encoding on a local
 * subrequest, so this origin compresses whatever the request says, as some servers do.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/e2e-env';
import { startDevWorker, type DevWorker } from '../../scripts/lib/wrangler-dev';

const TOKEN = 'encodings-admin-token';
const fixture = (name: string) => readFileSync(join(REPO_ROOT, 'fixtures/feeds', name));
const count = (name: string, tag: RegExp) => fixture(name).toString('utf8').match(tag)!.length;

const FEEDS = {
  variety: { file: 'variety.xml', encoding: 'br', type: 'application/rss+xml; charset=UTF-8', items: count('variety.xml', /<item>/g) },
  empire: { file: 'empire.atom', encoding: 'gzip', type: 'application/atom+xml', items: count('empire.atom', /<entry[\s>]/g) },
  deadline: { file: 'deadline.xml', encoding: 'deflate', type: 'application/rss+xml', items: count('deadline.xml', /<item>/g) },
} as const;

const compress = { br: brotliCompressSync, gzip: gzipSync, deflate: deflateSync } as const;

let origin: Server;
let originUrl = '';
let worker: DevWorker;
const seen: string[] = [];
const persistTo = mkdtempSync(join(tmpdir(), 'marquee-encodings-'));

beforeAll(async () => {
  origin = createServer((req, res) => {
    const id = (req.url ?? '').split('/')[1] as keyof typeof FEEDS;
    const feed = FEEDS[id];
    if (!feed) return void res.writeHead(404).end();
    seen.push(`${id} ${feed.encoding}`);
    res.writeHead(200, { 'content-type': feed.type, 'content-encoding': feed.encoding, vary: 'accept-encoding' });
    res.end(compress[feed.encoding](fixture(feed.file)));
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
  worker = await startDevWorker({ cwd: REPO_ROOT, persistTo, vars: { ADMIN_TOKEN: TOKEN } });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await new Promise<void>((resolve) => (origin ? origin.close(() => resolve()) : resolve()));
  rmSync(persistTo, { recursive: true, force: true });
});

describe('compressed feeds through workerd', () => {
  it('reads brotli, gzip and deflate bodies and stores every item', async () => {
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const config = {
      site: { title: 'Marquee', url: `${worker.url}/` },
      sources: Object.entries(FEEDS).map(([id, f]) => ({ id, name: id, url: `${originUrl}/${id}/${f.file}` })),
      fetch: { allowPrivateAddresses: true },
      curation: { maxAgeDays: 3650 },
    };
    const put = await fetch(`${worker.url}/admin/config`, { method: 'PUT', headers, body: JSON.stringify(config) });
    expect(put.status, await put.text()).toBe(200);
    const res = await fetch(`${worker.url}/admin/refresh?force=1`, { method: 'POST', headers });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { outcomes: unknown[] };
    expect(report.outcomes).toEqual(
      Object.entries(FEEDS).map(([id, f]) => expect.objectContaining({ id, outcome: 'updated', status: 200, itemCount: f.items })),
    );
    expect(seen.sort()).toEqual(['deadline deflate', 'empire gzip', 'variety br']);

    const health = (await (await fetch(`${worker.url}/health`)).json()) as { status: string };
    expect(health.status).toBe('ok');
    const feed = (await (await fetch(`${worker.url}/feed.json`)).json()) as { items: { _marquee: { sources: { source: string }[] } }[] };
    const outlets = new Set(feed.items.flatMap((i) => i._marquee.sources.map((s) => s.source)));
    expect([...outlets].sort()).toEqual(['deadline', 'empire', 'variety']);
  });
});
