import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button } from '@/components/ui/Button';
import { Alert, Loading, PageHeader, SimulatedBadge } from '@/components/ui/Feedback';
import { useUser } from '@/lib/auth';
import { formatDate, formatMoney, plural } from '@/lib/format';
import { ApiError, errorMessage } from '@/lib/problem';
import { useMyTravelers } from '../api/list-my-travelers';
import { useBookTrip, useTripReview, type CheckoutItem, type ReviewItem, type TripCheckout } from '../api/review-trip';

function party(i: ReviewItem): string {
  const t = i.travelers;
  const parts = [Number(t.adults) > 0 && plural(Number(t.adults), 'adult'), Number(t.children) > 0 && plural(Number(t.children), 'child', 'children'), Number(t.infants) > 0 && plural(Number(t.infants), 'infant')].filter(Boolean);
  return i.kind === 'flight' ? `Priced for ${parts.join(', ')}` : `For ${parts.join(', ')}`;
}

/**
 * The review step before booking a trip: each flight and stay with who it is for, its fare or rate
 * rules, its cancellation terms and price; choose the travelers; book everything at once.
 */
export function ReviewRoute() {
  const { id = '' } = useParams();
  const review = useTripReview(id);
  const user = useUser();
  const travelers = useMyTravelers(true);
  const book = useBookTrip();
  const [chosen, setChosen] = useState<string[]>([]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState<TripCheckout | null>(null);

  if (review.isPending) return <Loading label="Loading the review…" />;
  if (review.isError)
    return (
      <div className="page page--narrow">
        <PageHeader title="Review and book" />
        <Alert title={review.error instanceof ApiError && review.error.status === 404 ? 'There is no such trip in your account.' : 'The review could not be loaded.'}>{errorMessage(review.error)}</Alert>
      </div>
    );
  const r = review.data;
  const open = r.items.filter((i) => !(i.bookingStatus === 'confirmed' || i.bookingStatus === 'pending'));
  const needed = Number(r.travelersNeeded);
  const problem = book.error instanceof ApiError ? book.error : null;
  const changed = (problem?.problem as { code?: string; items?: CheckoutItem[] } | undefined);
  const newPrices = changed?.code === 'priceChanged' ? (changed.items ?? []).filter((i) => i.newPrice) : [];

  function submit(accept = false) {
    const acceptPrices = accept ? Object.fromEntries(newPrices.map((i) => [i.offerId, i.newPrice!])) : undefined;
    book.mutate(
      { id, key, travelerIds: chosen, acceptPrices },
      { onSuccess: (result) => setDone(result), onError: () => setKey(crypto.randomUUID()) },
    );
  }

  if (done) {
    const booked = done.items.filter((i) => i.reference);
    return (
      <div className="page page--narrow">
        <PageHeader title={done.status === 'confirmed' ? 'Booked' : done.status === 'partial' ? 'Partly booked' : 'Booking in progress'} />
        <Alert tone={done.status === 'confirmed' ? 'success' : 'warning'} title={done.status === 'confirmed' ? `Your trip is booked — the confirmation is on its way to ${user.data?.email ?? 'your email'}.` : 'Some items were not booked.'}>
          <ul>
            {done.items.map((i) => (
              <li key={i.offerId}>
                <strong>{i.title}</strong>: {i.reference ? `booking reference ${i.reference}` : i.status === 'alreadyBooked' ? 'already booked' : i.problem ?? i.status}
                {i.price ? ` · ${formatMoney(i.price.amount, i.price.currency)}` : ''}
              </li>
            ))}
          </ul>
        </Alert>
        {booked.some((i) => i.title) && (
          <p className="form-actions">
            <Link className="btn btn--primary" to={`/trips/${id}`}>
              See the trip
            </Link>
            <Link className="btn btn--secondary" to="/bookings">
              See your bookings
            </Link>
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="page page--narrow">
      <PageHeader title={`Review and book: ${r.title}`} />
      {r.warnings.length > 0 && (
        <Alert tone="warning" title="Before you book, check these">
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </Alert>
      )}
      <section aria-labelledby="review-items">
        <h2 id="review-items">What you are booking</h2>
        {r.items.length === 0 && <p>There is no flight or hotel to book in this trip yet. <Link to="/">Find some on the planner.</Link></p>}
        <ul className="list">
          {r.items.map((i) => (
            <li key={i.offerId} className="card review-item">
              <div className="review-item__head">
                <h3>
                  {i.kind === 'flight' ? '✈ ' : '⌂ '}
                  {i.title}
                </h3>
                <p className="offer__price">{formatMoney(i.price.amount, i.price.currency)}</p>
              </div>
              <p className="small">{party(i)}</p>
              <ul className="small review-item__rules">
                {i.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
              <p className="small">
                <strong>Cancellation:</strong>{' '}
                {i.cancellation || (i.refundable && i.freeCancellationUntil ? `Free until ${formatDate(i.freeCancellationUntil)}.` : '')}
              </p>
              {i.simulated && <SimulatedBadge kind={i.kind === 'hotel' ? 'hotel' : 'flight'} />}
              {(i.bookingStatus === 'confirmed' || i.bookingStatus === 'pending') && <span className="pill pill--ok">Already booked</span>}
            </li>
          ))}
        </ul>
      </section>
      {open.length > 0 && (
        <section className="card" aria-labelledby="who">
          <h2 id="who">Who is travelling?</h2>
          <p className="small">
            This trip is for <strong>{plural(needed, 'traveler')}</strong>: choose {needed === 1 ? 'them' : `all ${needed}`} as on their passports.
          </p>
          {travelers.isPending ? (
            <Loading label="Loading your travelers…" />
          ) : travelers.isError ? (
            <Alert>{errorMessage(travelers.error)}</Alert>
          ) : (
            <fieldset className="chips-field" aria-labelledby="who">
              {travelers.data.map((t) => (
                <label key={t.id} className="chip-check">
                  <input type="checkbox" checked={chosen.includes(t.id)} onChange={() => setChosen((c) => (c.includes(t.id) ? c.filter((x) => x !== t.id) : [...c, t.id]))} />
                  <span>
                    {t.givenNames} {t.surname}
                  </span>
                </label>
              ))}
            </fieldset>
          )}
          <p className="small">
            <Link to={`/travelers/new?back=${encodeURIComponent(`/trips/${id}/review`)}`}>Add a traveler</Link> (name, date of birth and passport, kept encrypted).
          </p>
          <p className="review__total">
            To pay now: <strong>{r.toPay.map((m) => formatMoney(m.amount, m.currency)).join(' + ')}</strong>
          </p>
          {newPrices.length > 0 ? (
            <Alert tone="warning" title="A price has changed since you searched. Nothing was booked.">
              <ul>
                {newPrices.map((i) => (
                  <li key={i.offerId}>
                    {i.title}: now {formatMoney(i.newPrice!.amount, i.newPrice!.currency)} (was {formatMoney(i.price!.amount, i.price!.currency)})
                  </li>
                ))}
              </ul>
              <Button busy={book.isPending} onClick={() => submit(true)}>
                Accept the new price and book
              </Button>
            </Alert>
          ) : (
            problem && <Alert title="Not booked.">{problem.fieldError('travelerIds') ?? (changed?.items?.map((i) => `${i.title}: ${i.problem}`).join(' ') || errorMessage(problem))}</Alert>
          )}
          {book.error && !problem && <Alert title="Not booked.">{errorMessage(book.error)}</Alert>}
          <Button busy={book.isPending} disabled={chosen.length === 0} onClick={() => submit(false)}>
            Book {open.length === 1 ? 'it' : `all ${open.length}`} for {r.toPay.map((m) => formatMoney(m.amount, m.currency)).join(' + ')}
          </Button>
          <p className="small muted">One confirmation email lists every booking, with its reference and a calendar file.</p>
        </section>
      )}
      <p>
        <Link to={`/trips/${id}`}>Back to the trip</Link>
      </p>
    </div>
  );
}
