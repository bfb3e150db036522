import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/problem';
import { createChatSession } from '../api/create-session';
import { createTripFromChat } from '../api/create-trip';
import { getChatSession } from '../api/get-session';
import { deleteChatSession, listChatSessions, renameChatSession } from '../api/manage-sessions';
import { selectChatOffer } from '../api/select-offer';
import { streamChatMessage } from '../api/stream-message';
import type { ChatMessageResponse, ChatSession, OfferKind, ResultCard, SearchRef, Selection } from '../api/types';
import type { ChatMessage } from './Conversation';

export const starterSuggestions = ['A long weekend in Lisbon', 'Somewhere warm in February', 'Tokyo for two weeks in spring'];

/** The tab keeps its session id so a reload shows the same conversation (the server keeps the rest). */
const sessionKey = 'pathavana.chat.session';
const welcome: ChatMessage = {
  id: 'welcome',
  role: 'assistant',
  text: 'Hi! Tell me where you would like to go, when, and with whom — I will find flights, places to stay and things to do.',
};

function stored(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(sessionKey) ?? null;
  } catch {
    return null;
  }
}
function remember(id: string | null) {
  try {
    if (id) globalThis.sessionStorage?.setItem(sessionKey, id);
    else globalThis.sessionStorage?.removeItem(sessionKey);
  } catch {
    // storage unavailable: the session lasts as long as the page
  }
}

const fromResponse = (m: ChatMessageResponse): ChatMessage => ({
  id: m.id,
  role: m.role === 'user' ? 'user' : 'assistant',
  text: m.text,
  cards: m.cards,
  choices: m.suggestions,
  search: (m as { search?: SearchRef | null }).search ?? null,
  picked: m.picked ?? null,
});

/** The `seq` of the oldest message loaded when older ones remain on the server, else null. */
const earliest = (s: { hasEarlier: boolean; messages: ChatMessageResponse[] }): number | null =>
  s.hasEarlier && s.messages[0] ? Number(s.messages[0].seq) : null;

/**
 * The conversation with the assistant: creates (or reloads) a session, streams each reply
 * (the text grows delta by delta, then its cards and suggestion chips arrive), keeps picks on the
 * session and turns them into a trip.
 */
export function useChat() {
  const [messages, setMessages] = useState<ChatMessage[]>([welcome]);
  const [picks, setPicks] = useState<Selection[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [current, setCurrent] = useState<string | null>(stored);
  const session = useRef<string | null>(current);
  const counter = useRef(0);

  const [sessions, setSessions] = useState<ChatSession[]>([]);
  const [earlier, setEarlier] = useState<number | null>(null);

  const load = useCallback((id: string | null) => {
    session.current = id;
    setCurrent(id);
    remember(id);
    setError(null);
    setEarlier(null);
    if (!id) {
      setMessages([welcome]);
      setPicks([]);
      return () => undefined;
    }
    let live = true;
    getChatSession(id).then(
      (s) => {
        if (!live) return;
        setMessages([welcome, ...s.messages.map(fromResponse)]);
        setEarlier(earliest(s));
        setPicks(s.selections);
      },
      () => {
        if (!live) return;
        // Gone, or another user's: start afresh on the next message.
        session.current = null;
        setCurrent(null);
        remember(null);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => load(session.current), [load]);

  const refreshSessions = useCallback(async () => {
    try {
      setSessions(await listChatSessions());
    } catch (e) {
      setError(e);
    }
  }, []);

  const update = (id: string, change: (m: ChatMessage) => ChatMessage) => setMessages((all) => all.map((m) => (m.id === id ? change(m) : m)));

  const send = useCallback(async (text: string) => {
    const n = ++counter.current;
    const userId = `local-user-${n}`;
    const replyId = `local-reply-${n}`;
    setBusy(true);
    setError(null);
    setMessages((all) => [...all, { id: userId, role: 'user', text }, { id: replyId, role: 'assistant', text: '', streaming: true }]);
    try {
      let id = session.current;
      if (!id) {
        id = (await createChatSession()).id;
        session.current = id;
        setCurrent(id);
        remember(id);
      }
      await streamChatMessage(id, text, {
        onDelta: (chunk) => update(replyId, (m) => ({ ...m, text: m.text + chunk })),
        onCards: (cards, suggestions, search, picked) => {
          update(replyId, (m) => ({ ...m, cards, choices: suggestions, search, picked }));
          // "I'll take the first one": the server kept the card as a pick, as its button would.
          const card = picked ? cards.find((c) => c.offerId === picked) : undefined;
          if (card) setPicks((all) => [...all.filter((p) => p.offerId !== card.offerId), { offerId: card.offerId, kind: card.kind, card, at: new Date().toISOString() }]);
        },
        onDone: () => update(replyId, (m) => ({ ...m, streaming: false })),
      });
      update(replyId, (m) => ({ ...m, streaming: false }));
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) {
        session.current = null;
        remember(null);
      }
      setError(e);
      setMessages((all) => all.filter((m) => m.id !== replyId));
    } finally {
      setBusy(false);
    }
  }, []);

  const pick = useCallback(async (card: ResultCard) => {
    const id = session.current;
    if (!id) return;
    setError(null);
    try {
      const result = await selectChatOffer(id, card.offerId, card.kind as OfferKind);
      setPicks(result.selections);
    } catch (e) {
      setError(e);
    }
  }, []);

  /** Loads the page of messages before the oldest one shown, above it. */
  const showEarlier = useCallback(async () => {
    const id = session.current;
    if (!id || earlier === null) return;
    try {
      const s = await getChatSession(id, earlier);
      if (id !== session.current) return;
      const older = s.messages.map(fromResponse);
      setMessages((all) => [welcome, ...older, ...all.filter((m) => m.id !== welcome.id && !older.some((o) => o.id === m.id))]);
      setEarlier(earliest(s));
    } catch (e) {
      setError(e);
    }
  }, [earlier]);

  /** Makes a trip from the flight and hotel picks; answers the new trip's id. */
  const makeTrip = useCallback(async (): Promise<string> => {
    const id = session.current;
    if (!id) throw new Error('Start a conversation first.');
    return (await createTripFromChat(id)).tripId;
  }, []);

  return {
    messages, picks, busy, error, sessions, current,
    /** Whether older messages of this conversation are still on the server. */
    hasEarlier: earlier !== null,
    showEarlier: () => void showEarlier(),
    send: (text: string) => void send(text),
    pick: (card: ResultCard) => void pick(card),
    makeTrip,
    refreshSessions,
    /** Opens an earlier conversation. */
    open: (id: string) => void load(id),
    /** Starts afresh: the next message makes a new session. */
    newChat: () => void load(null),
    rename: async (id: string, title: string) => {
      await renameChatSession(id, title);
      await refreshSessions();
    },
    remove: async (id: string) => {
      await deleteChatSession(id);
      if (id === session.current) load(null);
      await refreshSessions();
    },
  };
}
