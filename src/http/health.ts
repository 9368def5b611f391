/**
 * GET /health: every configured source's fetch state and an overall status, as JSON. Nothing secret:
 * state holds no credentials, and query strings that look like keys are masked.
 */
import { Hono } from 'hono';
import { loadConfigWithOrigin } from '../config/load';
import type { Env } from '../env';
import type { SourceState } from '../storage/source-state';
import { readStates } from '../storage/source-state';

export type SourceHealth = 'ok' | 'pending' | 'failing' | 'gone';
export type OverallHealth = 'ok' | 'degraded' | 'failing';

const SECRET_PARAM = /token|key|secret|pass|auth|sig|session/i;

export function sourceHealth(state: SourceState | undefined): SourceHealth {
  if (!state || !state.lastFetchAt) return 'pending';
  if (state.gone) return 'gone';
  return state.consecutiveFailures > 0 ? 'failing' : 'ok';
}

/** ok: every fetched source answers; failing: none does; degraded: in between. */
export function overallHealth(statuses: SourceHealth[]): OverallHealth {
  const fetched = statuses.filter((s) => s !== 'pending');
  const bad = fetched.filter((s) => s === 'failing' || s === 'gone').length;
  if (bad === 0) return 'ok';
  return bad === fetched.length ? 'failing' : 'degraded';
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const name of [...u.searchParams.keys()]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, '***');
    return u.href;
  } catch {
    return url;
  }
}

export function healthRoutes(): Hono<{ Bindings: Env }> {
  const routes = new Hono<{ Bindings: Env }>();
  routes.get('/health', async (c) => {
    const [{ config, origin }, states] = await Promise.all([loadConfigWithOrigin(c.env), readStates(c.env.MARQUEE_KV)]);
    const sources = config.sources.map((s) => {
      const st = states[s.id];
      const current = st && st.configUrl === s.url ? st : undefined;
      return {
        id: s.id,
        name: s.name,
        url: maskUrl(current?.url ?? s.url),
        status: sourceHealth(current),
        lastFetchAt: current?.lastFetchAt ?? null,
        lastSuccessAt: current?.lastSuccessAt ?? null,
        nextFetchAt: current?.nextFetchAt ?? null,
        retryAfterUntil: current?.retryAfterUntil ?? null,
        consecutiveFailures: current?.consecutiveFailures ?? 0,
        lastError: current?.lastError ?? null,
        lastWarning: current?.lastWarning ?? null,
        itemCount: current?.itemCount ?? st?.itemCount ?? 0,
        gone: current?.gone ?? false,
        etag: current?.etag ?? null,
        lastModified: current?.lastModified ?? null,
      };
    });
    const status = overallHealth(sources.map((s) => s.status));
    c.header('cache-control', 'no-store');
    return c.json({ status, checkedAt: new Date().toISOString(), config: origin, sources }, status === 'failing' ? 503 : 200);
  });
  return routes;
}
