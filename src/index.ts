import type { Env } from './env';
import { createApp } from './http/app';
import type { RefreshHooks } from './jobs/hooks';
import { createQueueHandler } from './jobs/queue';
import { rebuild } from './jobs/rebuild';
import { createScheduledHandler } from './jobs/scheduled';

/** Refresh hooks shared by the cron, the queue consumer and POST /admin/refresh (onChanged: the rebuild). */
const hooks: RefreshHooks = {
  onChanged: async (env, config, report) => {
    // A failed rebuild keeps the previous documents served; the refresh itself has already been stored.
    await rebuild(env, config, new Date(report.at)).catch((err: unknown) => {
      console.error(`rebuild failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    });
  },
};

const app = createApp(hooks);

export default {
  fetch: app.fetch,
  scheduled: createScheduledHandler(hooks),
  queue: createQueueHandler(hooks),
} satisfies ExportedHandler<Env>;
