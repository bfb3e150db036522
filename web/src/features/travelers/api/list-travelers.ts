import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapAll, type Schemas } from '@/lib/api-client';

export type Traveler = Schemas['TravelerResponse'];

export const listTravelers = () => unwrapAll(api.GET('/api/v1/travelers', { params: { query: { pageSize: 100 } } }));

export const travelersQueryOptions = () => queryOptions({ queryKey: ['travelers'], queryFn: listTravelers });

export const useTravelers = () => useQuery(travelersQueryOptions());
