import { useState } from 'react';
import type { ChatMessage } from '../components/Conversation';

export const starterSuggestions = ['A long weekend in Lisbon', 'Somewhere warm in February', 'Tokyo for two weeks in spring'];

/**
 * The conversation's state. The assistant API (/api/v1/chat, server-sent events) is not on this
 * server yet: a message is kept and answered with a plain note pointing to search.
 */
export function useChat() {
  const [messages, setMessages] = useState<ChatMessage[]>([
    { id: 'welcome', role: 'assistant', text: 'Hi! Tell me where you would like to go, when, and with whom — I will find flights, places to stay and things to do.' },
  ]);
  const send = (text: string) =>
    setMessages((m) => [
      ...m,
      { id: `u${m.length}`, role: 'user', text },
      { id: `a${m.length}`, role: 'assistant', text: 'The assistant is not available on this server yet. Meanwhile, search flights, hotels and activities with the form beside this conversation.' },
    ]);
  return { messages, send, available: false };
}
