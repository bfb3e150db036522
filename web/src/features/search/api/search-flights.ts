import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { FlightSearchResponse, TripLeg, TripQuery } from './types';

/** "LON-TYO-2027-03-01,TYO-BKK-2027-03-08": the compact multi-city form of GET /api/v1/flights/search. */
export function legsParam(legs: TripLeg[]): string {
  return legs.map((l) => `${l.origin}-${l.destination}-${l.date}`).join(',');
}

/** The legs of the compact form; null when a part is not ORIGIN-DESTINATION-YYYY-MM-DD. */
export function parseLegs(text: string | null | undefined): TripLeg[] | null {
  if (!text) return null;
  const legs: TripLeg[] = [];
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z]{3})-([A-Za-z]{3})-(\d{4}-\d{2}-\d{2})\s*$/.exec(part);
    if (!m) return null;
    legs.push({ origin: m[1]!.toUpperCase(), destination: m[2]!.toUpperCase(), date: m[3]! });
  }
  return legs.length > 0 ? legs : null;
}

export function searchFlights(q: TripQuery): Promise<FlightSearchResponse> {
  const multi = q.legs && q.legs.length > 1;
  const params = new URLSearchParams(
    multi ? { legs: legsParam(q.legs!), adults: String(q.adults), cabin: q.cabin } : { origin: q.origin, destination: q.destination, departureDate: q.departureDate, adults: String(q.adults), cabin: q.cabin },
  );
  if (q.returnDate && !multi) params.set('returnDate', q.returnDate);
  if (q.children) params.set('children', String(q.children));
  if (q.children && q.childAges?.length) params.set('childAges', q.childAges.join(','));
  if (q.infants) params.set('infants', String(q.infants));
  if (q.nonStop) params.set('nonStop', 'true');
  return request('GET', `/api/v1/flights/search?${params}`);
}

export const flightsQueryOptions = (q: TripQuery) => queryOptions({ queryKey: ['flights', q], queryFn: () => searchFlights(q), staleTime: 5 * 60_000, retry: false });

export const useFlightSearch = (q: TripQuery | null) => useQuery({ ...flightsQueryOptions(q!), enabled: q !== null });
