import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatDuration, formatMoney } from '@/lib/format';
import type { Activity } from '../api/types';

export function ActivityResults({ activities }: { activities: Activity[] }) {
  if (activities.length === 0) return <EmptyState title="No activities found nearby" />;
  return (
    <ul className="offer-list" aria-label="Activities">
      {activities.map((a) => (
        <li key={a.id}>
          <article className="offer card" aria-label={a.name}>
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
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
