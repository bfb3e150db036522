import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/Button';
import { Alert, Loading } from '@/components/ui/Feedback';
import { formatMoney } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useBookItem } from '../api/book-item';
import type { TripItem } from '../api/get-trip';
import { useMyTravelers } from '../api/list-my-travelers';

/** Book one flight or hotel of the trip for chosen travelers; the confirmation is shown and emailed. */
export function BookItem({ tripId, item }: { tripId: string; item: TripItem }) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const travelers = useMyTravelers(open);
  const book = useBookItem();

  if (book.data) {
    return (
      <Alert tone="success" title={book.data.status === 'confirmed' ? 'Booked — confirmation emailed' : `Booking ${book.data.status}`}>
        {book.data.summary} · {formatMoney(book.data.price.amount, book.data.price.currency)}
        {book.data.providerReference ? ` · reference ${book.data.providerReference}` : ''}
      </Alert>
    );
  }
  if (item.bookingId) {
    return (
      <p>
        <Link to="/bookings" className="pill pill--ok">
          Booked — see bookings
        </Link>
      </p>
    );
  }
  if (!open) {
    return (
      <Button variant="secondary" className="btn--small" onClick={() => setOpen(true)}>
        Book {item.kind}
      </Button>
    );
  }
  return (
    <div className="book-panel">
      {travelers.isPending ? (
        <Loading label="Loading travelers…" />
      ) : travelers.isError ? (
        <Alert>{errorMessage(travelers.error)}</Alert>
      ) : travelers.data.length === 0 ? (
        <p className="small">
          Add the people travelling first: <Link to="/travelers/new">add a traveler</Link>.
        </p>
      ) : (
        <fieldset className="chips-field">
          <legend>Who is travelling?</legend>
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
      {book.error && <Alert title="Not booked.">{errorMessage(book.error)}</Alert>}
      <div className="form-actions">
        <Button
          className="btn--small"
          busy={book.isPending}
          disabled={chosen.length === 0}
          onClick={() => book.mutate({ key, kind: item.kind, offerId: item.offerId!, tripId, travelerIds: chosen }, { onError: () => setKey(crypto.randomUUID()) })}
        >
          Confirm booking
        </Button>
        <Button variant="ghost" className="btn--small" onClick={() => setOpen(false)}>
          Not now
        </Button>
      </div>
    </div>
  );
}
