import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '@/lib/api-client';

export type AddTripItemInput = Schemas['AddTripItemRequest'];

export const addTripItem = ({ tripId, body }: { tripId: string; body: AddTripItemInput }) =>
  unwrap(api.POST('/api/v1/trips/{id}/items', { params: { path: { id: tripId } }, body }));

export function useAddTripItem() {
  const client = useQueryClient();
  return useMutation({ mutationFn: addTripItem, onSuccess: (trip) => { client.setQueryData(['trips', trip.id], trip); void client.invalidateQueries({ queryKey: ['trips'] }); } });
}

/** An item made from a search offer: everything else comes from the offer on the server. */
export const fromOffer = (kind: 'flight' | 'hotel', offerId: string): AddTripItemInput => ({
  kind, offerId, day: null, title: null, notes: null, start: null, end: null, timeZone: null, place: null, price: null, currency: null,
});
