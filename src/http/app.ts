/**
 * The Worker's HTTP surface: one Hono app, one error boundary. Every error leaves as JSON
 * `{ error: { code, message } }`; stacks and internals stay in the logs.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Env } from '../env';
import type { RefreshHooks } from '../jobs/hooks';
import { adminRoutes } from './admin';
import { HttpError } from './errors';
import { healthRoutes } from './health';
import { publicRoutes } from './public';

export { HttpError } from './errors';

export type AppEnv = { Bindings: Env };

export function createApp(hooks: RefreshHooks = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      return c.json({ error: { code: err.code, message: err.message, ...err.details } }, err.status);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      return c.json({ error: { code: status === 401 ? 'UNAUTHORIZED' : 'HTTP_ERROR', message: err.message || 'request failed' } }, status);
    }
    console.error(`unhandled error on ${c.req.method} ${new URL(c.req.url).pathname}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500);
  });
  app.notFound((c) => c.json({ error: { code: 'NOT_FOUND', message: `no route for ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404));

  app.route('/', healthRoutes());
  app.route('/admin', adminRoutes(hooks));
  app.route('/', publicRoutes);

  return app;
}
