import { Link } from 'react-router';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate, formatMoney, plural } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useTrips } from '../api/list-trips';
import { CreateTripForm } from '../components/CreateTripForm';

export function TripsRoute() {
  const trips = useTrips();
  return (
    <div className="page page--narrow">
      <PageHeader title="Trips" />
      {trips.isPending ? (
        <Loading label="Loading trips…" />
      ) : trips.isError ? (
        <Alert title="Trips could not be loaded.">{errorMessage(trips.error)}</Alert>
      ) : trips.data.length === 0 ? (
        <EmptyState title="No trips yet">
          <p>Start one below, or pick a flight and a hotel on the planner and add them to a new trip.</p>
        </EmptyState>
      ) : (
        <ul className="list">
          {trips.data.map((t) => (
            <li key={t.id} className="list__item card">
              <div>
                <Link to={`/trips/${t.id}`} className="list__title">
                  {t.title}
                </Link>
                <p className="muted small">
                  {formatDate(t.startDate)} – {formatDate(t.endDate)} · {plural(Number(t.items), 'item')}
                </p>
              </div>
              <span className="trip-total">
                {formatMoney(t.total.amount, t.total.currency)}
                {t.budget && <span className="muted small"> of {formatMoney(t.budget.amount, t.budget.currency)}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <CreateTripForm />
    </div>
  );
}
