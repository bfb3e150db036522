import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type Traveler = Schemas['TravelerResponse'];

export const listTravelers = () => unwrap(api.GET('/api/v1/travelers'));

export const travelersQueryOptions = () => queryOptions({ queryKey: ['travelers'], queryFn: listTravelers });

export const useTravelers = () => useQuery(travelersQueryOptions());
