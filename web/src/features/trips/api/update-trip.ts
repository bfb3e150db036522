import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TripInput } from './create-trip';

/** Replaces a trip's details (title, dates, currency, budget, travelers, notes, party size). */
export const updateTrip = ({ id, body }: { id: string; body: TripInput }) => unwrap(api.PUT('/api/v1/trips/{id}', { params: { path: { id } }, body }));

export function useUpdateTrip() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateTrip, onSuccess: (trip) => { client.setQueryData(['trips', trip.id], trip); void client.invalidateQueries({ queryKey: ['trips'], exact: true }); } });
}
