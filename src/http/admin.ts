/**
 * /admin: configuration and refresh for the operator. Bearer ADMIN_TOKEN, compared in constant time;
 * anything else (including no token configured) is 401 with no hint. Every change is validated as a
 * whole configuration before anything is stored: a bad body gets 400 and leaves KV untouched.
 */
import { Hono, type Context } from 'hono';
import { loadConfigWithOrigin } from '../config/load';
import { checkSourceUrl } from '../config/url-policy';
import { validateConfig, type ConfigProblem } from '../config/validate';
import type { Env } from '../env';
import { sourcesPerInvocation } from '../jobs/budget';
import type { RefreshHooks } from '../jobs/hooks';
import { describeRefresh } from '../jobs/log';
import { refreshSources } from '../jobs/refresh';
import { changedHook, fetchDeps } from '../jobs/scheduled';
import type { MarqueeConfig, SourceConfig } from '../model';
import { deleteStoredConfig, writeStoredConfig } from '../storage/config-store';
import { itemsKey } from '../storage/keys';
import { commitStates } from '../storage/source-state';
import { HttpError } from './errors';
import { looksLikeOpml, readOpmlOutlines, slugFor } from './opml';

/** Configurations and OPML documents are small; anything bigger is refused unread. */
export const MAX_ADMIN_BODY_BYTES = 1024 * 1024;

type AdminContext = Context<{ Bindings: Env }>;

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

/** Hashing first makes both sides the same length, so the comparison leaks neither length nor prefix. */
export async function tokenMatches(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  const subtle = crypto.subtle as SubtleCrypto & { timingSafeEqual?: (a: ArrayBufferView, b: ArrayBufferView) => boolean };
  if (typeof subtle.timingSafeEqual === 'function') return subtle.timingSafeEqual(a, b);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

const unauthorized = () => new HttpError(401, 'UNAUTHORIZED', 'unauthorized');

async function readBody(c: AdminContext): Promise<string> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (declared > MAX_ADMIN_BODY_BYTES) throw new HttpError(413, 'TOO_LARGE', `body over ${MAX_ADMIN_BODY_BYTES} bytes`);
  const text = await c.req.text();
  if (text.length > MAX_ADMIN_BODY_BYTES) throw new HttpError(413, 'TOO_LARGE', `body over ${MAX_ADMIN_BODY_BYTES} bytes`);
  return text;
}

async function readJson(c: AdminContext): Promise<unknown> {
  const text = await readBody(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'INVALID_JSON', 'the body is not valid JSON');
  }
}

function invalid(problems: ConfigProblem[]): HttpError {
  return new HttpError(400, 'INVALID_CONFIG', `the configuration has ${problems.length} problem(s)`, { problems });
}

/** Validates the candidate as a whole and stores it; nothing is written unless it is valid. */
async function storeConfig(env: Env, candidate: unknown, hooks: RefreshHooks): Promise<MarqueeConfig> {
  const result = validateConfig(candidate);
  if (!result.ok) throw invalid(result.problems);
  await writeStoredConfig(env.MARQUEE_KV, result.config);
  if (hooks.onConfigChanged) await hooks.onConfigChanged(env, result.config);
  return result.config;
}

/** State and items of sources that left the configuration go at once (the next refresh would too). */
async function forgetSources(env: Env, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await Promise.all(ids.map((id) => env.MARQUEE_KV.delete(itemsKey(id))));
  await commitStates(env.MARQUEE_KV, {}, ids);
}

function normalizedUrl(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

export function adminRoutes(hooks: RefreshHooks = {}): Hono<{ Bindings: Env }> {
  const admin = new Hono<{ Bindings: Env }>();

  admin.use('*', async (c, next) => {
    const expected = c.env.ADMIN_TOKEN;
    const header = c.req.header('authorization') ?? '';
    const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    // With no token configured the admin API is off; the answer is the same 401 as for a wrong token.
    if (!expected || !m || !(await tokenMatches(m[1]!, expected))) throw unauthorized();
    c.header('cache-control', 'no-store');
    await next();
  });

  admin.get('/config', async (c) => {
    const { config, origin } = await loadConfigWithOrigin(c.env);
    return c.json({ origin, config });
  });

  admin.put('/config', async (c) => {
    const before = (await loadConfigWithOrigin(c.env)).config;
    const config = await storeConfig(c.env, await readJson(c), hooks);
    const kept = new Set(config.sources.map((s) => s.id));
    await forgetSources(c.env, before.sources.map((s) => s.id).filter((id) => !kept.has(id)));
    return c.json({ origin: 'stored', config });
  });

  admin.delete('/config', async (c) => {
    await deleteStoredConfig(c.env.MARQUEE_KV);
    const { config, origin } = await loadConfigWithOrigin(c.env);
    if (hooks.onConfigChanged) await hooks.onConfigChanged(c.env, config);
    return c.json({ origin, config });
  });

  admin.post('/refresh', async (c) => {
    const force = ['1', 'true', 'yes'].includes(c.req.query('force') ?? '');
    const only = c.req.query('source')?.split(',').filter(Boolean);
    const { config } = await loadConfigWithOrigin(c.env);
    if (only) {
      const unknown = only.filter((id) => !config.sources.some((s) => s.id === id));
      if (unknown.length > 0) throw new HttpError(404, 'UNKNOWN_SOURCE', `no source with id ${unknown.join(', ')}`);
    }
    const report = await refreshSources(c.env, config, {
      now: new Date(),
      force,
      ...(only ? { only } : {}),
      limit: sourcesPerInvocation(c.env),
      ...fetchDeps(hooks),
      onChanged: changedHook(c.env, config, hooks),
    });
    console.log(describeRefresh('admin', report));
    return c.json(report);
  });

  admin.post('/sources', async (c) => {
    const body = await readJson(c);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'INVALID_SOURCE', 'the body must be a JSON object {id?, name, url, weight?, tags?}');
    }
    const { config } = await loadConfigWithOrigin(c.env);
    const entry = { ...(body as Record<string, unknown>) };
    if (entry.id === undefined) {
      const base = typeof entry.name === 'string' && entry.name.trim() ? entry.name : hostOf(entry.url);
      entry.id = slugFor(base, new Set(config.sources.map((s) => s.id)));
    }
    const candidate = { ...config, sources: [...config.sources, entry] };
    const stored = await storeConfig(c.env, candidate, hooks);
    return c.json({ source: stored.sources[stored.sources.length - 1] }, 201);
  });

  admin.delete('/sources/:id', async (c) => {
    const id = c.req.param('id');
    const { config } = await loadConfigWithOrigin(c.env);
    if (!config.sources.some((s) => s.id === id)) throw new HttpError(404, 'UNKNOWN_SOURCE', `no source with id ${id}`);
    await storeConfig(c.env, { ...config, sources: config.sources.filter((s) => s.id !== id) }, hooks);
    await forgetSources(c.env, [id]);
    return c.json({ removed: id });
  });

  admin.post('/opml', async (c) => {
    const text = await readBody(c);
    if (!looksLikeOpml(text)) throw new HttpError(400, 'NOT_OPML', 'the body is not an OPML document');
    const { config } = await loadConfigWithOrigin(c.env);
    const urls = new Set(config.sources.map((s) => normalizedUrl(s.url)));
    const ids = new Set(config.sources.map((s) => s.id));
    const added: SourceConfig[] = [];
    const skipped: { url: string; title: string | null; reason: string }[] = [];
    for (const outline of readOpmlOutlines(text)) {
      const check = checkSourceUrl(outline.xmlUrl, { allowPrivateAddresses: config.fetch.allowPrivateAddresses });
      if (!check.ok) {
        skipped.push({ url: outline.xmlUrl, title: outline.title, reason: `url ${check.message}` });
        continue;
      }
      if (urls.has(check.url)) {
        skipped.push({ url: outline.xmlUrl, title: outline.title, reason: 'already a source' });
        continue;
      }
      urls.add(check.url);
      const name = outline.title ?? new URL(check.url).hostname;
      added.push({ id: slugFor(name, ids), name: name.slice(0, 200), url: check.url });
    }
    if (added.length > 0) await storeConfig(c.env, { ...config, sources: [...config.sources, ...added] }, hooks);
    return c.json({ added, skipped }, added.length > 0 ? 201 : 200);
  });

  return admin;
}

function hostOf(url: unknown): string {
  try {
    return typeof url === 'string' ? new URL(url).hostname : 'source';
  } catch {
    return 'source';
  }
}
