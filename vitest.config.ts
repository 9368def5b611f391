import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';
import { refreshOrigin } from './test/refresh-origin.ts';

// `import bytes from '../fixtures/x.xml?bytes'` gives a Uint8Array of the file exactly as stored, so
// tests inside workerd (which has no file system) see Latin-1, UTF-16 and broken fixtures byte for byte.
function fixtureBytes(): Plugin {
  return {
    name: 'marquee-fixture-bytes',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('?bytes')) return null;
      const b64 = readFileSync(id.slice(0, -'?bytes'.length)).toString('base64');
      return `const s = atob(${JSON.stringify(b64)}); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); export default b;`;
    },
  };
}

// Two projects: the Worker and its core run inside workerd (miniflare); tests that drive real programs
// (the CLI, the conformance runner, newsboat, Chromium) run in Node, under test/node/.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    // CI reads the JSON report to print a closing "N passed, N failed" line (.ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest.json' }]] : ['default'],
    projects: [
      {
        plugins: [
          fixtureBytes(),
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { ADMIN_TOKEN: 'test-admin-token' },
              // Every outbound fetch of the Worker under test lands on a local origin (no network in tests).
              outboundService: refreshOrigin,
            },
          }),
        ],
        test: {
          name: 'workerd',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['test/node/**'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
    ],
  },
});
