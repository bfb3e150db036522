import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type TravelerInput = Schemas['TravelerRequest'];

export const createTraveler = (body: TravelerInput) => unwrap(api.POST('/api/v1/travelers', { body }));

export function useCreateTraveler() {
  const client = useQueryClient();
  return useMutation({ mutationFn: createTraveler, onSuccess: () => client.invalidateQueries({ queryKey: ['travelers'] }) });
}
