import type { SiteConfig, SourceConfig } from '../model';
import { absoluteUrl } from './context';
import { element, emptyElement } from './xml';

/** The configured sources as an OPML 2.0 subscription list (what /opml.xml serves). */
export function renderOpml(sources: SourceConfig[], site: SiteConfig): string {
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<opml version="2.0">',
    '<head>',
    element('title', `${site.title}: sources`),
    '</head>',
    '<body>',
  ];
  for (const s of sources) {
    const xmlUrl = absoluteUrl(s.url);
    if (!xmlUrl) continue;
    out.push(emptyElement('outline', { type: 'rss', text: s.name, title: s.name, xmlUrl }));
  }
  out.push('</body>', '</opml>', '');
  return out.join('\n');
}
