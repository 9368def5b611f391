/** The last good items of one source (`source:<id>:items`), what the editor builds stories from. */
import type { Feed, Item } from '../model';
import { itemsKey } from './keys';

export interface StoredItems {
  sourceId: string;
  /** The URL the items were fetched from. */
  url: string;
  /** When these items were last written (ISO 8601). */
  storedAt: string;
  feed: Feed | null;
  items: Item[];
}

export async function readSourceItems(kv: KVNamespace, sourceId: string): Promise<StoredItems | null> {
  return kv.get<StoredItems>(itemsKey(sourceId), 'json');
}

export async function writeSourceItems(kv: KVNamespace, record: StoredItems): Promise<void> {
  await kv.put(itemsKey(record.sourceId), JSON.stringify(record));
}

export async function deleteSourceItems(kv: KVNamespace, sourceId: string): Promise<void> {
  await kv.delete(itemsKey(sourceId));
}

/** Items of every configured source that has some, in configuration order (for the rebuild). */
export async function readAllSourceItems(kv: KVNamespace, sourceIds: string[]): Promise<StoredItems[]> {
  const records = await Promise.all(sourceIds.map((id) => readSourceItems(kv, id)));
  return records.filter((r): r is StoredItems => r !== null);
}
