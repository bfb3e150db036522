import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { ActivitySearchResponse } from './types';

/** Things to do in a city; `interest` keeps one kind (food, culture, outdoors, day-trips, nightlife). */
export const searchActivities = (cityCode: string, interest?: string): Promise<ActivitySearchResponse> =>
  request('GET', `/api/v1/activities/search?${new URLSearchParams(interest ? { cityCode, interest } : { cityCode })}`);

export const activitiesQueryOptions = (cityCode: string, interest?: string) =>
  queryOptions({ queryKey: ['activities', cityCode, interest ?? null], queryFn: () => searchActivities(cityCode, interest), staleTime: 5 * 60_000, retry: false });

export const useActivitySearch = (cityCode: string | null, interest?: string) => useQuery({ ...activitiesQueryOptions(cityCode ?? '', interest), enabled: Boolean(cityCode) });
