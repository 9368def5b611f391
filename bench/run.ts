/**
 * `npm run bench [-- --only parse|pipeline|serve] [-- --quick]`
 *
 * Runs the parse, pipeline and serve sections in order and prints one table each, then every target as
 * PASS / MISS / SKIPPED. Speed is measured here only; tests carry no timing assertions.
 */
import { fileURLToPath } from 'node:url';
import { parseSection } from './parse';
import { machineInfo, type TargetResult } from './report';

type SectionName = 'parse' | 'pipeline' | 'serve';
const SECTIONS: SectionName[] = ['parse', 'pipeline', 'serve'];

function parseArgs(argv: string[]): { only: SectionName[]; quick: boolean } {
  let only: SectionName[] = SECTIONS;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const names = (value ?? '').split(',') as SectionName[];
      if (!names.every((n) => SECTIONS.includes(n))) {
        throw new Error(`--only takes ${SECTIONS.join('|')} (comma-separated), got "${value}"`);
      }
      only = names;
    } else if (a === '--help' || a === '-h') {
      console.log('usage: npm run bench [-- --only parse|pipeline|serve] [-- --quick]');
      process.exit(0);
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  return { only, quick };
}

async function runSection(name: SectionName, quick: boolean): Promise<TargetResult[]> {
  switch (name) {
    case 'parse':
      return parseSection({ quick });
    case 'pipeline': {
      const { pipelineSection } = await import('./pipeline');
      return pipelineSection({ quick });
    }
    case 'serve': {
      const { serveSection } = await import('./serve');
      return serveSection({ quick });
    }
  }
}

async function main(): Promise<number> {
  const { only, quick } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  console.log('# Marquee bench' + (quick ? ' (--quick: small corpus, not for the record)' : ''));
  console.log();
  console.log(machineInfo());
  const all: TargetResult[] = [];
  for (const name of only) {
    try {
      all.push(...(await runSection(name, quick)));
    } catch (err) {
      // Paths relative to the project: the output is pasted into docs.
      const root = fileURLToPath(new URL('..', import.meta.url).href);
      console.log(`\nSECTION ${name} FAILED: ${((err as Error).stack ?? String(err)).split(root).join('')}`);
      all.push({ section: name, label: `${name} section ran`, verdict: 'MISS', detail: (err as Error).message.split('\n')[0]! });
    }
  }
  console.log('\n## Targets\n');
  for (const t of all) console.log(`${t.verdict.padEnd(7)} [${t.section}] ${t.label} — ${t.detail}`);
  console.log(`\nbench finished in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

process.exitCode = await main();
