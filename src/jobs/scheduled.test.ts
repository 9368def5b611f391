import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { beforeEach, describe, expect, it } from 'vitest';
import deadlineSyndicated from '../../fixtures/feeds/deadline-syndicated.xml?raw';
import { FakeOrigin, clearKv, feedResponse } from '../../test/helpers/fake-origin';
import { validateConfig } from '../config/validate';
import type { Env } from '../env';
import { writeStoredConfig } from '../storage/config-store';
import { readSourceItems } from '../storage/source-items';
import { readStates } from '../storage/source-state';
import { createQueueHandler } from './queue';
import { QUEUE_LEASE_MINUTES, runScheduledRefresh, type RefreshMessage } from './scheduled';

const baseEnv = env as unknown as Env;
const kv = baseEnv.MARQUEE_KV;
const T0 = new Date('2023-10-21T00:00:00Z');
const outlets = Array.from({ length: 10 }, (_, i) => ({ id: `outlet-${i}`, name: `Outlet ${i}`, url: `https://outlet${i}.example.com/feed/` }));

function originFor(sources = outlets): FakeOrigin {
  const origin = new FakeOrigin();
  for (const s of sources) origin.on(s.url, () => feedResponse(deadlineSyndicated, { etag: `"${s.id}"` }));
  return origin;
}

/** A Queue binding that records what the cron sends. */
function recordingQueue(fail = false): { queue: Queue<unknown>; sent: MessageSendRequest<unknown>[][] } {
  const sent: MessageSendRequest<unknown>[][] = [];
  const queue = {
    async send() {
      throw new Error('use sendBatch');
    },
    async sendBatch(messages: Iterable<MessageSendRequest<unknown>>) {
      if (fail) throw new Error('Queue marquee-refresh does not exist');
      sent.push([...messages]);
    },
  } as unknown as Queue<unknown>;
  return { queue, sent };
}

async function storeConfig(sources = outlets): Promise<void> {
  const r = validateConfig({ site: { title: 'Marquee', url: 'https://marquee.example.com/' }, sources });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  await writeStoredConfig(kv, r.config);
}

beforeEach(async () => {
  await clearKv(kv);
  await storeConfig();
});

describe('cron', () => {
  it('refreshes in-line when the due sources fit the subrequest budget', async () => {
    const { queue, sent } = recordingQueue();
    const origin = originFor();
    const result = await runScheduledRefresh({ ...baseEnv, REFRESH_QUEUE: queue, SUBREQUEST_BUDGET: '50' }, T0, { fetch: origin.fetch });
    expect(result.mode).toBe('inline');
    if (result.mode === 'inline') expect(result.report).toMatchObject({ fetched: 10, changed: true });
    expect(sent).toEqual([]);
    expect(origin.requests).toHaveLength(10);
  });

  it('fans out in batches on the queue when more sources are due than one invocation may fetch', async () => {
    const { queue, sent } = recordingQueue();
    const origin = originFor();
    // Budget 5 keeps 1 in reserve: 4 sources per invocation.
    const testEnv = { ...baseEnv, REFRESH_QUEUE: queue, SUBREQUEST_BUDGET: '5' };
    const result = await runScheduledRefresh(testEnv, T0, { fetch: origin.fetch });
    expect(result).toEqual({ mode: 'queued', batches: 3, sources: 10 });
    expect(origin.requests).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.map((m) => (m.body as RefreshMessage).sourceIds)).toEqual([
      ['outlet-0', 'outlet-1', 'outlet-2', 'outlet-3'],
      ['outlet-4', 'outlet-5', 'outlet-6', 'outlet-7'],
      ['outlet-8', 'outlet-9'],
    ]);
    // Leased, so the next tick does not enqueue them again while the consumer works.
    const states = await readStates(kv);
    const lease = new Date(T0.getTime() + QUEUE_LEASE_MINUTES * 60_000).toISOString();
    expect(Object.values(states).map((s) => s.nextFetchAt)).toEqual(Array(10).fill(lease));
    const nextTick = await runScheduledRefresh(testEnv, new Date(T0.getTime() + 15 * 60_000), { fetch: origin.fetch });
    expect(nextTick.mode).toBe('inline');
    if (nextTick.mode === 'inline') expect(nextTick.report.fetched).toBe(0);
    expect(sent).toHaveLength(1);

    // The consumer refreshes each batch into the same state record.
    const handler = createQueueHandler({ fetch: origin.fetch, random: () => 0.5 });
    for (const [n, message] of sent[0]!.entries()) {
      const batch = createMessageBatch<unknown>('marquee-refresh', [{ id: `msg-${n}`, timestamp: T0, attempts: 1, body: message.body }]);
      const ctx = createExecutionContext();
      await handler(batch, testEnv, ctx);
      const result = await getQueueResult(batch, ctx);
      expect(result).toMatchObject({ outcome: 'ok', explicitAcks: [`msg-${n}`], retryMessages: [] });
    }
    expect(origin.requests.map((r) => r.url).sort()).toEqual(outlets.map((s) => s.url).sort());
    const after = await readStates(kv);
    for (const s of outlets) {
      expect(after[s.id]).toMatchObject({ etag: `"${s.id}"`, itemCount: 3, consecutiveFailures: 0 });
      expect((await readSourceItems(kv, s.id))?.items).toHaveLength(3);
    }
  });

  it('the consumer hands back messages beyond its own budget', async () => {
    const origin = originFor();
    const testEnv = { ...baseEnv, SUBREQUEST_BUDGET: '5' };
    const batch = createMessageBatch<unknown>('marquee-refresh', [
      { id: 'a', timestamp: T0, attempts: 1, body: { sourceIds: ['outlet-0', 'outlet-1', 'outlet-2'] } },
      { id: 'b', timestamp: T0, attempts: 1, body: { sourceIds: ['outlet-3', 'outlet-4'] } },
      { id: 'junk', timestamp: T0, attempts: 1, body: 'refresh everything' },
    ]);
    const ctx = createExecutionContext();
    await createQueueHandler({ fetch: origin.fetch })(batch, testEnv, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(['a', 'junk']);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['b']);
    expect(origin.requests.map((r) => r.url)).toEqual(outlets.slice(0, 3).map((s) => s.url));
  });

  it('refreshes what fits in-line when the queue cannot take the batches', async () => {
    const { queue } = recordingQueue(true);
    const origin = originFor();
    const result = await runScheduledRefresh({ ...baseEnv, REFRESH_QUEUE: queue, SUBREQUEST_BUDGET: '5' }, T0, { fetch: origin.fetch });
    expect(result.mode).toBe('inline');
    if (result.mode === 'inline') {
      expect(result.report.fetched).toBe(4);
      expect(result.report.outcomes.filter((o) => o.outcome === 'deferred')).toHaveLength(6);
    }
    expect(origin.requests).toHaveLength(4);
  });

  it('without a queue binding, fetches the most overdue within the budget and leaves the rest due', async () => {
    const origin = originFor();
    const testEnv = { ...baseEnv, REFRESH_QUEUE: undefined, SUBREQUEST_BUDGET: '5' };
    await runScheduledRefresh(testEnv, T0, { fetch: origin.fetch });
    expect(origin.requests).toHaveLength(4);
    await runScheduledRefresh(testEnv, new Date(T0.getTime() + 15 * 60_000), { fetch: origin.fetch });
    expect(origin.requests.slice(4).map((r) => r.url)).toEqual(outlets.slice(4, 8).map((s) => s.url));
  });
});
