import { api, unwrapAll, unwrap } from '@/lib/api-client';

/** This browser's (or this account's) conversations, latest first. */
export const listChatSessions = () => unwrapAll(api.GET('/api/v1/chat/sessions', { params: { query: { pageSize: 100 } } }));

export const renameChatSession = (id: string, title: string) => unwrap(api.PATCH('/api/v1/chat/sessions/{id}', { params: { path: { id } }, body: { title } }));

export const deleteChatSession = (id: string) => unwrap(api.DELETE('/api/v1/chat/sessions/{id}', { params: { path: { id } } }));
