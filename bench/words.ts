/**
 * Word lists for the synthetic entertainment-news corpus. Real names of people, films and studios so
 * that the taxonomy (src/config/default.json) finds something to tag, as it would on real feeds.
 */

export const PEOPLE = [
  'Tom Cruise', 'Zendaya', 'Timothée Chalamet', 'Margot Robbie', 'Ryan Gosling', 'Greta Gerwig',
  'Christopher Nolan', 'Cillian Murphy', 'Florence Pugh', 'Denis Villeneuve', 'Pedro Pascal',
  'Jenna Ortega', 'Keanu Reeves', 'Emma Stone', 'Yorgos Lanthimos', 'Austin Butler', 'Anya Taylor-Joy',
  'Glen Powell', 'Sydney Sweeney', 'Jacob Elordi', 'Martin Scorsese', 'Leonardo DiCaprio',
  'Robert Downey Jr.', 'Scarlett Johansson', 'Chris Hemsworth', 'Tom Holland', 'Quentin Tarantino',
  'Steven Spielberg', 'James Cameron', 'Zoe Saldaña', 'Michelle Yeoh', 'Ke Huy Quan', 'Jamie Lee Curtis',
  'Barry Keoghan', 'Paul Mescal', 'Saoirse Ronan', 'Jennifer Lawrence', 'Brad Pitt', 'Angelina Jolie',
  'Penélope Cruz', 'Pedro Almodóvar', 'Taylor Swift', 'Beyoncé', 'Billie Eilish', 'Dua Lipa',
  'Jeremy Allen White', 'Ayo Edebiri', 'Colman Domingo', 'Viola Davis', 'Denzel Washington',
  'Daniel Craig', 'Ana de Armas', 'Jordan Peele', 'Ryan Coogler', 'Michael B. Jordan', 'Sam Raimi',
  'Bong Joon Ho', 'Greta Lee', 'Lily Gladstone', 'Sandra Hüller', 'Mia Goth', 'Nicolas Cage',
  'Harrison Ford', 'Hugh Jackman', 'Ryan Reynolds', 'Mike Flanagan', 'Issa Rae', 'Donald Glover',
  'Jason Momoa', 'Gal Gadot', 'James Gunn', 'David Corenswet', 'Rachel Brosnahan', 'Nicholas Hoult',
  'Natalie Portman', 'Cate Blanchett', 'Tilda Swinton', 'Oscar Isaac', 'Adam Driver', 'Rebecca Ferguson',
  'Vanessa Kirby', 'Simon Pegg', 'Hayley Atwell', 'Christopher McQuarrie', 'Joseph Kosinski', 'Rian Johnson',
  'Daniel Kaluuya', 'Lupita Nyong’o', 'Dev Patel', 'Riz Ahmed', 'Awkwafina', 'Simu Liu', 'Hailee Steinfeld',
  'Jonathan Majors', 'Elizabeth Olsen', 'Mark Ruffalo', 'Benedict Cumberbatch', 'Chris Pratt', 'Karen Gillan',
  'Josh Brolin', 'Rebecca Hall', 'Josh O’Connor', 'Mike Faist', 'Andrew Garfield', 'Emma Mackey',
  'Aubrey Plaza', 'Kieran Culkin', 'Jesse Eisenberg', 'Sebastian Stan', 'Demi Moore', 'Coralie Fargeat',
  'Mikey Madison', 'Sean Baker', 'Edward Berger', 'Ralph Fiennes', 'Stanley Tucci', 'Isabella Rossellini',
  'Brady Corbet', 'Adrien Brody', 'Felicity Jones', 'Guy Pearce', 'Jon M. Chu', 'Cynthia Erivo', 'Ariana Grande',
];

export const FILMS = [
  'Mission: Impossible – Dead Reckoning', 'Mission: Impossible – The Final Reckoning', 'Dune: Part Two',
  'Dune Messiah', 'Oppenheimer', 'Barbie', 'Deadpool & Wolverine', 'Avatar: Fire and Ash',
  'Superman', 'The Batman Part II', 'Spider-Man: Brand New Day', 'Avengers: Doomsday',
  'Gladiator II', 'Wicked: For Good', 'Top Gun: Maverick', 'Knives Out 3', 'Poor Things',
  'Killers of the Flower Moon', 'Sinners', 'Nosferatu', 'The Brutalist', 'Anora', 'Conclave',
  'Challengers', 'Furiosa', 'Twisters', 'Inside Out 2', 'Moana 2', 'Toy Story 5', 'Frozen III',
  'Jurassic World Rebirth', 'The Odyssey', 'Project Hail Mary', 'Blade Runner 2099', 'Star Wars: Starfighter',
  'The Mandalorian & Grogu', 'Fantastic Four: First Steps', 'Thunderbolts*', 'Beetlejuice Beetlejuice',
  'A Minecraft Movie', 'F1', 'Bugonia', 'One Battle After Another', 'Hamnet', 'Frankenstein',
  'The Running Man', 'Tron: Ares', 'Zootopia 2', 'Shrek 5', 'The Super Mario Galaxy Movie',
  'Mickey 17', 'Lilo & Stitch', 'How to Train Your Dragon', 'Final Destination Bloodlines', 'Weapons',
  'Materialists', 'Sorry, Baby', 'The Fantastic Four', 'Kpop Demon Hunters', 'Avatar 4', 'Elio', 'Wicked',
  'The Substance', 'A Complete Unknown', 'Emilia Pérez', 'Babygirl', 'Nickel Boys', 'September 5', 'Juror #2',
  'Here', 'Joker: Folie à Deux', 'Alien: Romulus', 'Kingdom of the Planet of the Apes', 'Civil War', 'Longlegs',
  'The Wild Robot', 'Venom: The Last Dance', 'Smile 2', 'Red One', 'Heretic',
];

export const SHOWS = [
  'The Last of Us', 'Stranger Things', 'The Bear', 'House of the Dragon', 'Severance', 'The White Lotus',
  'Wednesday', 'Squid Game', 'Andor', 'The Boys', 'Succession', 'Shōgun', 'Abbott Elementary',
  'Hacks', 'The Penguin', 'Slow Horses', 'Only Murders in the Building', 'Yellowjackets', 'Euphoria',
  'The Rings of Power', 'Fallout', 'Bridgerton', 'The Crown', 'Ted Lasso', 'Loki',
];

export const STUDIOS = [
  'Warner Bros.', 'Universal Pictures', 'Paramount', 'Sony Pictures', 'Disney', 'Marvel Studios',
  'Lucasfilm', 'Pixar', '20th Century Studios', 'Lionsgate', 'A24', 'Neon', 'Searchlight Pictures',
  'Legendary', 'DC Studios', 'Amazon MGM Studios', 'Focus Features', 'Blumhouse', 'Skydance',
];

export const STREAMERS = ['Netflix', 'HBO', 'Max', 'Disney+', 'Apple TV+', 'Prime Video', 'Hulu', 'Peacock'];

export const FESTIVALS = [
  'Cannes', 'Venice', 'Toronto', 'Sundance', 'Berlin', 'Telluride', 'SXSW', 'New York Film Festival',
];

export const AWARDS = [
  'the Oscar', 'the Golden Globe', 'the Emmy', 'the BAFTA', 'the Palme d’Or', 'the Golden Lion',
  'the SAG Award', 'the Critics Choice Award',
];

export const PLACES = [
  'Norway', 'Jordan', 'Budapest', 'Atlanta', 'London', 'Abu Dhabi', 'Rome', 'Cape Town', 'Vancouver',
  'New Zealand', 'Malta', 'Tokyo', 'Prague', 'Iceland', 'Morocco', 'Belfast', 'Glasgow', 'Dublin', 'Madrid',
  'Seville', 'Lisbon', 'Berlin', 'Munich', 'Vienna', 'Sofia', 'Bucharest', 'Istanbul', 'Dubai', 'Mumbai',
  'Seoul', 'Sydney', 'Melbourne', 'Queensland', 'Toronto', 'Montreal', 'Calgary', 'Albuquerque', 'New Orleans',
  'Savannah', 'Chicago', 'Boston', 'Pittsburgh', 'Austin', 'Utah', 'Monument Valley', 'Hawaii', 'Mexico City',
  'Bogotá', 'Buenos Aires', 'Rio de Janeiro', 'Venice', 'Sicily', 'Croatia', 'Slovenia', 'Scotland',
  'the Canary Islands', 'Tenerife', 'Marrakech', 'Wadi Rum', 'Namibia', 'Thailand', 'Bali',
];

export const ADJECTIVES = [
  'grieving', 'disgraced', 'reclusive', 'ambitious', 'retired', 'rookie', 'corrupt', 'charming', 'ruthless',
  'washed-up', 'idealistic', 'paranoid', 'estranged', 'legendary', 'troubled', 'brilliant', 'lonely', 'rogue',
  'eccentric', 'fearless', 'scheming', 'wounded', 'mysterious', 'cynical', 'aging', 'young', 'exiled',
  'undercover', 'reformed', 'notorious',
];
export const OCCUPATIONS = [
  'jazz pianist', 'astronaut', 'detective', 'war photographer', 'chess prodigy', 'hitman', 'chef', 'nun',
  'hedge fund manager', 'surgeon', 'bounty hunter', 'rock star', 'sheriff', 'spy', 'boxer', 'novelist',
  'pop star', 'architect', 'ballerina', 'con artist', 'journalist', 'senator', 'heiress', 'stuntman',
  'lighthouse keeper', 'smuggler', 'professor', 'race car driver', 'priest', 'magician', 'marine biologist',
  'getaway driver', 'vampire hunter', 'tech founder', 'ghostwriter', 'test pilot', 'painter', 'mobster',
  'wedding planner', 'park ranger',
];
export const GENRES = [
  'sci-fi', 'horror', 'thriller', 'action', 'comedy', 'romantic comedy', 'musical', 'drama', 'heist',
  'western', 'war', 'animated', 'fantasy', 'superhero', 'period', 'sports', 'psychological', 'crime',
];

export const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
];

export const AUTHORS = [
  'Ben Travis', 'Justin Kroll', 'Borys Kit', 'Mike Fleming Jr.', 'Rebecca Rubin', 'Pamela McClintock',
  'Anthony D’Alessandro', 'Kate Erbland', 'Zack Sharf', 'Jazz Tangcay', 'Angelique Jackson', 'Matt Donnelly',
  'Brent Lang', 'Clayton Davis', 'Rosy Cordero', 'Denise Petski', 'Nellie Andreeva', 'Joe Otterson',
  'Jordan Moreau', 'Ethan Shanfeld', 'Carson Burton', 'Selome Hailu', 'Tatiana Siegel', 'Ramin Setoodeh',
  'Elsa Keslassy', 'Naman Ramachandran', 'Leo Barraclough', 'Manori Ravindran', 'Jake Kanter', 'Alex Ritman',
];

export const OUTLET_WORDS_A = [
  'Hollywood', 'Screen', 'Reel', 'Silver', 'Backlot', 'Marquee', 'Premiere', 'Studio', 'Box Office',
  'Spotlight', 'Red Carpet', 'Frame', 'Cinema', 'Showbiz', 'Popcorn', 'Matinee', 'Starlight', 'Casting',
];
export const OUTLET_WORDS_B = [
  'Wire', 'Daily', 'Ledger', 'Report', 'Insider', 'Dispatch', 'Gazette', 'Post', 'Tribune', 'Herald',
  'Bulletin', 'Journal', 'Review', 'Chronicle', 'Digest', 'Sentinel', 'Times', 'Feed',
];

/** Parts of background sentences, combined at random so unrelated articles rarely share a sentence. */
export const FILLER_SUBJECTS = [
  'The studio', 'A spokesperson for the production', 'Industry analysts', 'Exhibitors', 'People close to the project',
  'The filmmakers', 'Executives at the company', 'Talent agents', 'Distributors overseas', 'Early test audiences',
  'The marketing team', 'Theater owners', 'Rival studios', 'Financiers', 'The guild', 'Longtime fans',
  'The producers', 'Streaming executives',
];
export const FILLER_VERBS = [
  'expect', 'have been pushing for', 'are wary of', 'privately question', 'remain bullish on', 'point to',
  'have yet to weigh in on', 'are closely watching', 'quietly signed off on', 'spent months debating',
  'were surprised by', 'are already planning around',
];
export const FILLER_OBJECTS = [
  'the budget, said to exceed $N million', 'a premium-format rollout in N markets', 'an awards-season qualifying run',
  'the streaming window, now N days', 'a second-unit shoot in PLACE', 'the merchandise program', 'reshoots scheduled for MONTH',
  'the international release pattern', 'the soundtrack, which features N original songs', 'a sequel option baked into the deal',
  'the director’s cut', 'the VFX workload split across N vendors', 'a test screening in PLACE',
  'the trailer’s view count, past N million in a day', 'the ratings board’s decision', 'the tax incentive in PLACE',
  'a day-and-date release', 'the backend deal for the cast', 'an IMAX-exclusive week', 'the fan convention panel in MONTH',
];
export const FILLER_TAILS = [
  '', ' this quarter', ' ahead of the holidays', ' after a turbulent year', ', according to two sources',
  ', per people briefed on the matter', ' despite the strikes’ lingering effects', ' before the end of the fiscal year',
  ' & beyond', ', at least for now',
];
/** Background that mentions other people and titles, as real articles do. */
export const BACKGROUND = [
  'It follows PERSON’s turn in FILM, which grossed $N million worldwide.',
  'PERSON, who was previously attached, remains an executive producer.',
  'The news comes a week after FILM slipped to MONTH.',
  'STUDIO had a similar hit with FILM last year.',
  'Insiders compare the buzz to that around FILM.',
];
