/**
 * Runs ONE parser over the corpus in a fresh process, so every parser starts with a cold JIT and its
 * own heap, and its peak RSS is its own. Prints one JSON line (prefixed RESULT_MARK) for parse.ts.
 *
 * Usage: parse-child.ts <peer> <corpus: parse|parse-quick> <subset: xml|json> <timed passes>
 */
import { loadCorpus, PARSE_CORPUS, PARSE_CORPUS_QUICK, type CorpusFeed } from './corpus';
import { makePeer, PEER_LABELS, type PeerName } from './peers';

export const RESULT_MARK = '@@bench-result ';

export interface ChildResult {
  peer: PeerName;
  label: string;
  skipped?: string;
  feeds: number;
  bytes: number;
  /** Items the parser returned on one pass, and the feeds it rejected. */
  items: number;
  errors: number;
  passMs: number[];
  /** Heap still held by the parsed output of one whole pass (after GC). */
  retainedHeapBytes: number;
  /** Process RSS after loading the corpus, and the peak over the whole run. */
  baseRssBytes: number;
  peakRssBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

async function main(): Promise<void> {
  const [peerName, corpusName, subset, passesArg] = process.argv.slice(2);
  const corpus = await loadCorpus(corpusName === 'parse-quick' ? PARSE_CORPUS_QUICK : PARSE_CORPUS);
  const feeds: CorpusFeed[] = corpus.feeds.filter((f) => (subset === 'json') === (f.dialect === 'json11'));
  const passes = Number(passesArg ?? 5);
  const bytes = feeds.reduce((n, f) => n + f.bytes, 0);
  const peer = await makePeer(peerName as PeerName);
  const base: ChildResult = {
    peer: peerName as PeerName, label: PEER_LABELS[peerName as PeerName] ?? peerName!,
    feeds: feeds.length, bytes, items: 0, errors: 0, passMs: [], retainedHeapBytes: 0, baseRssBytes: 0, peakRssBytes: 0,
  };
  if (typeof peer === 'string') {
    console.log(RESULT_MARK + JSON.stringify({ ...base, skipped: peer }));
    return;
  }
  gc();
  base.baseRssBytes = process.memoryUsage().rss;

  const pass = async (): Promise<{ ms: number; items: number; errors: number }> => {
    let items = 0;
    let errors = 0;
    const t0 = performance.now();
    for (const f of feeds) {
      const n = await peer.parse(f);
      if (n < 0) errors++;
      else items += n;
    }
    return { ms: performance.now() - t0, items, errors };
  };

  const warm = await pass();
  base.items = warm.items;
  base.errors = warm.errors;
  for (let i = 0; i < passes; i++) {
    gc();
    base.passMs.push((await pass()).ms);
  }

  gc();
  const before = process.memoryUsage().heapUsed;
  const kept: unknown[] = [];
  for (const f of feeds) kept.push(await peer.parseKeep(f));
  gc();
  base.retainedHeapBytes = Math.max(0, process.memoryUsage().heapUsed - before);
  if (kept.length !== feeds.length) throw new Error('unreachable: keeps every result alive until measured');
  base.peakRssBytes = process.resourceUsage().maxRSS * 1024;
  console.log(RESULT_MARK + JSON.stringify(base));
}

await main();
