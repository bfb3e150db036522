import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type TripSummary = Schemas['TripSummaryResponse'];

export const listTrips = () => unwrap(api.GET('/api/v1/trips'));

export const tripsQueryOptions = () => queryOptions({ queryKey: ['trips'], queryFn: listTrips });

export const useTrips = (enabled = true) => useQuery({ ...tripsQueryOptions(), enabled });
