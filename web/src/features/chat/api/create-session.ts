import { api, unwrap } from '@/lib/api-client';

/** Starts a chat session (before sign-in the server sets the anonymous cookie). */
export const createChatSession = () => unwrap(api.POST('/api/v1/chat/sessions', { body: { title: null } }));
