/**
 * The configuration the Worker runs with: the one stored through the admin API if any, else the one
 * bundled at deploy time (src/config/default.json).
 */
import type { Env } from '../env';
import type { MarqueeConfig } from '../model';
import { readStoredConfig } from '../storage/config-store';
import bundled from './default.json';
import { formatProblems, validateConfig } from './validate';

export type ConfigOrigin = 'stored' | 'bundled';

let bundledConfig: MarqueeConfig | null = null;

export function bundledDefaultConfig(): MarqueeConfig {
  if (!bundledConfig) {
    const result = validateConfig(bundled);
    // A broken bundled configuration is a build mistake: say so loudly rather than run without sources.
    if (!result.ok) throw new Error(`src/config/default.json is invalid:\n${formatProblems(result.problems)}`);
    bundledConfig = result.config;
  }
  return structuredClone(bundledConfig);
}

export async function loadConfigWithOrigin(env: Env): Promise<{ config: MarqueeConfig; origin: ConfigOrigin }> {
  const stored = await readStoredConfig(env.MARQUEE_KV);
  if (stored !== null) {
    // Stored configurations were validated on PUT; validating again fills defaults added since.
    const result = validateConfig(stored);
    if (result.ok) return { config: result.config, origin: 'stored' };
    console.warn(`stored configuration no longer validates, using the bundled one:\n${formatProblems(result.problems)}`);
  }
  return { config: bundledDefaultConfig(), origin: 'bundled' };
}

export async function loadConfig(env: Env): Promise<MarqueeConfig> {
  return (await loadConfigWithOrigin(env)).config;
}
