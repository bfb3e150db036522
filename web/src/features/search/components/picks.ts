import type { DraftPick } from '@/lib/draft';
import { dayShift, formatDay, formatDuration, localTime, plural } from '@/lib/format';
import { airlineName, boardName, cityOf } from '@/lib/places';
import type { Activity, FlightOffer, HotelOffer, Itinerary } from '../api/types';

/** "07:25 Boston → 21:40 Lisbon, +1" for one direction, in each airport's local time. */
export function itineraryTimes(it: Itinerary): string {
  const first = it.segments[0];
  const last = it.segments[it.segments.length - 1];
  if (!first || !last) return '';
  const shift = dayShift(first.departure, last.arrival);
  return `${localTime(first.departure).time} ${cityOf(first.origin)} → ${localTime(last.arrival).time} ${cityOf(last.destination)}${shift > 0 ? `, +${shift}` : shift < 0 ? `, ${shift}` : ''}`;
}

/** "1 stop in Newark (EWR, 1h 20m)" or "Nonstop". */
export function stopsText(it: Itinerary): string {
  if (it.segments.length <= 1) return 'Nonstop';
  const stops = it.segments.slice(0, -1).map((s, i) => {
    const next = it.segments[i + 1]!;
    const wait = Math.round((Date.parse(next.departure) - Date.parse(s.arrival)) / 60_000);
    return `${cityOf(s.destination)} (${s.destination}${wait > 0 ? `, ${formatDuration(`PT${Math.floor(wait / 60)}H${wait % 60}M`)}` : ''})`;
  });
  return `${plural(stops.length, 'stop')} in ${stops.join(', ')}`;
}

export function carriersOf(o: FlightOffer): string {
  return [...new Set(o.itineraries.flatMap((it) => it.segments.map((s) => airlineName(s.carrierCode))))].join(', ');
}

export function flightPick(o: FlightOffer): DraftPick {
  const out = o.itineraries[0]!;
  const first = out.segments[0]!;
  const last = out.segments[out.segments.length - 1]!;
  return {
    kind: 'flight',
    offerId: o.id,
    title:
      o.itineraries.length > 2
        ? [cityOf(first.origin), ...o.itineraries.map((it) => cityOf(it.segments[it.segments.length - 1]!.destination))].join(' → ')
        : `${cityOf(first.origin)} → ${cityOf(last.destination)}${o.itineraries.length === 2 ? ' and back' : ''}`,
    detail: o.itineraries.map((it) => `${formatDay(it.segments[0]!.departure)} ${itineraryTimes(it)}`).join(' · ') + ` · ${carriersOf(o)}`,
    price: o.totalPrice,
    simulated: o.source === 'simulated',
    day: first.departure.slice(0, 10),
  };
}

export function hotelPick(o: HotelOffer): DraftPick {
  const nights = dayShift(o.checkIn, o.checkOut);
  return {
    kind: 'hotel',
    offerId: o.id,
    title: o.hotel.name,
    detail: `${formatDay(o.checkIn)} – ${formatDay(o.checkOut)}, ${plural(nights, 'night')} · ${[o.roomType, boardName(o.board)].filter(Boolean).join(', ')}`,
    price: o.total,
    simulated: o.source === 'simulated',
    day: o.checkIn,
  };
}

export function activityPick(a: Activity, day: string): DraftPick {
  return {
    kind: 'activity',
    offerId: a.id,
    title: a.name,
    detail: [a.category, a.duration ? formatDuration(a.duration) : null].filter(Boolean).join(' · '),
    price: a.price ?? null,
    simulated: a.source === 'simulated',
    day,
    place: { name: a.name, latitude: Number(a.point.latitude), longitude: Number(a.point.longitude) },
  };
}
