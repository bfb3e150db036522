import { useId, useState, type KeyboardEvent } from 'react';
import { Alert, EmptyState, Loading } from '@/components/ui/Feedback';
import type { DraftPick } from '@/lib/draft';
import { addDays, formatDay } from '@/lib/format';
import { cityOf } from '@/lib/places';
import { errorMessage } from '@/lib/problem';
import { usePriceCalendar } from '../api/price-calendar';
import { useActivitySearch } from '../api/search-activities';
import { useFlightSearch } from '../api/search-flights';
import { useHotelSearch } from '../api/search-hotels';
import type { ResultTab, TripQuery } from '../api/types';
import { ActivityResults } from './ActivityResults';
import { FlightResults } from './FlightResults';
import { HotelResults } from './HotelResults';
import { activityPick, flightPick, hotelPick, stayQuery } from './picks';
import { PriceCalendarGrid } from './PriceCalendarGrid';

const tabs: { id: ResultTab; label: string }[] = [
  { id: 'flights', label: 'Flights' },
  { id: 'hotels', label: 'Hotels' },
  { id: 'activities', label: 'Things to do' },
  { id: 'calendar', label: 'Price calendar' },
];

const interestLabel: Record<string, string> = { food: 'food and drink', culture: 'museums and culture', outdoors: 'the outdoors', 'day-trips': 'day trips', nightlife: 'nightlife' };

interface Props {
  query: TripQuery | null;
  tab?: ResultTab;
  onTab?: (tab: ResultTab) => void;
  onPickDate?: (date: string) => void;
  /** Select → the trip draft. */
  onPick?: (pick: DraftPick) => void;
  picked?: ReadonlySet<string>;
  /** The local day the picked flight lands: hotels check in then when it is after the departure day. */
  lands?: string | undefined;
}

/** Flights, hotels, things to do and the price calendar for one query, as accessible tabs. */
export function ResultsPanel({ query, tab: controlled, onTab, onPickDate, onPick, picked, lands }: Props) {
  const [own, setOwn] = useState<ResultTab>('flights');
  const tab = controlled ?? own;
  const setTab = (t: ResultTab) => (onTab ? onTab(t) : setOwn(t));
  const base = useId();
  const noOrigin = !query?.origin;
  const flights = useFlightSearch(tab === 'flights' && !noOrigin ? query : null);
  const stay = query ? stayQuery(query, lands) : null;
  const hotels = useHotelSearch(tab === 'hotels' ? stay : null);
  const [everything, setEverything] = useState<string | null>(null);
  const interest = query?.interest && everything !== `${query.destination}:${query.interest}` ? query.interest : undefined;
  const activities = useActivitySearch(tab === 'activities' && query ? query.destination : null, interest);
  const calendar = usePriceCalendar(
    tab === 'calendar' && query && !noOrigin ? { origin: query.origin, destination: query.destination, month: query.departureDate.slice(0, 7), adults: query.adults, cabin: query.cabin } : null,
  );
  const activityDay = query ? (query.returnDate && query.returnDate > query.departureDate ? addDays(query.departureDate, 1) : query.departureDate) : '';

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
      <h2 id={`${base}-title`} className="results-panel__title">
        {query
          ? query.legs && query.legs.length > 1
            ? `Multi-city: ${query.legs.map((l, i) => `${i === 0 ? `${cityOf(l.origin)} → ` : ''}${cityOf(l.destination)} ${formatDay(l.date)}`).join(' → ')}`
            : `${query.origin ? `${cityOf(query.origin)} → ` : ''}${cityOf(query.destination)}, ${formatDay(query.departureDate)}${query.returnDate ? ` – ${formatDay(query.returnDate)}` : ''}`
          : 'Results'}
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
            <p>Tell the assistant about your trip, or search a route above: flights, hotels, things to do and the cheapest days to fly show here.</p>
          </EmptyState>
        ) : noOrigin && (tab === 'flights' || tab === 'calendar') ? (
          <EmptyState title="Where from?">
            <p>Add where you are flying from in the search above to see flights and the cheapest days to fly to {cityOf(query.destination)}.</p>
          </EmptyState>
        ) : tab === 'flights' ? (
          flights.isPending ? <Loading label="Searching flights…" /> : flights.isError ? <Alert title="Flight search failed.">{errorMessage(flights.error)}</Alert> : flights.data.offers.length === 0 ? <EmptyState title="No flights on this route and date" /> : <FlightResults offers={flights.data.offers} onPick={onPick && ((o) => onPick(flightPick(o)))} picked={picked} />
        ) : tab === 'hotels' ? (
          hotels.isPending ? <Loading label="Searching hotels…" /> : hotels.isError ? <Alert title="Hotel search failed.">{errorMessage(hotels.error)}</Alert> : <>
            {stay && query && stay.departureDate !== query.departureDate && <p className="small muted">Checking in {formatDay(stay.departureDate)}, the day your flight lands.</p>}
            <HotelResults key={JSON.stringify(query?.stay ?? null)} offers={hotels.data.offers} onPick={onPick && ((o) => onPick(hotelPick(o)))} picked={picked} near={hotels.data.near?.name} wishes={query?.stay} />
          </>
        ) : tab === 'activities' ? (
          activities.isPending ? <Loading label="Finding things to do…" /> : activities.isError ? <Alert title="Activity search failed.">{errorMessage(activities.error)}</Alert> : <>
            {interest && query && (
              <p className="small muted">
                Only {interestLabel[interest] ?? interest}.{' '}
                <button type="button" className="link-button" onClick={() => setEverything(`${query.destination}:${interest}`)}>
                  Show everything to do
                </button>
              </p>
            )}
            <ActivityResults activities={activities.data.activities} onPick={onPick && ((a) => onPick(activityPick(a, activityDay)))} picked={picked} />
          </>
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
