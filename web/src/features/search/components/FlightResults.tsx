import { useMemo, useState } from 'react';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { dayShift, formatDay, formatDuration, formatMoney, localTime, plural } from '@/lib/format';
import { airlineName, cityOf } from '@/lib/places';
import type { FlightOffer, Itinerary } from '../api/types';
import { airlineOf, applyFilters, defaultFilters, stopsOf, type FlightFilters, type SortKey, type TimeOfDay } from './flight-filters';
import { carriersOf, itineraryTimes, stopsText } from './picks';

const timeLabels: Record<TimeOfDay, string> = { night: 'Night (0–6)', morning: 'Morning (6–12)', afternoon: 'Afternoon (12–18)', evening: 'Evening (18–24)' };
export const PAGE = 10;

interface Props {
  offers: FlightOffer[];
  onPick?: ((offer: FlightOffer) => void) | undefined;
  picked?: ReadonlySet<string> | undefined;
}

/** Flight offers with filters (stops, airlines by name, departure time, price), sorted, ten at a time. */
export function FlightResults({ offers, onPick, picked }: Props) {
  const [filters, setFilters] = useState<FlightFilters>(defaultFilters);
  const [count, setCount] = useState(PAGE);
  const airlines = useMemo(() => [...new Set(offers.map(airlineOf))].sort((a, b) => airlineName(a).localeCompare(airlineName(b))), [offers]);
  const shown = useMemo(() => applyFilters(offers, filters), [offers, filters]);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);
  const change = (f: FlightFilters) => {
    setFilters(f);
    setCount(PAGE);
  };

  return (
    <div className="results">
      <form className="filters" aria-label="Filter flights" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__row">
          <label className="inline-field">
            <span>Sort by</span>
            <select value={filters.sort} onChange={(e) => change({ ...filters, sort: e.target.value as SortKey })}>
              <option value="price">Lowest price</option>
              <option value="duration">Shortest</option>
              <option value="departure">Earliest departure</option>
            </select>
          </label>
          <label className="inline-field">
            <span>Stops</span>
            <select value={filters.maxStops ?? 'any'} onChange={(e) => change({ ...filters, maxStops: e.target.value === 'any' ? null : Number(e.target.value) })}>
              <option value="any">Any</option>
              <option value="0">Nonstop only</option>
              <option value="1">Up to 1 stop</option>
            </select>
          </label>
          <label className="inline-field">
            <span>Max price</span>
            <input
              type="number"
              min={0}
              inputMode="numeric"
              placeholder="Any"
              value={filters.maxPrice ?? ''}
              onChange={(e) => change({ ...filters, maxPrice: e.target.value === '' ? null : Number(e.target.value) })}
            />
          </label>
        </div>
        <fieldset className="chips-field">
          <legend>Airlines</legend>
          {airlines.map((a) => (
            <label key={a} className="chip-check">
              <input type="checkbox" checked={filters.airlines.includes(a)} onChange={() => change({ ...filters, airlines: toggle(filters.airlines, a) })} />
              <span>{airlineName(a)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chips-field">
          <legend>Departure time</legend>
          {(Object.keys(timeLabels) as TimeOfDay[]).map((t) => (
            <label key={t} className="chip-check">
              <input type="checkbox" checked={filters.times.includes(t)} onChange={() => change({ ...filters, times: toggle(filters.times, t) })} />
              <span>{timeLabels[t]}</span>
            </label>
          ))}
        </fieldset>
      </form>
      <p className="results__count" role="status">
        {plural(shown.length, 'flight')} {shown.length !== offers.length ? `of ${offers.length}` : ''}
      </p>
      {shown.length === 0 ? (
        <EmptyState title="No flights match these filters">
          <button type="button" className="btn btn--secondary" onClick={() => change(defaultFilters)}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <>
          <ul className="offer-list" aria-label="Flights">
            {shown.slice(0, count).map((o) => (
              <li key={o.id}>
                <FlightCard offer={o} onPick={onPick} picked={picked?.has(o.id) ?? false} />
              </li>
            ))}
          </ul>
          {shown.length > count && (
            <button type="button" className="btn btn--secondary btn--block" onClick={() => setCount((c) => c + PAGE)}>
              Show {Math.min(PAGE, shown.length - count)} more flights ({shown.length - count} left)
            </button>
          )}
        </>
      )}
    </div>
  );
}

export function FlightCard({ offer, onPick, picked }: { offer: FlightOffer; onPick?: ((offer: FlightOffer) => void) | undefined; picked?: boolean }) {
  const stops = stopsOf(offer);
  const price = formatMoney(offer.totalPrice.amount, offer.totalPrice.currency);
  const label = `${carriersOf(offer)}, ${offer.itineraries.map(itineraryTimes).join('; ')}, ${price}`;
  return (
    <article className={`offer card${picked ? ' offer--picked' : ''}`} aria-label={label}>
      <div className="offer__main">
        {offer.itineraries.map((it, i) => (
          <ItineraryRow key={i} itinerary={it} label={offer.itineraries.length > 1 ? (i === 0 ? 'Outbound' : i === offer.itineraries.length - 1 && offer.itineraries.length === 2 ? 'Return' : `Flight ${i + 1}`) : undefined} />
        ))}
        {offer.source === 'simulated' && <SimulatedBadge kind="flight" />}
      </div>
      <div className="offer__side">
        <p className="offer__price">{price}</p>
        <p className="muted small">
          total · {stops === 0 ? 'nonstop' : plural(stops, 'stop')}
          {offer.seatsLeft != null && Number(offer.seatsLeft) <= 5 ? ` · ${plural(Number(offer.seatsLeft), 'seat')} left` : ''}
        </p>
        {onPick && (
          <button type="button" className={`btn ${picked ? 'btn--secondary' : 'btn--primary'}`} onClick={() => onPick(offer)} aria-pressed={picked} aria-label={`${picked ? 'Selected' : 'Select'}: ${label}`}>
            {picked ? 'Selected ✓' : 'Select'}
          </button>
        )}
      </div>
    </article>
  );
}

function ItineraryRow({ itinerary, label }: { itinerary: Itinerary; label?: string | undefined }) {
  const first = itinerary.segments[0];
  const last = itinerary.segments[itinerary.segments.length - 1];
  if (!first || !last) return null;
  const dep = localTime(first.departure);
  const arr = localTime(last.arrival);
  const shift = dayShift(first.departure, last.arrival);
  return (
    <div className="itinerary">
      <p className="itinerary__label">
        {label ? `${label} · ` : ''}
        {formatDay(first.departure)}
      </p>
      <div className="itinerary__times">
        <div>
          <p className="itinerary__time">{dep.time}</p>
          <p className="muted small">
            {cityOf(first.origin)} ({first.origin})
          </p>
        </div>
        <div className="itinerary__line" aria-hidden="true">
          <span>{formatDuration(itinerary.duration)}</span>
          <span className="itinerary__track" />
          <span>{itinerary.segments.length === 1 ? 'Nonstop' : plural(itinerary.segments.length - 1, 'stop')}</span>
        </div>
        <div>
          <p className="itinerary__time">
            {arr.time}
            {shift !== 0 && <sup className="itinerary__plus">{shift > 0 ? `+${shift}` : shift}</sup>}
          </p>
          <p className="muted small">
            {cityOf(last.destination)} ({last.destination})
          </p>
        </div>
      </div>
      <p className="small muted">
        {itinerary.segments.map((s) => `${airlineName(s.carrierCode)} ${s.carrierCode} ${s.flightNumber}`).join(' → ')} · {formatDuration(itinerary.duration)} · {stopsText(itinerary)}
      </p>
    </div>
  );
}
