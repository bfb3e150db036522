import type { Schemas } from '@/lib/api-client';

// The assistant API's shapes, generated from the backend's OpenAPI document.
export type ResultCard = Schemas['ResultCard'];
export type ChatSession = Schemas['SessionResponse'];
export type ChatSessionDetail = Schemas['SessionDetailResponse'];
export type ChatMessageResponse = Schemas['MessageResponse'];
export type Selection = Schemas['Selection'];
export type OfferKind = 'flight' | 'hotel' | 'activity';

/** True when a card's offer comes from the simulator rather than a real supplier. */
export function isSimulated(card: ResultCard): boolean {
  return (card.flight ?? card.hotel ?? card.activity)?.source === 'simulated';
}

/**
 * What a reply searched, so the full list can open beside the chat: the same parameter names and
 * formats as GET /api/v1/flights|hotels|activities/search, and how many results there were.
 */
export interface SearchRef {
  kind: 'flights' | 'hotels' | 'activities';
  query: Record<string, string | number | boolean | null | undefined>;
  total: number;
}
