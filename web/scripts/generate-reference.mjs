// Writes the small reference tables the web app shows names from (src/data/*.json), from the
// backend's bundled data (src/Pathavana/Inventory/Data, see its SOURCES.md for sources and licences):
//   node scripts/generate-reference.mjs
// airports.json: IATA code (airports and metropolitan codes such as NYC, LON) → its city;
// cities.json: [name, latitude, longitude] for the map's city labels, most important first: the
// curated city centres, then metropolitan areas, then the cities of large airports;
// airlines.json: IATA designator → name (OpenFlights, ODbL: attributed in docs/web.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = resolve(web, '../src/Pathavana/Inventory/Data');
const rows = (name) => readFileSync(join(data, name), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'));
const round = (v) => Math.round(Number(v) * 100) / 100;

const airports = {};
const cities = [];
const named = new Set();
const city = (name, lat, lon) => {
  if (named.has(name)) return;
  named.add(name);
  cities.push([name, round(lat), round(lon)]);
};
for (const [, type, name, lat, lon] of rows('landmarks.tsv')) if (type === 'C') city(name, lat, lon);
for (const [code, name, , lat, lon] of rows('metros.tsv')) {
  airports[code] = name;
  city(name, lat, lon);
}
for (const [code, , name, , lat, lon, , , size] of rows('airports.tsv')) {
  airports[code] = name;
  if (size === 'L') city(name, lat, lon);
}
const airlines = Object.fromEntries(rows('airlines.tsv').map(([code, name]) => [code, name]));

writeFileSync(join(web, 'src/data/airports.json'), JSON.stringify(airports) + '\n');
writeFileSync(join(web, 'src/data/airlines.json'), JSON.stringify(airlines) + '\n');
writeFileSync(join(web, 'src/data/cities.json'), JSON.stringify(cities) + '\n');
console.log(`${Object.keys(airports).length} airports and cities, ${cities.length} labelled cities, ${Object.keys(airlines).length} airlines`);
