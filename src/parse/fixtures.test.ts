/**
 * Every outlet fixture in fixtures/feeds, read the way the CLI reads a file (no URL) and the way the
 * Worker reads a fetch (with one): the model's guarantees hold on all of them.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedFeed } from '../model';
import { parseFeed } from './index';

const fixtures = import.meta.glob('../../fixtures/feeds/*', { query: '?bytes', eager: true, import: 'default' }) as Record<string, Uint8Array>;
const files = Object.entries(fixtures).map(([path, bytes]) => ({ name: path.split('/').pop()!, bytes }));

const ABSOLUTE_HTTP = /^https?:\/\/[^/\s]+/;
const MARKUP = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/;
const ENTITY_REFERENCE = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function urlsOf({ feed, items }: ParsedFeed): [string, string][] {
  const out: [string, string | null][] = [['feed.siteUrl', feed.siteUrl], ['feed.image', feed.image]];
  items.forEach((it, i) => {
    out.push([`items[${i}].url`, it.url], [`items[${i}].image`, it.image]);
    for (const e of it.enclosures) out.push([`items[${i}].enclosure`, e.url]);
    for (const a of it.authors) out.push([`items[${i}].author.url`, a.url]);
  });
  return out.filter((e): e is [string, string] => e[1] !== null);
}

function textsOf({ feed, items }: ParsedFeed): [string, string][] {
  const out: [string, string | null][] = [['feed.title', feed.title], ['feed.description', feed.description]];
  items.forEach((it, i) => {
    out.push([`items[${i}].title`, it.title], [`items[${i}].summary`, it.summary]);
    for (const a of it.authors) out.push([`items[${i}].author.name`, a.name]);
    for (const c of it.categories) out.push([`items[${i}].category`, c]);
  });
  return out.filter((e): e is [string, string] => e[1] !== null);
}

describe('every fixture feed', () => {
  it('finds the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(13);
  });

  for (const { name, bytes } of files) {
    for (const url of [null, `https://feeds.example.org/${name}`]) {
      describe(`${name} ${url ? 'fetched from a URL' : 'read from a file'}`, () => {
        const result = parseFeed({ body: bytes, url });
        const parsed = result.ok ? result.value : null;

        it('parses, with items', () => {
          expect(result.ok ? null : result.error).toBeNull();
          expect(parsed!.items.length).toBeGreaterThan(0);
        });

        it('outputs only absolute http(s) URLs', () => {
          const relative = urlsOf(parsed!).filter(([, u]) => !ABSOLUTE_HTTP.test(u));
          expect(relative).toEqual([]);
        });

        it('has no markup or entity references in titles, summaries, names and categories', () => {
          const dirty = textsOf(parsed!).filter(([, t]) => MARKUP.test(t) || ENTITY_REFERENCE.test(t));
          expect(dirty).toEqual([]);
        });

        it('has ISO 8601 UTC dates or null', () => {
          const { feed, items } = parsed!;
          for (const d of [feed.updated, ...items.flatMap((i) => [i.published, i.updated])]) {
            if (d !== null) {
              expect(d).toMatch(ISO_UTC);
              expect(new Date(d).toISOString()).toBe(d);
            }
          }
        });

        it('gives every item a distinct id', () => {
          const ids = parsed!.items.map((i) => i.id);
          expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
          expect(new Set(ids).size).toBe(ids.length);
        });
      });
    }
  }
});
