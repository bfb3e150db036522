import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';
import type { TravelerInput } from './create-traveler';

export const updateTraveler = ({ id, body }: { id: string; body: TravelerInput }) =>
  unwrap(api.PUT('/api/v1/travelers/{id}', { params: { path: { id } }, body }));

export function useUpdateTraveler() {
  const client = useQueryClient();
  return useMutation({ mutationFn: updateTraveler, onSuccess: () => client.invalidateQueries({ queryKey: ['travelers'] }) });
}
