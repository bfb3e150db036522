import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const removeTripItem = ({ tripId, itemId }: { tripId: string; itemId: string }) =>
  unwrap(api.DELETE('/api/v1/trips/{id}/items/{itemId}', { params: { path: { id: tripId, itemId } } }));

export function useRemoveTripItem() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removeTripItem, onSuccess: (_, v) => client.invalidateQueries({ queryKey: ['trips', v.tripId] }) });
}
