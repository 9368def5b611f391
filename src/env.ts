/** Bindings the Worker is given (wrangler.toml, secrets). Typed once and threaded through Hono's generic. */
export interface Env {
  MARQUEE_KV: KVNamespace;
  REFRESH_QUEUE?: Queue<unknown>;
  ADMIN_TOKEN?: string;
  SUBREQUEST_BUDGET?: string;
}
