/**
 * News events for the synthetic corpus. One event is one piece of news (a casting, a box-office
 * weekend, a trailer...). Several outlets may report the same event, each in its own words: the
 * headline, lede and body are drawn from per-kind variants, so dedupe has to recognise the story from
 * its meaning (people, titles, numbers), not from identical text.
 */
import type { Rng } from './rng';
import {
  AWARDS, FESTIVALS, FILMS, MONTHS, PEOPLE, PLACES, SHOWS, STREAMERS, STUDIOS,
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
  year: number;
  amount: number;
  minutes: number;
  season: number;
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

type Text = (s: EventSlots) => string;

interface KindSpec {
  section: string;
  headlines: Text[];
  ledes: Text[];
  /** Extra sentences specific to the event, mixed into the body. */
  details: Text[];
  /** Entity names an outlet lists as categories. */
  categories: (s: EventSlots) => string[];
}

const KINDS = {
  casting: {
    section: 'Film',
    headlines: [
      (s) => `${s.person} to Star in ${s.studio}’s ‘${s.film}’`,
      (s) => `${s.person} Joins the Cast of ‘${s.film}’`,
      (s) => `‘${s.film}’: ${s.person} Boards ${s.studio} Project`,
      (s) => `${s.person} in Talks to Lead ‘${s.film}’ for ${s.studio}`,
      (s) => `${s.studio} Taps ${s.person} for ‘${s.film}’`,
      (s) => `${s.person} Lands Lead Role in ‘${s.film}’ Opposite ${s.person2}`,
    ],
    ledes: [
      (s) => `${s.person} has been cast in ${s.studio}’s ${s.film}, joining ${s.person2} in the long-gestating project.`,
      (s) => `${s.studio} has closed a deal with ${s.person} to star in ${s.film}, sources confirm.`,
      (s) => `Exclusive: ${s.person} is set to lead ${s.film} alongside ${s.person2}, with ${s.studio} producing.`,
      (s) => `The cast of ${s.film} keeps growing: ${s.person} is the latest addition, per ${s.studio}.`,
    ],
    details: [
      (s) => `${s.person2} was attached first, and personally lobbied for ${s.person} to come aboard.`,
      (s) => `Cameras are expected to roll in ${s.place} in ${s.month}.`,
      (s) => `${s.studio} has dated the film for ${s.month} ${s.year}.`,
    ],
    categories: (s) => [s.person, s.film, s.studio, 'Casting'],
  },
  boxoffice: {
    section: 'Box Office',
    headlines: [
      (s) => `Box Office: ‘${s.film}’ Opens to $${s.amount} Million`,
      (s) => `‘${s.film}’ Tops Weekend Box Office With $${s.amount}M Debut`,
      (s) => `‘${s.film}’ Leads Box Office, Scoring ${s.studio} a $${s.amount} Million Opening`,
      (s) => `Weekend Box Office: ${s.studio}’s ‘${s.film}’ Rules With $${s.amount}M`,
      (s) => `‘${s.film}’ Soars to $${s.amount} Million in Domestic Launch`,
    ],
    ledes: [
      (s) => `${s.studio}’s ${s.film} took in an estimated $${s.amount} million from 4,100 theaters this weekend.`,
      (s) => `${s.film} opened at No. 1 with $${s.amount} million, ahead of tracking, according to ${s.studio}.`,
      (s) => `Moviegoers turned out for ${s.film}, which debuted to $${s.amount} million domestically.`,
    ],
    details: [
      (s) => `Overseas, the ${s.person}-led film added another $${s.amount + 37} million.`,
      (s) => `Audiences gave ${s.film} an A CinemaScore, a good sign for its second weekend.`,
      (s) => `${s.person} promoted the film on a whirlwind tour that included stops in ${s.place}.`,
    ],
    categories: (s) => [s.film, s.studio, 'Box Office'],
  },
  trailer: {
    section: 'Trailers',
    headlines: [
      (s) => `Watch the First Trailer for ‘${s.film}’ Starring ${s.person}`,
      (s) => `‘${s.film}’ Trailer: ${s.person} Faces the Impossible`,
      (s) => `${s.studio} Drops ‘${s.film}’ Teaser With ${s.person}`,
      (s) => `‘${s.film}’ Trailer Reveals First Look at ${s.person}`,
      (s) => `${s.person} Is Back in Explosive ‘${s.film}’ Trailer`,
    ],
    ledes: [
      (s) => `${s.studio} has released the first trailer for ${s.film}, giving fans a look at ${s.person} in action.`,
      (s) => `The wait is over: the ${s.film} trailer is here, and ${s.person} has never looked more intense.`,
      (s) => `${s.person} leads the charge in the newly released trailer for ${s.studio}’s ${s.film}.`,
    ],
    details: [
      (s) => `The film arrives in theaters in ${s.month} ${s.year}.`,
      (s) => `${s.person2} also appears briefly in the footage, in a role that remains secret.`,
      (s) => `Much of the trailer was shot on location in ${s.place}.`,
    ],
    categories: (s) => [s.film, s.person, s.studio, 'Trailers'],
  },
  release: {
    section: 'Film',
    headlines: [
      (s) => `${s.studio} Moves ‘${s.film}’ Release to ${s.month} ${s.year}`,
      (s) => `‘${s.film}’ Dated for ${s.month} ${s.year}`,
      (s) => `‘${s.film}’ Release Date Shifts to ${s.month} ${s.year}`,
      (s) => `${s.studio} Sets ${s.month} ${s.year} Release for ${s.person}’s ‘${s.film}’`,
    ],
    ledes: [
      (s) => `${s.studio} has moved ${s.film} to ${s.month} ${s.year}, the studio said Tuesday.`,
      (s) => `${s.film}, starring ${s.person}, now opens in ${s.month} ${s.year} after ${s.studio} reshuffled its slate.`,
      (s) => `Mark your calendars: ${s.film} will hit theaters in ${s.month} ${s.year}.`,
    ],
    details: [
      (s) => `The date puts it up against another tentpole from a rival studio.`,
      (s) => `${s.person} and ${s.person2} lead the cast.`,
    ],
    categories: (s) => [s.film, s.studio, 'Release Dates'],
  },
  stunt: {
    section: 'Film',
    headlines: [
      (s) => `${s.person} Rides a Motorcycle Off a Cliff in ${s.place} for ‘${s.film}’`,
      (s) => `Watch ${s.person}’s Jaw-Dropping ‘${s.film}’ Cliff Jump`,
      (s) => `‘${s.film}’: How ${s.person} Pulled Off the Biggest Stunt of His Career`,
      (s) => `${s.person} Performed the ‘${s.film}’ Stunt Himself — Behind the Scenes in ${s.place}`,
    ],
    ledes: [
      (s) => `${s.person} launched a motorcycle off a mountain in ${s.place} for ${s.film}, and a new featurette shows how.`,
      (s) => `A behind-the-scenes video from ${s.film} shows ${s.person} riding off a cliff in ${s.place}.`,
      (s) => `${s.person} trained for a year to perform the signature stunt in ${s.film}.`,
    ],
    details: [
      (s) => `The sequence was filmed on the first day of production in ${s.place}.`,
      (s) => `${s.person} completed more than 500 skydives and 13,000 motocross jumps in preparation.`,
    ],
    categories: (s) => [s.person, s.film, 'Stunts'],
  },
  award: {
    section: 'Awards',
    headlines: [
      (s) => `${s.person} Wins ${cap(s.award)} for ‘${s.film}’`,
      (s) => `‘${s.film}’ Star ${s.person} Takes Home ${cap(s.award)}`,
      (s) => `${cap(s.award)} Goes to ${s.person} for ‘${s.film}’`,
      (s) => `${s.person} Triumphs at Awards Night With ‘${s.film}’ Win`,
    ],
    ledes: [
      (s) => `${s.person} won ${s.award} on Sunday for ${s.film}, capping a remarkable awards run.`,
      (s) => `It was ${s.person}’s night: the ${s.film} star accepted ${s.award} to a standing ovation.`,
      (s) => `${s.film} earned ${s.person} ${s.award}, beating out ${s.person2}.`,
    ],
    details: [
      (s) => `In an emotional speech, ${s.person} thanked ${s.person2} and the crew.`,
      (s) => `${s.studio} had mounted an aggressive campaign for the film.`,
    ],
    categories: (s) => [s.person, s.film, 'Awards'],
  },
  festival: {
    section: 'Festivals',
    headlines: [
      (s) => `‘${s.film}’ Premieres at ${s.festival} to ${s.minutes}-Minute Standing Ovation`,
      (s) => `${s.festival}: ${s.person}’s ‘${s.film}’ Earns ${s.minutes}-Minute Ovation`,
      (s) => `‘${s.film}’ Gets Rapturous ${s.festival} Reception`,
      (s) => `${s.person} Tearful as ‘${s.film}’ Wows ${s.festival}`,
    ],
    ledes: [
      (s) => `${s.film} received a ${s.minutes}-minute standing ovation at its ${s.festival} world premiere.`,
      (s) => `The ${s.festival} crowd was on its feet for ${s.minutes} minutes after ${s.film} screened.`,
      (s) => `${s.person} was visibly moved as ${s.film} debuted at ${s.festival}.`,
    ],
    details: [
      (s) => `${s.studio} acquired the film ahead of the festival.`,
      (s) => `${s.person2} joined ${s.person} on the red carpet.`,
    ],
    categories: (s) => [s.film, s.festival, s.person, 'Festivals'],
  },
  renewal: {
    section: 'TV',
    headlines: [
      (s) => `‘${s.show}’ Renewed for Season ${s.season} at ${s.streamer}`,
      (s) => `${s.streamer} Renews ‘${s.show}’ for Season ${s.season}`,
      (s) => `‘${s.show}’ Is Coming Back: Season ${s.season} Confirmed`,
      (s) => `${s.streamer} Orders Season ${s.season} of ‘${s.show}’`,
    ],
    ledes: [
      (s) => `${s.streamer} has renewed ${s.show} for a season ${s.season}, the streamer announced.`,
      (s) => `Good news for fans: ${s.show} will return for season ${s.season} on ${s.streamer}.`,
      (s) => `${s.show} has officially been picked up for season ${s.season}.`,
    ],
    details: [
      (s) => `Production on season ${s.season} will start in ${s.place} in ${s.month}.`,
      (s) => `${s.person} is expected to return as showrunner.`,
    ],
    categories: (s) => [s.show, s.streamer, 'TV'],
  },
  deal: {
    section: 'Business',
    headlines: [
      (s) => `${s.studio} Signs First-Look Deal With ${s.person}`,
      (s) => `${s.person} Inks Overall Deal at ${s.studio}`,
      (s) => `${s.person}’s Production Company Lands at ${s.studio}`,
    ],
    ledes: [
      (s) => `${s.person} has signed a multi-year first-look deal with ${s.studio}.`,
      (s) => `${s.studio} has locked down ${s.person} with an overall pact covering film and TV.`,
    ],
    details: [
      (s) => `The deal follows ${s.person}’s success with ${s.film}.`,
      (s) => `${s.person}’s company previously had a deal at ${s.streamer}.`,
    ],
    categories: (s) => [s.person, s.studio, 'Deals'],
  },
  shoot: {
    section: 'Film',
    headlines: [
      (s) => `‘${s.film}’ Begins Filming in ${s.place}`,
      (s) => `Cameras Roll on ‘${s.film}’ With ${s.person}`,
      (s) => `${s.person} Spotted on ‘${s.film}’ Set in ${s.place}`,
    ],
    ledes: [
      (s) => `Production on ${s.film} is officially underway in ${s.place}.`,
      (s) => `${s.person} has started shooting ${s.film} in ${s.place}, ${s.studio} confirmed.`,
    ],
    details: [
      (s) => `The shoot is expected to last 16 weeks.`,
      (s) => `${s.person2} is set to join the production later this month.`,
    ],
    categories: (s) => [s.film, s.person, 'Production'],
  },
} satisfies Record<string, KindSpec>;

export type EventKind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as EventKind[];

function cap(s: string): string {
  return s.replace(/^the /, 'The ');
}

export function makeEvent(rng: Rng, id: number, at: number): NewsEvent {
  const kind = rng.pick(KIND_NAMES);
  const person = rng.pick(PEOPLE);
  let person2 = rng.pick(PEOPLE);
  if (person2 === person) person2 = PEOPLE[(PEOPLE.indexOf(person) + 1) % PEOPLE.length]!;
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
    year: 2027 + rng.int(0, 2),
    amount: rng.int(12, 240),
    minutes: rng.int(4, 14),
    season: rng.int(2, 6),
  };
  return { id, kind, slots, at, section: KINDS[kind].section };
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
    title: rng.pick(spec.headlines)(s),
    lede: rng.pick(spec.ledes)(s),
    details: spec.details.filter(() => rng.chance(0.7)).map((d) => d(s)),
    categories: [...new Set([event.section, ...spec.categories(s).filter(() => rng.chance(0.8))])],
  };
}
