import { describe, expect, it } from 'vitest';
import type { SourcedItem } from '../model';
import { dedupeItems } from './index';

function sourced(sourceId: string, id: string, url: string, title: string, summary: string, published: string): SourcedItem {
  return {
    id, url, title, summary, contentHtml: null, authors: [], published, updated: null, categories: [], image: null, enclosures: [],
    sourceId, sourceName: sourceId, sourceWeight: 1, sourceTags: [],
  };
}

/** The cluster (as a sorted list of item ids) each item ended up in. */
function clusterOf(items: SourcedItem[]): Map<string, string> {
  const { clusters } = dedupeItems(items);
  const out = new Map<string, string>();
  for (const members of clusters) {
    const ids = members.map((i) => items[i]!.id).sort().join('+');
    for (const i of members) out.set(items[i]!.id, ids);
  }
  return out;
}

describe('dedupe: one article per outlet in a story', () => {
  const day = '2023-07-13';
  // Variety ran two articles on the strike within hours (the vote, then the picket lines): the same
  // subject, nearly the same words, but an outlet does not report one story twice.
  const varietyVote = sourced('variety', 'v1', 'https://variety.com/2023/biz/news/sag-aftra-strike-vote-1235668781/',
    'SAG-AFTRA Board Votes to Strike as Talks With Studios Collapse',
    'The SAG-AFTRA national board voted unanimously to send 160,000 actors on strike against the studios after talks with the AMPTP collapsed, joining the Writers Guild on picket lines.', `${day}T18:10:00Z`);
  const varietyPickets = sourced('variety', 'v2', 'https://variety.com/2023/biz/news/sag-aftra-strike-picket-lines-1235668902/',
    'SAG-AFTRA Actors Join Writers Guild on Picket Lines as Strike Begins',
    'SAG-AFTRA actors joined the Writers Guild on picket lines outside the studios as the strike against the AMPTP began, after the national board voted unanimously to strike.', `${day}T22:40:00Z`);
  // The same Variety article again, reached through a tracking link: an exact duplicate, one entry.
  const varietyVoteAgain = sourced('variety', 'v1-tracked', 'https://variety.com/2023/biz/news/sag-aftra-strike-vote-1235668781/?utm_source=rss&utm_medium=feed',
    'SAG-AFTRA Board Votes to Strike as Talks With Studios Collapse',
    'The SAG-AFTRA national board voted unanimously to send 160,000 actors on strike against the studios after talks with the AMPTP collapsed.', `${day}T18:10:00Z`);
  const deadlineVote = sourced('deadline', 'd1', 'https://deadline.com/2023/07/sag-aftra-board-votes-strike-1235437651/',
    'SAG-AFTRA Board Votes To Strike; Actors Join Writers On Picket Lines',
    'The SAG-AFTRA national board voted unanimously to strike after talks with the AMPTP collapsed, sending 160,000 actors to join the Writers Guild on picket lines.', `${day}T18:30:00Z`);

  it('never puts two different articles of one source in one story, however alike', () => {
    const cluster = clusterOf([varietyVote, varietyPickets, deadlineVote]);
    expect(cluster.get('v1')).not.toBe(cluster.get('v2'));
    // Deadline's report joins one of Variety's two articles, not both.
    expect([cluster.get('v1'), cluster.get('v2')]).toContain(cluster.get('d1'));
  });

  it('still merges exact duplicates within one source (the same article reached twice)', () => {
    const cluster = clusterOf([varietyVote, varietyVoteAgain, varietyPickets, deadlineVote]);
    expect(cluster.get('v1')).toBe(cluster.get('v1-tracked'));
    expect(cluster.get('v1')).not.toBe(cluster.get('v2'));
  });
});

describe('dedupe: no chaining through a vague middle item', () => {
  // A and B tell one story (Cruise's cliff jump: names and event words in common). B also mentions,
  // in passing, Paramount's renewed Skydance deal and its millions; C is that deal's own news (other
  // names, generic business words). A and C are different news and must not end up together via B.
  const a = sourced('variety', 'a', 'https://variety.com/2022/film/news/tom-cruise-cliff-jump-1235465377/',
    'Watch Tom Cruise Ride a Motorcycle Off a Cliff in ‘Mission: Impossible’ Stunt Video',
    'Paramount released a behind-the-scenes featurette showing Tom Cruise driving a motorcycle off a ramp on a Norwegian mountainside and parachuting to the ground for Dead Reckoning.',
    '2022-12-19T17:24:09Z');
  const b = sourced('deadline', 'b', 'https://deadline.com/2022/12/tom-cruise-motorcycle-cliff-stunt-1235202345/',
    'Tom Cruise Drives Motorcycle Off Cliff In ‘Mission: Impossible – Dead Reckoning’ Video',
    'Paramount dropped a featurette on the stunt: Tom Cruise speeding up a ramp on a Norwegian mountainside, launching off a cliff on a motorcycle, then parachuting to the ground. The studio, which renewed its multi-year deal with Skydance worth $500 million this season, hopes the stunt sells the film.',
    '2022-12-19T18:01:33Z');
  const c = sourced('hollywood-reporter', 'c', 'https://www.hollywoodreporter.com/business/paramount-skydance-deal-renewed-1235283010/',
    'Paramount Renews Multi-Year Skydance Deal Worth $500 Million',
    'Paramount renewed its multi-year co-financing deal with David Ellison’s Skydance, worth $500 million over the coming season of releases, the studio said.',
    '2022-12-20T09:00:00Z');

  it('merges A with B and keeps C apart', () => {
    const cluster = clusterOf([a, b, c]);
    expect(cluster.get('a')).toBe(cluster.get('b'));
    expect(cluster.get('c')).not.toBe(cluster.get('a'));
  });
});
