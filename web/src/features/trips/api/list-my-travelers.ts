import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrapAll } from '@/lib/api-client';

// The user's travelers, to choose whom a booking is for (the travelers feature owns editing them).
export const listMyTravelers = () => unwrapAll(api.GET('/api/v1/travelers', { params: { query: { pageSize: 100 } } }));

export const myTravelersQueryOptions = () => queryOptions({ queryKey: ['travelers'], queryFn: listMyTravelers });

export const useMyTravelers = (enabled: boolean) => useQuery({ ...myTravelersQueryOptions(), enabled });
