import { loadCorpus, PARSE_CORPUS } from './corpus';
import { parseFeed } from '../src/parse/index';
const c = await loadCorpus(PARSE_CORPUS);
const feeds = c.feeds.filter(f => f.dialect !== 'json11');
for (let p = 0; p < 3; p++) {
  const t = performance.now(); let n = 0;
  for (const f of feeds) { const r = parseFeed({ body: f.body, contentType: f.contentType, url: f.url }); if (r.ok) n += r.value.items.length; }
  console.log(n, (performance.now() - t).toFixed(0));
}
