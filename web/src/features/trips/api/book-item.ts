import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request, type Schemas } from '@/lib/api-client';

export type BookingResult = Schemas['BookingResponse'];

/** Books a trip item's offer for travelers. The Idempotency-Key is made once per attempt, so a retry books once. */
export const bookItem = ({ key, kind, offerId, tripId, travelerIds }: { key: string; kind: string; offerId: string; tripId: string; travelerIds: string[] }) =>
  request<BookingResult>('POST', '/api/v1/bookings', { kind, offerId, tripId, travelerIds, acceptPrice: null }, { 'Idempotency-Key': key });

export function useBookItem() {
  const client = useQueryClient();
  return useMutation({ mutationFn: bookItem, onSuccess: (_, v) => client.invalidateQueries({ queryKey: ['trips', v.tripId] }) });
}
