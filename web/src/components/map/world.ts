import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

// The offline world: land and country borders from Natural Earth (public domain) as packaged by the
// world-atlas npm package, loaded only when a map is drawn. The 1:110m set draws the world; the
// 1:50m set replaces it once a map is zoomed in to a country or a city.

export interface World {
  land: FeatureCollection;
  borders: MultiLineString;
}

type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

function toWorld(topology: Atlas): World {
  return {
    land: feature(topology, topology.objects.land) as unknown as FeatureCollection,
    borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
  };
}

let coarse: Promise<World> | null = null;
let fine: Promise<World> | null = null;

export function loadWorld(detailed: boolean): Promise<World> {
  if (detailed) return (fine ??= import('world-atlas/countries-50m.json').then((m) => toWorld(m.default as unknown as Atlas)));
  return (coarse ??= import('world-atlas/countries-110m.json').then((m) => toWorld(m.default as unknown as Atlas)));
}
