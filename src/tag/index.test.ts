import { describe, expect, it } from 'vitest';
import type { SourcedItem, TaxonomyTag } from '../model';
import { compiledTaxonomy, compileTaxonomy, repeatsOpening } from './index';

const taxonomy: TaxonomyTag[] = [
  { id: 'tom-cruise', label: 'Tom Cruise', kind: 'person', match: ['Tom Cruise', 'Cruise'], exclude: ['cruise ship', 'cruise control'] },
  {
    id: 'mission-impossible',
    label: 'Mission: Impossible',
    kind: 'franchise',
    match: ['Mission: Impossible', 'Mission Impossible', 'Dead Reckoning', 'Ethan Hunt'],
  },
  { id: 'music', label: 'Music', kind: 'topic', match: ['music', 'album', 'concert'] },
  { id: 'musicals', label: 'Musicals', kind: 'topic', match: ['musical', 'Broadway'] },
  { id: 'max', label: 'Max', kind: 'streamer', match: ['HBO Max', 'streaming on Max', 'Max Original'] },
  { id: 'dune', label: 'Dune', kind: 'franchise', match: ['Dune', 'Arrakis'], exclude: ['dune buggy', 'sand dune'] },
  { id: 'stunts', label: 'Stunts', kind: 'topic', match: ['stunt', 'stunts', 'stuntman'] },
  { id: 'box-office', label: 'Box Office', kind: 'topic', match: ['box office', 'opening weekend'] },
  { id: 'beyonce', label: 'Beyoncé', kind: 'person', match: ['Beyoncé'] },
];

const tagger = compileTaxonomy(taxonomy);

function item(overrides: Partial<SourcedItem>): SourcedItem {
  return {
    id: 'x',
    url: null,
    title: null,
    summary: null,
    contentHtml: null,
    authors: [],
    published: null,
    updated: null,
    categories: [],
    image: null,
    enclosures: [],
    sourceId: 'variety',
    sourceName: 'Variety',
    sourceWeight: 1,
    sourceTags: [],
    ...overrides,
  };
}

describe('tagText', () => {
  it('matches whole words only: "music" does not tag "musical"', () => {
    expect(tagger.tagText('‘Wicked’ musical adaptation wraps filming in London')).toEqual(['musicals']);
    expect(tagger.tagText('Taylor Swift concert film breaks music records')).toEqual(['music']);
    expect(tagger.tagText('Musicality and Musicals')).toEqual([]);
  });

  it('matches possessives with straight and curly apostrophes', () => {
    expect(tagger.tagText('Inside Cruise’s latest daredevil stunt')).toEqual(['tom-cruise', 'stunts']);
    expect(tagger.tagText("Tom Cruise's motorcycle jump")).toEqual(['tom-cruise']);
  });

  it('folds en dashes, hyphens, colons and curly quotes in franchise titles', () => {
    expect(tagger.tagText('“Mission: Impossible – Dead Reckoning Part One” opens')).toEqual(['mission-impossible']);
    expect(tagger.tagText('Mission Impossible - Dead Reckoning review')).toEqual(['mission-impossible']);
    expect(tagger.tagText('MISSION:IMPOSSIBLE—DEAD RECKONING')).toEqual(['mission-impossible']);
  });

  it('treats non-breaking spaces and case like ordinary spaces', () => {
    expect(tagger.tagText('Barbie tops the BOX\u00a0OFFICE again')).toEqual(['box-office']);
    expect(tagger.tagText('tom\u00a0cruise returns')).toEqual(['tom-cruise']);
  });

  it('folds accents both ways', () => {
    expect(tagger.tagText('Beyonce announces Renaissance tour film')).toEqual(['beyonce']);
    expect(tagger.tagText('BEYONCÉ')).toEqual(['beyonce']);
  });

  it('suppresses a tag when one of its exclude phrases is present', () => {
    expect(tagger.tagText('Tourists rent a dune buggy in the Sahara')).toEqual([]);
    expect(tagger.tagText('Villeneuve returns to Arrakis for Dune: Part Two')).toEqual(['dune']);
    expect(tagger.tagText('Holiday cruise ship outbreak')).toEqual([]);
  });

  it('does not tag the streamer from a person or the word "max"', () => {
    expect(tagger.tagText('Max Verstappen wins again; volume to the max')).toEqual([]);
    expect(tagger.tagText('The Last of Us, now streaming on Max')).toEqual(['max']);
    expect(tagger.tagText('HBO Max becomes Max on May 23')).toEqual(['max']);
  });

  it('returns ids in taxonomy order, each once', () => {
    expect(tagger.tagText('Box office: Cruise stunt lifts Mission Impossible; Cruise again')).toEqual([
      'tom-cruise',
      'mission-impossible',
      'stunts',
      'box-office',
    ]);
  });
});

describe('tagItem', () => {
  it('reads title, summary, content HTML (entities decoded) and categories', () => {
    const tags = tagger.tagItem(
      item({
        title: 'Weekend preview',
        summary: 'What to expect at the multiplex.',
        contentHtml: '<p>The <em>Dead&nbsp;Reckoning</em> team&#8217;s stunt work</p><script>music()</script>',
        categories: ['Box Office'],
      }),
    );
    expect(tags).toEqual(['mission-impossible', 'stunts', 'box-office']);
  });

  it('does not let a phrase span two fields', () => {
    expect(tagger.tagItem(item({ title: 'An interview with Tom', summary: 'Cruise control for the holidays' }))).toEqual([]);
    expect(tagger.tagItem(item({ title: 'Box', summary: 'Office politics' }))).toEqual([]);
  });

  it('applies source tags that are taxonomy ids, and only those', () => {
    expect(tagger.tagItem(item({ title: 'Lineup announced', sourceTags: ['music', 'not-a-tag'] }))).toEqual(['music']);
  });

  it('does not tag from markup: attribute values and tag names are not text', () => {
    expect(tagger.tagItem(item({ contentHtml: '<img alt="" src="https://x.test/music.jpg"><p>Hello</p>' }))).toEqual([]);
  });
});

describe('normalizeIds', () => {
  it('orders a union of ids by taxonomy and drops unknown ids', () => {
    expect(tagger.normalizeIds(['box-office', 'unknown', 'tom-cruise', 'box-office'])).toEqual(['tom-cruise', 'box-office']);
  });
});

describe('repeatsOpening', () => {
  const lead = 'Tom Cruise rode a motorcycle off a Norwegian cliff for Dead Reckoning, in the stunt of his career.';

  it('recognises a summary that is the whole content or its first paragraph', () => {
    // RSS 1.0 and media RSS: the description is the content.
    expect(repeatsOpening(lead, lead)).toBe(true);
    // Atom from most CMSs: the summary is the first paragraph.
    expect(repeatsOpening(lead, `<p>${lead}</p>\n<p>The jump was filmed six times.</p>`)).toBe(true);
  });

  it('does not take a summary that only starts the content, or that the content writes as markup', () => {
    // A WordPress excerpt runs on past the first paragraph.
    expect(repeatsOpening(`${lead} The jump was filmed […]`, `<p>${lead}</p><p>The jump was filmed six times.</p>`)).toBe(false);
    // The paragraph goes on in an inline element: its last word may be longer in the content.
    expect(repeatsOpening('Watch Tom Cruise', '<p>Watch Tom Cruise<em>ly</em> jump</p>')).toBe(false);
    // The content escapes what the summary writes plainly.
    expect(repeatsOpening('Box office & streaming', 'Box office &amp; streaming')).toBe(false);
    expect(repeatsOpening('Box office &amp; streaming', 'Box office &amp; streaming')).toBe(false);
    expect(repeatsOpening(null, lead)).toBe(false);
    expect(repeatsOpening(lead, null)).toBe(false);
  });

  it('finds the same tags when the repeated summary is not read again', () => {
    const atom = item({
      title: 'Behind the cliff jump',
      summary: lead,
      contentHtml: `<p>${lead}</p>\n<p>Cruise spent a year training on the ramp.</p>`,
    });
    const media = item({ title: 'Trailer', summary: 'Dead Reckoning opening weekend tops $80 million.', contentHtml: 'Dead Reckoning opening weekend tops $80 million.' });
    for (const skipped of [atom, media]) {
      expect(repeatsOpening(skipped.summary, skipped.contentHtml)).toBe(true);
      // A trailing space makes the summary no longer a literal copy, so it is read; it adds no word.
      const read = { ...skipped, summary: `${skipped.summary} ` };
      expect(repeatsOpening(read.summary, read.contentHtml)).toBe(false);
      expect(tagger.tagItem(skipped)).toEqual(tagger.tagItem(read));
      expect(tagger.tagItem(skipped).length).toBeGreaterThan(0);
    }
  });
});

describe('compiledTaxonomy', () => {
  it('reuses the tagger of an identical taxonomy (a configuration read again), and only of an identical one', () => {
    const again = JSON.parse(JSON.stringify(taxonomy)) as TaxonomyTag[];
    const first = compiledTaxonomy(taxonomy);
    expect(compiledTaxonomy(again)).toBe(first);
    const edited = again.map((tag) => (tag.id === 'stunts' ? { ...tag, match: [...tag.match, 'wirework'] } : tag));
    const other = compiledTaxonomy(edited);
    expect(other).not.toBe(first);
    expect(other.tagText('The wirework on the cliff set')).toEqual(['stunts']);
    expect(first.tagText('The wirework on the cliff set')).toEqual([]);
    expect(first.tagText('Tom Cruise’s stunt')).toEqual(compileTaxonomy(taxonomy).tagText('Tom Cruise’s stunt'));
  });
});
