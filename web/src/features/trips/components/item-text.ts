import type { MapArc, MapMarker } from '@/components/map/MapView';
import { dayShift, formatDay, localTime } from '@/lib/format';
import { cityOf } from '@/lib/places';

/** The fields a trip item shares with a shared trip's item. */
export interface ItemLike {
  kind: string;
  title: string;
  start?: string | null;
  end?: string | null;
  checkIn?: string | null;
  checkOut?: string | null;
  place?: { name?: string | null; latitude: number | string; longitude: number | string } | null;
  endPlace?: { name?: string | null; latitude: number | string; longitude: number | string } | null;
}

/** When an item happens, in its own local times: "18:05 Boston → 05:40 Lisbon, +1", "Check-in Thu 12 Mar from 15:00…". */
export function whenText(item: ItemLike): string {
  if (item.kind === 'flight' && item.start && item.end) {
    const m = /^([A-Z]{3}) → ([A-Z]{3})/.exec(item.title);
    const from = m ? cityOf(m[1]!) : (item.place?.name ?? '');
    const to = m ? cityOf(m[2]!) : (item.endPlace?.name ?? '');
    const shift = dayShift(item.start, item.end);
    return `${localTime(item.start).time} ${from} → ${localTime(item.end).time} ${to}${shift > 0 ? `, +${shift}` : ''} (local times)`;
  }
  if (item.kind === 'hotel' && item.checkIn && item.checkOut) {
    const nights = dayShift(item.checkIn, item.checkOut);
    return `Check-in ${formatDay(item.checkIn)} from 15:00 · check-out ${formatDay(item.checkOut)} by 11:00 · ${nights} night${nights === 1 ? '' : 's'}`;
  }
  if (item.start) return `${localTime(item.start).time}${item.end ? `–${localTime(item.end).time}` : ''} local time`;
  return '';
}

/** Markers for every place of the trip and an arc per flight. */
export function tripMap(items: (ItemLike & { id?: string })[]): { markers: MapMarker[]; arcs: MapArc[] } {
  const markers: MapMarker[] = [];
  const arcs: MapArc[] = [];
  items.forEach((item, i) => {
    const id = item.id ?? String(i);
    if (item.place) markers.push({ id, lat: Number(item.place.latitude), lon: Number(item.place.longitude), label: `${item.title}${item.place.name ? ` · ${item.place.name}` : ''}` });
    if (item.kind === 'flight' && item.place && item.endPlace) {
      arcs.push({ from: [Number(item.place.latitude), Number(item.place.longitude)], to: [Number(item.endPlace.latitude), Number(item.endPlace.longitude)] });
      markers.push({ id: `${id}-end`, lat: Number(item.endPlace.latitude), lon: Number(item.endPlace.longitude), label: item.endPlace.name ?? item.title });
    }
  });
  return { markers, arcs };
}
