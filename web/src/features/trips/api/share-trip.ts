import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api-client';

export const shareTrip = (tripId: string) => unwrap(api.POST('/api/v1/trips/{id}/share', { params: { path: { id: tripId } } }));

export const useShareTrip = () => useMutation({ mutationFn: shareTrip });
