import { describe, expect, it } from 'vitest';
import type { CurationConfig, Story } from '../model';
import { curate } from './index';

const NOW = new Date('2023-07-17T12:00:00Z');
function story(id: string, source: string, hoursAgo: number, tags: string[], title: string, outlets: string[] = []): Story {
  const published = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  return {
    id,
    url: `https://${source}.test/${id}`,
    title,
    summary: null,
    contentHtml: null,
    authors: [],
    image: null,
    enclosure: null,
    published,
    updated: null,
    tags,
    sources: [source, ...outlets].map((s) => ({ source: s, name: s, url: null, title, published })),
  };
}
const weights = { variety: 3, deadline: 3, slashfilm: 1, bbc: 2 };
const base: CurationConfig = { maxAgeDays: 7, maxItems: 10, perSourceCap: 10 };

describe('curate', () => {
  const stories = [
    story('mq-a', 'variety', 2, ['box-office'], 'Mission: Impossible opens to $80 million', ['deadline', 'bbc', 'slashfilm']),
    story('mq-b', 'slashfilm', 1, ['trailers'], 'Dune: Part Two trailer breakdown'),
    story('mq-c', 'deadline', 30, ['strikes'], 'SAG-AFTRA board votes to strike'),
    story('mq-d', 'variety', 24 * 8, ['box-office'], 'Last week: Indiana Jones slides'),
    story('mq-e', 'variety', 5, ['sponsored'], 'Sponsored content: the best streaming deals'),
  ];

  it('drops stories outside the window and ranks by recency, weight and outlets (formula in docs)', () => {
    const out = curate(stories, base, { now: NOW, sourceWeights: weights });
    expect(out.map((s) => s.id)).toEqual(['mq-a', 'mq-e', 'mq-b', 'mq-c']);
  });

  it('excludes by tag and by phrase, includes by tag or phrase', () => {
    const excluded = curate(stories, { ...base, exclude: { phrases: ['sponsored content'], tags: ['strikes'] } }, { now: NOW, sourceWeights: weights });
    expect(excluded.map((s) => s.id)).toEqual(['mq-a', 'mq-b']);
    const included = curate(stories, { ...base, include: { tags: ['trailers'], phrases: ['SAG-AFTRA'] } }, { now: NOW, sourceWeights: weights });
    expect(included.map((s) => s.id)).toEqual(['mq-b', 'mq-c']);
  });

  it('caps stories per representative source and overall', () => {
    const capped = curate(stories, { ...base, perSourceCap: 1 }, { now: NOW, sourceWeights: weights });
    expect(capped.map((s) => s.id)).toEqual(['mq-a', 'mq-b', 'mq-c']);
    expect(curate(stories, { ...base, maxItems: 2 }, { now: NOW, sourceWeights: weights }).map((s) => s.id)).toEqual(['mq-a', 'mq-e']);
  });

  it('ranks stories first read in one refresh by the outlets’ own times', () => {
    // Both entered the feed in this morning's refresh (one Marquee date), but the BBC filed the
    // Glastonbury story 5 hours ago and the Eurovision one 14 hours ago: the fresher news goes first.
    const refreshed = new Date(NOW.getTime() - 1 * 3_600_000).toISOString();
    const filed = (id: string, hoursAgo: number, title: string): Story => {
      const s = story(id, 'bbc', 1, [], title);
      const published = new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString();
      return { ...s, published: refreshed, sources: s.sources.map((o) => ({ ...o, published })) };
    };
    const out = curate([filed('mq-a', 14, 'Eurovision final tickets on sale'), filed('mq-b', 5, 'Glastonbury lineup revealed')], base, { now: NOW, sourceWeights: weights });
    expect(out.map((s) => s.id)).toEqual(['mq-b', 'mq-a']);
    // An outlet date in the future (a wrong clock) counts as nothing: Marquee's date is used.
    const future = filed('mq-c', -48, 'Oscars date set');
    expect(curate([future, filed('mq-d', 30, 'Cannes jury named')], base, { now: NOW, sourceWeights: weights }).map((s) => s.id)).toEqual(['mq-c', 'mq-d']);
  });

  it('breaks exact ties by id, deterministically', () => {
    const twins = [story('mq-z', 'bbc', 3, [], 'Eurovision final'), story('mq-y', 'bbc', 3, [], 'Glastonbury lineup')];
    expect(curate(twins, base, { now: NOW, sourceWeights: weights }).map((s) => s.id)).toEqual(['mq-y', 'mq-z']);
  });
});
