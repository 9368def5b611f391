import type { SiteConfig, SourceConfig, Story, TaxonomyTag } from '../model';
import type { RenderContext } from './context';

/** Realistic merged stories for render tests: a three-outlet story, a single-outlet one, a hostile one. */
export const SAMPLE_SITE: SiteConfig = {
  title: 'Marquee Entertainment',
  url: 'https://marquee.example/',
  description: 'Entertainment news, merged across outlets.',
};

export const SAMPLE_TAXONOMY: TaxonomyTag[] = [
  { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise'] },
  { id: 'mission-impossible', label: 'Mission: Impossible', kind: 'franchise', match: ['Mission: Impossible'] },
  { id: 'stunts', label: 'Stunts', kind: 'topic', match: ['stunt'] },
  { id: 'box-office', label: 'Box Office', kind: 'topic', match: ['box office'] },
];

export const SAMPLE_SOURCES: SourceConfig[] = [
  { id: 'variety', name: 'Variety', url: 'https://variety.com/feed/' },
  { id: 'deadline', name: 'Deadline', url: 'https://deadline.com/feed/' },
  { id: 'thr', name: 'The Hollywood Reporter', url: 'https://www.hollywoodreporter.com/feed/' },
];

export const SAMPLE_STORIES: Story[] = [
  {
    id: 'urn:marquee:story:7f3a9c1e2b',
    url: 'https://variety.com/2023/film/news/tom-cruise-cliff-jump-mission-impossible-1235612345/',
    title: 'Tom Cruise Jumps Off a Cliff on a Motorbike for ‘Mission: Impossible 7’',
    summary: 'Tom Cruise rode a motorcycle off a Norwegian cliff for the biggest stunt of his career.',
    contentHtml:
      '<p>Tom Cruise rode a motorcycle off a Norwegian cliff for the <em>biggest stunt</em> of his career &amp; the crew cheered.</p>',
    authors: [{ name: 'Brent Lang', email: null, url: null }],
    image: 'https://variety.com/wp-content/uploads/2023/05/cruise-cliff.jpg',
    enclosure: null,
    published: '2023-05-17T14:02:00.000Z',
    updated: '2023-05-17T16:30:00.000Z',
    tags: ['tom-cruise', 'mission-impossible', 'stunts'],
    sources: [
      {
        source: 'variety',
        name: 'Variety',
        url: 'https://variety.com/2023/film/news/tom-cruise-cliff-jump-mission-impossible-1235612345/',
        title: 'Tom Cruise Jumps Off a Cliff on a Motorbike for ‘Mission: Impossible 7’',
        published: '2023-05-17T14:02:00.000Z',
      },
      {
        source: 'deadline',
        name: 'Deadline',
        url: 'https://deadline.com/2023/05/tom-cruise-motorbike-stunt-1235370001/',
        title: 'Watch Tom Cruise’s Motorbike Cliff Stunt',
        published: '2023-05-17T14:40:00.000Z',
      },
      {
        source: 'thr',
        name: 'The Hollywood Reporter',
        url: 'https://www.hollywoodreporter.com/movies/movie-news/tom-cruise-cliff-1235400000/',
        title: 'Tom Cruise Goes Off a Cliff',
        published: '2023-05-17T15:05:00.000Z',
      },
    ],
  },
  {
    id: 'urn:marquee:story:0b44d2aa90',
    url: 'https://deadline.com/2023/05/box-office-weekend-guardians-1235370555/',
    title: '‘Guardians Vol. 3’ Tops Box Office Again With $62M',
    summary: null,
    contentHtml: '<p>Marvel’s sequel held the top spot for a third weekend.</p>',
    authors: [],
    image: null,
    enclosure: { url: 'https://deadline.com/podcast/ep-212.mp3', type: 'audio/mpeg', length: 31457280 },
    published: '2023-05-14T18:00:00.000Z',
    updated: null,
    tags: ['box-office', 'not-in-taxonomy'],
    sources: [
      {
        source: 'deadline',
        name: 'Deadline',
        url: 'https://deadline.com/2023/05/box-office-weekend-guardians-1235370555/',
        title: '‘Guardians Vol. 3’ Tops Box Office Again With $62M',
        published: '2023-05-14T18:00:00.000Z',
      },
    ],
  },
];

/** A story whose every field tries to inject markup or script. */
export const HOSTILE_STORY: Story = {
  id: 'urn:marquee:story:hostile"><script>',
  url: 'javascript:alert(1)',
  title: '<script>window.__pwned = 1</script>Breaking & "quoted" news',
  summary: '<img src=x onerror="window.__pwned=2"> summary\u0001 with a control char',
  contentHtml: '<p>Fine text</p>',
  authors: [{ name: '<b onmouseover=alert(3)>Evil</b>', email: null, url: 'javascript:void(0)' }],
  image: 'javascript:alert(4)',
  enclosure: null,
  published: '2023-05-16T09:00:00.000Z',
  updated: null,
  tags: ['stunts'],
  sources: [
    { source: 'thr', name: 'THR</a><script>alert(5)</script>', url: 'https://www.hollywoodreporter.com/x', title: 'x', published: null },
    { source: 'deadline', name: 'Deadline" onclick="alert(6)', url: 'javascript:alert(7)', title: 'y', published: null },
  ],
};

export const SAMPLE_CONTEXT: RenderContext = {
  site: SAMPLE_SITE,
  baseUrl: 'https://marquee.example',
  taxonomy: SAMPLE_TAXONOMY,
  sources: SAMPLE_SOURCES,
};
