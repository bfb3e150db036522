import { useMemo, useState, type DragEvent } from 'react';
import { Link, useParams } from 'react-router';
import { MapView, type MapArc, type MapMarker } from '@/components/map/MapView';
import { Button } from '@/components/ui/Button';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate, formatMoney, localTime } from '@/lib/format';
import { ApiError, errorMessage } from '@/lib/problem';
import { useTrip, type Trip, type TripItem } from '../api/get-trip';
import { useMoveTripItem } from '../api/move-trip-item';
import { useRemoveTripItem } from '../api/remove-trip-item';
import { useShareTrip } from '../api/share-trip';
import { BookItem } from '../components/BookItem';

const kindIcon: Record<string, string> = { flight: '✈', hotel: '⌂', activity: '★', note: '✎' };

export function TripRoute() {
  const { id = '' } = useParams();
  const trip = useTrip(id);
  if (trip.isPending) return <Loading label="Loading the trip…" />;
  if (trip.isError) {
    const notFound = trip.error instanceof ApiError && (trip.error.status === 404 || trip.error.status === 400);
    return (
      <div className="page page--narrow">
        <PageHeader title={notFound ? 'Trip not found' : 'Trip'} />
        <Alert title={notFound ? 'There is no such trip in your account.' : 'The trip could not be loaded.'}>
          {notFound ? <Link to="/trips">See your trips</Link> : errorMessage(trip.error)}
        </Alert>
      </div>
    );
  }
  return <TripView trip={trip.data} />;
}

function TripView({ trip }: { trip: Trip }) {
  const move = useMoveTripItem();
  const remove = useRemoveTripItem();
  const share = useShareTrip();
  const [dragging, setDragging] = useState<string>();

  const { markers, arcs } = useMemo(() => {
    const markers: MapMarker[] = [];
    const arcs: MapArc[] = [];
    for (const day of trip.days)
      for (const item of day.items) {
        if (item.place) markers.push({ id: item.id, lat: Number(item.place.latitude), lon: Number(item.place.longitude), label: `${item.title}${item.place.name ? ` · ${item.place.name}` : ''}` });
        if (item.kind === 'flight' && item.place && item.endPlace) {
          arcs.push({ from: [Number(item.place.latitude), Number(item.place.longitude)], to: [Number(item.endPlace.latitude), Number(item.endPlace.longitude)] });
          markers.push({ id: `${item.id}-end`, lat: Number(item.endPlace.latitude), lon: Number(item.endPlace.longitude), label: item.endPlace.name ?? item.title });
        }
      }
    return { markers, arcs };
  }, [trip]);

  const budget = trip.budget ? Number(trip.budget.amount) : null;
  const spent = Number(trip.total.amount);
  const over = budget !== null && spent > budget;
  const doMove = (item: TripItem, day: string, position: number) => move.mutate({ tripId: trip.id, itemId: item.id, day, position });

  function onDrop(e: DragEvent, day: string, position: number) {
    e.preventDefault();
    const item = trip.days.flatMap((d) => d.items).find((i) => i.id === dragging);
    setDragging(undefined);
    if (item) doMove(item, day, position);
  }

  return (
    <div className="page">
      <PageHeader title={trip.title}>
        <a className="btn btn--secondary" href={`/api/v1/trips/${trip.id}/calendar.ics`} download>
          Add to calendar (.ics)
        </a>
        <Button variant="secondary" busy={share.isPending} onClick={() => share.mutate(trip.id)}>
          {trip.shared || share.data ? 'New share link' : 'Share'}
        </Button>
      </PageHeader>
      <p className="muted">
        {formatDate(trip.startDate)} – {formatDate(trip.endDate)}
      </p>
      {share.data && (
        <Alert tone="success" title="Anyone with this link can see the trip (read-only):">
          <a href={share.data.url}>{share.data.url}</a>
        </Alert>
      )}
      {share.error && <Alert>{errorMessage(share.error)}</Alert>}
      <div className="trip">
        <div className="trip__plan">
          <section className="card" aria-labelledby="totals-title">
            <h2 id="totals-title">Totals</h2>
            <p className="trip-total">
              {formatMoney(trip.total.amount, trip.total.currency)}
              {trip.budget && <span className="muted small"> of {formatMoney(trip.budget.amount, trip.budget.currency)} budget</span>}
            </p>
            {budget !== null && (
              <div className={`budget-bar${over ? ' budget-bar--over' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={budget} aria-valuenow={spent} aria-label="Spent of the budget">
                <span style={{ width: `${Math.min(100, (spent / budget) * 100)}%` }} />
              </div>
            )}
            {trip.remaining && <p className={over ? 'text-bad' : 'muted small'}>{over ? 'Over budget by ' : 'Left: '}{formatMoney(Math.abs(Number(trip.remaining.amount)), trip.remaining.currency)}</p>}
          </section>
          {trip.warnings.length > 0 && (
            <Alert tone="warning" title="Check before you book">
              <ul>
                {trip.warnings.map((w, i) => (
                  <li key={i}>{w.message}</li>
                ))}
              </ul>
            </Alert>
          )}
          {(move.error || remove.error) && <Alert>{errorMessage(move.error ?? remove.error)}</Alert>}
          {trip.days.every((d) => d.items.length === 0) ? (
            <EmptyState title="Nothing planned yet">
              <Link to="/">Find flights and hotels on the planner</Link>
            </EmptyState>
          ) : (
            <ol className="days">
              {trip.days.map((day) => (
                <li key={day.date} className="day card" onDragOver={(e) => e.preventDefault()} onDrop={(e) => onDrop(e, day.date, day.items.length)}>
                  <h3 className="day__title">
                    {formatDate(day.date)} <span className="muted small">{formatMoney(day.total.amount, day.total.currency)}</span>
                  </h3>
                  {day.items.length === 0 ? (
                    <p className="muted small">Free day. Drop an item here to move it.</p>
                  ) : (
                    <ol className="items">
                      {day.items.map((item, i) => (
                        <li
                          key={item.id}
                          className={`item${dragging === item.id ? ' item--dragging' : ''}`}
                          draggable
                          onDragStart={() => setDragging(item.id)}
                          onDragEnd={() => setDragging(undefined)}
                          onDrop={(e) => { e.stopPropagation(); onDrop(e, day.date, i); }}
                        >
                          <span className="item__icon" aria-hidden="true">
                            {kindIcon[item.kind] ?? '•'}
                          </span>
                          <div className="item__body">
                            <p className="item__title">{item.title}</p>
                            <p className="muted small">
                              {item.start ? `${localTime(item.start).time} ${localTime(item.start).offset}` : ''}
                              {item.end && item.kind === 'flight' ? ` → ${localTime(item.end).time} ${localTime(item.end).offset}` : ''}
                              {item.price ? ` · ${formatMoney(item.price.amount, item.price.currency)}` : ''}
                            </p>
                            {item.source === 'simulated' && <span className="badge badge--simulated">Simulated — not bookable with a real provider</span>}
                            {item.offerId && (item.kind === 'flight' || item.kind === 'hotel') && <BookItem tripId={trip.id} item={item} />}
                          </div>
                          <div className="item__actions">
                            <button type="button" className="icon-btn" aria-label={`Move ${item.title} up`} disabled={i === 0 || move.isPending} onClick={() => doMove(item, day.date, i - 1)}>
                              ↑
                            </button>
                            <button type="button" className="icon-btn" aria-label={`Move ${item.title} down`} disabled={i === day.items.length - 1 || move.isPending} onClick={() => doMove(item, day.date, i + 1)}>
                              ↓
                            </button>
                            <button type="button" className="icon-btn" aria-label={`Remove ${item.title}`} disabled={remove.isPending} onClick={() => remove.mutate({ tripId: trip.id, itemId: item.id })}>
                              ✕
                            </button>
                          </div>
                        </li>
                      ))}
                    </ol>
                  )}
                </li>
              ))}
            </ol>
          )}
        </div>
        <div className="trip__map">
          <MapView markers={markers} arcs={arcs} label="Map of the trip" />
        </div>
      </div>
    </div>
  );
}
