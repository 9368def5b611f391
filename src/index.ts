import type { Env } from './env';
import type { MarqueeConfig } from './model';
import { createApp } from './http/app';
import type { RefreshHooks } from './jobs/hooks';
import { createQueueHandler } from './jobs/queue';
import { rebuild } from './jobs/rebuild';
import { createScheduledHandler } from './jobs/scheduled';

// A failed rebuild keeps the previous documents served; the refresh or configuration is already stored.
const rebuildQuietly = (env: Env, config: MarqueeConfig, now: Date) =>
  rebuild(env, config, now).then(
    () => undefined,
    (err: unknown) => console.error(`rebuild failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  );

/** Hooks shared by the cron, the queue consumer and /admin (refresh and configuration changes). */
const hooks: RefreshHooks = {
  onChanged: (env, config, report) => rebuildQuietly(env, config, new Date(report.at)),
  // Sources, taxonomy or curation changed through /admin: the stories and tags may read differently now.
  onConfigChanged: (env, config) => rebuildQuietly(env, config, new Date()),
};

const app = createApp(hooks);

export default {
  fetch: app.fetch,
  scheduled: createScheduledHandler(hooks),
  queue: createQueueHandler(hooks),
} satisfies ExportedHandler<Env>;
