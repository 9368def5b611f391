#!/usr/bin/env node
/**
 * `npm run -s cli -- <command> ...`: the same core the Worker runs, driven from Node.
 * Each command lives in its own module and is loaded only when asked for.
 */
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  parse: () => import('./parse-command'),
  check: () => import('./check-command'),
  build: () => import('./build-command'),
};

const usage = `usage: marquee <command> [options]

commands:
  parse [--jsonl] FILE_OR_URL...     parse feeds and print the normalized model as JSON
  check --config FILE                validate a configuration file and explain each problem
  build --config FILE --out DIR      run the whole pipeline offline and write feed.xml, atom.xml, feed.json, index.html
`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`marquee: unknown command "${name}"\n\n${usage}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`marquee: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
