/**
 * How many sources one invocation may fetch. Every fetch (and every redirect hop) is a subrequest:
 * 50 per invocation on the Free plan, 10,000 on Paid. SUBREQUEST_BUDGET says which; some headroom is
 * kept for redirect hops and the queue send.
 */
import type { Env } from '../env';

export const DEFAULT_SUBREQUEST_BUDGET = 50;
export const SUBREQUEST_HEADROOM = 10;

export function subrequestBudget(env: Env): number {
  const n = Number(env.SUBREQUEST_BUDGET);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_SUBREQUEST_BUDGET;
}

/** Sources one invocation fetches at most: the budget minus headroom (at least one). */
export function sourcesPerInvocation(env: Env): number {
  const budget = subrequestBudget(env);
  return Math.max(1, budget - Math.min(SUBREQUEST_HEADROOM, Math.floor(budget / 5)));
}
