/** The configuration stored through the admin API (`config`), kept as validated JSON. */
import type { MarqueeConfig } from '../model';
import { CONFIG_KEY } from './keys';

export async function readStoredConfig(kv: KVNamespace): Promise<unknown> {
  return kv.get(CONFIG_KEY, 'json');
}

export async function writeStoredConfig(kv: KVNamespace, config: MarqueeConfig): Promise<void> {
  await kv.put(CONFIG_KEY, JSON.stringify(config));
}

export async function deleteStoredConfig(kv: KVNamespace): Promise<void> {
  await kv.delete(CONFIG_KEY);
}
