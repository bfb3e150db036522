import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '@/lib/api-client';
import type { Booking } from './list-bookings';

/** Cancels once: the Idempotency-Key makes a retried click safe. */
export const cancelBooking = ({ id, key }: { id: string; key: string }) =>
  request<Booking>('POST', `/api/v1/bookings/${id}/cancel`, undefined, { 'Idempotency-Key': key });

export function useCancelBooking() {
  const client = useQueryClient();
  return useMutation({ mutationFn: cancelBooking, onSuccess: () => client.invalidateQueries({ queryKey: ['bookings'] }) });
}
