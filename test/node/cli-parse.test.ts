import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Drives the real CLI (`npm run -s cli -- parse --jsonl`) over every fixture: the same parseFeed the
// Worker runs, through the same entry point users type.

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const FEED_DIRS = ['fixtures/feeds', 'fixtures/parse'];
/** Names that mark a fixture as intentionally broken or hostile. */
const BROKEN = /broken|truncated|hostile|garbage|laughs|xxe|html-page/i;
const ERROR_CODES = ['NOT_A_FEED', 'HTML_NOT_FEED', 'MALFORMED', 'TOO_LARGE', 'UNSUPPORTED_ENCODING', 'ENTITY_EXPANSION', 'EMPTY'];

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(path));
    else if (/\.(xml|rss|atom|rdf|json|html|bin)$/.test(entry.name)) out.push(path);
  }
  return out;
}

interface Line {
  file: string;
  feed?: { format: string; title: string | null };
  items?: { id: string; title: string | null }[];
  error?: { code: string; message: string };
}

async function parseAll(files: string[]): Promise<{ lines: Line[]; code: number; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npm', ['run', '-s', 'cli', '--', 'parse', '--jsonl', ...files], { cwd: ROOT, maxBuffer: 64 << 20 });
    return { lines: stdout.trim().split('\n').map((l) => JSON.parse(l) as Line), code: 0, stderr };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { lines: e.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line), code: e.code, stderr: e.stderr };
  }
}

describe('marquee parse --jsonl on every fixture', () => {
  const files = FEED_DIRS.flatMap(walk).filter((f) => !f.includes('/config/'));

  it('finds fixtures to parse', () => {
    expect(files.filter((f) => f.startsWith('fixtures/feeds/')).length).toBeGreaterThan(0);
  });

  it('prints one line per file, in order, with items for every good feed and a typed error or recovered items for broken ones', async () => {
    const { lines, stderr } = await parseAll(files);
    expect(lines.map((l) => l.file)).toEqual(files);
    for (const line of lines) {
      const name = relative('fixtures', line.file);
      if (BROKEN.test(name)) {
        if (line.error) expect(ERROR_CODES, name).toContain(line.error.code);
        else expect(line.items!.length, name).toBeGreaterThan(0);
        continue;
      }
      expect(line.error, `${name}: ${line.error?.message}`).toBeUndefined();
      expect(line.items!.length, name).toBeGreaterThan(0);
      expect(line.feed!.format, name).toMatch(/^(rss(09[0-4][un]?|10|20)?|atom(03|10)|cdf|json1[01])$/);
      for (const item of line.items!) {
        expect(item.id, name).toBeTruthy();
        expect(item.title, name).toBeTruthy();
      }
    }
    // Errors are explained on stderr, one line per failing file.
    for (const line of lines.filter((l) => l.error)) expect(stderr).toContain(line.file);
  });

  it('gives the typed error each hostile fixture calls for', async () => {
    const { lines } = await parseAll([
      'fixtures/parse/hostile/billion-laughs.xml',
      'fixtures/parse/hostile/html-page.html',
      'fixtures/parse/hostile/binary-garbage.bin',
      'fixtures/parse/hostile/does-not-exist.xml',
    ]);
    expect(lines.map((l) => l.error?.code)).toEqual(['ENTITY_EXPANSION', 'HTML_NOT_FEED', 'NOT_A_FEED', 'EMPTY']);
  });

  it('prints the model as pretty JSON for a single input and exits 0', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', 'parse', 'fixtures/parse/entity-heavy.xml'], { cwd: ROOT, maxBuffer: 64 << 20 });
    expect(stdout.split('\n')[1]).toMatch(/^ {2}"feed": \{$/);
    const parsed = JSON.parse(stdout) as { feed: { title: string }; items: unknown[] };
    expect(parsed.feed.title).toBe('Marquee Trade – Film News & Box Office');
    expect(parsed.items).toHaveLength(320);
  });
});
