import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapAll, type Schemas } from '@/lib/api-client';

export type Booking = Schemas['BookingResponse'];

export const listBookings = () => unwrapAll(api.GET('/api/v1/bookings', { params: { query: { pageSize: 100 } } }));

export const bookingsQueryOptions = () => queryOptions({ queryKey: ['bookings'], queryFn: listBookings });

export const useBookings = () => useQuery(bookingsQueryOptions());
