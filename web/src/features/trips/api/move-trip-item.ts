import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const moveTripItem = ({ tripId, itemId, day, position }: { tripId: string; itemId: string; day: string; position: number }) =>
  unwrap(api.POST('/api/v1/trips/{id}/items/{itemId}/move', { params: { path: { id: tripId, itemId } }, body: { day, position } }));

export function useMoveTripItem() {
  const client = useQueryClient();
  return useMutation({ mutationFn: moveTripItem, onSuccess: (trip) => client.setQueryData(['trips', trip.id], trip) });
}
