import { useMemo, useState } from 'react';
import { EmptyState, SimulatedBadge } from '@/components/ui/Feedback';
import { formatDuration, formatMoney, localTime, plural } from '@/lib/format';
import type { FlightOffer, Itinerary } from '../api/types';
import { airlineOf, applyFilters, defaultFilters, stopsOf, type FlightFilters, type SortKey, type TimeOfDay } from './flight-filters';

const timeLabels: Record<TimeOfDay, string> = { night: 'Night (0–6)', morning: 'Morning (6–12)', afternoon: 'Afternoon (12–18)', evening: 'Evening (18–24)' };

export function FlightResults({ offers, onPick, picked }: { offers: FlightOffer[]; onPick?: (offer: FlightOffer) => void; picked?: string | undefined }) {
  const [filters, setFilters] = useState<FlightFilters>(defaultFilters);
  const airlines = useMemo(() => [...new Set(offers.map(airlineOf))].sort(), [offers]);
  const shown = useMemo(() => applyFilters(offers, filters), [offers, filters]);
  const toggle = <T,>(list: T[], item: T) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

  return (
    <div className="results">
      <form className="filters" aria-label="Filter flights" onSubmit={(e) => e.preventDefault()}>
        <div className="filters__row">
          <label className="inline-field">
            <span>Sort by</span>
            <select value={filters.sort} onChange={(e) => setFilters({ ...filters, sort: e.target.value as SortKey })}>
              <option value="price">Lowest price</option>
              <option value="duration">Shortest</option>
              <option value="departure">Earliest departure</option>
            </select>
          </label>
          <label className="inline-field">
            <span>Stops</span>
            <select value={filters.maxStops ?? 'any'} onChange={(e) => setFilters({ ...filters, maxStops: e.target.value === 'any' ? null : Number(e.target.value) })}>
              <option value="any">Any</option>
              <option value="0">Non-stop only</option>
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
              onChange={(e) => setFilters({ ...filters, maxPrice: e.target.value === '' ? null : Number(e.target.value) })}
            />
          </label>
        </div>
        <fieldset className="chips-field">
          <legend>Airlines</legend>
          {airlines.map((a) => (
            <label key={a} className="chip-check">
              <input type="checkbox" checked={filters.airlines.includes(a)} onChange={() => setFilters({ ...filters, airlines: toggle(filters.airlines, a) })} />
              <span>{a}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="chips-field">
          <legend>Departure time</legend>
          {(Object.keys(timeLabels) as TimeOfDay[]).map((t) => (
            <label key={t} className="chip-check">
              <input type="checkbox" checked={filters.times.includes(t)} onChange={() => setFilters({ ...filters, times: toggle(filters.times, t) })} />
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
          <button type="button" className="btn btn--secondary" onClick={() => setFilters(defaultFilters)}>
            Clear filters
          </button>
        </EmptyState>
      ) : (
        <ul className="offer-list" aria-label="Flights">
          {shown.map((o) => (
            <li key={o.id}>
              <FlightCard offer={o} onPick={onPick} picked={picked === o.id} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function FlightCard({ offer, onPick, picked }: { offer: FlightOffer; onPick?: ((offer: FlightOffer) => void) | undefined; picked?: boolean }) {
  const stops = stopsOf(offer);
  return (
    <article className={`offer card${picked ? ' offer--picked' : ''}`} aria-label={`${airlineOf(offer)} flight, ${formatMoney(offer.totalPrice.amount, offer.totalPrice.currency)}`}>
      <div className="offer__main">
        {offer.itineraries.map((it, i) => (
          <ItineraryRow key={i} itinerary={it} label={offer.itineraries.length > 1 ? (i === 0 ? 'Outbound' : 'Return') : undefined} />
        ))}
        {offer.source === 'simulated' && <SimulatedBadge kind="flight" />}
      </div>
      <div className="offer__side">
        <p className="offer__price">{formatMoney(offer.totalPrice.amount, offer.totalPrice.currency)}</p>
        <p className="muted small">
          total · {stops === 0 ? 'non-stop' : plural(stops, 'stop')}
          {offer.seatsLeft != null && Number(offer.seatsLeft) <= 5 ? ` · ${offer.seatsLeft} seats left` : ''}
        </p>
        {onPick && (
          <button type="button" className={`btn ${picked ? 'btn--secondary' : 'btn--primary'}`} onClick={() => onPick(offer)} aria-pressed={picked}>
            {picked ? 'Selected' : 'Select'}
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
  const stops = itinerary.segments.length - 1;
  const via = itinerary.segments.slice(0, -1).map((s) => s.destination);
  return (
    <div className="itinerary">
      {label && <p className="itinerary__label">{label}</p>}
      <div className="itinerary__times">
        <div>
          <p className="itinerary__time">{dep.time}</p>
          <p className="muted small">
            {first.origin} · {dep.offset}
          </p>
        </div>
        <div className="itinerary__line" aria-hidden="true">
          <span>{formatDuration(itinerary.duration)}</span>
          <span className="itinerary__track" />
          <span>{stops === 0 ? 'Non-stop' : `${plural(stops, 'stop')} (${via.join(', ')})`}</span>
        </div>
        <div>
          <p className="itinerary__time">
            {arr.time}
            {arr.date !== dep.date && <sup className="itinerary__plus"> {arr.date}</sup>}
          </p>
          <p className="muted small">
            {last.destination} · {arr.offset}
          </p>
        </div>
      </div>
      <p className="small muted">
        {dep.date} · {itinerary.segments.map((s) => `${s.carrierCode} ${s.flightNumber}`).join(' → ')} · {formatDuration(itinerary.duration)} ·{' '}
        {stops === 0 ? 'Non-stop' : plural(stops, 'stop')}
      </p>
    </div>
  );
}
