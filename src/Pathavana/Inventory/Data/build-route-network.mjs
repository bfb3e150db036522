// Builds routes.tsv, the simulator's airline route network, from the OpenFlights route database
// (ODbL 1.0; attribution "OpenFlights.org", see SOURCES.md). Keeps what the simulator needs:
// who operates each nonstop route with which aircraft, and who sells it as a codeshare. A route
// listed only as codeshares (a regional partner operates it) is kept, its marketing carriers as operators.
//
//   node src/Pathavana/Inventory/Data/build-route-network.mjs /work/shared/data/openflights
//
// Input: routes.dat (CSV without header: airline, airline id, source airport, source id,
// destination airport, destination id, codeshare "Y" or "", stops, equipment).
// Output (UTF-8, one origin airport a line, sorted, tab separated):
//   ORIGIN <TAB> DEST:OPERATORS[/CODESHARES] <TAB> DEST:… …
// where OPERATORS are carrier designator + first listed aircraft code ("AA777.BA744", "---" when
// unknown) and CODESHARES are designators joined by "." ("AF.IB"). Only nonstop routes between
// airports of airports.tsv, by airlines of airlines.tsv, are kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { merged } from './airlines-since-2014.mjs';

const source = process.argv[2] ?? '/work/shared/data/openflights';
const out = dirname(fileURLToPath(import.meta.url));
const table = name => readFileSync(join(out, name), 'utf8').split('\n').filter(Boolean).map(l => l.split('\t'));
const airports = new Set(table('airports.tsv').map(f => f[0]));
const airlines = new Set(table('airlines.tsv').map(f => f[0]));

// Airports that closed after the data was collected, mapped to the airport that took their flights.
const renamed = { TXL: 'BER', SXF: 'BER', DKR: 'DSS', TSE: 'NQZ', NAY: 'PKX', ULN: 'UBN' };
// Airlines that merged into another since fly as the survivor; those that ceased are not in
// airlines.tsv, so their routes are dropped (airlines-since-2014.mjs).

const routes = new Map(); // "A-B" -> { operators: Map(carrier -> aircraft), codeshares: Set }
let read = 0, kept = 0;
for (const line of readFileSync(join(source, 'routes.dat'), 'utf8').split('\n')) {
  if (!line) continue;
  read++;
  const [rawCarrier, , rawFrom, , rawTo, , codeshare, stops, equipment] = line.split(',');
  const from = renamed[rawFrom] ?? rawFrom, to = renamed[rawTo] ?? rawTo;
  const carrier = merged[rawCarrier] ?? rawCarrier;
  if (stops !== '0' || from === to || !airports.has(from) || !airports.has(to) || !airlines.has(carrier)) continue;
  kept++;
  const key = `${from}-${to}`;
  if (!routes.has(key)) routes.set(key, { from, to, operators: new Map(), codeshares: new Set(), shareAircraft: new Map() });
  const route = routes.get(key);
  if (codeshare === 'Y') {
    route.codeshares.add(carrier);
    const aircraft = (equipment ?? '').trim().split(/\s+/)[0];
    if (!route.shareAircraft.has(carrier)) route.shareAircraft.set(carrier, /^[A-Z0-9]{3}$/.test(aircraft ?? '') ? aircraft : '---');
  } else if (!route.operators.has(carrier)) {
    const aircraft = (equipment ?? '').trim().split(/\s+/)[0];
    route.operators.set(carrier, /^[A-Z0-9]{3}$/.test(aircraft ?? '') ? aircraft : '---');
  }
}

const byOrigin = new Map();
let pairs = 0;
for (const route of routes.values()) {
  if (route.operators.size === 0) {
    // Sold only as codeshares ("AC 330 SEA-YVR" flown by a regional partner the data does not list):
    // the route is flown, so its marketing carriers sell it as if they operated it.
    if (route.shareAircraft.size === 0) continue;
    for (const [c, a] of route.shareAircraft) route.operators.set(c, a);
  }
  for (const c of route.operators.keys()) route.codeshares.delete(c);
  pairs++;
  const ops = [...route.operators].sort((a, b) => a[0].localeCompare(b[0])).map(([c, a]) => c + a).join('.');
  const shares = [...route.codeshares].sort().join('.');
  if (!byOrigin.has(route.from)) byOrigin.set(route.from, []);
  byOrigin.get(route.from).push([route.to, `${route.to}:${ops}${shares ? '/' + shares : ''}`]);
}

const lines = [...byOrigin.keys()].sort().map(origin =>
  [origin, ...byOrigin.get(origin).sort((a, b) => a[0].localeCompare(b[0])).map(e => e[1])].join('\t'));
writeFileSync(join(out, 'routes.tsv'), lines.join('\n') + '\n');
console.log(`routes.dat lines ${read}, usable ${kept}, airport pairs ${pairs}, origins ${byOrigin.size}`);
