import { useMemo, useState, type DragEvent, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { MapView } from '@/components/map/MapView';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import { WarningList } from '../components/WarningList';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate, formatDay, formatMoney } from '@/lib/format';
import { ApiError, errorMessage } from '@/lib/problem';
import { useTrip, type Trip, type TripItem } from '../api/get-trip';
import { useMoveTripItem } from '../api/move-trip-item';
import { useRemoveTripItem } from '../api/remove-trip-item';
import { useShareTrip } from '../api/share-trip';
import { useUpdateTrip } from '../api/update-trip';
import { ItemSummary } from '../components/ItemSummary';
import { tripMap } from '../components/item-text';

const statusLabel: Record<string, [string, string]> = { confirmed: ['Booked', 'ok'], pending: ['Booking pending', 'warn'], failed: ['Booking failed', 'bad'], cancelled: ['Cancelled', 'muted'] };

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

/** Title, dates, party size, budget, currency and notes, edited in place. */
function EditTrip({ trip, onDone }: { trip: Trip; onDone: () => void }) {
  const [v, setV] = useState({
    title: trip.title, startDate: trip.startDate, endDate: trip.endDate, currency: trip.currency,
    budget: trip.budget ? String(trip.budget.amount) : '', notes: trip.notes ?? '', partySize: String(trip.partySize ?? 1),
  });
  const update = useUpdateTrip();
  const server = update.error instanceof ApiError ? update.error : null;
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  function submit(e: FormEvent) {
    e.preventDefault();
    update.mutate(
      {
        id: trip.id,
        body: {
          title: v.title.trim(), startDate: v.startDate, endDate: v.endDate, currency: v.currency.trim().toUpperCase(),
          budget: v.budget ? Number(v.budget) : null, travelerIds: trip.travelerIds, notes: v.notes, partySize: Number(v.partySize), items: null,
        },
      },
      { onSuccess: onDone },
    );
  }
  const shown = ['title', 'startDate', 'endDate', 'currency', 'budget', 'notes', 'partySize'];
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="edit-trip-title">
      <h2 id="edit-trip-title">Edit the trip</h2>
      <div className="grid grid--2">
        <TextField label="Trip name" value={v.title} onChange={set('title')} error={server?.fieldError('title')} />
        <SelectField label="How many people" value={v.partySize} onChange={set('partySize')} error={server?.fieldError('partySize')} hint="Per-person totals divide by this.">
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <TextField label="First day" type="date" value={v.startDate} onChange={set('startDate')} error={server?.fieldError('startDate')} />
        <TextField label="Last day" type="date" value={v.endDate} onChange={set('endDate')} error={server?.fieldError('endDate')} />
        <TextField label="Budget (optional)" type="number" min={0} inputMode="decimal" value={v.budget} onChange={set('budget')} error={server?.fieldError('budget')} />
        <TextField label="Currency" value={v.currency} maxLength={3} onChange={set('currency')} error={server?.fieldError('currency')} hint="ISO code, such as USD or EUR." />
      </div>
      <div className="field">
        <label htmlFor="trip-notes">Notes</label>
        <textarea id="trip-notes" className="textarea" rows={3} value={v.notes} onChange={set('notes')} aria-describedby={server?.fieldError('notes') ? 'trip-notes-error' : undefined} />
        {server?.fieldError('notes') && <p id="trip-notes-error" className="field__error">{server.fieldError('notes')}</p>}
      </div>
      {server && !shown.some((f) => server.fieldError(f)) && <Alert>{server.summary() || server.message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={update.isPending}>
          Save changes
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function TripView({ trip }: { trip: Trip }) {
  const move = useMoveTripItem();
  const remove = useRemoveTripItem();
  const share = useShareTrip();
  const [dragging, setDragging] = useState<string>();
  const [editing, setEditing] = useState(false);
  const all = trip.days.flatMap((d) => d.items);
  const { markers, arcs } = useMemo(() => tripMap(all), [trip]); // eslint-disable-line react-hooks/exhaustive-deps

  const budget = trip.budget ? Number(trip.budget.amount) : null;
  const spent = Number(trip.total.amount);
  const over = budget !== null && spent > budget;
  const bookable = all.some((i) => i.offerId && (i.kind === 'flight' || i.kind === 'hotel') && !(i.bookingStatus === 'confirmed' || i.bookingStatus === 'pending'));
  const doMove = (item: TripItem, day: string, position: number) => move.mutate({ tripId: trip.id, itemId: item.id, day, position });

  function onDrop(e: DragEvent, day: string, position: number) {
    e.preventDefault();
    const item = all.find((i) => i.id === dragging);
    setDragging(undefined);
    if (item) doMove(item, day, position);
  }

  return (
    <div className="page">
      <PageHeader title={trip.title}>
        {bookable && (
          <Link className="btn btn--primary" to={`/trips/${trip.id}/review`}>
            Review and book
          </Link>
        )}
        <Button variant="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
          Edit trip
        </Button>
        <a className="btn btn--secondary" href={`/api/v1/trips/${trip.id}/calendar.ics`} download>
          Add to calendar (.ics)
        </a>
        <Button variant="secondary" busy={share.isPending} onClick={() => share.mutate(trip.id)}>
          {trip.shared || share.data ? 'New share link' : 'Share'}
        </Button>
      </PageHeader>
      <p className="muted">
        {formatDate(trip.startDate)} – {formatDate(trip.endDate)} · {trip.partySize === 1 ? '1 person' : `${trip.partySize} people`}
      </p>
      {share.data && (
        <Alert tone="success" title="Anyone with this link can see the trip (read-only, without names or booking references):">
          <a href={share.data.url}>{share.data.url}</a>
        </Alert>
      )}
      {share.error && <Alert>{errorMessage(share.error)}</Alert>}
      {editing && <EditTrip trip={trip} onDone={() => setEditing(false)} />}
      <div className="trip">
        <div className="trip__plan">
          <section className="card" aria-labelledby="totals-title">
            <h2 id="totals-title">Totals</h2>
            <p className="trip-total">
              {formatMoney(trip.total.amount, trip.total.currency)}
              {trip.budget && <span className="muted small"> of {formatMoney(trip.budget.amount, trip.budget.currency)} budget</span>}
            </p>
            {trip.perPerson && <p className="small">{formatMoney(trip.perPerson.amount, trip.perPerson.currency)} per person</p>}
            {budget !== null && (
              <div className={`budget-bar${over ? ' budget-bar--over' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={budget} aria-valuenow={spent} aria-label="Spent of the budget">
                <span style={{ width: `${Math.min(100, (spent / budget) * 100)}%` }} />
              </div>
            )}
            {trip.remaining && <p className={over ? 'text-bad' : 'muted small'}>{over ? 'Over budget by ' : 'Left: '}{formatMoney(Math.abs(Number(trip.remaining.amount)), trip.remaining.currency)}</p>}
            {trip.otherCurrencies.length > 0 && <p className="small muted">Also: {trip.otherCurrencies.map((m) => formatMoney(m.amount, m.currency)).join(', ')} (not converted)</p>}
            {trip.notes && <p className="trip__notes">{trip.notes}</p>}
          </section>
          <WarningList title="Check these" warnings={trip.warnings} notShown={trip.warningsNotShown} />
          {(move.error || remove.error) && <Alert title="That change was not made.">{errorMessage(move.error ?? remove.error)}</Alert>}
          {all.length === 0 ? (
            <EmptyState title="Nothing planned yet">
              <Link to="/">Find flights and hotels on the planner</Link>
            </EmptyState>
          ) : (
            <ol className="days">
              {trip.days.map((day) => (
                <li key={day.date} className="day card" onDragOver={(e) => e.preventDefault()} onDrop={(e) => onDrop(e, day.date, day.items.length)}>
                  <h3 className="day__title">
                    {formatDay(day.date)} <span className="muted small">{formatMoney(day.total.amount, day.total.currency)}</span>
                  </h3>
                  {day.items.length === 0 ? (
                    <p className="muted small">Free day. Drop an activity here to move it.</p>
                  ) : (
                    <ol className="items">
                      {day.items.map((item, i) => {
                        const status = item.bookingStatus ? statusLabel[item.bookingStatus] : undefined;
                        return (
                          <li
                            key={item.id}
                            className={`item${dragging === item.id ? ' item--dragging' : ''}`}
                            draggable
                            onDragStart={() => setDragging(item.id)}
                            onDragEnd={() => setDragging(undefined)}
                            onDrop={(e) => { e.stopPropagation(); onDrop(e, day.date, i); }}
                          >
                            <ItemSummary item={item} simulated={item.source === 'simulated'}>
                              {item.notes && <p className="small">{item.notes}</p>}
                              {status && <span className={`pill pill--${status[1]}`}>{status[0]}</span>}
                            </ItemSummary>
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
                        );
                      })}
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
