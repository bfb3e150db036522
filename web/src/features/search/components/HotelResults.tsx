import { useMemo, useState } from 'react';
import { MapView, type MapMarker } from '@/components/map/MapView';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatKm as km, formatMoney, localTime, plural } from '@/lib/format';
import { boardName } from '@/lib/places';
import type { HotelOffer, StayWishes } from '../api/types';

type HotelRate = NonNullable<HotelOffer['rates']>[number];

function Stars({ count }: { count: number | null | undefined }) {
  if (!count) return <span className="muted small">Unrated</span>;
  return (
    <span className="stars" role="img" aria-label={`${count} stars`}>
      {'★'.repeat(count)}
      <span className="stars__empty">{'★'.repeat(Math.max(0, 5 - count))}</span>
    </span>
  );
}

/** The words guests use for a score out of 10. */
export function ratingWord(score: number): string {
  if (score >= 9) return 'Exceptional';
  if (score >= 8.5) return 'Excellent';
  if (score >= 8) return 'Very good';
  if (score >= 7) return 'Good';
  if (score >= 6) return 'Pleasant';
  return 'Fair';
}

const AMENITY_NAMES: Record<string, string> = {
  pool: 'Pool',
  wifi: 'Free wifi',
  breakfast: 'Breakfast available',
  parking: 'Parking',
  gym: 'Gym',
  spa: 'Spa',
  pets: 'Pets allowed',
};

export function amenityName(code: string): string {
  return AMENITY_NAMES[code] ?? code.charAt(0).toUpperCase() + code.slice(1);
}

/** The rates of an offer: every rate the hotel offers for the stay (an older provider may send only the one). */
export function ratesOf(o: HotelOffer): HotelRate[] {
  if (o.rates && o.rates.length > 0) return [...o.rates].sort((a, b) => Number(a.nightly.amount) - Number(b.nightly.amount));
  return [{ id: o.id, roomType: o.roomType, roomDescription: o.roomDescription, board: o.board ?? 'Room only', nightly: o.nightly, total: o.total, cancellation: o.cancellation, roomsLeft: null }];
}

/** The same hotel and stay, priced at one of its rates (what is picked and booked). */
export function withRate(o: HotelOffer, r: HotelRate): HotelOffer {
  return { ...o, id: r.id, roomType: r.roomType, roomDescription: r.roomDescription, board: r.board, nightly: r.nightly, total: r.total, cancellation: r.cancellation };
}

/** "Free cancellation until Tue 10 Mar, 18:00 hotel time", "Non-refundable". */
export function cancellationText(r: HotelRate): string {
  if (!r.cancellation.refundable) return 'Non-refundable';
  const until = r.cancellation.freeCancellationUntil;
  if (!until) return 'Free cancellation';
  const t = localTime(until);
  return `Free cancellation until ${t.date}, ${t.time} hotel time`;
}

type Sort = 'price' | 'rating' | 'distance';
const PAGE = 8;

/**
 * Hotels, one card each with its rates inside (room, meals, cancellation terms), what it offers, guest
 * rating, neighbourhood and distances; filters (stars, price a night, amenities, free cancellation), sorting and a map.
 */
/** True when a rate's meals include breakfast ("Breakfast included", "Half board", "All inclusive"). */
export function includesBreakfast(board: string | null | undefined): boolean {
  const b = (board ?? '').toLowerCase();
  return !b.includes('room only') && (b.includes('breakfast') || b.includes('board') || b.includes('inclusive'));
}

export function HotelResults({ offers, onPick, picked, near, wishes }: { offers: HotelOffer[]; onPick?: (offer: HotelOffer) => void; picked?: ReadonlySet<string> | undefined; near?: string | null | undefined; wishes?: StayWishes | undefined }) {
  const [active, setActive] = useState<string>();
  // What the traveller asked the assistant for starts ticked; each filter can be undone here.
  const [minStars, setMinStars] = useState(wishes?.minStars ?? 0);
  const [maxNightly, setMaxNightly] = useState<number | null>(wishes?.maxNightly ?? null);
  const [freeCancel, setFreeCancel] = useState(false);
  const [wanted, setWanted] = useState<string[]>(wishes?.amenities ?? []);
  const [sort, setSort] = useState<Sort>('price');
  const [count, setCount] = useState(PAGE);
  const amenities = useMemo(() => {
    const seen = new Set(offers.flatMap((o) => o.hotel.amenities ?? []));
    return Object.keys(AMENITY_NAMES).filter((a) => seen.has(a));
  }, [offers]);
  const shown = useMemo(() => {
    const list = offers
      .filter((o) => Number(o.hotel.stars ?? 0) >= minStars && wanted.every((a) => o.hotel.amenities?.includes(a)))
      .map((o) => ({
        offer: o,
        rates: ratesOf(o).filter((r) => (maxNightly === null || Number(r.nightly.amount) <= maxNightly) && (!freeCancel || r.cancellation.refundable) && (!wanted.includes('breakfast') || includesBreakfast(r.board))),
      }))
      .filter((g) => g.rates.length > 0);
    const from = (g: (typeof list)[number]) => Number(g.rates[0]!.nightly.amount);
    const by: Record<Sort, (a: (typeof list)[number], b: (typeof list)[number]) => number> = {
      price: (a, b) => from(a) - from(b),
      rating: (a, b) => Number(b.offer.hotel.guestRating ?? 0) - Number(a.offer.hotel.guestRating ?? 0) || from(a) - from(b),
      distance: (a, b) => Number(a.offer.hotel.distanceKm ?? 1e9) - Number(b.offer.hotel.distanceKm ?? 1e9) || from(a) - from(b),
    };
    return list.sort(by[sort]);
  }, [offers, minStars, maxNightly, freeCancel, wanted, sort]);
  const markers = useMemo<MapMarker[]>(
    () =>
      shown.slice(0, count).map(({ offer, rates }) => ({
        id: offer.hotel.hotelId,
        lat: Number(offer.hotel.point.latitude),
        lon: Number(offer.hotel.point.longitude),
        label: `${offer.hotel.name} · from ${formatMoney(rates[0]!.nightly.amount, rates[0]!.nightly.currency)} a night`,
        active: offer.hotel.hotelId === active,
      })),
    [shown, count, active],
  );
  if (offers.length === 0) return <EmptyState title="No hotels found for these dates" />;
  const reset = () => setCount(PAGE);
  return (
    <div className="hotels">
      <div>
        <form className="filters" aria-label="Filter hotels" onSubmit={(e) => e.preventDefault()}>
          <div className="filters__row">
            <label className="inline-field">
              <span>Sort by</span>
              <select value={sort} onChange={(e) => { setSort(e.target.value as Sort); reset(); }}>
                <option value="price">Lowest price</option>
                <option value="rating">Guest rating</option>
                <option value="distance">{near ? `Distance to ${near}` : 'Distance to the centre'}</option>
              </select>
            </label>
            <label className="inline-field">
              <span>Stars</span>
              <select value={minStars} onChange={(e) => { setMinStars(Number(e.target.value)); reset(); }}>
                <option value={0}>Any</option>
                <option value={3}>3 stars or more</option>
                <option value={4}>4 stars or more</option>
                <option value={5}>5 stars</option>
              </select>
            </label>
            <label className="inline-field">
              <span>Max a night</span>
              <input type="number" min={0} inputMode="numeric" placeholder="Any" value={maxNightly ?? ''} onChange={(e) => { setMaxNightly(e.target.value === '' ? null : Number(e.target.value)); reset(); }} />
            </label>
            <label className="chip-check chip-check--inline">
              <input type="checkbox" checked={freeCancel} onChange={(e) => { setFreeCancel(e.target.checked); reset(); }} />
              <span>Free cancellation</span>
            </label>
          </div>
          {amenities.length > 0 && (
            <fieldset className="filters__row amenity-filter">
              <legend className="small muted">Must have</legend>
              {amenities.map((a) => (
                <label key={a} className="chip-check chip-check--inline">
                  <input type="checkbox" checked={wanted.includes(a)} onChange={(e) => { setWanted((w) => (e.target.checked ? [...w, a] : w.filter((x) => x !== a))); reset(); }} />
                  <span>{a === 'breakfast' ? 'Breakfast included' : amenityName(a)}</span>
                </label>
              ))}
            </fieldset>
          )}
        </form>
        <p className="results__count" role="status">
          {plural(shown.length, 'hotel')}
          {shown.length !== offers.length ? ` of ${offers.length}` : ''}
        </p>
        {shown.length === 0 ? (
          <EmptyState title="No hotels match these filters">
            <button type="button" className="btn btn--secondary" onClick={() => { setMinStars(0); setMaxNightly(null); setFreeCancel(false); setWanted([]); reset(); }}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <ul className="offer-list" aria-label="Hotels">
            {shown.slice(0, count).map(({ offer, rates }) => {
              const h = offer.hotel;
              const rooms = Number(offer.rooms);
              const landmarks = (h.landmarks ?? []).filter((l) => l.name !== near).slice(0, 2);
              return (
                <li key={h.hotelId}>
                  <article className={`hotel card${h.hotelId === active ? ' offer--active' : ''}`} onMouseEnter={() => setActive(h.hotelId)} aria-label={h.name}>
                    <div className="hotel__head">
                      <div>
                        <h3 className="offer__title">{h.name}</h3>
                        <p className="small">
                          <Stars count={h.stars == null ? null : Number(h.stars)} />
                          {h.neighbourhood && <span> · {h.neighbourhood}</span>}
                        </p>
                        <p className="small muted hotel__where">
                          {[
                            near && h.distanceKm != null ? `${km(h.distanceKm)} from ${near}` : null,
                            h.centreDistanceKm != null ? `${km(h.centreDistanceKm)} from the centre` : !near && h.distanceKm != null ? `${km(h.distanceKm)} from the centre` : null,
                            ...landmarks.map((l) => `${km(l.distanceKm)} to ${l.name}`),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </p>
                        {h.address && <p className="small muted">{h.address}</p>}
                      </div>
                      <div className="hotel__side">
                        {h.guestRating != null && (
                          <p className="hotel__rating" aria-label={`Guest rating ${Number(h.guestRating).toFixed(1)} out of 10`}>
                            <span className="rating-badge">{Number(h.guestRating).toFixed(1)}</span>{' '}
                            <span className="small">
                              {ratingWord(Number(h.guestRating))}
                              {h.reviewCount != null && <span className="muted"> · {plural(Number(h.reviewCount), 'review')}</span>}
                            </span>
                          </p>
                        )}
                        <p className="hotel__from">
                          <span className="muted small">from</span> <strong>{formatMoney(rates[0]!.nightly.amount, rates[0]!.nightly.currency)}</strong>
                          <span className="muted small">{rooms > 1 ? ' a room a night' : ' a night'}</span>
                        </p>
                      </div>
                    </div>
                    {h.amenities && h.amenities.length > 0 && (
                      <ul className="amenities" aria-label={`At ${h.name}`}>
                        {h.amenities.map((a) => (
                          <li key={a} className="amenity">
                            {amenityName(a)}
                          </li>
                        ))}
                      </ul>
                    )}
                    <ul className="rates" aria-label={`Rates at ${h.name}`}>
                      {rates.map((r) => {
                        const isPicked = picked?.has(r.id) ?? false;
                        const board = boardName(r.board) ?? r.board;
                        return (
                          <li key={r.id} className={`rate${isPicked ? ' offer--picked' : ''}`}>
                            <div className="rate__main">
                              <p className="rate__room">{r.roomType}</p>
                              <p className="small">
                                {board ? `${board} · ` : ''}
                                <span className={r.cancellation.refundable ? 'text-ok' : 'muted'}>{cancellationText(r)}</span>
                              </p>
                              {r.roomsLeft != null && Number(r.roomsLeft) <= 3 && <p className="small text-warn">{plural(Number(r.roomsLeft), 'room')} left at this price</p>}
                            </div>
                            <div className="rate__side">
                              <p className="rate__price">
                                {formatMoney(r.nightly.amount, r.nightly.currency)} <span className="muted small">{rooms > 1 ? 'a room a night' : 'a night'}</span>
                              </p>
                              <p className="muted small">{rooms > 1 ? `${rooms} rooms · ` : ''}{formatMoney(r.total.amount, r.total.currency)} total</p>
                              {onPick && (
                                <button type="button" className={`btn btn--small ${isPicked ? 'btn--secondary' : 'btn--primary'}`} aria-pressed={isPicked} aria-label={`${isPicked ? 'Selected' : 'Select'}: ${h.name}, ${r.roomType}, ${formatMoney(r.total.amount, r.total.currency)}`} onClick={() => onPick(withRate(offer, r))}>
                                  {isPicked ? 'Selected ✓' : 'Select'}
                                </button>
                              )}
                            </div>
                          </li>
                        );
                      })}
                    </ul>
                    {offer.source === 'simulated' && <SimulatedBadge kind="hotel" />}
                  </article>
                </li>
              );
            })}
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
