import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const deleteTraveler = (id: string) => unwrap(api.DELETE('/api/v1/travelers/{id}', { params: { path: { id } } }));

export function useDeleteTraveler() {
  const client = useQueryClient();
  return useMutation({ mutationFn: deleteTraveler, onSuccess: () => client.invalidateQueries({ queryKey: ['travelers'] }) });
}
