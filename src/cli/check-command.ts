/**
 * `marquee check --config FILE`: validate a configuration file and explain each problem by JSON path.
 * Local file paths are allowed as source URLs here (the offline build reads them).
 */
import { readFile } from 'node:fs/promises';
import { validateConfig } from '../config/validate';

const usage = 'usage: marquee check --config FILE\n';

export async function run(args: string[]): Promise<number> {
  const i = args.indexOf('--config');
  const file = i >= 0 ? args[i + 1] : undefined;
  if (!file || args.includes('--help') || args.includes('-h')) {
    process.stderr.write(usage);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    process.stderr.write(`marquee check: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return 1;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    process.stdout.write(`$: not valid JSON (${err instanceof Error ? err.message : String(err)})\n`);
    return 1;
  }
  const result = validateConfig(json, { allowLocalPaths: true });
  if (!result.ok) {
    for (const p of result.problems) process.stdout.write(`${p.path}: ${p.message}\n`);
    process.stderr.write(`${file}: ${result.problems.length} problem(s)\n`);
    return 1;
  }
  process.stdout.write(`ok: ${result.config.sources.length} sources, ${result.config.taxonomy.length} tags\n`);
  return 0;
}
