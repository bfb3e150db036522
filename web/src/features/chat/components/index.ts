export { Conversation, type ChatMessage } from './Conversation';
export { useChat, starterSuggestions } from './use-chat';
