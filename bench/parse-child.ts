/**
 * Parse measurements in a fresh process. Prints one JSON line (prefixed RESULT_MARK) for parse.ts.
 *
 * - `timing <corpus> <subset> <passes> <peer,peer,...>`: all parsers in ONE process, interleaved: a
 *   warm-up pass each, then rounds in which every parser parses the whole corpus once (the order
 *   rotating each round). On a shared machine, load changes over seconds; interleaving spreads it
 *   over every parser instead of penalising whichever ran during a busy spell.
 * - `memory <corpus> <subset> <peer>`: one parser alone, so its heap and peak RSS are its own: a
 *   warm-up pass, then one pass keeping every result alive to measure what the output holds.
 */
import { loadCorpus, PARSE_CORPUS, PARSE_CORPUS_QUICK, type CorpusFeed } from './corpus';
import { makePeer, PEER_LABELS, type Peer, type PeerName } from './peers';

export const RESULT_MARK = '@@bench-result ';

export interface TimingResult {
  peer: PeerName;
  label: string;
  skipped?: string;
  feeds: number;
  bytes: number;
  /** Items the parser returned on one pass, and the feeds it rejected. */
  items: number;
  errors: number;
  passMs: number[];
  /** CPU time (user + system, all threads of the process) of the same passes. */
  passCpuMs: number[];
}

export interface MemoryResult {
  peer: PeerName;
  skipped?: string;
  /** Heap still held by the parsed output of one whole pass (after GC). */
  retainedHeapBytes: number;
  /** Process RSS after loading the corpus and the parser, and the peak over the whole run. */
  baseRssBytes: number;
  peakRssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function feedsOf(corpusName: string, subset: string): Promise<CorpusFeed[]> {
  const corpus = await loadCorpus(corpusName === 'parse-quick' ? PARSE_CORPUS_QUICK : PARSE_CORPUS);
  return corpus.feeds.filter((f) => (subset === 'json') === (f.dialect === 'json11'));
}

async function pass(peer: Peer, feeds: CorpusFeed[]): Promise<{ ms: number; cpuMs: number; items: number; errors: number }> {
  let items = 0;
  let errors = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of feeds) {
    const n = await peer.parse(f);
    if (n < 0) errors++;
    else items += n;
  }
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpuMs: (c.user + c.system) / 1000, items, errors };
}

async function timing(corpusName: string, subset: string, passes: number, names: PeerName[]): Promise<TimingResult[]> {
  const feeds = await feedsOf(corpusName, subset);
  const bytes = feeds.reduce((n, f) => n + f.bytes, 0);
  const results: TimingResult[] = [];
  const live: { peer: Peer; result: TimingResult }[] = [];
  for (const name of names) {
    const peer = await makePeer(name);
    const result: TimingResult = { peer: name, label: PEER_LABELS[name], feeds: feeds.length, bytes, items: 0, errors: 0, passMs: [], passCpuMs: [] };
    results.push(result);
    if (typeof peer === 'string') result.skipped = peer;
    else live.push({ peer, result });
  }
  for (const { peer, result } of live) {
    const warm = await pass(peer, feeds);
    result.items = warm.items;
    result.errors = warm.errors;
  }
  for (let round = 0; round < passes; round++) {
    for (let k = 0; k < live.length; k++) {
      const { peer, result } = live[(k + round) % live.length]!;
      gc();
      const p = await pass(peer, feeds);
      result.passMs.push(p.ms);
      result.passCpuMs.push(p.cpuMs);
    }
  }
  return results;
}

async function memory(corpusName: string, subset: string, name: PeerName): Promise<MemoryResult> {
  const feeds = await feedsOf(corpusName, subset);
  const peer = await makePeer(name);
  const result: MemoryResult = { peer: name, retainedHeapBytes: 0, baseRssBytes: 0, peakRssBytes: 0 };
  if (typeof peer === 'string') return { ...result, skipped: peer };
  gc();
  result.baseRssBytes = process.memoryUsage().rss;
  await pass(peer, feeds);
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (const f of feeds) kept.push(await peer.parseKeep(f));
  gc();
  result.retainedHeapBytes = Math.max(0, process.memoryUsage().heapUsed - before);
  if (kept.length !== feeds.length) throw new Error('unreachable: every result stays alive until measured');
  result.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  return result;
}

const [mode, corpusName, subset, ...rest] = process.argv.slice(2);
if (mode === 'timing') {
  const out = await timing(corpusName!, subset!, Number(rest[0]), rest[1]!.split(',') as PeerName[]);
  console.log(RESULT_MARK + JSON.stringify(out));
} else if (mode === 'memory') {
  console.log(RESULT_MARK + JSON.stringify(await memory(corpusName!, subset!, rest[0] as PeerName)));
} else {
  throw new Error(`unknown mode ${mode}`);
}
