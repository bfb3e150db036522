import { api, unwrap } from '@/lib/api-client';

/**
 * A session with its latest messages (and their cards) and the picks kept on it; with `before` (a message's
 * `seq`), the messages before that one instead. `hasEarlier` says whether older messages remain.
 */
export const getChatSession = (id: string, before?: number) =>
  unwrap(api.GET('/api/v1/chat/sessions/{id}', { params: { path: { id }, query: before === undefined ? {} : { before } } }));
