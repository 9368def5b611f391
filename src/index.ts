import type { Env } from './env';
import { createApp } from './http/app';
import type { RefreshHooks } from './jobs/hooks';
import { createQueueHandler } from './jobs/queue';
import { createScheduledHandler } from './jobs/scheduled';

/** Refresh hooks shared by the cron, the queue consumer and POST /admin/refresh (onChanged: the rebuild). */
const hooks: RefreshHooks = {};

const app = createApp(hooks);

export default {
  fetch: app.fetch,
  scheduled: createScheduledHandler(hooks),
  queue: createQueueHandler(hooks),
} satisfies ExportedHandler<Env>;
