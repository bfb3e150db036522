import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type Booking = Schemas['BookingResponse'];

export const listBookings = () => unwrap(api.GET('/api/v1/bookings'));

export const bookingsQueryOptions = () => queryOptions({ queryKey: ['bookings'], queryFn: listBookings });

export const useBookings = () => useQuery(bookingsQueryOptions());
