import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Alert, EmptyState, Loading, PageHeader } from '@/components/ui/Feedback';
import { formatDate, formatMoney } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { useCancelBooking } from '../api/cancel-booking';
import { useBookings, type Booking } from '../api/list-bookings';

const tone: Record<string, string> = { confirmed: 'ok', pending: 'warn', priceChanged: 'warn', failed: 'bad', cancelled: 'muted' };

export function BookingsRoute() {
  const bookings = useBookings();
  return (
    <div className="page page--narrow">
      <PageHeader title="Bookings" />
      {bookings.isPending ? (
        <Loading label="Loading bookings…" />
      ) : bookings.isError ? (
        <Alert title="Bookings could not be loaded.">{errorMessage(bookings.error)}</Alert>
      ) : bookings.data.length === 0 ? (
        <EmptyState title="No bookings yet">
          <p>Book a flight or a hotel from one of your trips; its confirmation appears here and in your email.</p>
        </EmptyState>
      ) : (
        <ul className="list">
          {bookings.data.map((b) => (
            <BookingRow key={b.id} booking={b} />
          ))}
        </ul>
      )}
    </div>
  );
}

function BookingRow({ booking: b }: { booking: Booking }) {
  const cancel = useCancelBooking();
  const [key] = useState(() => crypto.randomUUID());
  return (
    <li className="list__item card">
      <div>
        <p className="list__title">{b.summary}</p>
        <p className="muted small">
          {b.kind === 'flight' ? 'Flight' : 'Hotel'} · booked {formatDate(b.createdAt)} · {formatMoney(b.price.amount, b.price.currency)}
          {b.providerReference ? ` · reference ${b.providerReference}` : ''}
        </p>
        {b.provider === 'simulated' && <span className="badge badge--simulated">Simulated booking — no real reservation was made</span>}
        {b.failureReason && <p className="small text-bad">{b.failureReason}</p>}
        {cancel.error && <Alert>{errorMessage(cancel.error)}</Alert>}
      </div>
      <div className="stack">
        <span className={`pill pill--${tone[b.status] ?? 'muted'}`}>{b.status[0]!.toUpperCase() + b.status.slice(1)}</span>
        {b.status === 'confirmed' && (
          <Button variant="danger" busy={cancel.isPending} onClick={() => window.confirm(`Cancel ${b.summary}?`) && cancel.mutate({ id: b.id, key })}>
            Cancel
          </Button>
        )}
      </div>
    </li>
  );
}
