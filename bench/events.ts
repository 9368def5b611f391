/**
 * News events for the synthetic corpus. One event is one piece of news (a casting, a box-office
 * weekend, a trailer...). Several outlets may report the same event, each in its own words.
 *
 * Like real coverage, two reports of one event share its facts (people, title, place, numbers, the
 * role or the detail that makes it news) but rarely their phrasing, and two different events of the
 * same kind share phrasing only by chance. Templates use `{a|b|c}` for a choice each outlet makes
 * and `$slot` for the event's facts; every choice is drawn per rendering.
 */
import type { Rng } from './rng';
import {
  ADJECTIVES, AWARDS, BACKGROUND, FESTIVALS, FILLER_OBJECTS, FILLER_SUBJECTS, FILLER_TAILS, FILLER_VERBS, FILMS,
  GENRES, MONTHS, OCCUPATIONS, PEOPLE, PLACES, SHOWS, STREAMERS, STUDIOS,
} from './words';

export interface EventSlots {
  person: string;
  person2: string;
  film: string;
  show: string;
  studio: string;
  streamer: string;
  festival: string;
  award: string;
  place: string;
  month: string;
  year: string;
  amount: string;
  overseas: string;
  budget: string;
  minutes: string;
  season: string;
  episodes: string;
  role: string;
  role2: string;
  genre: string;
}

export interface NewsEvent {
  id: number;
  kind: EventKind;
  slots: EventSlots;
  /** Epoch ms when the news broke; outlets publish at or shortly after it. */
  at: number;
  /** Section name outlets file it under. */
  section: string;
}

interface KindSpec {
  section: string;
  headlines: string[];
  ledes: string[];
  /** Facts an outlet may add, each with its own wording. */
  details: string[];
  /** Slots an outlet lists as categories. */
  categories: Array<keyof EventSlots | `=${string}`>;
}

const SOURCING = '{, sources say|, insiders tell us|, we’ve learned|, a rep confirmed|, per people familiar with the deal||||}';

const KINDS = {
  casting: {
    section: 'Film',
    headlines: [
      '$person {to Star in|Set to Lead|Boards|Joins|Lands Lead Role in|Circling} {$studio’s |}‘$film’',
      '‘$film’: $person {Joins|Boards|Rounds Out} {Cast|Ensemble}{ as $role|}',
      '$studio {Taps|Casts|Lands|Signs} $person {for|in} ‘$film’',
      '$person {Will Play|Cast as} $role in ‘$film’',
    ],
    ledes: [
      '$person {has been cast|is set to star|will play $role|has signed on} in $film, {the $studio {project|feature|tentpole}|$studio’s {long-gestating|upcoming|next} {film|project}}' + SOURCING + '.',
      '{Exclusive: |Scoop: |}$studio {has closed a deal with|has landed|is bringing on} $person to {play $role|star} in $film' + SOURCING + '.',
      'The cast of $film {keeps growing|just got bigger|adds a big name}: $person {will play|has been tapped to play|comes aboard as} $role.',
    ],
    details: [
      '{$person2 {also stars|co-stars|was attached first|leads the ensemble}|The ensemble already includes $person2}.',
      '{Cameras roll|Filming begins|Production starts|The shoot kicks off} in $place in $month.',
      '{The budget is|The film carries a price tag of|$studio is spending} {around|roughly|north of|about} $$budget million.',
      'The $genre {film|feature|project} {is dated for|opens in|hits theaters in} $month $year.',
    ],
    categories: ['=Casting', 'person', 'film', 'studio'],
  },
  exit: {
    section: 'Film',
    headlines: [
      '$person {Exits|Drops Out of|Leaves|Departs} ‘$film’',
      '$person No Longer {Starring in|Attached to} $studio’s ‘$film’',
      '‘$film’ {Loses|Recasts} {Lead|Star} $person{ Over Scheduling Conflicts| After Creative Differences|}',
    ],
    ledes: [
      '$person has {exited|dropped out of|walked away from} $film{, citing scheduling conflicts| over creative differences|}' + SOURCING + '.',
      '$studio {is recasting|must find a new} $role for $film after $person {left the project|bowed out}.',
    ],
    details: [
      '{$person2 is|Sources say $person2 is} {in talks to replace|the frontrunner to replace|being eyed to replace} $person.',
      '{The production|Filming} {had been set to start|was due to begin} in $place in $month.',
    ],
    categories: ['=Casting', 'person', 'film'],
  },
  boxoffice: {
    section: 'Box Office',
    headlines: [
      '{Box Office:|Weekend Box Office:|} ‘$film’ {Opens to|Debuts With|Bows to|Scores} $$amount Million',
      '‘$film’ {Tops|Rules|Leads|Wins} {the |}{Weekend|Box Office} {With|on} $$amount{M| Million} {Debut|Opening|Start}',
      '$studio’s ‘$film’ {Soars|Surges|Rockets} to $$amount Million{ in Domestic Launch| Opening|}',
    ],
    ledes: [
      '$studio’s $film {took in|grossed|earned|collected} {an estimated |}$$amount million {from 4,1$minutes0 theaters|domestically|in North America} {this weekend|over three days|in its opening frame}.',
      '$film {opened at No. 1|debuted in first place|took the top spot} with $$amount million, {ahead of|above|beating} {tracking|projections|expectations}.',
      'Moviegoers {turned out for|flocked to|showed up for} $film, which {debuted to|opened with|launched with} $$amount million.',
    ],
    details: [
      '{Overseas|Internationally|Abroad}, the $person-led {film|picture|movie} {added|earned|took} $$overseas million.',
      '{Audiences gave it|It earned|Opening-night crowds gave it} an {A|A-|B+} CinemaScore.',
      '$person {promoted the film|toured with the picture|did press} in $place {before the release|last week|ahead of opening}.',
      'The $genre {film|picture} {cost|was made for|carried a budget of} $$budget million.',
    ],
    categories: ['=Box Office', 'film', 'studio'],
  },
  trailer: {
    section: 'Trailers',
    headlines: [
      '{Watch the|Here’s the|See the} {First|Official|New|Final} {Trailer|Teaser} for ‘$film’{ Starring $person|}',
      '‘$film’ {Trailer|Teaser}: $person {Plays|Is} $role',
      '$studio {Drops|Releases|Unveils} ‘$film’ {Teaser|Trailer}{ With $person|}',
      '$person Is $role in {Explosive|Haunting|Wild|First} ‘$film’ {Trailer|Footage}',
    ],
    ledes: [
      '$studio {has released|dropped|unveiled} the {first|official|new} {trailer|teaser} for $film, {giving|offering} {fans|viewers|audiences} a {look|first look|glimpse} at $person as $role.',
      'The {wait is over|$film trailer is here|first footage has arrived}{: | — }$person {plays|stars as} $role in the $genre {film|feature}.',
    ],
    details: [
      'The film {arrives in theaters|opens|hits theaters|bows} in $month $year.',
      '$person2 {also appears|makes a brief appearance|shows up} in the {footage|trailer|teaser}.',
      '{Much of the trailer was|The footage was|Scenes were} {shot|filmed} {on location |}in $place.',
      'The {trailer|teaser} {drew|racked up|pulled in} $minutes0 million {views|plays} in its first day.',
    ],
    categories: ['=Trailers', 'film', 'person', 'studio'],
  },
  release: {
    section: 'Film',
    headlines: [
      '$studio {Moves|Shifts|Pushes|Dates} ‘$film’ {Release |}to $month $year',
      '‘$film’ {Dated|Set|Slated} for $month $year{ Release| Debut|}',
      '‘$film’ Release Date {Shifts|Moves|Changes} to $month $year',
    ],
    ledes: [
      '$studio has {moved|shifted|pushed|dated} $film to $month $year{, the studio said| in a slate shuffle|}.',
      '$film, {starring|led by|headlined by} $person, now {opens|arrives|bows} in $month $year.',
      '{Mark your calendars|Save the date|It’s official}: $film {will hit|hits|arrives in} theaters in $month $year.',
    ],
    details: [
      '{The date puts it up against|It will now face|That sets up a clash with} {a rival tentpole|$person2’s next film|another $genre release}.',
      '$person {and $person2 lead|leads|stars alongside $person2 in} the {cast|ensemble}.',
    ],
    categories: ['=Release Dates', 'film', 'studio'],
  },
  stunt: {
    section: 'Film',
    headlines: [
      '$person {Rides a Motorcycle Off a Cliff|Hangs From a Plane|Jumps From a Helicopter|Climbs a Skyscraper} {in $place |}for ‘$film’',
      '{Watch|See} $person’s {Jaw-Dropping|Death-Defying|Insane} ‘$film’ {Stunt|Cliff Jump|Sequence}',
      '‘$film’: How $person {Pulled Off|Performed|Trained for} {the Biggest Stunt of His Career|the Signature Stunt|That Stunt}',
    ],
    ledes: [
      '$person {launched a motorcycle off a mountain|performed the stunt himself|trained for a year for the stunt} in $place for $film, {and a new featurette shows how|a behind-the-scenes video reveals|the studio revealed}.',
      'A {behind-the-scenes|new|making-of} {video|featurette} from $film shows $person {riding off a cliff|dangling from an aircraft|doing his own stunts} in $place.',
    ],
    details: [
      'The sequence was {filmed|shot|captured} {on the first day of production|in a single take|at dawn} in $place.',
      '$person {completed|logged|did} {more than |}$minutes00 {skydives|motocross jumps|practice runs} {in preparation|to prepare|beforehand}.',
    ],
    categories: ['=Stunts', 'person', 'film'],
  },
  award: {
    section: 'Awards',
    headlines: [
      '$person {Wins|Takes Home|Scoops|Earns} $award for ‘$film’',
      '‘$film’ Star $person {Takes Home|Wins|Collects} $award',
      '$person {Triumphs|Wins Big|Prevails} at {Awards Night|the Ceremony} With ‘$film’',
    ],
    ledes: [
      '$person {won|took home|accepted} $award {on Sunday|last night|Saturday} for {playing $role in |}$film.',
      'It was $person’s {night|moment|evening}: the $film star {accepted|won|collected} $award {to a standing ovation|in a tearful speech|over $person2}.',
    ],
    details: [
      '{In an emotional speech|Accepting the award|On stage}, $person {thanked|praised|paid tribute to} $person2.',
      '$studio {had mounted|ran|waged} {an aggressive|a long|a costly} campaign for the $genre film.',
    ],
    categories: ['=Awards', 'person', 'film'],
  },
  festival: {
    section: 'Festivals',
    headlines: [
      '‘$film’ {Premieres|Debuts|Bows} at $festival {to|With} $minutes-Minute {Standing Ovation|Ovation}',
      '$festival: $person’s ‘$film’ {Earns|Gets|Draws} $minutes-Minute Ovation',
      '‘$film’ {Gets Rapturous|Wins Over|Divides} $festival{ Crowd| Audience|}',
    ],
    ledes: [
      '$film {received|earned|got} a $minutes-minute standing ovation at its $festival {world premiere|debut|screening}.',
      'The $festival {crowd|audience} was on its feet for $minutes minutes after $film{, the $genre film starring $person,|} {screened|premiered}.',
    ],
    details: [
      '$studio {acquired|bought|picked up} the {film|picture} {ahead of the festival|for $$budget million|last month}.',
      '$person2 {joined|accompanied|walked with} $person on the red carpet.',
    ],
    categories: ['=Festivals', 'film', 'festival', 'person'],
  },
  acquisition: {
    section: 'Business',
    headlines: [
      '$streamer {Buys|Acquires|Lands|Nabs} $festival {Hit|Breakout|Darling} ‘$film’{ for $$budget Million|}',
      '‘$film’ {Sells to|Goes to|Lands at} $streamer in $$budget Million {Deal|Pact}',
    ],
    ledes: [
      '$streamer has {acquired|bought|landed} {worldwide |}rights to $film{, the $festival breakout,|} in a {deal|pact} worth {about|roughly|close to} $$budget million.',
      'In the {biggest|splashiest|first big} sale of $festival, $streamer {paid|shelled out|spent} $$budget million for $film.',
    ],
    details: [
      '$person {stars as|plays} $role in the $genre {film|drama|picture}.',
      'A {theatrical release|limited run|release} is {planned|set|expected} for $month.',
    ],
    categories: ['=Deals', 'film', 'streamer', 'festival'],
  },
  renewal: {
    section: 'TV',
    headlines: [
      '‘$show’ {Renewed|Picked Up} for Season $season {at|by} $streamer',
      '$streamer {Renews|Orders} {Season $season of |}‘$show’{ for Season $season|}',
      '‘$show’ {Is Coming Back|Returns}: Season $season {Confirmed|Ordered}',
    ],
    ledes: [
      '$streamer has {renewed|picked up} $show for {a |}season $season{, the streamer announced| after record viewing|}.',
      '{Good news for fans|It’s official|The wait is over}: $show will {return|be back} for season $season on $streamer.',
    ],
    details: [
      'Season $season will {have|run|consist of} $episodes episodes{ and shoot in $place|}.',
      '$person {returns as|will again serve as|remains} showrunner.',
    ],
    categories: ['=TV', 'show', 'streamer'],
  },
  cancellation: {
    section: 'TV',
    headlines: [
      '‘$show’ {Canceled|Axed|Ending} at $streamer After {Season $season|$season Seasons}',
      '$streamer {Cancels|Pulls the Plug on} ‘$show’',
    ],
    ledes: [
      '$streamer has {canceled|axed|declined to renew} $show after $season seasons{, a rep confirmed|, we hear|}.',
      '{Bad news for fans:|Sad news:|It’s over:} $show {will not return|is done|has been canceled} at $streamer.',
    ],
    details: [
      '{The final|Its last} $episodes episodes {stream|drop|arrive} in $month.',
      '$person {posted a farewell|thanked fans|said goodbye} on social media.',
    ],
    categories: ['=TV', 'show', 'streamer'],
  },
  deal: {
    section: 'Business',
    headlines: [
      '$studio {Signs|Inks|Lands} {First-Look|Overall|Multi-Year} Deal With $person',
      '$person {Inks|Signs|Lands} {Overall|First-Look} {Deal|Pact} at $studio',
      '$person’s {Production Company|Banner|Shingle} {Lands|Moves|Sets Up Shop} at $studio',
    ],
    ledes: [
      '$person has signed a {multi-year|three-year|two-year} {first-look|overall} {deal|pact} with $studio{, covering film and TV|, worth $$budget million|}.',
      '$studio has {locked down|secured|signed} $person{’s banner|} with {an overall pact|a first-look deal}.',
    ],
    details: [
      'The {deal|pact} {follows|comes after|builds on} $person’s {success|hit|run} with $film.',
      '$person{’s company|} {previously had|was formerly under|left} a deal at $streamer.',
    ],
    categories: ['=Deals', 'person', 'studio'],
  },
  shoot: {
    section: 'Film',
    headlines: [
      '‘$film’ {Begins|Starts|Kicks Off} {Filming|Production|Shooting} in $place',
      '{Cameras Roll|Filming Underway|Production Begins} on ‘$film’ {With $person|in $place}',
      '$person {Spotted|Seen|Photographed} on ‘$film’ Set in $place',
    ],
    ledes: [
      '{Production|Filming|Principal photography} on $film {is officially underway|has begun|kicked off} in $place.',
      '$person {has started|began|is now} {shooting|filming} $film in $place{, $studio confirmed| as $role|}.',
    ],
    details: [
      'The shoot {is expected to last|will run|is scheduled for} $season0 weeks.',
      '$person2 {joins the production|arrives on set|starts filming} {later this month|next week|in $month}.',
    ],
    categories: ['=Production', 'film', 'person'],
  },
  lawsuit: {
    section: 'Business',
    headlines: [
      '$person {Sues|Files Suit Against|Takes Legal Action Against} $studio Over ‘$film’{ Profits| Release|}',
      '$studio {Hit With|Faces} $person Lawsuit Over ‘$film’',
    ],
    ledes: [
      '$person has {sued|filed a lawsuit against|taken $studio to court over} {$studio over |}$film{, alleging breach of contract|, seeking $$budget million|}.',
      'A {lawsuit|complaint|suit} filed {Tuesday|this week|in Los Angeles} by $person {accuses|alleges} $studio {of withholding $$budget million|of breaching the $film deal}.',
    ],
    details: [
      '$studio {called the suit meritless|declined to comment|said it would fight the claims}.',
      '{The complaint|The filing|The suit} {says|claims|alleges} the $streamer release {cost|deprived} $person {of |}backend pay.',
    ],
    categories: ['=Legal', 'person', 'studio', 'film'],
  },
} satisfies Record<string, KindSpec>;

export type EventKind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as EventKind[];

export function makeEvent(rng: Rng, id: number, at: number): NewsEvent {
  const kind = rng.pick(KIND_NAMES);
  const person = rng.pick(PEOPLE);
  let person2 = rng.pick(PEOPLE);
  if (person2 === person) person2 = PEOPLE[(PEOPLE.indexOf(person) + 1) % PEOPLE.length]!;
  const role = () => `${rng.chance(0.5) ? 'a' : 'the'} ${rng.pick(ADJECTIVES)} ${rng.pick(OCCUPATIONS)}`;
  const slots: EventSlots = {
    person,
    person2,
    film: rng.pick(FILMS),
    show: rng.pick(SHOWS),
    studio: rng.pick(STUDIOS),
    streamer: rng.pick(STREAMERS),
    festival: rng.pick(FESTIVALS),
    award: rng.pick(AWARDS),
    place: rng.pick(PLACES),
    month: rng.pick(MONTHS),
    year: String(2027 + rng.int(0, 2)),
    amount: String(rng.int(12, 240)),
    overseas: String(rng.int(20, 400)),
    budget: String(rng.int(3, 300)),
    minutes: String(rng.int(4, 14)),
    season: String(rng.int(2, 6)),
    episodes: String(rng.int(6, 12)),
    role: role(),
    role2: role(),
    genre: rng.pick(GENRES),
  };
  return { id, kind, slots, at, section: KINDS[kind].section };
}

/** Renders a template: `{a|b}` picks one alternative (nesting allowed), `$slot` is the event's fact. */
function render(rng: Rng, template: string, s: EventSlots): string {
  let out = template;
  // Innermost groups first, so nested choices resolve before their parent.
  for (let guard = 0; guard < 20 && out.includes('{'); guard++) {
    out = out.replace(/\{([^{}]*)\}/g, (_, body: string) => rng.pick(body.split('|')));
  }
  return out.replace(/\$([a-z0-9]+)/g, (m, name: string) => {
    // `$season0` / `$minutes00`: the number with zeros appended (weeks, hundreds of jumps).
    const base = name.replace(/0+$/, '');
    const value = (s as unknown as Record<string, string>)[base];
    return value === undefined ? m : value + name.slice(base.length);
  });
}

export interface EventWording {
  title: string;
  lede: string;
  details: string[];
  categories: string[];
}

/** One outlet's wording of an event. */
export function wordEvent(rng: Rng, event: NewsEvent): EventWording {
  const spec: KindSpec = KINDS[event.kind];
  const s = event.slots;
  return {
    title: render(rng, rng.pick(spec.headlines), s).replace(/\s+/g, ' ').trim(),
    lede: render(rng, rng.pick(spec.ledes), s).replace(/\s+/g, ' ').trim(),
    details: spec.details.filter(() => rng.chance(0.7)).map((d) => render(rng, d, s)),
    categories: [
      ...new Set(
        [event.section, ...spec.categories.filter(() => rng.chance(0.8)).map((c) => (c.startsWith('=') ? c.slice(1) : s[c as keyof EventSlots]))],
      ),
    ],
  };
}

/** One background sentence: random parts, random numbers, or a mention of other people and titles. */
export function fillerSentence(rng: Rng): string {
  const fill = (t: string) =>
    t
      .replace('PERSON', rng.pick(PEOPLE))
      .replace('FILM', rng.pick(FILMS))
      .replace('STUDIO', rng.pick(STUDIOS))
      .replace('PLACE', rng.pick(PLACES))
      .replace('MONTH', rng.pick(MONTHS))
      .replace('N', String(rng.int(2, 400)));
  if (rng.chance(0.2)) return fill(rng.pick(BACKGROUND));
  return fill(`${rng.pick(FILLER_SUBJECTS)} ${rng.pick(FILLER_VERBS)} ${rng.pick(FILLER_OBJECTS)}${rng.pick(FILLER_TAILS)}.`);
}
