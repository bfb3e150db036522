import { useState } from 'react';
import { formatDate } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import type { ChatSession } from '../api/types';

interface Props {
  sessions: ChatSession[];
  current: string | null;
  onOpen: (id: string) => void;
  onNew: () => void;
  onRename: (id: string, title: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  onShow: () => void;
}

/** The conversations of this browser or account, one click away: open, start a new one, rename, delete. */
export function ConversationList({ sessions, current, onOpen, onNew, onRename, onDelete, onShow }: Props) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="conversations">
      <div className="conversations__bar">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          aria-expanded={open}
          aria-controls="conversation-list"
          onClick={() => {
            if (!open) onShow();
            setOpen(!open);
          }}
        >
          Conversations
        </button>
        <button type="button" className="btn btn--secondary btn--small" onClick={onNew}>
          New chat
        </button>
      </div>
      <div id="conversation-list" hidden={!open}>
        {sessions.length === 0 ? (
          <p className="small muted">No earlier conversations yet.</p>
        ) : (
          <ul className="conversations__list" aria-label="Your conversations">
            {sessions.map((s) => (
              <li key={s.id} className={s.id === current ? 'conversations__item conversations__item--current' : 'conversations__item'}>
                {editing === s.id ? (
                  <form
                    className="conversations__rename"
                    onSubmit={(e) => {
                      e.preventDefault();
                      onRename(s.id, title.trim()).then(() => setEditing(null), setError);
                    }}
                  >
                    <label className="visually-hidden" htmlFor={`rename-${s.id}`}>
                      New name for {s.title}
                    </label>
                    <input id={`rename-${s.id}`} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
                    <button type="submit" className="btn btn--small btn--primary" disabled={!title.trim()}>
                      Save
                    </button>
                  </form>
                ) : (
                  <>
                    <button type="button" className="link-button conversations__open" aria-current={s.id === current ? 'true' : undefined} onClick={() => { onOpen(s.id); setOpen(false); }}>
                      {s.title}
                    </button>
                    <span className="small muted">{formatDate(s.updatedAt)}</span>
                    <button type="button" className="icon-btn" aria-label={`Rename ${s.title}`} onClick={() => { setEditing(s.id); setTitle(s.title); }}>
                      ✎
                    </button>
                    <button type="button" className="icon-btn" aria-label={`Delete ${s.title}`} onClick={() => window.confirm(`Delete the conversation "${s.title}"?`) && onDelete(s.id).catch(setError)}>
                      🗑
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
        {error !== null && <p className="small text-bad">{errorMessage(error)}</p>}
      </div>
    </div>
  );
}
