import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type SharedTrip = Schemas['SharedTripResponse'];

/** A trip someone shared: read-only, without sign-in, without anyone's personal data. */
export const getSharedTrip = (token: string) => unwrap(api.GET('/api/v1/shared/{token}', { params: { path: { token } } }));

export const useSharedTrip = (token: string) => useQuery(queryOptions({ queryKey: ['shared', token], queryFn: () => getSharedTrip(token), retry: false }));
