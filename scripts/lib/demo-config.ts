/**
 * The demo configuration (fixtures/config/demo.json) made servable: its repo-relative source paths
 * (`fixtures/feeds/variety.xml`) become URLs on the local fixture origin, the site URL becomes the
 * local Worker's (feeds link to themselves there), and private addresses are allowed (127.0.0.1).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export const DEMO_CONFIG_PATH = 'fixtures/config/demo.json';

interface LooseConfig {
  site?: { url?: string };
  sources?: Array<{ url: string }>;
  fetch?: Record<string, unknown>;
  [k: string]: unknown;
}

/** `fixtures/feeds/x.xml` → `<origin>/feeds/x.xml` (the origin serves the fixtures/ directory). */
export function fixtureUrl(originUrl: string, repoPath: string): string {
  if (/^https?:\/\//i.test(repoPath)) return repoPath;
  const rel = repoPath.replace(/^\.?\//, '').replace(/^fixtures\//, '');
  return `${originUrl}/${rel.split('/').map(encodeURIComponent).join('/')}`;
}

export async function demoConfig(repoRoot: string, originUrl: string, workerUrl: string): Promise<LooseConfig> {
  const config = JSON.parse(await readFile(join(repoRoot, DEMO_CONFIG_PATH), 'utf8')) as LooseConfig;
  return localConfig(config, originUrl, workerUrl);
}

export function localConfig(config: LooseConfig, originUrl: string, workerUrl: string): LooseConfig {
  return {
    ...config,
    site: { ...config.site, url: `${workerUrl}/` },
    sources: (config.sources ?? []).map((s) => ({ ...s, url: fixtureUrl(originUrl, s.url) })),
    fetch: { ...config.fetch, allowPrivateAddresses: true },
  };
}

/** ADMIN_TOKEN from a .dev.vars file's text. */
export function adminTokenFrom(devVars: string): string | null {
  const m = /^\s*ADMIN_TOKEN\s*=\s*"?([^"\n]*)"?\s*$/m.exec(devVars);
  return m?.[1]?.trim() || null;
}
