export { Conversation, type ChatMessage } from './Conversation';
export { ChatPicks } from './ChatPicks';
export { useChat, starterSuggestions } from './use-chat';
