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
  'New Zealand', 'Malta', 'Tokyo', 'Prague', 'Iceland', 'Morocco',
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

export const FILLER_SENTENCES = [
  'The studio declined to comment on the budget, which sources put well north of $200 million.',
  'Production is expected to begin in the spring, with a release planned for the following summer.',
  'Representatives for the star did not immediately respond to a request for comment.',
  'The project has been in development for years, passing through several writers along the way.',
  'Insiders say the test screenings went “better than anyone expected.”',
  'The deal was negotiated over several weeks and closed late on Friday.',
  'Fans on social media were quick to react, with the trailer trending worldwide within hours.',
  'It marks the latest in a string of high-profile moves for the company this year.',
  'The film’s marketing campaign will kick off with a Super Bowl spot, according to people familiar with the plans.',
  'Exhibitors have been hoping for a strong slate to lift attendance after a slow first quarter.',
  'Critics who saw early cuts praised the practical effects and the score.',
  'The cast also includes several newcomers whose roles are being kept under wraps.',
  'Analysts expect the title to play strongly overseas, particularly in Europe and Latin America.',
  'Shooting wrapped last month after a 120-day schedule across three continents.',
  'The announcement was made during a presentation to investors on Thursday.',
  'A spokesperson said more details would be shared “in the coming weeks.”',
  'The original grossed more than $700 million worldwide and spawned a merchandising empire.',
  'Several of the film’s key crew members are returning, including the director of photography.',
  'The guild said talks would resume next week & both sides remain “cautiously optimistic.”',
  'Premium large-format screens accounted for nearly a third of the opening-weekend gross.',
];
