import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { FlightSearchResponse, TripQuery } from './types';

export function searchFlights(q: TripQuery): Promise<FlightSearchResponse> {
  const params = new URLSearchParams({ origin: q.origin, destination: q.destination, departureDate: q.departureDate, adults: String(q.adults), cabin: q.cabin });
  if (q.returnDate) params.set('returnDate', q.returnDate);
  if (q.children) params.set('children', String(q.children));
  if (q.infants) params.set('infants', String(q.infants));
  if (q.nonStop) params.set('nonStop', 'true');
  return request('GET', `/api/v1/flights/search?${params}`);
}

export const flightsQueryOptions = (q: TripQuery) => queryOptions({ queryKey: ['flights', q], queryFn: () => searchFlights(q), staleTime: 5 * 60_000, retry: false });

export const useFlightSearch = (q: TripQuery | null) => useQuery({ ...flightsQueryOptions(q!), enabled: q !== null });
