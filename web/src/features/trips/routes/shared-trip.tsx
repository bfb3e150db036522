import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { MapView } from '@/components/map/MapView';
import { WarningList } from '../components/WarningList';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate, formatDay, formatMoney } from '@/lib/format';
import { ApiError, errorMessage } from '@/lib/problem';
import { useSharedTrip } from '../api/get-shared-trip';
import { ItemSummary } from '../components/ItemSummary';
import { tripMap } from '../components/item-text';


/** A trip someone shared: days, items, map and totals, read-only and open to anyone, with a way to plan one's own. */
export function SharedTripRoute() {
  const { token = '' } = useParams();
  const trip = useSharedTrip(token);
  const items = useMemo(() => trip.data?.days.flatMap((d) => d.items) ?? [], [trip.data]);
  const { markers, arcs } = useMemo(() => tripMap(items), [items]);
  if (trip.isPending) return <Loading label="Loading the shared trip…" />;
  if (trip.isError) {
    const gone = trip.error instanceof ApiError && trip.error.status === 404;
    return (
      <div className="page page--narrow">
        <PageHeader title={gone ? 'This link no longer works' : 'Shared trip'} />
        <Alert title={gone ? 'The trip was unshared, or the link is mistyped.' : 'The trip could not be loaded.'}>{gone ? 'Ask for a new link.' : errorMessage(trip.error)}</Alert>
        <p>
          <Link className="btn btn--primary" to="/">
            Plan your own trip
          </Link>
        </p>
      </div>
    );
  }
  const t = trip.data;
  return (
    <div className="page">
      <PageHeader title={t.title}>
        <Link className="btn btn--primary" to="/">
          Plan your own
        </Link>
      </PageHeader>
      <p className="muted">
        A shared trip, read-only · {formatDate(t.startDate)} – {formatDate(t.endDate)}
        {Number(t.partySize) > 1 ? ` · for ${t.partySize} people` : ''}
      </p>
      <div className="trip">
        <div className="trip__plan">
          <section className="card" aria-labelledby="shared-totals">
            <h2 id="shared-totals">Totals</h2>
            <p className="trip-total">{formatMoney(t.total.amount, t.total.currency)}</p>
            {t.perPerson && <p className="small">{formatMoney(t.perPerson.amount, t.perPerson.currency)} per person</p>}
          </section>
          <WarningList title="Things to check in this plan" warnings={t.warnings} notShown={t.warningsNotShown} />
          {items.length === 0 ? (
            <EmptyState title="Nothing planned yet" />
          ) : (
            <ol className="days">
              {t.days
                .filter((d) => d.items.length > 0)
                .map((day) => (
                  <li key={day.date} className="day card">
                    <h3 className="day__title">
                      {formatDay(day.date)} <span className="muted small">{formatMoney(day.total.amount, day.total.currency)}</span>
                    </h3>
                    <ol className="items">
                      {day.items.map((item, i) => (
                        <li key={i} className="item item--static">
                          <ItemSummary item={item} simulated={item.simulated} />
                        </li>
                      ))}
                    </ol>
                  </li>
                ))}
            </ol>
          )}
        </div>
        <div className="trip__map">
          <MapView markers={markers} arcs={arcs} label="Map of the shared trip" />
        </div>
      </div>
    </div>
  );
}
