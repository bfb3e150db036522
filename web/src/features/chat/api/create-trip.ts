import { api, unwrap } from '@/lib/api-client';

/** Signed in: the session's flight and hotel picks become a trip. */
export const createTripFromChat = (id: string) =>
  unwrap(api.POST('/api/v1/chat/sessions/{id}/trip', { params: { path: { id } }, body: { title: null, currency: null } }));
