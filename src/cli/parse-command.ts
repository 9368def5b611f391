/**
 * `npm run -s cli -- parse [--jsonl] FILE_OR_URL...`: runs the Worker's parseFeed on files or URLs.
 * One input prints the parsed model as pretty JSON; --jsonl prints one line per input, in order:
 * {"file","feed","items"} or {"file","error":{"code","message"}}. Problems go to stderr; the exit
 * code is 1 when any input failed, 2 on a usage error.
 */
import { readFileSync } from 'node:fs';
import type { ParseResult } from '../model';
import { parseFeed } from '../parse/index';

const usage = 'usage: marquee parse [--jsonl] FILE_OR_URL...\n';

async function load(input: string): Promise<ParseResult> {
  if (/^https?:\/\//i.test(input)) {
    let res: Response;
    try {
      res = await fetch(input, { redirect: 'follow', headers: { accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5' } });
    } catch (err) {
      throw new Error(`could not fetch ${input}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (!res.ok) throw new Error(`could not fetch ${input}: HTTP ${res.status}`);
    const body = new Uint8Array(await res.arrayBuffer());
    return parseFeed({ body, contentType: res.headers.get('content-type'), url: res.url || input });
  }
  let body: Uint8Array;
  try {
    body = readFileSync(input);
  } catch (err) {
    throw new Error(`could not read ${input}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  return parseFeed({ body });
}

export async function run(args: string[]): Promise<number> {
  const jsonl = args.includes('--jsonl');
  const inputs = args.filter((a) => a !== '--jsonl');
  if (inputs.length === 0 || inputs.some((a) => a === '--help' || a === '-h')) {
    process.stderr.write(usage);
    return inputs.length === 0 ? 2 : 0;
  }
  const unknown = inputs.find((a) => a.startsWith('--'));
  if (unknown) {
    process.stderr.write(`marquee parse: unknown option ${unknown}\n${usage}`);
    return 2;
  }
  let failed = 0;
  const lines: string[] = [];
  const pretty: unknown[] = [];
  for (const file of inputs) {
    let result: ParseResult;
    try {
      result = await load(file);
    } catch (err) {
      result = { ok: false, error: { code: 'EMPTY', message: err instanceof Error ? err.message : String(err) } };
    }
    if (!result.ok) {
      failed++;
      process.stderr.write(`marquee parse: ${file}: ${result.error.code}: ${result.error.message}\n`);
    }
    const record = result.ok ? { file, ...result.value } : { file, error: result.error };
    if (jsonl) {
      lines.push(JSON.stringify(record));
      if (lines.length >= 50) {
        process.stdout.write(`${lines.join('\n')}\n`);
        lines.length = 0;
      }
    } else {
      pretty.push(inputs.length === 1 && result.ok ? result.value : record);
    }
  }
  if (jsonl && lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  if (!jsonl) process.stdout.write(`${JSON.stringify(pretty.length === 1 ? pretty[0] : pretty, null, 2)}\n`);
  return failed > 0 ? 1 : 0;
}
