/**
 * Parse section: every XML feed of the corpus through Marquee's parseFeed, rss-parser, feedsmith and
 * bare fast-xml-parser, each in a fresh process, warm-up pass then timed passes (median).
 * JSON Feeds are reported apart (rss-parser cannot read them), against feedsmith and bare JSON.parse.
 */
import { runChild } from './child';
import { loadCorpus, PARSE_CORPUS, PARSE_CORPUS_QUICK, type Corpus } from './corpus';
import type { MemoryResult, TimingResult } from './parse-child';
import { bareXmlOptions, type PeerName } from './peers';
import { fmt, heading, median, table, target, type TargetResult } from './report';

const RESULT_MARK = '@@bench-result ';
const XML_PEERS: PeerName[] = ['marquee-string', 'marquee', 'rss-parser', 'feedsmith', 'fast-xml-parser'];
const JSON_PEERS: PeerName[] = ['marquee-string', 'marquee', 'feedsmith', 'json-parse'];

export interface ParseSectionOptions {
  quick: boolean;
}

function describeCorpus(corpus: Corpus): string {
  const by = new Map<string, { feeds: number; bytes: number }>();
  for (const f of corpus.feeds) {
    const e = by.get(f.dialect) ?? { feeds: 0, bytes: 0 };
    e.feeds++;
    e.bytes += f.bytes;
    by.set(f.dialect, e);
  }
  const parts = [...by].map(([d, e]) => `${d} ${e.feeds} (${fmt.mb(e.bytes)} MB)`);
  return (
    `corpus: ${corpus.feeds.length} feeds, ${fmt.mb(corpus.totalBytes)} MB, ${fmt.int(corpus.totalItems)} items ` +
    `[${parts.join(', ')}]\n        cached in bench/.corpus/${corpus.dir.split(/[\\/]/).pop()}`
  );
}

interface PeerResult extends TimingResult {
  memory?: MemoryResult;
}

async function runPeers(peers: PeerName[], corpusName: string, subset: 'xml' | 'json', passes: number): Promise<PeerResult[]> {
  process.stdout.write(`  timing ${peers.join(', ')} on the ${subset} feeds (interleaved rounds)…`);
  let t0 = performance.now();
  const timings = await runChild<TimingResult[]>('./parse-child.ts', ['timing', corpusName, subset, String(passes), peers.join(',')], RESULT_MARK);
  process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  const results: PeerResult[] = [];
  for (const t of timings) {
    if (t.skipped) {
      process.stdout.write(`  ${t.peer}: skipped: ${t.skipped}\n`);
      results.push(t);
      continue;
    }
    process.stdout.write(`  memory of ${t.peer} (alone)…`);
    t0 = performance.now();
    const memory = await runChild<MemoryResult>('./parse-child.ts', ['memory', corpusName, subset, t.peer], RESULT_MARK);
    process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    results.push({ ...t, memory });
  }
  return results;
}

function rows(results: PeerResult[], reference: PeerResult | undefined): string[][] {
  const refMs = reference && !reference.skipped ? median(reference.passMs) : NaN;
  const refCpu = reference && !reference.skipped ? median(reference.passCpuMs) : NaN;
  return results.map((r) => {
    if (r.skipped) return [r.label, String(r.feeds), '—', fmt.mb(r.bytes), 'SKIPPED', '', '', '', '', '', '', ''];
    const ms = median(r.passMs);
    const cpu = median(r.passCpuMs);
    return [
      r.label,
      String(r.feeds - r.errors) + (r.errors ? ` (${r.errors} failed)` : ''),
      fmt.int(r.items),
      fmt.mb(r.bytes),
      fmt.ms(ms),
      (r.bytes / 1e6 / (ms / 1000)).toFixed(1),
      fmt.rate(r.items / (ms / 1000)),
      Number.isNaN(refMs) ? '—' : fmt.ratio(ms / refMs),
      fmt.ms(cpu),
      Number.isNaN(refCpu) ? '—' : fmt.ratio(cpu / refCpu),
      r.memory ? fmt.mb(r.memory.retainedHeapBytes) : '—',
      r.memory ? `${fmt.mb(r.memory.peakRssBytes)} (+${fmt.mb(r.memory.peakRssBytes - r.memory.baseRssBytes)})` : '—',
    ];
  });
}

const HEADERS = [
  'parser', 'feeds ok', 'items', 'MB', 'median ms', 'MB/s', 'items/s', 'time ÷ Marquee', 'CPU ms', 'CPU ÷ Marquee', 'retained heap MB', 'peak RSS MB (+base)',
];

export async function parseSection(opts: ParseSectionOptions): Promise<TargetResult[]> {
  heading('Parse');
  const spec = opts.quick ? PARSE_CORPUS_QUICK : PARSE_CORPUS;
  const corpus = await loadCorpus(spec);
  const passes = opts.quick ? 3 : 5;
  console.log(describeCorpus(corpus));
  const bare = await bareXmlOptions();
  console.log(`bare fast-xml-parser options: ${bare.source}`);
  console.log(
    `method: all parsers in one process, 1 warm-up pass each, then ${passes} interleaved rounds (each parser parses the whole\n` +
      '        corpus once per round, order rotating); median per parser. Memory: each parser alone in a fresh process:\n' +
      '        heap retained by one pass of parsed output (after GC) and peak RSS (over the RSS after loading the corpus).\n' +
      '        "time" is wall-clock (the targets use it); "CPU" is the process\'s user+system time over the same passes,\n' +
      '        steadier when other processes compete for the cores. "÷ Marquee" is relative to Marquee parseFeed (string).',
  );
  console.log(
    'input: every parser reads the same decoded strings (the peers\' API); the targets compare these. The row\n' +
      '        "Marquee parseFeed (bytes)" reads the raw bytes instead, as the Worker does (charset detection and\n' +
      '        UTF-8 decoding included), for information.\n',
  );

  const xml = await runPeers(XML_PEERS, spec.name, 'xml', passes);
  const json = await runPeers(JSON_PEERS, spec.name, 'json', passes);

  const get = (list: PeerResult[], p: PeerName) => list.find((r) => r.peer === p && !r.skipped);
  console.log(`\nXML feeds (RSS 2.0, Atom 1.0, RSS 1.0; the same ${xml[0]?.feeds ?? 0} documents for every parser):\n`);
  console.log(table(HEADERS, rows(xml, get(xml, 'marquee-string'))));
  console.log(`\nJSON Feed 1.1 (${json[0]?.feeds ?? 0} documents; rss-parser cannot read JSON; not part of the targets):\n`);
  console.log(table(HEADERS, rows(json, get(json, 'marquee-string'))));
  console.log('\nitem counts (sanity: every parser must find every item):');
  for (const r of [...xml, ...json]) {
    if (!r.skipped) console.log(`  ${r.label.padEnd(44)} ${fmt.int(r.items)} items, ${r.errors} feeds failed`);
  }
  console.log();

  const marquee = get(xml, 'marquee-string');
  const rssParser = get(xml, 'rss-parser');
  const feedsmith = get(xml, 'feedsmith');
  const fxp = get(xml, 'fast-xml-parser');
  const ms = (r: PeerResult | undefined) => (r ? median(r.passMs) : NaN);
  const cpu = (r: PeerResult | undefined) => (r ? median(r.passCpuMs) : NaN);
  const skip = !marquee ? 'Marquee parser not landed' : null;
  const results: TargetResult[] = [];
  const expected = xml[0] ? corpus.feeds.filter((f) => f.dialect !== 'json11').reduce((n, f) => n + f.items, 0) : 0;
  results.push(target('parse', 'Marquee parses every item of the XML corpus',
    marquee ? marquee.items === expected && marquee.errors === 0 : null,
    marquee ? `${fmt.int(marquee.items)} of ${fmt.int(expected)} items, ${marquee.errors} feeds failed` : skip!));
  results.push(target('parse', 'Marquee ≥ 2x rss-parser throughput',
    marquee && rssParser ? ms(rssParser) / ms(marquee) >= 2 : null,
    marquee && rssParser ? `Marquee is ${fmt.ratio(ms(rssParser) / ms(marquee))} rss-parser's speed (CPU time: ${fmt.ratio(cpu(rssParser) / cpu(marquee))})` : skip ?? 'rss-parser missing'));
  results.push(target('parse', 'Marquee no slower than feedsmith',
    marquee && feedsmith ? ms(marquee) <= ms(feedsmith) : null,
    marquee && feedsmith ? `Marquee is ${fmt.ratio(ms(feedsmith) / ms(marquee))} feedsmith's speed (CPU time: ${fmt.ratio(cpu(feedsmith) / cpu(marquee))})` : skip ?? 'feedsmith missing'));
  results.push(target('parse', "Marquee's time ≤ 1.3x bare fast-xml-parser's",
    marquee && fxp ? ms(marquee) <= 1.3 * ms(fxp) : null,
    marquee && fxp ? `Marquee takes ${fmt.ratio(ms(marquee) / ms(fxp))} bare fast-xml-parser's time (CPU time: ${fmt.ratio(cpu(marquee) / cpu(fxp))})` : skip ?? 'fast-xml-parser missing'));
  return results;
}
