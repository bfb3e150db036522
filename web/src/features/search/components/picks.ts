import type { DraftPick } from '@/lib/draft';
import { dayShift, formatDay, formatDuration, localTime, plural } from '@/lib/format';
import { airlineName, boardName, cityOf } from '@/lib/places';
import type { Activity, FlightOffer, HotelOffer, Itinerary, TripQuery } from '../api/types';

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
    travellers: o.priceBreakdown.reduce((n, p) => n + Number(p.count), 0) || undefined,
    from: first.departure.slice(0, 10),
    to: o.itineraries.length === 2 ? o.itineraries[1]!.segments[0]!.departure.slice(0, 10) : null,
    lands: last.arrival.slice(0, 10),
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
    travellers: Number(o.adults) || undefined,
    from: o.checkIn,
    to: o.checkOut,
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

/**
 * The query a stay search runs with: checking in on the day the picked flight (`lands`) arrives
 * when that is after the departure day and before the return — no night paid for in the air.
 */
export function stayQuery(q: TripQuery, lands: string | undefined): TripQuery {
  return lands && lands > q.departureDate && (!q.returnDate || lands < q.returnDate) ? { ...q, departureDate: lands } : q;
}

/** The local day the picked flight lands, when the flight fits the search shown (else undefined). */
export const landsOf = (picks: DraftPick[], q: TripQuery | null) => picks.find((p) => p.kind === 'flight' && !misfit(p, q))?.lands;

const people = (n: number) => plural(n, 'traveller');

/**
 * Why a flight or stay picked earlier no longer fits the search shown now, in words a traveller
 * reads ("Priced for 1 traveller; the search is now for 3"), or null when it fits (or the pick says
 * too little to tell, or the search is multi-city). A flight must carry the whole party and leave
 * (and, for a round trip, return) on the search's days; a stay must be for the party's adults and
 * lie within the trip's dates — a stay for part of the trip (two cities) fits.
 */
export function misfit(p: DraftPick, q: TripQuery | null): string | null {
  if (!q || q.legs || p.kind === 'activity' || !p.from) return null;
  const party = q.adults + (q.children ?? 0) + (q.infants ?? 0);
  const reasons: string[] = [];
  if (p.kind === 'flight') {
    if (p.travellers && p.travellers !== party) reasons.push(`priced for ${people(p.travellers)}; the search is now for ${party}`);
    if (p.from !== q.departureDate) reasons.push(`leaves ${formatDay(p.from)}; the search now leaves ${formatDay(q.departureDate)}`);
    else if (p.to && q.returnDate && p.to !== q.returnDate) reasons.push(`comes back ${formatDay(p.to)}; the search now comes back ${formatDay(q.returnDate)}`);
  } else {
    if (p.travellers && p.travellers !== q.adults) reasons.push(`for ${plural(p.travellers, 'adult')}; the search is now for ${q.adults}`);
    if (p.from < q.departureDate || (q.returnDate && p.to && p.to > q.returnDate)) {
      reasons.push(`${formatDay(p.from)} to ${formatDay(p.to ?? p.from)} is outside ${formatDay(q.departureDate)}${q.returnDate ? ` – ${formatDay(q.returnDate)}` : ''}`);
    }
  }
  if (reasons.length === 0) return null;
  const text = reasons.join('; ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}
