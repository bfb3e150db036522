import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef } from 'react';
import { env } from '@/config/env';
import { labelledCities } from '@/lib/places';
import { loadWorld } from './world';

export interface MapMarker {
  id: string;
  lat: number;
  lon: number;
  label: string;
  active?: boolean;
}

export interface MapArc {
  from: [number, number];
  to: [number, number];
}

interface MapViewProps {
  markers: MapMarker[];
  arcs?: MapArc[];
  label: string;
  onSelect?: (id: string) => void;
  tileUrl?: string | undefined;
}

const DETAIL_ZOOM = 5;

/**
 * Leaflet, used directly. Without VITE_TILE_URL the map draws the world itself — land, country
 * borders and city names from bundled public-domain data (Natural Earth, the airports' cities) — and
 * makes no request outside the app's origin. With it, tiles from that URL are drawn instead.
 */
export function MapView({ markers, arcs = [], label, onSelect, tileUrl = env.VITE_TILE_URL }: MapViewProps) {
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    if (!element.current) return;
    const instance = L.map(element.current, { zoomControl: true, attributionControl: true, scrollWheelZoom: false, worldCopyJump: true, minZoom: 1 });
    instance.attributionControl.setPrefix(false);
    let live = true;
    if (tileUrl) {
      L.tileLayer(tileUrl, { maxZoom: 18, attribution: env.VITE_TILE_ATTRIBUTION ?? '' }).addTo(instance);
    } else {
      instance.attributionControl.addAttribution('Natural Earth');
      // Land and borders in a pane of their own under the overlay pane: the land is opaque, and drawn into
      // the overlay pane (after the markers, once the outlines load) it would hide every marker and arc.
      instance.createPane('land').style.zIndex = '250';
      const renderer = L.svg({ padding: 0.5, pane: 'land' });
      const world = L.layerGroup().addTo(instance);
      const cities = L.layerGroup().addTo(instance);
      let detailed: boolean | null = null;
      const draw = () => {
        const want = instance.getZoom() >= DETAIL_ZOOM;
        if (want === detailed) return;
        detailed = want;
        void loadWorld(want).then((w) => {
          if (!live || detailed !== want) return;
          world.clearLayers();
          L.geoJSON(w.land, { interactive: false, style: { renderer, color: '#b9c9bf', weight: 0.6, fillColor: '#eef2e6', fillOpacity: 1 } }).addTo(world);
          L.geoJSON(w.borders, { interactive: false, style: { renderer, color: '#a3b1a8', weight: 0.8, dashArray: '3 3', fill: false } }).addTo(world);
        });
      };
      const places = labelledCities();
      const label = () => {
        cities.clearLayers();
        const bounds = instance.getBounds().pad(0.1);
        const taken: L.Point[] = [];
        const limit = instance.getZoom() <= 3 ? 18 : 40;
        for (const c of places) {
          if (taken.length >= limit) break;
          if (!bounds.contains([c.lat, c.lon])) continue;
          const at = instance.latLngToContainerPoint([c.lat, c.lon]);
          if (taken.some((p) => Math.abs(p.x - at.x) < 90 && Math.abs(p.y - at.y) < 22)) continue;
          taken.push(at);
          const name = document.createElement('span');
          name.textContent = c.name;
          L.marker([c.lat, c.lon], { interactive: false, keyboard: false, icon: L.divIcon({ className: 'map__city', html: name, iconSize: [0, 0] }) }).addTo(cities);
        }
      };
      instance.on('zoomend', draw);
      instance.on('moveend', label);
      instance.whenReady(() => {
        draw();
        label();
      });
    }
    instance.setView([20, 0], 2);
    layer.current = L.layerGroup().addTo(instance);
    map.current = instance;
    return () => {
      live = false;
      instance.remove();
      map.current = null;
    };
  }, [tileUrl]);

  useEffect(() => {
    const instance = map.current;
    const group = layer.current;
    if (!instance || !group) return;
    group.clearLayers();
    const points: L.LatLngExpression[] = [];
    for (const arc of arcs) {
      L.polyline(greatCircle(arc.from, arc.to), { color: '#155e63', weight: 2, dashArray: '6 6' }).addTo(group);
      points.push(arc.from, arc.to);
    }
    for (const m of markers) {
      const marker = L.circleMarker([m.lat, m.lon], {
        radius: m.active ? 9 : 7,
        color: '#ffffff',
        weight: 2,
        fillColor: m.active ? '#b45309' : '#155e63',
        fillOpacity: 1,
      })
        .bindTooltip(m.label)
        .addTo(group);
      if (onSelect) marker.on('click', () => onSelect(m.id));
      points.push([m.lat, m.lon]);
    }
    if (points.length === 1) instance.setView(points[0]!, 12);
    else if (points.length > 1) instance.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: 14 });
  }, [markers, arcs, onSelect]);

  return (
    <div className={`map${tileUrl ? '' : ' map--offline'}`} role="region" aria-label={label}>
      <div ref={element} className="map__canvas" />
    </div>
  );
}

/** Points along the great circle between two coordinates, for a flight arc. */
function greatCircle([lat1, lon1]: [number, number], [lat2, lon2]: [number, number], steps = 32): [number, number][] {
  const r = Math.PI / 180;
  const [p1, l1, p2, l2] = [lat1 * r, lon1 * r, lat2 * r, lon2 * r];
  const d = 2 * Math.asin(Math.sqrt(Math.sin((p2 - p1) / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin((l2 - l1) / 2) ** 2));
  if (d === 0) return [[lat1, lon1]];
  const out: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const a = Math.sin((1 - f) * d) / Math.sin(d);
    const b = Math.sin(f * d) / Math.sin(d);
    const x = a * Math.cos(p1) * Math.cos(l1) + b * Math.cos(p2) * Math.cos(l2);
    const y = a * Math.cos(p1) * Math.sin(l1) + b * Math.cos(p2) * Math.sin(l2);
    const z = a * Math.sin(p1) + b * Math.sin(p2);
    out.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / r, Math.atan2(y, x) / r]);
  }
  return out;
}
