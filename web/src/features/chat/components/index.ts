export { Conversation, type ChatMessage } from './Conversation';
export { ConversationList } from './ConversationList';
export { useChat, starterSuggestions } from './use-chat';
