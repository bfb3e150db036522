// Writes the small reference tables the web app shows names from (src/data/*.json), from the
// backend's bundled data (src/Pathavana/Inventory/Data, see its SOURCES.md for sources and licences):
//   node scripts/generate-reference.mjs
// airports.json: IATA code → its city; large airports and the metropolitan codes (NYC, LON…) also
// carry [city, latitude, longitude] for the map's city labels;
// airlines.json: IATA designator → name (OpenFlights, ODbL: attributed in docs/web.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(web, '../src/Pathavana/Inventory/Data');
const rows = (name) => readFileSync(join(data, name), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const round = (v) => Math.round(Number(v) * 100) / 100;

const airports = {};
for (const [code, , city, , lat, lon, , , size] of rows('airports.tsv')) airports[code] = size === 'L' ? [city, round(lat), round(lon)] : city;
for (const [code, city, , lat, lon] of rows('metros.tsv')) airports[code] = [city, round(lat), round(lon)];
const airlines = Object.fromEntries(rows('airlines.tsv').map(([code, name]) => [code, name]));

writeFileSync(join(web, 'src/data/airports.json'), JSON.stringify(airports) + '\n');
writeFileSync(join(web, 'src/data/airlines.json'), JSON.stringify(airlines) + '\n');
console.log(`${Object.keys(airports).length} airports and cities, ${Object.keys(airlines).length} airlines`);
