import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { ActivitySearchResponse } from './types';

export const searchActivities = (cityCode: string): Promise<ActivitySearchResponse> =>
  request('GET', `/api/v1/activities/search?${new URLSearchParams({ cityCode })}`);

export const activitiesQueryOptions = (cityCode: string) =>
  queryOptions({ queryKey: ['activities', cityCode], queryFn: () => searchActivities(cityCode), staleTime: 5 * 60_000, retry: false });

export const useActivitySearch = (cityCode: string | null) => useQuery({ ...activitiesQueryOptions(cityCode ?? ''), enabled: Boolean(cityCode) });
