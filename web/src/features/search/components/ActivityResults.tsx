import { useState } from 'react';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatDuration, formatMoney } from '@/lib/format';
import type { Activity } from '../api/types';

const PAGE = 10;

export function ActivityResults({ activities, onPick, picked }: { activities: Activity[]; onPick?: ((a: Activity) => void) | undefined; picked?: ReadonlySet<string> | undefined }) {
  const [count, setCount] = useState(PAGE);
  if (activities.length === 0) return <EmptyState title="No activities found nearby" />;
  return (
    <>
      <ul className="offer-list" aria-label="Activities">
        {activities.slice(0, count).map((a) => {
          const isPicked = picked?.has(a.id) ?? false;
          return (
            <li key={a.id}>
              <article className={`offer card${isPicked ? ' offer--picked' : ''}`} aria-label={a.name}>
                <div className="offer__main">
                  <h3 className="offer__title">{a.name}</h3>
                  <p className="small muted">
                    {a.category}
                    {a.duration ? ` · ${formatDuration(a.duration)}` : ''}
                    {a.rating != null ? ` · rated ${Number(a.rating).toFixed(1)} of 5` : ''}
                  </p>
                  {a.description && <p className="small">{a.description}</p>}
                  {a.source === 'simulated' && <SimulatedBadge kind="activity" />}
                </div>
                <div className="offer__side">
                  <p className="offer__price">{a.price ? formatMoney(a.price.amount, a.price.currency) : 'Free'}</p>
                  {a.price && <p className="muted small">per person</p>}
                  {onPick && (
                    <button type="button" className={`btn ${isPicked ? 'btn--secondary' : 'btn--primary'}`} aria-pressed={isPicked} aria-label={`${isPicked ? 'Added' : 'Add to trip'}: ${a.name}`} onClick={() => onPick(a)}>
                      {isPicked ? 'Added ✓' : 'Add to trip'}
                    </button>
                  )}
                </div>
              </article>
            </li>
          );
        })}
      </ul>
      {activities.length > count && (
        <button type="button" className="btn btn--secondary btn--block" onClick={() => setCount((c) => c + PAGE)}>
          Show more activities ({activities.length - count} left)
        </button>
      )}
    </>
  );
}
