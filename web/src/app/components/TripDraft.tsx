import { useState } from 'react';
import { useNavigate } from 'react-router';
import { InlineAuth } from '@/components/auth/InlineAuth';
import { Button } from '@/components/ui/Button';
import { Alert, SimulatedBadge } from '@/components/ui/Feedback';
import { addTripItem, type AddTripItemInput } from '@/features/trips/api/add-trip-item';
import { createTrip } from '@/features/trips/api/create-trip';
import { misfit } from '@/features/search/components/picks';
import type { TripQuery } from '@/features/search/api/types';
import { useTrips } from '@/features/trips/api/list-trips';
import { useUser } from '@/lib/auth';
import { draft, useDraft, type DraftPick } from '@/lib/draft';
import { formatMoney } from '@/lib/format';
import { errorMessage } from '@/lib/problem';

const kindLabel: Record<DraftPick['kind'], string> = { flight: 'Flight', hotel: 'Stay', activity: 'Activity' };

function toItem(p: DraftPick): AddTripItemInput {
  if (p.kind !== 'activity') return { kind: p.kind, offerId: p.offerId, day: null, title: null, notes: null, start: null, end: null, timeZone: null, place: null, price: null, currency: null };
  return {
    kind: 'activity', offerId: null, day: p.day, title: p.title, notes: p.detail || null, start: null, end: null, timeZone: null,
    place: p.place ? { name: p.place.name, latitude: p.place.latitude, longitude: p.place.longitude } : null,
    price: p.price ? Number(p.price.amount) : null, currency: p.price ? p.price.currency : null,
  };
}

function titleOf(picks: DraftPick[]): string {
  const flight = picks.find((p) => p.kind === 'flight');
  const city = flight?.title.split('→')[1]?.replace(' and back', '').trim();
  if (city) return `Trip to ${city}`;
  const hotel = picks.find((p) => p.kind === 'hotel');
  return hotel ? `Stay at ${hotel.title}` : 'My trip';
}

/**
 * The trip draft beside the results: every pick from the chat or the lists, its total, and the way
 * on — save it as a trip, add it to one of yours, or review and book. Without an account the
 * sign-up form opens right here, and the picks stay. A flight or stay that no longer fits the search
 * shown (`query`: another party size or other dates) says why, so nobody books the wrong one unaware.
 */
export function TripDraft({ query = null }: { query?: TripQuery | null }) {
  const picks = useDraft();
  const user = useUser();
  const navigate = useNavigate();
  const trips = useTrips(Boolean(user.data));
  const [ask, setAsk] = useState<null | 'save' | 'book'>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [target, setTarget] = useState('new');
  if (picks.length === 0) return null;

  const totals = Object.entries(
    picks.reduce<Record<string, number>>((acc, p) => (p.price ? { ...acc, [p.price.currency]: (acc[p.price.currency] ?? 0) + Number(p.price.amount) } : acc), {}),
  );

  async function go(then: 'save' | 'book', signedIn = Boolean(user.data)) {
    if (!signedIn) {
      setAsk(then);
      return;
    }
    setAsk(null);
    setBusy(true);
    setError(null);
    try {
      let id: string;
      if (target === 'new') {
        const currency = picks.find((p) => p.price)?.price?.currency ?? 'USD';
        id = (await createTrip({ title: titleOf(picks), startDate: null, endDate: null, currency, budget: null, travelerIds: [], items: picks.map(toItem) })).id;
      } else {
        id = target;
        for (const p of picks) await addTripItem({ tripId: id, body: toItem(p) });
      }
      draft.clear();
      void navigate(then === 'book' ? `/trips/${id}/review` : `/trips/${id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <section className="draft card" aria-labelledby="draft-title">
      <h2 id="draft-title" className="draft__title">
        Your trip so far
      </h2>
      <ul className="draft__picks">
        {picks.map((p) => ({ p, why: misfit(p, query) })).map(({ p, why }) => (
          <li key={p.offerId} className="draft__pick">
            <div>
              <p className="draft__name">
                <span className="pill pill--muted">{kindLabel[p.kind]}</span> {p.title}
              </p>
              <p className="small muted">{p.detail}</p>
              {why && (
                <p className="draft__misfit small" role="note">
                  ⚠ {why} Pick again from the results, or remove it.
                </p>
              )}
              {p.simulated && <SimulatedBadge kind={p.kind === 'hotel' ? 'hotel' : p.kind === 'activity' ? 'activity' : 'flight'} />}
            </div>
            <div className="draft__side">
              {p.price && <span className="draft__price">{formatMoney(p.price.amount, p.price.currency)}</span>}
              <button type="button" className="icon-btn" aria-label={`Remove ${p.title} from the trip`} onClick={() => draft.remove(p.offerId)}>
                ✕
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="draft__total">
        <span>Total</span> <strong>{totals.map(([c, a]) => formatMoney(a, c)).join(' + ') || '—'}</strong>
      </p>
      {user.data && trips.data && trips.data.length > 0 && (
        <label className="inline-field">
          <span>Put it in</span>
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="new">A new trip</option>
            {trips.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </select>
        </label>
      )}
      {ask ? (
        <InlineAuth
          reason={ask === 'book' ? 'Booking needs an account: the confirmation and your travelers’ details are kept in it.' : 'Saving a trip needs an account, so you can find it again.'}
          onDone={() => void go(ask, true)}
          onCancel={() => setAsk(null)}
        />
      ) : (
        <div className="form-actions">
          <Button busy={busy} onClick={() => void go('book')}>
            Review and book
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => void go('save')}>
            {target === 'new' ? 'Save as a trip' : 'Add to this trip'}
          </Button>
        </div>
      )}
      {error !== null && <Alert title="The trip could not be saved.">{errorMessage(error)}</Alert>}
    </section>
  );
}
