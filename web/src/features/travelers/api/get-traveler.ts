import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const getTraveler = (id: string) => unwrap(api.GET('/api/v1/travelers/{id}', { params: { path: { id } } }));

export const travelerQueryOptions = (id: string) => queryOptions({ queryKey: ['travelers', id], queryFn: () => getTraveler(id), retry: false });

export const useTraveler = (id: string) => useQuery(travelerQueryOptions(id));
