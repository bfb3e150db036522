import { antiforgeryHeaders, readProblem } from '@/lib/api-client';
import { ApiError } from '@/lib/problem';
import { traceparent } from '@/lib/trace';
import { readEvents } from './sse';
import type { ResultCard, SearchRef } from './types';

export interface StreamHandlers {
  /** A chunk of the reply's text, in order; joined they are the reply. */
  onDelta: (text: string) => void;
  /** The reply's cards, chips, search, and the offer id of the card it picked ("I'll take the first one"; null when none). */
  onCards: (cards: ResultCard[], suggestions: string[], search: SearchRef | null, picked: string | null) => void;
  onDone: (done: { messageId: string; userMessageId: string; mode: string; fallback: boolean }) => void;
}

/** Sends a message and reads the reply as server-sent events (delta…, cards, done). */
export async function streamChatMessage(sessionId: string, text: string, handlers: StreamHandlers, signal?: AbortSignal): Promise<void> {
  const response = await fetch(`/api/v1/chat/sessions/${encodeURIComponent(sessionId)}/messages/stream`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', traceparent: traceparent(), ...(await antiforgeryHeaders()) },
    body: JSON.stringify({ text }),
    signal: signal ?? null,
  });
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  if (!response.body) throw new ApiError(502, { status: 502, title: 'The reply could not be read.' });
  for await (const e of readEvents(response.body)) {
    const data = JSON.parse(e.data) as Record<string, unknown>;
    if (e.event === 'delta') handlers.onDelta(String(data.text ?? ''));
    else if (e.event === 'cards') handlers.onCards((data.cards as ResultCard[] | undefined) ?? [], (data.suggestions as string[] | undefined) ?? [], (data.search as SearchRef | null | undefined) ?? null, typeof data.picked === 'string' ? data.picked : null);
    else if (e.event === 'done')
      handlers.onDone({ messageId: String(data.messageId), userMessageId: String(data.userMessageId), mode: String(data.mode ?? 'offline'), fallback: Boolean(data.fallback) });
  }
}
