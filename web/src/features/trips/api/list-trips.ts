import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapAll, type Schemas } from '@/lib/api-client';

export type TripSummary = Schemas['TripSummaryResponse'];

export const listTrips = () => unwrapAll(api.GET('/api/v1/trips', { params: { query: { pageSize: 100 } } }));

export const tripsQueryOptions = () => queryOptions({ queryKey: ['trips'], queryFn: listTrips });

export const useTrips = (enabled = true) => useQuery({ ...tripsQueryOptions(), enabled });
