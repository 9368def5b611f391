/**
 * Workers KV key layout of the refresh path (see README, "KV layout and write budget").
 *
 *   config               the configuration stored through PUT /admin/config (JSON); absent = bundled default
 *   sources:state        ONE record with every source's fetch state ({ [sourceId]: SourceState }), so a
 *                        refresh in which nothing changed writes at most this one key
 *   source:<id>:items    the last good items of one source (StoredItems), written only when they changed
 *
 * Source ids are lowercase slugs (validated), so they never contain the `:` separator.
 */
export const CONFIG_KEY = 'config';
export const STATE_KEY = 'sources:state';

export function itemsKey(sourceId: string): string {
  return `source:${sourceId}:items`;
}
