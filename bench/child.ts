/** Runs a bench script in a fresh Node process (same pinned node, same tsx loader) and reads its result line. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** No single child may run longer than this; the whole bench must finish in minutes. */
const CHILD_TIMEOUT_MS = 240_000;

export async function runChild<T>(script: string, args: string[], mark: string): Promise<T> {
  const path = fileURLToPath(new URL(script, import.meta.url).href);
  const child = spawn(process.execPath, [...process.execArgv, '--expose-gc', path, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  const line = out.split('\n').find((l) => l.startsWith(mark));
  if (!line) {
    throw new Error(`${script} ${args.join(' ')} exited ${code} without a result:\n${err.slice(-2000)}`);
  }
  return JSON.parse(line.slice(mark.length)) as T;
}
