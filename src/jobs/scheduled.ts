/**
 * The cron: refresh what is due. When more sources are due than one invocation may fetch (the
 * subrequest budget) and a queue is bound, the due sources are fanned out in batches on REFRESH_QUEUE
 * and the consumer (./queue.ts) refreshes them into the same state.
 */
import { loadConfig } from '../config/load';
import type { Env } from '../env';
import { isDue } from '../fetch/schedule';
import type { MarqueeConfig } from '../model';
import { itemsKey } from '../storage/keys';
import { commitStates, initialState, readStates, type StateRecord } from '../storage/source-state';
import { sourcesPerInvocation } from './budget';
import type { RefreshHooks } from './hooks';
import { describeRefresh } from './log';
import { refreshSources, type RefreshReport } from './refresh';

/** Enqueued sources are not enqueued again by the next ticks for this long (the consumer's window). */
export const QUEUE_LEASE_MINUTES = 30;
/** Queue.sendBatch takes at most 100 messages per call. */
const SEND_BATCH_MAX = 100;

export interface RefreshMessage {
  sourceIds: string[];
}

export type ScheduledResult =
  | { mode: 'inline'; report: RefreshReport }
  | { mode: 'queued'; batches: number; sources: number };

export async function runScheduledRefresh(env: Env, now: Date, hooks: RefreshHooks = {}): Promise<ScheduledResult> {
  const config = await loadConfig(env);
  const capacity = sourcesPerInvocation(env);
  const states = await readStates(env.MARQUEE_KV);
  const due = dueSourceIds(config, states, now);

  if (due.length > capacity && env.REFRESH_QUEUE) {
    try {
      return await fanOut(env, env.REFRESH_QUEUE, config, states, due, capacity, now);
    } catch (err) {
      // No queue (not created yet?): do what fits in this invocation; the rest stays due for the next tick.
      console.error(`refresh: enqueueing failed (${err instanceof Error ? err.message : String(err)}); refreshing in-line`);
      const report = await refreshSources(env, config, { now, only: due, force: true, limit: capacity, ...fetchDeps(hooks), onChanged: changedHook(env, config, hooks) });
      return { mode: 'inline', report };
    }
  }
  const report = await refreshSources(env, config, { now, limit: capacity, ...fetchDeps(hooks), onChanged: changedHook(env, config, hooks) });
  return { mode: 'inline', report };
}

/** Due sources, most overdue first (the same order refreshSources fetches in). */
export function dueSourceIds(config: MarqueeConfig, states: StateRecord, now: Date): string[] {
  return config.sources
    .filter((s) => {
      const st = states[s.id];
      // A source whose configured URL changed starts over, so it is due.
      return !st || st.configUrl !== s.url || isDue(st, now);
    })
    .sort((a, b) => Date.parse(states[a.id]?.nextFetchAt ?? '1970-01-01') - Date.parse(states[b.id]?.nextFetchAt ?? '1970-01-01'))
    .map((s) => s.id);
}

async function fanOut(
  env: Env,
  queue: Queue<unknown>,
  config: MarqueeConfig,
  states: StateRecord,
  due: string[],
  capacity: number,
  now: Date,
): Promise<ScheduledResult> {
  // Lease first, send second: a consumer may run as soon as the messages are sent, and its state write
  // must not be overwritten by this one.
  const lease = new Date(now.getTime() + QUEUE_LEASE_MINUTES * 60_000).toISOString();
  const leased: StateRecord = {};
  const sources = new Map(config.sources.map((s) => [s.id, s]));
  for (const id of due) {
    const prev = states[id] ?? initialState(sources.get(id)!.url);
    leased[id] = { ...prev, nextFetchAt: lease };
  }
  const configured = new Set(config.sources.map((s) => s.id));
  const removed = Object.keys(states).filter((id) => !configured.has(id));
  await Promise.all(removed.map((id) => env.MARQUEE_KV.delete(itemsKey(id))));
  await commitStates(env.MARQUEE_KV, leased, removed);

  const messages: MessageSendRequest<RefreshMessage>[] = [];
  for (let i = 0; i < due.length; i += capacity) messages.push({ body: { sourceIds: due.slice(i, i + capacity) } });
  for (let i = 0; i < messages.length; i += SEND_BATCH_MAX) {
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH_MAX));
  }
  return { mode: 'queued', batches: messages.length, sources: due.length };
}

export function fetchDeps(hooks: RefreshHooks): { fetch?: typeof fetch; random?: () => number } {
  return { ...(hooks.fetch ? { fetch: hooks.fetch } : {}), ...(hooks.random ? { random: hooks.random } : {}) };
}

export function changedHook(env: Env, config: MarqueeConfig, hooks: RefreshHooks): ((report: RefreshReport) => Promise<void>) | undefined {
  const onChanged = hooks.onChanged;
  return onChanged ? (report) => onChanged(env, config, report) : undefined;
}

export function createScheduledHandler(hooks: RefreshHooks = {}): ExportedHandlerScheduledHandler<Env> {
  return async (controller, env) => {
    const result = await runScheduledRefresh(env, new Date(controller.scheduledTime), hooks);
    if (result.mode === 'queued') console.log(`refresh: ${result.sources} due sources enqueued in ${result.batches} batches`);
    else console.log(describeRefresh('cron', result.report));
  };
}
