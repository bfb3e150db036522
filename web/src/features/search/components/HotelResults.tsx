import { useMemo, useState } from 'react';
import { MapView, type MapMarker } from '@/components/map/MapView';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatMoney } from '@/lib/format';
import type { HotelOffer } from '../api/types';

function Stars({ count }: { count: number | null | undefined }) {
  if (!count) return <span className="muted small">Unrated</span>;
  return (
    <span className="stars" aria-label={`${count} stars`}>
      {'★'.repeat(count)}
      <span aria-hidden="true" className="stars__empty">{'★'.repeat(Math.max(0, 5 - count))}</span>
    </span>
  );
}

export function HotelResults({ offers, onPick, picked }: { offers: HotelOffer[]; onPick?: (offer: HotelOffer) => void; picked?: string | undefined }) {
  const [active, setActive] = useState<string>();
  const markers = useMemo<MapMarker[]>(
    () => offers.map((o) => ({ id: o.id, lat: Number(o.hotel.point.latitude), lon: Number(o.hotel.point.longitude), label: `${o.hotel.name} · ${formatMoney(o.nightly.amount, o.nightly.currency)}/night`, active: o.id === active })),
    [offers, active],
  );
  if (offers.length === 0) return <EmptyState title="No hotels found for these dates" />;
  return (
    <div className="hotels">
      <MapView markers={markers} label="Map of the hotels" onSelect={setActive} />
      <ul className="offer-list" aria-label="Hotels">
        {offers.map((o) => (
          <li key={o.id} id={`hotel-${o.id}`}>
            <article className={`offer card${o.id === active ? ' offer--active' : ''}${picked === o.id ? ' offer--picked' : ''}`} onMouseEnter={() => setActive(o.id)} aria-label={o.hotel.name}>
              <div className="offer__main">
                <h3 className="offer__title">{o.hotel.name}</h3>
                <p>
                  <Stars count={o.hotel.stars == null ? null : Number(o.hotel.stars)} />
                  {o.hotel.distanceKm != null && <span className="muted small"> · {Number(o.hotel.distanceKm).toFixed(1)} km from centre</span>}
                </p>
                <p className="small">
                  {o.roomType}
                  {o.board ? ` · ${o.board}` : ''} · <span className={o.cancellation.refundable ? 'text-ok' : 'muted'}>{o.cancellation.refundable ? 'Free cancellation' : 'Non-refundable'}</span>
                </p>
                {o.source === 'simulated' && <SimulatedBadge kind="hotel" />}
              </div>
              <div className="offer__side">
                <p className="offer__price">{formatMoney(o.nightly.amount, o.nightly.currency)}</p>
                <p className="muted small">per night · {formatMoney(o.total.amount, o.total.currency)} total</p>
                {onPick && (
                  <button type="button" className={`btn ${picked === o.id ? 'btn--secondary' : 'btn--primary'}`} aria-pressed={picked === o.id} onClick={() => onPick(o)}>
                    {picked === o.id ? 'Selected' : 'Select'}
                  </button>
                )}
              </div>
            </article>
          </li>
        ))}
      </ul>
    </div>
  );
}
