export { Conversation, type ChatMessage } from './Conversation';
export { ConversationList } from './ConversationList';
export { ChatPicks } from './ChatPicks';
export { useChat, starterSuggestions } from './use-chat';
