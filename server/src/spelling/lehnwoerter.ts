/**
 * English words that German administrations use as they are ("Open Data", "Streetwork",
 * "Pumptrack"), which a German dictionary does not have. Spelling accepts them everywhere;
 * a council's or project's own words go in its profile or in `woerter:`.
 */
export const LOANWORDS: ReadonlySet<string> = new Set(
  [
    'Open Data Government Source Space Spaces Smart City Cities Citizen Science Hub Hubs Lab Labs Living',
    'Streetwork Streetworker Streetworkerin Streetworkerinnen Sharing Bikesharing Carsharing Homeoffice Coworking',
    'Startup Startups Monitoring Masterplan Event Events Games Scooter Bike Bikes Pumptrack Pumptracks Skatepark Skateparks',
    'Urban Gardening Food Truck Trucks Design Thinking Livestream Livestreams Stream Streams Online Workshop Workshops',
    'Feedback Tool Tools App Apps Public Private Partnership Shared Green Deal Fairtrade Pop-up Open-Air Park Ride',
    'Community Communities Service Services Center Centers Mobility Hotspot Hotspots Tracking Newsletter Podcast Podcasts',
  ].flatMap((line) => line.split(' ')),
);
