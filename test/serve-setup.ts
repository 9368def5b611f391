/**
 * Shared setup of the serving tests: three real outlet fixtures parsed by the real parser, stored as a
 * refresh would store them, and a configuration whose taxonomy matches their stories.
 */
import { validateConfig } from '../src/config';
import type { MarqueeConfig } from '../src/model';
import { parseFeed } from '../src/parse/index';
import { writeSourceItems } from '../src/storage/source-items';
import deadline from '../fixtures/feeds/deadline.xml?raw';
import thr from '../fixtures/feeds/hollywood-reporter.xml?raw';
import variety from '../fixtures/feeds/variety.xml?raw';

export const FEEDS = {
  variety: { name: 'Variety', url: 'https://variety.com/feed/', body: variety },
  deadline: { name: 'Deadline', url: 'https://deadline.com/feed/', body: deadline },
  thr: { name: 'The Hollywood Reporter', url: 'https://www.hollywoodreporter.com/feed/', body: thr },
} as const;

export type FeedId = keyof typeof FEEDS;

/** Just after the newest fixture item, so the whole fixture set is within the curation window. */
export const BUILD_TIME = new Date('2024-02-01T12:00:00Z');

export function serveConfig(ids: FeedId[] = ['variety', 'deadline', 'thr']): MarqueeConfig {
  const result = validateConfig({
    site: { title: 'Marquee Test', url: 'https://marquee.test/', description: 'Entertainment news, merged.' },
    sources: ids.map((id) => ({ id, name: FEEDS[id].name, url: FEEDS[id].url })),
    taxonomy: [
      { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise'] },
      { id: 'mission-impossible', label: 'Mission: Impossible', kind: 'franchise', match: ['Mission: Impossible', 'Dead Reckoning'] },
      { id: 'taylor-swift', label: 'Taylor Swift', kind: 'person', match: ['Taylor Swift'] },
      { id: 'box-office', label: 'Box Office', kind: 'topic', match: ['box office'] },
      { id: 'strikes', label: 'Strikes', kind: 'topic', match: ['strike', 'strikes', 'picket lines'] },
      { id: 'hbo', label: 'HBO', kind: 'studio', match: ['HBO', 'HBO Max'] },
    ],
    curation: { maxAgeDays: 3650, maxItems: 100, perSourceCap: 50 },
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** Parses each fixture and stores its items under the source, as a successful refresh would. */
export async function storeFixtureItems(kv: KVNamespace, ids: FeedId[] = ['variety', 'deadline', 'thr']): Promise<number> {
  let count = 0;
  for (const id of ids) {
    const parsed = parseFeed({ body: FEEDS[id].body, url: FEEDS[id].url, contentType: 'application/rss+xml' });
    if (!parsed.ok) throw new Error(`${id}: ${parsed.error.message}`);
    await writeSourceItems(kv, { sourceId: id, url: FEEDS[id].url, storedAt: BUILD_TIME.toISOString(), feed: parsed.value.feed, items: parsed.value.items });
    count += parsed.value.items.length;
  }
  return count;
}
