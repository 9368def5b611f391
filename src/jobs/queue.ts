/**
 * The queue consumer: refreshes the sources the cron enqueued ({ sourceIds }) into the same state.
 * Each consumer invocation has its own subrequest budget, so it takes messages while they fit and hands
 * the rest back to the queue. wrangler.toml delivers one message per batch, so normally all fit.
 */
import { loadConfig } from '../config/load';
import type { Env } from '../env';
import { sourcesPerInvocation } from './budget';
import type { RefreshHooks } from './hooks';
import { describeRefresh } from './log';
import { refreshSources, type RefreshReport } from './refresh';
import { changedHook, fetchDeps, type RefreshMessage } from './scheduled';

/** A message handed back because the invocation's budget was spent comes again after this delay. */
const OVER_BUDGET_RETRY_SECONDS = 30;

export function isRefreshMessage(body: unknown): body is RefreshMessage {
  return (
    typeof body === 'object' &&
    body !== null &&
    Array.isArray((body as RefreshMessage).sourceIds) &&
    (body as RefreshMessage).sourceIds.every((id) => typeof id === 'string')
  );
}

export async function consumeRefreshBatch(batch: MessageBatch<unknown>, env: Env, now: Date, hooks: RefreshHooks = {}): Promise<RefreshReport | null> {
  const capacity = sourcesPerInvocation(env);
  const ids: string[] = [];
  const taken: Message<unknown>[] = [];
  for (const msg of batch.messages) {
    if (!isRefreshMessage(msg.body)) {
      console.warn(`refresh queue: dropping malformed message ${msg.id}`);
      msg.ack();
      continue;
    }
    if (taken.length > 0 && ids.length + msg.body.sourceIds.length > capacity) {
      msg.retry({ delaySeconds: OVER_BUDGET_RETRY_SECONDS });
      continue;
    }
    ids.push(...msg.body.sourceIds);
    taken.push(msg);
  }
  if (taken.length === 0) return null;
  try {
    const config = await loadConfig(env);
    // The cron enqueued these because they were due and leased them; Retry-After is still honoured.
    const report = await refreshSources(env, config, {
      now,
      only: ids,
      force: true,
      limit: capacity,
      ...fetchDeps(hooks),
      onChanged: changedHook(env, config, hooks),
    });
    for (const msg of taken) msg.ack();
    return report;
  } catch (err) {
    // Per-source failures never get here; this is KV or configuration trouble: try the batch again later.
    console.error(`refresh queue: ${err instanceof Error ? err.message : String(err)}`);
    for (const msg of taken) msg.retry();
    return null;
  }
}

export function createQueueHandler(hooks: RefreshHooks = {}): ExportedHandlerQueueHandler<Env, unknown> {
  return async (batch, env) => {
    const report = await consumeRefreshBatch(batch, env, new Date(), hooks);
    if (report) console.log(describeRefresh('queue', report));
  };
}
