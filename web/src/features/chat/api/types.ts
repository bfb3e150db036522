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
