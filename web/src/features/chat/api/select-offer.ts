import { api, unwrap } from '@/lib/api-client';
import type { OfferKind } from './types';

/** Keeps a picked offer on the session; answers the session's picks. */
export const selectChatOffer = (id: string, offerId: string, kind: OfferKind) =>
  unwrap(api.POST('/api/v1/chat/sessions/{id}/selections', { params: { path: { id } }, body: { offerId, kind } }));
