import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { PriceCalendar } from './types';

export interface CalendarQuery { origin: string; destination: string; month: string; adults: number; cabin: string }

export const getPriceCalendar = (q: CalendarQuery): Promise<PriceCalendar> =>
  request('GET', `/api/v1/flights/calendar?${new URLSearchParams({ origin: q.origin, destination: q.destination, month: q.month, adults: String(q.adults), cabin: q.cabin })}`);

export const priceCalendarQueryOptions = (q: CalendarQuery) =>
  queryOptions({ queryKey: ['price-calendar', q], queryFn: () => getPriceCalendar(q), staleTime: 5 * 60_000, retry: false });

export const usePriceCalendar = (q: CalendarQuery | null) => useQuery({ ...priceCalendarQueryOptions(q!), enabled: q !== null });
