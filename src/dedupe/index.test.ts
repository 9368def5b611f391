import { describe, expect, it } from 'vitest';
import type { SourcedItem } from '../model';
import { Vocabulary } from '../tag';
import { dedupeItems, explainPairs, MIN_COSINE, MIN_EVENT_EVIDENCE, scanWords, UNMATCHED_NAMES_COSINE } from './index';

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

/** The explainPairs score of the pair of items with these ids. */
function pairScore(items: SourcedItem[], a: string, b: string) {
  const i = items.findIndex((item) => item.id === a);
  const j = items.findIndex((item) => item.id === b);
  const found = explainPairs(items).find((p) => (p.i === i && p.j === j) || (p.i === j && p.j === i));
  if (!found) throw new Error(`no pair ${a} ${b}`);
  // unmatched in the order asked for.
  return { ...found, unmatched: found.i === i ? found.unmatched : ([found.unmatched[1], found.unmatched[0]] as [number, number]) };
}

describe('dedupe: headlines that each name something the other report never mentions', () => {
  const day = '2023-08-02';
  // One studio, one kind of deal, the same hour, near-identical wording: two different deals.
  const hungerGames = sourced('deadline', 'hg', 'https://deadline.com/2023/08/lionsgate-hunger-games-deal-suzanne-collins-1235452001/',
    "Lionsgate Renews 'The Hunger Games' Deal With Suzanne Collins",
    'Lionsgate has renewed its first-look deal with author Suzanne Collins, keeping the studio in business with the Hunger Games franchise ahead of The Ballad of Songbirds & Snakes in November.', `${day}T16:05:00Z`);
  const saw = sourced('variety', 'saw', 'https://variety.com/2023/film/news/lionsgate-saw-deal-twisted-pictures-1235684001/',
    "Lionsgate Renews 'Saw' Deal With Twisted Pictures",
    'Lionsgate has renewed its multi-year deal with Twisted Pictures, keeping the studio in business with the Saw franchise ahead of Saw X in September.', `${day}T16:40:00Z`);
  // The Hunger Games deal again, in The Hollywood Reporter's words.
  const hungerGamesThr = sourced('hollywood-reporter', 'hg-thr', 'https://www.hollywoodreporter.com/movies/movie-news/lionsgate-suzanne-collins-hunger-games-deal-1235555001/',
    'Lionsgate, Suzanne Collins Extend Hunger Games Partnership',
    'Lionsgate and Hunger Games author Suzanne Collins have extended their first-look deal, the studio said, with The Ballad of Songbirds & Snakes due in theaters in November.', `${day}T17:30:00Z`);

  it("keeps Lionsgate's 'Hunger Games' and 'Saw' renewals apart, and merges the Hunger Games reports", () => {
    const items = [hungerGames, saw, hungerGamesThr];
    const cluster = clusterOf(items);
    expect(cluster.get('hg')).not.toBe(cluster.get('saw'));
    expect(cluster.get('hg')).toBe(cluster.get('hg-thr'));
    expect(cluster.get('saw')).toBe('saw');
    // What keeps them apart is the names: the shared wording alone is evidence enough.
    const score = pairScore(items, 'hg', 'saw');
    expect(score.cosine).toBeGreaterThanOrEqual(MIN_COSINE);
    expect(score.cosine).toBeLessThan(UNMATCHED_NAMES_COSINE);
    expect(score.eventEvidence).toBeGreaterThanOrEqual(MIN_EVENT_EVIDENCE);
    expect(score.unmatched[0]).toBeGreaterThan(0);
    expect(score.unmatched[1]).toBeGreaterThan(0);
    expect(score.accepted).toBe(false);
  });

  // Disney's earnings call, 9 August 2023.
  const igerVariety = sourced('variety', 'iger-v', 'https://variety.com/2023/biz/news/bob-iger-disney-marvel-fewer-movies-1235681234/',
    'Bob Iger Plans Fewer Marvel Movies as Disney Cuts Costs',
    'Disney chief executive Bob Iger told analysts on Wednesday that the studio will release fewer Marvel films and Star Wars series, saying too much output had diluted quality, as the company reported third-quarter earnings.', '2023-08-09T21:30:00Z');
  const igerBbc = sourced('bbc-entertainment', 'iger-b', 'https://www.bbc.co.uk/news/entertainment-arts-66455432',
    'Iger tells Wall Street Disney will make fewer Marvel films',
    'The boss of the entertainment giant said the flood of superhero sequels and spin-offs had hurt their quality. Iger, who returned to run the company last year, also announced job cuts and higher prices for the Disney+ streaming service.', '2023-08-09T22:10:00Z');

  it('matches a multi-word name on any of its words: "Bob Iger" and "Iger" agree', () => {
    const items = [igerVariety, igerBbc];
    expect(igerBbc.title!.toLowerCase() + igerBbc.summary!.toLowerCase()).not.toContain('bob');
    const cluster = clusterOf(items);
    expect(cluster.get('iger-v')).toBe('iger-b+iger-v');
    const score = pairScore(items, 'iger-v', 'iger-b');
    expect(score.unmatched[0]).toBe(0);
    expect(score.cosine).toBeLessThan(UNMATCHED_NAMES_COSINE);
    expect(score.accepted).toBe(true);
    // The same BBC report without Iger's name: now "Bob Iger" is a name it never mentions.
    const unnamed = { ...igerBbc, id: 'iger-b-unnamed', title: 'Disney boss tells Wall Street the studio will make fewer Marvel films', summary: igerBbc.summary!.replace('Iger, who returned', 'The chief executive, who returned') };
    expect(pairScore([igerVariety, unnamed], 'iger-v', 'iger-b-unnamed').unmatched[0]).toBeGreaterThan(0);
  });

  // Opening weekend, 21-23 July 2023: each report mentions the other film, not its figure.
  const oppenheimer = sourced('deadline', 'opp', 'https://deadline.com/2023/07/oppenheimer-box-office-opening-weekend-1235446001/',
    '‘Oppenheimer’ Explodes With $80M Opening Weekend',
    'Christopher Nolan’s Oppenheimer opened to $80 million at the domestic box office this weekend, second behind Barbie, in the best opening for a biopic and an R-rated drama.', '2023-07-23T17:00:00Z');
  const barbie = sourced('variety', 'barbie', 'https://variety.com/2023/film/box-office/barbie-box-office-opening-weekend-record-1235676001/',
    '‘Barbie’ Box Office: $155M Opening Weekend Smashes Records',
    'Greta Gerwig’s Barbie opened to $155 million at the domestic box office this weekend, ahead of Oppenheimer, in the best opening of the year and the biggest for a film directed by a woman.', '2023-07-23T17:20:00Z');
  const oppenheimerBbc = sourced('bbc-entertainment', 'opp-b', 'https://www.bbc.co.uk/news/entertainment-arts-66280001',
    'Oppenheimer takes $80 million in first weekend',
    'Christopher Nolan’s film about the father of the atomic bomb made $80 million in North America in its first weekend, behind Barbie, a strong start for a three-hour drama.', '2023-07-23T19:00:00Z');

  it('keeps two films’ openings apart when their headline figures differ ($80M vs $155M), and merges one film’s ($80M and $80 million)', () => {
    const items = [oppenheimer, barbie, oppenheimerBbc];
    const cluster = clusterOf(items);
    expect(cluster.get('opp')).toBe('opp+opp-b');
    expect(cluster.get('barbie')).toBe('barbie');
    const apart = pairScore(items, 'opp', 'barbie');
    expect(apart.cosine).toBeGreaterThanOrEqual(MIN_COSINE);
    expect(apart.eventEvidence).toBeGreaterThanOrEqual(MIN_EVENT_EVIDENCE);
    expect(apart.unmatched[0]).toBeGreaterThan(0);
    expect(apart.unmatched[1]).toBeGreaterThan(0);
    expect(apart.accepted).toBe(false);
    const same = pairScore(items, 'opp', 'opp-b');
    expect(same.unmatched).toEqual([0, 0]);
    expect(same.accepted).toBe(true);
  });

  it('still merges one story told in two outlets’ different words', () => {
    const variety = sourced('variety', 'dune-v', 'https://variety.com/2023/film/news/dune-part-two-release-date-delayed-2024-1235682255/',
      '‘Dune: Part Two’ Moves to March 2024 Amid Actors Strike',
      'Warner Bros. has moved Denis Villeneuve’s Dune: Part Two from November to March 15, 2024, as the SAG-AFTRA strike keeps Timothée Chalamet and Zendaya from promoting the film.', '2023-08-24T19:00:00Z');
    const bbc = sourced('bbc-entertainment', 'dune-b', 'https://www.bbc.co.uk/news/entertainment-arts-66607777',
      'Dune sequel delayed until next year because of Hollywood strike',
      'The release of the Dune sequel starring Timothée Chalamet and Zendaya has been pushed back from November to March 2024, Warner Bros said, as the actors strike stops stars promoting films.', '2023-08-24T20:15:00Z');
    const items = [variety, bbc, saw, igerVariety];
    const cluster = clusterOf(items);
    expect(cluster.get('dune-v')).toBe('dune-b+dune-v');
    expect(cluster.get('saw')).toBe('saw');
    expect(cluster.get('iger-v')).toBe('iger-v');
    expect(pairScore(items, 'dune-v', 'dune-b').cosine).toBeLessThan(UNMATCHED_NAMES_COSINE);
  });
  it('checks every name of a headline that lists more names than the scorer keeps bits for (a presenters list)', () => {
    // 31 names: the scorer tracks 29 of an item's headline names in bits and checks the rest the general way.
    const names = ['Zendaya', 'Pascal', 'Gosling', 'Robbie', 'Murphy', 'Blunt', 'Chalamet', 'Ortega', 'Stone', 'Dafoe',
      'Gerwig', 'Nolan', 'Villeneuve', 'Scorsese', 'DiCaprio', 'Gladstone', 'Hathaway', 'Bardem', 'Bening', 'Foster',
      'Giamatti', 'Wright', 'Hüller', 'Mulligan', 'Cooper', 'Kirby', 'Downey', 'Brosnahan', 'Coppola', 'Spielberg', 'Kidman'];
    const day = '2027-02-20';
    const list = sourced('deadline', 'presenters', 'https://deadline.com/2027/02/oscars-presenters-list-1236290001/',
      `Oscars presenters: ${names.join(', ')}`,
      // Not the headline's list again (a lead that echoes its headline says nothing about which words are names).
      'The Academy named the presenters for Sunday’s ceremony on Thursday, led by Zendaya and by Kidman, who returns to the stage after two decades.', `${day}T17:00:00Z`);
    const all = sourced('variety', 'presenters-v', 'https://variety.com/2027/film/awards/oscars-presenters-announced-1236000001/',
      'Academy announces Oscars presenters',
      `The Academy announced the presenters for the ceremony on Thursday, with ${names.join(', ')} set to hand out the awards.`, `${day}T18:00:00Z`);
    const lastMissing = { ...all, id: 'presenters-v-short', summary: all.summary!.replace(', Kidman', '') };
    expect(pairScore([list, all], 'presenters', 'presenters-v').unmatched[0]).toBe(0);
    // Kidman, the 31st name, is checked too.
    expect(pairScore([list, lastMissing], 'presenters', 'presenters-v-short').unmatched[0]).toBeGreaterThan(0);
    const firstMissing = { ...all, id: 'presenters-v-first', summary: all.summary!.replace('with Zendaya, ', 'with ') };
    expect(pairScore([list, firstMissing], 'presenters', 'presenters-v-first').unmatched[0]).toBeGreaterThan(0);
  });
});

describe('dedupe: published stories stay as readers saw them', () => {
  const day = '2023-09-25';
  // The writers' deal, told by three outlets; and the actors' talks resuming, a different story that
  // names the same union and studios.
  const deadline = sourced('deadline', 'd', 'https://deadline.com/2023/09/writers-strike-deal-reached-wga-amptp-1235555411/',
    'WGA And AMPTP Reach Tentative Deal To End Writers Strike',
    'The Writers Guild of America and the studios reached a tentative agreement on a new contract, ending a 146-day strike once members ratify it.', `${day}T02:15:00Z`);
  const ap = sourced('ap-wire', 'a', 'https://apnews.com/article/hollywood-writers-strike-tentative-deal-7a2e9c1b5d04',
    'Hollywood writers reach tentative deal with studios to end strike',
    'Hollywood writers reached a tentative deal with the studios to end their 146-day strike, the Writers Guild of America said, pending a vote by members.', `${day}T03:02:00Z`);
  const variety = sourced('variety', 'v', 'https://variety.com/2023/biz/news/wga-amptp-tentative-deal-writers-strike-1235732115/',
    'WGA and Studios Reach Tentative Deal to End 146-Day Writers Strike',
    'The Writers Guild of America and the AMPTP reached a tentative agreement to end the writers strike after 146 days; members will vote to ratify the contract.', `${day}T02:40:00Z`);
  const actorsTalks = sourced('hollywood-reporter', 'h', 'https://www.hollywoodreporter.com/business/business-news/sag-aftra-amptp-talks-resume-1235600001/',
    'SAG-AFTRA and Studios to Resume Talks Next Week',
    'The actors union and the AMPTP will meet again on Monday, the first talks since July, as the writers deal raises hopes for the 65,000 performers still on strike.', `${day}T20:00:00Z`);
  const scanned = (items: SourcedItem[]) => {
    const vocabulary = new Vocabulary();
    return { vocabulary, words: scanWords(items, vocabulary) };
  };
  const ids = (items: SourcedItem[], remembered?: number[]) =>
    dedupeItems(items, remembered && { ...scanned(items), remembered: Int32Array.from(remembered) }).clusters.map((c) => c.map((i) => items[i]!.id).sort().join('+')).sort();

  it('reads the three reports as one story, and the talks as another, without a memory of them', () => {
    expect(ids([deadline, ap, variety, actorsTalks])).toEqual(['a+d+v', 'h']);
  });

  it('keeps a published story whole and apart from another published story, whatever the words say', () => {
    // Published as two stories (Deadline and AP together, Variety alone): they stay two.
    expect(ids([deadline, ap, variety], [0, 0, 1])).toEqual(['a+d', 'v']);
    // Published as one story (a report that bridged them has left the batch), two reports stay one.
    expect(ids([deadline, actorsTalks], [4, 4])).toEqual(['d+h']);
  });

  it('still lets a report not published yet join a published story', () => {
    expect(ids([deadline, ap, variety], [0, 0, -1])).toEqual(['a+d+v']);
    expect(dedupeItems([deadline, ap, variety], { ...scanned([deadline, ap, variety]), remembered: Int32Array.from([0, 0, -1]) }).stats.rememberedMerges).toBe(1);
  });
});
