import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type Trip = Schemas['TripResponse'];
export type TripItem = Schemas['TripItemResponse'];

export const getTrip = (id: string) => unwrap(api.GET('/api/v1/trips/{id}', { params: { path: { id } } }));

export const tripQueryOptions = (id: string) => queryOptions({ queryKey: ['trips', id], queryFn: () => getTrip(id), retry: false });

export const useTrip = (id: string) => useQuery(tripQueryOptions(id));
