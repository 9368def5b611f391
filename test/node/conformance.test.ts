import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The Universal Feed Parser's own test feeds, scored by the shared runner against our CLI.
// The runner lives outside the project (../shared/conformance); without it there is nothing to run.

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const RUNNER = join(ROOT, '..', 'shared', 'conformance', 'run.py');
const present = existsSync(RUNNER);

describe('feedparser conformance', () => {
  if (!present) {
    it.skip('skipped: ../shared/conformance/run.py is not present next to the project', () => {});
    return;
  }
  it('passes at least 90% of the mapped feedparser cases', { timeout: 600_000 }, async () => {
    let stdout = '';
    let code = 0;
    try {
      ({ stdout } = await run('python3', [RUNNER, '--cmd', 'npm run -s cli -- parse --jsonl', '--min-pass', '0.90', '--jobs', '2'], { cwd: ROOT, maxBuffer: 64 << 20 }));
    } catch (err) {
      const e = err as { stdout: string; code: number };
      stdout = e.stdout;
      code = e.code;
    }
    const last = stdout.trim().split('\n').at(-1) ?? '';
    expect(last).toMatch(/^conformance: \d+\/\d+ passed/);
    expect(code, last).toBe(0);
  });
});
