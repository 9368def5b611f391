/**
 * Pipeline section: dedupe + tag + curate (buildStories) and render over 5,000 and 20,000 items
 * (100 items a feed), in one fresh process (pipeline-child.ts), against rss-parser on the same feeds.
 */
import { runChild } from './child';
import type { PipelineResult, SizeResult } from './pipeline-child';
import { fmt, heading, table, target, type TargetResult } from './report';

const RESULT_MARK = '@@bench-result ';
const SIZES = [5_000, 20_000];
const QUICK_SIZES = [1_000, 4_000];

export async function pipelineSection(opts: { quick: boolean }): Promise<TargetResult[]> {
  heading('Pipeline');
  const sizes = opts.quick ? QUICK_SIZES : SIZES;
  const runs = 3;
  console.log(
    `method: ${sizes.map(fmt.int).join(' and ')} items = N/100 XML feeds of 100 items (RSS 2.0, Atom, RDF mix; ~30% of items\n` +
      '        report an event other outlets report too, in other words). Fresh process; parseFeed, then\n' +
      '        buildStories (dedupe + tag + curate, no ledger) and renderRss + renderAtom + renderJsonFeed + renderHtmlPage\n' +
      `        over the curated stories; 1 warm-up round, then ${runs} rounds with the sizes interleaved; medians.\n` +
      '        rss-parser parses the largest size\'s feeds in the same rounds. Both parsers read the same decoded strings\n' +
      '        (the peers\' API, as in the parse section\'s targets); "parse (bytes)" is parseFeed on the raw bytes, charset\n' +
      '        detection and UTF-8 decoding included, as the Worker reads them (information).',
  );
  process.stdout.write('  running…');
  const t0 = performance.now();
  const out = await runChild<PipelineResult>('./pipeline-child.ts', [String(runs), sizes.join(',')], RESULT_MARK);
  process.stdout.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n\n`);
  if (out.skipped) {
    console.log(`SKIPPED: ${out.skipped}`);
    return [target('pipeline', 'pipeline section', null, out.skipped)];
  }
  const rows = out.sizes.map((s: SizeResult) => [
    fmt.int(s.items),
    `${s.feeds} (${fmt.mb(s.bytes)} MB)`,
    fmt.ms(s.parseMs),
    fmt.ms(s.parseBytesMs),
    fmt.ms(s.buildMs),
    fmt.ms(s.renderMs),
    fmt.ms(s.editorMs),
    fmt.ms(s.editorCpuMs),
    fmt.ms(s.wholeMs),
    fmt.ms(s.wholeBytesMs),
    s.rssParserMs === null ? '—' : fmt.ms(s.rssParserMs),
    `${fmt.int(s.stories)} (${fmt.int(s.multiOutletStories)} multi-outlet)`,
    `${s.curated} (${fmt.int(Math.round(s.renderedBytes / 1000))} kB rendered)`,
    `${(s.precision * 100).toFixed(1)}% / ${(s.recall * 100).toFixed(1)}%`,
  ]);
  console.log(
    table(
      ['items', 'feeds', 'parse ms', 'parse (bytes) ms', 'buildStories ms', 'render ms', 'build+render ms', 'build+render CPU ms', 'whole build ms', 'whole build (bytes) ms', 'rss-parser ms', 'stories', 'curated', 'dedupe P / R'],
      rows,
    ),
  );
  const [small, large] = [out.sizes[0]!, out.sizes[out.sizes.length - 1]!];
  console.log(
    `\nbuild+render = buildStories + all four renderers; whole build = parse + buildStories + render (whole build (bytes):\nthe same with parse (bytes)).` +
      `\ndedupe P / R = pairwise precision / recall of the merged stories against the corpus's ground truth` +
      `\n(${large.taxonomyTags} taxonomy tags; ${fmt.int(large.taggedStories)} of ${fmt.int(large.stories)} stories tagged at ${fmt.int(large.items)} items).\n`,
  );
  const ratio = large.editorMs / small.editorMs;
  const sizeRatio = large.items / small.items;
  return [
    target('pipeline', `time(${fmt.int(large.items)}) ≤ ${sizeRatio + 1}x time(${fmt.int(small.items)}) for dedupe + tag + curate + render`,
      ratio <= sizeRatio + 1,
      `${fmt.ms(large.editorMs)} ms vs ${fmt.ms(small.editorMs)} ms = ${fmt.ratio(ratio)} (CPU time: ${fmt.ratio(large.editorCpuMs / small.editorCpuMs)})`),
    target('pipeline', `whole build of ${fmt.int(large.items)} items < rss-parser alone on the same ${large.feeds} feeds`,
      large.rssParserMs === null ? null : large.wholeMs < large.rssParserMs,
      `${fmt.ms(large.wholeMs)} ms vs ${large.rssParserMs === null ? '—' : fmt.ms(large.rssParserMs)} ms (from the bytes: ${fmt.ms(large.wholeBytesMs)} ms)`),
  ];
}
