import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, unwrap, type Schemas } from '@/lib/api-client';

export type TripReview = Schemas['TripReviewResponse'];
export type ReviewItem = Schemas['ReviewItem'];
export type TripCheckout = Schemas['TripCheckoutResponse'];
export type CheckoutItem = Schemas['CheckoutItem'];

export const reviewTrip = (id: string) => unwrap(api.GET('/api/v1/trips/{id}/review', { params: { path: { id } } }));

export const reviewQueryOptions = (id: string) => queryOptions({ queryKey: ['trips', id, 'review'], queryFn: () => reviewTrip(id), retry: false });

export const useTripReview = (id: string) => useQuery(reviewQueryOptions(id));

/**
 * Books every bookable item of the trip not yet booked, once: the Idempotency-Key is made once per
 * attempt, so a retried click replays the first answer. acceptPrices: offer id → the new price accepted.
 */
export const bookTrip = ({ id, key, travelerIds, acceptPrices }: { id: string; key: string; travelerIds: string[]; acceptPrices?: Record<string, { amount: number | string; currency: string }> }) =>
  request<TripCheckout>('POST', `/api/v1/trips/${id}/book`, { travelerIds, acceptPrices: acceptPrices ?? null }, { 'Idempotency-Key': key });

export function useBookTrip() {
  const client = useQueryClient();
  return useMutation({ mutationFn: bookTrip, onSettled: (_, __, v) => client.invalidateQueries({ queryKey: ['trips', v.id] }) });
}
