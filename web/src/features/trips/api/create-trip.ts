import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type TripInput = Schemas['TripRequest'];

export const createTrip = (body: TripInput) => unwrap(api.POST('/api/v1/trips', { body }));

export function useCreateTrip() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createTrip, onSuccess: () => client.invalidateQueries({ queryKey: ['trips'] }) });
}
