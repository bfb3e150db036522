import { useMemo, useState } from 'react';
import { MapView, type MapMarker } from '@/components/map/MapView';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatMoney, plural } from '@/lib/format';
import { boardName } from '@/lib/places';
import type { HotelOffer } from '../api/types';

function Stars({ count }: { count: number | null | undefined }) {
  if (!count) return <span className="muted small">Unrated</span>;
  return (
    <span className="stars" role="img" aria-label={`${count} stars`}>
      {'★'.repeat(count)}
      <span className="stars__empty">{'★'.repeat(Math.max(0, 5 - count))}</span>
    </span>
  );
}

/** One hotel with every rate offered for it (room, board, cancellation), cheapest first. */
export interface HotelGroup {
  hotel: HotelOffer['hotel'];
  rates: HotelOffer[];
  from: number;
}

export function groupByHotel(offers: HotelOffer[]): HotelGroup[] {
  const groups = new Map<string, HotelGroup>();
  for (const o of offers) {
    const g = groups.get(o.hotel.hotelId) ?? { hotel: o.hotel, rates: [], from: Infinity };
    g.rates.push(o);
    g.from = Math.min(g.from, Number(o.nightly.amount));
    groups.set(o.hotel.hotelId, g);
  }
  for (const g of groups.values()) g.rates.sort((a, b) => Number(a.nightly.amount) - Number(b.nightly.amount));
  return [...groups.values()].sort((a, b) => a.from - b.from);
}

const PAGE = 8;

/** Hotels, one card each with its rates inside, filters (stars, price a night, free cancellation) and a map. */
export function HotelResults({ offers, onPick, picked }: { offers: HotelOffer[]; onPick?: (offer: HotelOffer) => void; picked?: ReadonlySet<string> | undefined }) {
  const [active, setActive] = useState<string>();
  const [minStars, setMinStars] = useState(0);
  const [maxNightly, setMaxNightly] = useState<number | null>(null);
  const [freeCancel, setFreeCancel] = useState(false);
  const [count, setCount] = useState(PAGE);
  const groups = useMemo(() => groupByHotel(offers), [offers]);
  const shown = useMemo(
    () =>
      groups
        .filter((g) => Number(g.hotel.stars ?? 0) >= minStars)
        .map((g) => ({ ...g, rates: g.rates.filter((r) => (maxNightly === null || Number(r.nightly.amount) <= maxNightly) && (!freeCancel || r.cancellation.refundable)) }))
        .filter((g) => g.rates.length > 0),
    [groups, minStars, maxNightly, freeCancel],
  );
  const markers = useMemo<MapMarker[]>(
    () =>
      shown.slice(0, count).map((g) => ({
        id: g.hotel.hotelId,
        lat: Number(g.hotel.point.latitude),
        lon: Number(g.hotel.point.longitude),
        label: `${g.hotel.name} · from ${formatMoney(g.rates[0]!.nightly.amount, g.rates[0]!.nightly.currency)} a night`,
        active: g.hotel.hotelId === active,
      })),
    [shown, count, active],
  );
  if (offers.length === 0) return <EmptyState title="No hotels found for these dates" />;
  return (
    <div className="hotels">
      <div>
        <form className="filters" aria-label="Filter hotels" onSubmit={(e) => e.preventDefault()}>
          <div className="filters__row">
            <label className="inline-field">
              <span>Stars</span>
              <select value={minStars} onChange={(e) => { setMinStars(Number(e.target.value)); setCount(PAGE); }}>
                <option value={0}>Any</option>
                <option value={3}>3 stars or more</option>
                <option value={4}>4 stars or more</option>
                <option value={5}>5 stars</option>
              </select>
            </label>
            <label className="inline-field">
              <span>Max a night</span>
              <input type="number" min={0} inputMode="numeric" placeholder="Any" value={maxNightly ?? ''} onChange={(e) => { setMaxNightly(e.target.value === '' ? null : Number(e.target.value)); setCount(PAGE); }} />
            </label>
            <label className="chip-check chip-check--inline">
              <input type="checkbox" checked={freeCancel} onChange={(e) => { setFreeCancel(e.target.checked); setCount(PAGE); }} />
              <span>Free cancellation</span>
            </label>
          </div>
        </form>
        <p className="results__count" role="status">
          {plural(shown.length, 'hotel')}
          {shown.length !== groups.length ? ` of ${groups.length}` : ''}
        </p>
        {shown.length === 0 ? (
          <EmptyState title="No hotels match these filters" />
        ) : (
          <ul className="offer-list" aria-label="Hotels">
            {shown.slice(0, count).map((g) => (
              <li key={g.hotel.hotelId}>
                <article className={`hotel card${g.hotel.hotelId === active ? ' offer--active' : ''}`} onMouseEnter={() => setActive(g.hotel.hotelId)} aria-label={g.hotel.name}>
                  <div className="hotel__head">
                    <div>
                      <h3 className="offer__title">{g.hotel.name}</h3>
                      <p className="small">
                        <Stars count={g.hotel.stars == null ? null : Number(g.hotel.stars)} />
                        {g.hotel.distanceKm != null && <span className="muted"> · {Number(g.hotel.distanceKm).toFixed(1)} km from the centre</span>}
                      </p>
                      {g.hotel.address && <p className="small muted">{g.hotel.address}</p>}
                    </div>
                    <p className="hotel__from">
                      <span className="muted small">from</span> <strong>{formatMoney(g.rates[0]!.nightly.amount, g.rates[0]!.nightly.currency)}</strong>
                      <span className="muted small"> a night</span>
                    </p>
                  </div>
                  <ul className="rates" aria-label={`Rates at ${g.hotel.name}`}>
                    {g.rates.map((r) => {
                      const isPicked = picked?.has(r.id) ?? false;
                      const board = boardName(r.board);
                      return (
                        <li key={r.id} className={`rate${isPicked ? ' offer--picked' : ''}`}>
                          <div className="rate__main">
                            <p className="rate__room">{r.roomType}</p>
                            <p className="small">
                              {board ? `${board} · ` : ''}
                              <span className={r.cancellation.refundable ? 'text-ok' : 'muted'}>{r.cancellation.refundable ? 'Free cancellation' : 'Non-refundable'}</span>
                            </p>
                          </div>
                          <div className="rate__side">
                            <p className="rate__price">{formatMoney(r.nightly.amount, r.nightly.currency)} <span className="muted small">a night</span></p>
                            <p className="muted small">{formatMoney(r.total.amount, r.total.currency)} total</p>
                            {onPick && (
                              <button type="button" className={`btn btn--small ${isPicked ? 'btn--secondary' : 'btn--primary'}`} aria-pressed={isPicked} aria-label={`${isPicked ? 'Selected' : 'Select'}: ${g.hotel.name}, ${r.roomType}, ${formatMoney(r.total.amount, r.total.currency)}`} onClick={() => onPick(r)}>
                                {isPicked ? 'Selected ✓' : 'Select'}
                              </button>
                            )}
                          </div>
                        </li>
                      );
                    })}
                  </ul>
                  {g.rates[0]!.source === 'simulated' && <SimulatedBadge kind="hotel" />}
                </article>
              </li>
            ))}
          </ul>
        )}
        {shown.length > count && (
          <button type="button" className="btn btn--secondary btn--block" onClick={() => setCount((c) => c + PAGE)}>
            Show more hotels ({shown.length - count} left)
          </button>
        )}
      </div>
      <MapView markers={markers} label="Map of the hotels" onSelect={setActive} />
    </div>
  );
}
