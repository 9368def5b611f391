import type { Env } from '../env';
import type { MarqueeConfig } from '../model';
import type { Random } from '../fetch/schedule';
import type { RefreshReport } from './refresh';

/**
 * What the Worker entry wires into the refresh paths (cron, queue, POST /admin/refresh). `onChanged`
 * runs after a refresh in which some source's items changed: the place to rebuild the merged output.
 */
export interface RefreshHooks {
  onChanged?: (env: Env, config: MarqueeConfig, report: RefreshReport) => Promise<void>;
  /** Runs after the admin API stored a new configuration (sources, taxonomy or curation changed). */
  onConfigChanged?: (env: Env, config: MarqueeConfig) => Promise<void>;
  /** Tests inject an origin; the Worker uses the global fetch. */
  fetch?: typeof fetch;
  random?: Random;
}
