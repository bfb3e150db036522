import { useId, useState, type KeyboardEvent } from 'react';
import { Alert, EmptyState, Loading } from '@/components/ui/Feedback';
import { errorMessage } from '@/lib/problem';
import { usePriceCalendar } from '../api/price-calendar';
import { useActivitySearch } from '../api/search-activities';
import { useFlightSearch } from '../api/search-flights';
import { useHotelSearch } from '../api/search-hotels';
import type { FlightOffer, HotelOffer, TripQuery } from '../api/types';
import { ActivityResults } from './ActivityResults';
import { FlightResults } from './FlightResults';
import { HotelResults } from './HotelResults';
import { PriceCalendarGrid } from './PriceCalendarGrid';

const tabs = [
  { id: 'flights', label: 'Flights' },
  { id: 'hotels', label: 'Hotels' },
  { id: 'activities', label: 'Activities' },
  { id: 'calendar', label: 'Price calendar' },
] as const;
type Tab = (typeof tabs)[number]['id'];

interface Props {
  query: TripQuery | null;
  onPickDate?: (date: string) => void;
  onPickFlight?: (offer: FlightOffer) => void;
  onPickHotel?: (offer: HotelOffer) => void;
  pickedFlight?: string | undefined;
  pickedHotel?: string | undefined;
}

/** Flights, hotels, activities and the price calendar for one query, as accessible tabs. */
export function ResultsPanel({ query, onPickDate, onPickFlight, onPickHotel, pickedFlight, pickedHotel }: Props) {
  const [tab, setTab] = useState<Tab>('flights');
  const base = useId();
  const flights = useFlightSearch(tab === 'flights' ? query : null);
  const hotels = useHotelSearch(tab === 'hotels' ? query : null);
  const activities = useActivitySearch(tab === 'activities' && query ? query.destination : null);
  const calendar = usePriceCalendar(
    tab === 'calendar' && query ? { origin: query.origin, destination: query.destination, month: query.departureDate.slice(0, 7), adults: query.adults, cabin: query.cabin } : null,
  );

  function onKey(e: KeyboardEvent<HTMLButtonElement>) {
    const i = tabs.findIndex((t) => t.id === tab);
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : -1;
    if (next >= 0) {
      e.preventDefault();
      setTab(tabs[next]!.id);
      document.getElementById(`${base}-tab-${tabs[next]!.id}`)?.focus();
    }
  }

  return (
    <section className="results-panel" aria-labelledby={`${base}-title`}>
      <h2 id={`${base}-title`} className="visually-hidden">
        Results
      </h2>
      <div role="tablist" aria-label="Result types" className="tabs">
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`${base}-tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`${base}-panel`}
            tabIndex={tab === t.id ? 0 : -1}
            className="tabs__tab"
            onClick={() => setTab(t.id)}
            onKeyDown={onKey}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${base}-panel`} role="tabpanel" aria-labelledby={`${base}-tab-${tab}`} className="tabs__panel">
        {!query ? (
          <EmptyState title="Where to?">
            <p>Search a route to see flights, hotels, things to do and the cheapest days to fly.</p>
          </EmptyState>
        ) : tab === 'flights' ? (
          flights.isPending ? <Loading label="Searching flights…" /> : flights.isError ? <Alert title="Flight search failed.">{errorMessage(flights.error)}</Alert> : flights.data.offers.length === 0 ? <EmptyState title="No flights on this route and date" /> : <FlightResults offers={flights.data.offers} onPick={onPickFlight} picked={pickedFlight} />
        ) : tab === 'hotels' ? (
          hotels.isPending ? <Loading label="Searching hotels…" /> : hotels.isError ? <Alert title="Hotel search failed.">{errorMessage(hotels.error)}</Alert> : <HotelResults offers={hotels.data.offers} onPick={onPickHotel} picked={pickedHotel} />
        ) : tab === 'activities' ? (
          activities.isPending ? <Loading label="Finding things to do…" /> : activities.isError ? <Alert title="Activity search failed.">{errorMessage(activities.error)}</Alert> : <ActivityResults activities={activities.data.activities} />
        ) : calendar.isPending ? (
          <Loading label="Loading the price calendar…" />
        ) : calendar.isError ? (
          <Alert title="The price calendar could not be loaded.">{errorMessage(calendar.error)}</Alert>
        ) : (
          <PriceCalendarGrid calendar={calendar.data} onPickDate={(d) => { onPickDate?.(d); setTab('flights'); }} />
        )}
      </div>
    </section>
  );
}
