/**
 * The rebuild: stored items of every source → the editor (dedupe, tag, curate) → every document,
 * written as ONE KV record. It runs after a refresh in which some source changed (and after the
 * configuration changes), never per request. When the stories and their context render to the same
 * ETag as the stored record, nothing is written at all.
 */
import type { Env } from '../env';
import type { MarqueeConfig } from '../model';
import { buildStories } from '../pipeline';
import { readLedger, type Ledger } from '../pipeline/ledger';
import { renderAtom, renderHtmlPage, renderJsonFeed, renderOpml, renderRss, type RenderContext } from '../render';
import { documentsEtag, readDocumentsRecord, RENDER_VERSION, writeDocumentsRecord, type DocumentsRecord } from '../storage/documents';
import { readAllSourceItems } from '../storage/source-items';

export const LEDGER_KEY = 'ledger';
/** A ledger whose only change is stories' lastSeen is rewritten at most this often (KV write budget). */
export const LEDGER_TOUCH_MS = 6 * 3_600_000;
/** Readers may reuse a document for the configured minimum refresh interval, within these bounds. */
export const MIN_MAX_AGE_SECONDS = 60;
export const MAX_MAX_AGE_SECONDS = 3600;

export interface RebuildResult {
  /** The documents changed and were written. */
  written: boolean;
  etag: string;
  stories: number;
  /** Every merged story before curation. */
  merged: number;
  ledgerWritten: boolean;
}

/** The origin the documents link to: the configured site URL's (set it to where the Worker is served). */
export function publicBaseUrl(config: MarqueeConfig): string {
  return new URL(config.site.url).origin;
}

export function renderContextFor(config: MarqueeConfig): RenderContext {
  return { site: config.site, baseUrl: publicBaseUrl(config), taxonomy: config.taxonomy, sources: config.sources };
}

export async function rebuild(env: Env, config: MarqueeConfig, now: Date = new Date()): Promise<RebuildResult> {
  const kv = env.MARQUEE_KV;
  const [stored, ledgerValue, previous] = await Promise.all([
    readAllSourceItems(
      kv,
      config.sources.map((s) => s.id),
    ),
    kv.get(LEDGER_KEY, 'json'),
    readDocumentsRecord(kv),
  ]);
  const itemsOf = new Map(stored.map((r) => [r.sourceId, r.items]));
  const sources = config.sources.flatMap((source) => {
    const items = itemsOf.get(source.id);
    return items ? [{ source, items }] : [];
  });
  const before = readLedger(ledgerValue);
  const built = buildStories({ sources, config, ledger: structuredClone(before), now });

  let ledgerWritten = false;
  if (ledgerNeedsWrite(before, built.ledger)) {
    await kv.put(LEDGER_KEY, JSON.stringify(built.ledger));
    ledgerWritten = true;
  }

  const context = renderContextFor(config);
  const etag = await documentsEtag(built.stories, context);
  const result = { etag, stories: built.stories.length, merged: built.storyCount, ledgerWritten };
  if (previous?.etag === etag) return { ...result, written: false };

  const record: DocumentsRecord = {
    version: RENDER_VERSION,
    etag,
    lastModified: now.toISOString(),
    maxAge: Math.min(MAX_MAX_AGE_SECONDS, Math.max(MIN_MAX_AGE_SECONDS, config.fetch.minIntervalMinutes * 60)),
    rss: renderRss(built.stories, context),
    atom: renderAtom(built.stories, context),
    json: renderJsonFeed(built.stories, context),
    html: renderHtmlPage(built.stories, context),
    opml: renderOpml(config.sources, config.site),
    stories: built.stories,
    context,
  };
  await writeDocumentsRecord(kv, record);
  return { ...result, written: true };
}

/**
 * The ledger is what keeps ids and dates stable, so every new member, story or date is written; a
 * change of lastSeen alone (every story seen again) waits until it is LEDGER_TOUCH_MS old.
 */
export function ledgerNeedsWrite(before: Ledger, after: Ledger): boolean {
  const beforeIds = Object.keys(before.stories);
  if (beforeIds.length !== Object.keys(after.stories).length) return true;
  for (const [id, story] of Object.entries(after.stories)) {
    const old = before.stories[id];
    if (!old || old.published !== story.published || old.firstSeen !== story.firstSeen) return true;
    if (old.keys.length !== story.keys.length || old.keys.some((key, k) => key !== story.keys[k])) return true;
    if (Date.parse(story.lastSeen) - Date.parse(old.lastSeen) > LEDGER_TOUCH_MS) return true;
  }
  return false;
}
