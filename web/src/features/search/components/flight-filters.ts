import { durationMinutes, localTime } from '@/lib/format';
import type { FlightOffer } from '../api/types';

export type SortKey = 'price' | 'duration' | 'departure';
export type TimeOfDay = 'night' | 'morning' | 'afternoon' | 'evening';

export interface FlightFilters {
  maxStops: number | null; // null = any
  airlines: string[]; // empty = all
  times: TimeOfDay[]; // empty = any
  maxPrice: number | null;
  sort: SortKey;
}

export const defaultFilters: FlightFilters = { maxStops: null, airlines: [], times: [], maxPrice: null, sort: 'price' };

export const stopsOf = (o: FlightOffer) => Math.max(...o.itineraries.map((i) => i.segments.length - 1));
export const airlineOf = (o: FlightOffer) => o.itineraries[0]?.segments[0]?.carrierCode ?? o.validatingAirline;
export const departureOf = (o: FlightOffer) => o.itineraries[0]?.segments[0]?.departure ?? '';

export function timeOfDay(iso: string): TimeOfDay {
  const h = Math.floor(localTime(iso).minutes / 60);
  return h < 6 ? 'night' : h < 12 ? 'morning' : h < 18 ? 'afternoon' : 'evening';
}

export function applyFilters(offers: FlightOffer[], f: FlightFilters): FlightOffer[] {
  const out = offers.filter(
    (o) =>
      (f.maxStops === null || stopsOf(o) <= f.maxStops) &&
      (f.airlines.length === 0 || f.airlines.includes(airlineOf(o))) &&
      (f.times.length === 0 || f.times.includes(timeOfDay(departureOf(o)))) &&
      (f.maxPrice === null || Number(o.totalPrice.amount) <= f.maxPrice),
  );
  const key = (o: FlightOffer) =>
    f.sort === 'price' ? Number(o.totalPrice.amount) : f.sort === 'duration' ? (durationMinutes(o.itineraries[0]?.duration) ?? 0) : Date.parse(departureOf(o));
  return out.sort((a, b) => key(a) - key(b));
}
