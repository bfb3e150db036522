import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

// The user's travelers, to choose whom a booking is for (the travelers feature owns editing them).
export const listMyTravelers = () => unwrap(api.GET('/api/v1/travelers'));

export const myTravelersQueryOptions = () => queryOptions({ queryKey: ['travelers'], queryFn: listMyTravelers });

export const useMyTravelers = (enabled: boolean) => useQuery({ ...myTravelersQueryOptions(), enabled });
