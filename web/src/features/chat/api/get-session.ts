import { api, unwrap } from '@/lib/api-client';

/** A session with its messages (and their cards) and the picks kept on it. */
export const getChatSession = (id: string) => unwrap(api.GET('/api/v1/chat/sessions/{id}', { params: { path: { id } } }));
