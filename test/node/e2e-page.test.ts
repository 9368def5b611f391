/**
 * What a person sees: Debian's Chromium (headless, via playwright-core) loads / from the real Worker
 * (wrangler dev) at phone and desktop widths. Screenshots land in test-output/ (git-ignored).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_AUTHOR_TEXT, HOSTILE_TITLE_TEXT, REPO_ROOT, startE2E, WIRE_STORIES, type E2EEnv } from '../../scripts/lib/e2e-env';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT = join(REPO_ROOT, 'test-output');
const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

let e2e: E2EEnv;
let context: BrowserContext;
let profile: string;

interface Seen {
  dialogs: string[];
  consoleErrors: string[];
}

async function openPage(viewport: { width: number; height: number }): Promise<{ page: Page; seen: Seen }> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const seen: Seen = { dialogs: [], consoleErrors: [] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') seen.consoleErrors.push(m.text());
  });
  await page.goto(`${e2e.url}/`, { waitUntil: 'load' });
  return { page, seen };
}

beforeAll(async () => {
  e2e = await startE2E();
  profile = mkdtempSync(join(tmpdir(), 'marquee-chromium-'));
  mkdirSync(OUTPUT, { recursive: true });
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await e2e?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('the page in Chromium', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`shows the curated stories to a person at ${name} width`, async () => {
      const { page, seen } = await openPage(viewport);
      const feed = (await (await fetch(`${e2e.url}/feed.json`)).json()) as { items: Array<{ title: string; _marquee: { sources: unknown[] } }> };

      // Every curated story is on the page, headline first, in the feed's order.
      const headlines = await page.locator('.story h2').allInnerTexts();
      expect(headlines.map((h) => h.trim())).toEqual(feed.items.map((i) => i.title));
      for (const s of WIRE_STORIES) await expect(page.getByRole('heading', { name: s.title }).isVisible()).resolves.toBe(true);

      // Several outlets: "Also reported by" with links to the other outlets.
      const merged = feed.items.filter((i) => i._marquee.sources.length > 1).length;
      expect(merged).toBeGreaterThan(0);
      expect(await page.locator('.story .also').count()).toBe(merged);
      expect(await page.locator('.story .also a').first().getAttribute('href')).toMatch(/^https?:\/\//);

      // How long ago, turned from an absolute date into words by the page's script.
      const firstTime = page.locator('.story time').first();
      expect(await firstTime.innerText()).toMatch(/^(just now|\d+ (minute|hour|day|month|year)s? ago)$/);
      expect(await firstTime.getAttribute('title')).toMatch(/UTC$/);

      // Tag chips link to tag feeds that exist.
      const chip = page.locator('.story .chips a').first();
      const href = (await chip.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^${e2e.url}/tags/[a-z0-9-]+/feed\\.xml$`));
      const tagFeed = await fetch(href);
      expect(tagFeed.status).toBe(200);
      expect(await tagFeed.text()).toContain(`<category>${(await chip.innerText()).trim()}</category>`);

      // Subscribe links and autodiscovery for each format.
      const subscribe = await page.locator('.subscribe a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(subscribe).toEqual([
        ['RSS', `${e2e.url}/feed.xml`],
        ['Atom', `${e2e.url}/atom.xml`],
        ['JSON Feed', `${e2e.url}/feed.json`],
        ['Sources (OPML)', `${e2e.url}/opml.xml`],
      ]);
      const alternates = await page.locator('link[rel=alternate]').evaluateAll((ls) => ls.map((l) => l.getAttribute('type')));
      expect(alternates).toEqual(['application/rss+xml', 'application/atom+xml', 'application/feed+json']);

      // The wire's images load (served by the fixture origin); none is broken.
      const images = page.locator('.story .media img');
      expect(await images.count()).toBeGreaterThanOrEqual(WIRE_STORIES.length);
      const broken = await images.evaluateAll((imgs) => (imgs as unknown as Array<{ complete: boolean; naturalWidth: number }>).filter((i) => i.complete && i.naturalWidth === 0).length);
      expect(broken).toBe(0);

      // Nothing from the hostile feed ran: its story is there, its markup shown as text or dropped.
      await expect(page.getByRole('heading', { name: HOSTILE_TITLE_TEXT }).isVisible()).resolves.toBe(true);
      await expect(page.getByText(HOSTILE_AUTHOR_TEXT).isVisible()).resolves.toBe(true);
      expect(await page.locator('[onmouseover], [onerror], [onclick], a[href^="javascript:"]').count()).toBe(0);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(seen.dialogs).toEqual([]);
      expect(seen.consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
      expect(await page.locator('script').count()).toBe(1);

      // Readable at this width: nothing wider than the viewport.
      const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number;
      expect(overflow).toBeLessThanOrEqual(0);

      await page.screenshot({ path: join(OUTPUT, `page-${name}.png`) });
      if (name === 'desktop') {
        await page.screenshot({ path: join(OUTPUT, 'page-desktop-full.png'), fullPage: true });
        await page.locator('.story:has(.also)').first().screenshot({ path: join(OUTPUT, 'page-merged-story.png') });
      }
      await page.close();
    });
  }
});
