import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

// Before the first rebuild there is no document: every public route says so with 503 + Retry-After.
describe('serving before the first build', () => {
  for (const path of ['/feed.xml', '/atom.xml', '/feed.json', '/', '/opml.xml', '/tags/tom-cruise/feed.xml']) {
    it(`${path} answers 503 with Retry-After and a message`, async () => {
      const res = await SELF.fetch(`https://marquee.test${path}`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(await res.text()).toContain('has not built its feed yet');
    });
  }
});
