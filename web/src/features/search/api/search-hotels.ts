import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import { addDays } from '@/lib/format';
import type { HotelSearchResponse, TripQuery } from './types';

export function searchHotels(q: TripQuery): Promise<HotelSearchResponse> {
  const params = new URLSearchParams({ cityCode: q.destination, checkIn: q.departureDate, checkOut: q.returnDate ?? addDays(q.departureDate, 3), adults: String(q.adults) });
  // Near a named place: hotels within walking distance of it, with distances from it.
  if (q.stay?.near) params.set('near', q.stay.near);
  return request('GET', `/api/v1/hotels/search?${params}`);
}

export const hotelsQueryOptions = (q: TripQuery) => queryOptions({ queryKey: ['hotels', q], queryFn: () => searchHotels(q), staleTime: 5 * 60_000, retry: false });

export const useHotelSearch = (q: TripQuery | null) => useQuery({ ...hotelsQueryOptions(q!), enabled: q !== null });
