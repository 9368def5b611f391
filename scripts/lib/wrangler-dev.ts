/**
 * Runs the Worker under `wrangler dev` in local mode (local KV and queue, no Cloudflare login, no
 * network) and waits until it answers. Used by `npm start` (scripts/demo.ts) and the end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface DevWorker {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything wrangler printed, for diagnosing a failed start. */
  output(): string;
  stop(): Promise<void>;
}

export interface DevWorkerOptions {
  cwd: string;
  port?: number;
  /** Where local KV and queues persist (`.wrangler/state` by default; tests use a fresh directory). */
  persistTo?: string;
  /** Extra `--var NAME:VALUE` bindings, e.g. a test ADMIN_TOKEN. */
  vars?: Record<string, string>;
  /** Echo wrangler's output to this process's stderr. */
  echo?: boolean;
  /** Called with every complete line wrangler prints (the Worker's console output among them). */
  onLine?: (line: string) => void;
  startTimeoutMs?: number;
}

const DEFAULT_START_TIMEOUT_MS = 90_000;
const POLL_INTERVAL_MS = 250;

/** A free TCP port on 127.0.0.1 (bind to 0, read the port, release it). */
/**
 * Waits for `exited`; if the process group led by `pid` is still running after `graceMs`, kills the
 * whole group (wrangler starts workerd as a grandchild).
 */
export async function killGroupAfter(pid: number, exited: Promise<void>, graceMs: number): Promise<void> {
  const timer = setTimeout(() => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startDevWorker(opts: DevWorkerOptions): Promise<DevWorker> {
  const port = opts.port ?? (await freePort());
  const args = ['wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--port', String(port), '--test-scheduled', '--show-interactive-dev-session=false', '--inspector-port', String(await freePort())];
  if (opts.persistTo) args.push('--persist-to', opts.persistTo);
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  const child = spawn('npx', args, {
    cwd: opts.cwd,
    env: {
      ...process.env,
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      // wrangler would otherwise check the npm registry for a newer version.
      NO_UPDATE_NOTIFIER: '1',
      CI: process.env.CI ?? '1',
      FORCE_COLOR: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collector = () => {
    let partial = '';
    return (text: string) => {
      output += text;
      if (opts.echo) process.stderr.write(text);
      if (!opts.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop()!;
      for (const line of lines) opts.onLine(line.replace(/\r$/, ''));
    };
  };
  // Decoded as UTF-8 by the streams, so a character split across two chunks stays whole.
  child.stdout!.setEncoding('utf8').on('data', collector());
  child.stderr!.setEncoding('utf8').on('data', collector());
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (exited || child.pid === undefined) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // wrangler (via npx) starts workerd as a grandchild: signal the whole process group we created.
    try {
      process.kill(-child.pid, 'SIGINT');
    } catch {
      return;
    }
    await killGroupAfter(child.pid, done, 5000);
  };

  const deadline = Date.now() + (opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
  while (Date.now() < deadline) {
    if (exited) throw new Error(`wrangler dev exited before answering:\n${output}`);
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      return { url, port, process: child, output: () => output, stop };
    } catch {
      await new Promise((r) => setTimeout(r, POLL_INTERVAL_MS));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer on ${url} within the timeout:\n${output}`);
}
