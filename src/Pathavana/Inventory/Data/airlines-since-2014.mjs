// What changed in the airline world between the OpenFlights snapshot (about 2014) and 2026, for the
// simulator's network and airline names. Facts, curated here (public airline histories); used by
// build-reference-data.mjs (airlines.tsv) and build-route-network.mjs (routes.tsv).

// Merged into, or taken over by, another airline: their routes are flown by the survivor.
export const merged = {
  US: 'AA', VX: 'AS', CO: 'UA', NW: 'DL', FL: 'WN', // US mergers (2010–2018)
  AB: 'EW', '4U': 'EW', // Air Berlin (2017) routes largely to Eurowings; Germanwings folded into Eurowings (2020)
  KF: 'SK', KA: 'CX', MI: 'SQ', TA: 'AV', TZ: 'TR', VF: '3K', TT: 'VA', NY: 'FI', WJ: 'G3', '7F': '5T',
  HF: 'X3', A5: 'AF', DG: '5J', JW: 'MM', // Blue1, Dragonair, SilkAir, TACA, Scoot, Valuair, Tigerair Australia, Air Iceland, WebJet, First Air, Hapagfly, HOP!, Cebgo, Vanilla Air
};

// Ceased flying since (or listed in OpenFlights under a code another, unknown carrier flies now):
// their routes are dropped; the others on each route still fly it.
export const ceased = new Set([
  '9W', 'BE', 'UN', 'IG', 'ST', 'ZI', 'SE', 'JP', 'OV', 'MA', 'JK', 'IT', 'WW', 'MT', 'GE', 'AP', 'O6', '0B', '0D',
  'LT', '4H', 'S2', 'EG', 'TE', 'JN', 'Z4', '3L', 'DN', '3R', 'Y8', 'JA', 'V3', 'RI', '7P', '4T', 'LC', 'Q8', '5C',
  'M9', 'MN', 'JE', 'I6', '8R', 'S5', 'R2', 'OX', 'HG', 'K2', 'F7', '2N', 'EQ', 'LI', 'K5', 'ZK', 'G8', 'WU', '9U',
  'PS', 'BU', 'MJ', 'DH', 'TJ', 'HW', 'CE', 'DC', 'EO', 'Y5', 'B5', '2B', 'FS', 'SI', 'QL', 'PL', 'LW', 'AW', 'PV',
  '3P', 'S3', 'PQ', 'HN', 'WP', 'MR', 'CC', 'HZ', 'V9', 'Z6', 'VQ', '7M', 'OJ', 'RL', 'W9', 'Q9', '8B', 'VH', 'W4',
  'GV', 'MY', 'E8', 'QH', 'UE', 'CN', '7R', '13',
]);

// The name (and ISO country) flying under a code in 2026 where OpenFlights names another airline
// that once held it, or an old name.
export const current = {
  AZ: ['ITA Airways', 'IT'], GS: ['Tianjin Airlines', 'CN'], JD: ['Beijing Capital Airlines', 'CN'], '8L': ['Lucky Air', 'CN'],
  BK: ['Okay Airways', 'CN'], KY: ['Kunming Airlines', 'CN'], EU: ['Chengdu Airlines', 'CN'], TV: ['Tibet Airlines', 'CN'],
  PN: ['West Air', 'CN'], VJ: ['VietJet Air', 'VN'], W3: ['Arik Air', 'NG'], YC: ['Yamal Airlines', 'RU'], MO: ['Calm Air', 'CA'],
  JY: ['InterCaribbean Airways', 'TC'], '2P': ['PAL Express', 'PH'], XY: ['flynas', 'SA'], FJ: ['Fiji Airways', 'FJ'],
  '9E': ['Endeavor Air', 'US'], PI: ['Piedmont Airlines', 'US'], HD: ['AIRDO', 'JP'], ID: ['Batik Air', 'ID'],
  UG: ['Tunisair Express', 'TN'], '5N': ['Smartavia', 'RU'], QS: ['Smartwings', 'CZ'], OA: ['Olympic Air', 'GR'],
  TR: ['Scoot', 'SG'], '7H': ['Ravn Alaska', 'US'], AI: ['Air India', 'IN'], XK: ['Air Corsica', 'FR'], HV: ['Transavia', 'NL'],
  OD: ['Batik Air Malaysia', 'MY'], V7: ['Volotea', 'ES'], '6E': ['IndiGo', 'IN'], SV: ['Saudia', 'SA'], FZ: ['flydubai', 'AE'],
  JT: ['Lion Air', 'ID'], BL: ['Pacific Airlines', 'VN'], UO: ['HK Express', 'HK'], SK: ['SAS', 'SE'], DV: ['SCAT Airlines', 'KZ'],
  EW: ['Eurowings', 'DE'], S4: ['Azores Airlines', 'PT'], MM: ['Peach Aviation', 'JP'], DE: ['Condor', 'DE'], JJ: ['LATAM Airlines Brasil', 'BR'],
};
