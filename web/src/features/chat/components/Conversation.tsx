import { useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { isSimulated, type ResultCard, type SearchRef } from '../api/types';
import { ChatCards } from './ChatCards';

export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  text: string;
  streaming?: boolean;
  /** Answers offered for a clarifying question, shown as chips. */
  choices?: string[];
  /** The offers a reply found. */
  cards?: ResultCard[];
  /** What the reply searched (when the assistant says), for "see all". */
  search?: SearchRef | null;
  /** The offer id of the card this reply picked ("I'll take the first one"), kept with the session's picks. */
  picked?: string | null;
}

interface Props {
  messages: ChatMessage[];
  suggestions: string[];
  onSend: (text: string) => void;
  disabled?: boolean;
  notice?: React.ReactNode;
  /** Offer ids picked on the session. */
  picked?: ReadonlySet<string>;
  onPick?: (card: ResultCard) => void;
  /** Why a card from an earlier search no longer fits the search shown now (null: it fits); such a card cannot be picked. */
  unfit?: (card: ResultCard) => string | null;
  /** Extra actions under a reply (the planner puts "see all" there). */
  actions?: (message: ChatMessage) => React.ReactNode;
  /** Set when older messages remain on the server: loads them above the first one shown. */
  onShowEarlier?: () => void;
}

const noPicks: ReadonlySet<string> = new Set();

/** The conversation: messages (announced politely as they stream), chips, and the composer. */
export function Conversation({ messages, suggestions, onSend, disabled, notice, picked = noPicks, onPick, unfit, actions, onShowEarlier }: Props) {
  const [draft, setDraft] = useState('');
  const list = useRef<HTMLOListElement>(null);
  // Keep the newest message in view inside the conversation, without scrolling the page; when earlier
  // messages are loaded above, keep the one being read where it was instead.
  const shown = useRef<{ last?: string; count: number; height: number }>({ count: 0, height: 0 });
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    // Same newest message, more messages: they were loaded above it.
    const last = messages[messages.length - 1]?.id;
    const prepended = last !== undefined && last === shown.current.last && messages.length > shown.current.count;
    el.scrollTop = prepended ? el.scrollHeight - shown.current.height + el.scrollTop : el.scrollHeight;
    shown.current = { last, count: messages.length, height: el.scrollHeight };
  }, [messages]);

  function submit(e?: FormEvent) {
    e?.preventDefault();
    const text = draft.trim();
    if (!text || disabled) return;
    onSend(text);
    setDraft('');
  }
  function onKey(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  }

  const last = messages[messages.length - 1];
  return (
    <section className="chat" aria-label="Conversation with the assistant">
      {onShowEarlier && (
        <button type="button" className="btn btn--ghost btn--small chat__earlier" onClick={onShowEarlier}>
          Show earlier messages
        </button>
      )}
      <ol ref={list} className="chat__messages" aria-live="polite" aria-relevant="additions text">
        {messages.map((m) => (
          <li key={m.id} className={`bubble bubble--${m.role}`}>
            <span className="visually-hidden">{m.role === 'user' ? 'You said:' : 'Pathavana said:'}</span>
            <p>
              {m.text}
              {m.streaming && <span className="bubble__cursor" aria-hidden="true" />}
            </p>
            {m.cards && m.cards.some(isSimulated) && (
              <p className="small bubble__note">Simulated results: these prices and offers come from Pathavana's simulator, not from real airlines or hotels.</p>
            )}
            {m.cards && <ChatCards cards={m.cards} picked={picked} onPick={onPick} unfit={unfit} disabled={disabled} near={m.search?.kind === 'hotels' && m.search.query.near ? String(m.search.query.near) : undefined} />}
            {m.role === 'assistant' && !m.streaming && actions?.(m)}
          </li>
        ))}
      </ol>
      {last?.choices && last.choices.length > 0 && (
        <div className="chips" role="group" aria-label="Answers">
          {last.choices.map((c) => (
            <button key={c} type="button" className="chip chip--answer" disabled={disabled} onClick={() => onSend(c)}>
              {c}
            </button>
          ))}
        </div>
      )}
      {suggestions.length > 0 && (
        <div className="chips" role="group" aria-label="Suggestions">
          {suggestions.map((s) => (
            <button key={s} type="button" className="chip" disabled={disabled} onClick={() => onSend(s)}>
              {s}
            </button>
          ))}
        </div>
      )}
      {notice}
      <form className="composer" onSubmit={submit}>
        <label htmlFor="composer-input" className="visually-hidden">
          Message
        </label>
        <textarea
          id="composer-input"
          rows={2}
          placeholder="Two of us, Boston to Lisbon on 12 March for a week, under $900 each"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKey}
        />
        <button type="submit" className="btn btn--primary" disabled={disabled || !draft.trim()}>
          Send
        </button>
      </form>
    </section>
  );
}
