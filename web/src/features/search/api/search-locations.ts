import { queryOptions, useQuery } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { LocationsResponse } from './types';

export const searchLocations = (q: string): Promise<LocationsResponse> => request('GET', `/api/v1/locations?${new URLSearchParams({ q, limit: '8' })}`);

export const locationsQueryOptions = (q: string) => queryOptions({ queryKey: ['locations', q], queryFn: () => searchLocations(q), staleTime: 60 * 60_000, retry: false });

export const useLocations = (q: string) => useQuery({ ...locationsQueryOptions(q), enabled: q.trim().length >= 2 });
