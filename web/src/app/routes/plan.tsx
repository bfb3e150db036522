import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/Button';
import { Alert } from '@/components/ui/Feedback';
import { addTripItem, fromOffer } from '@/features/trips/api/add-trip-item';
import { createTrip } from '@/features/trips/api/create-trip';
import { errorMessage } from '@/lib/problem';
import { ChatPicks, Conversation, starterSuggestions, useChat } from '@/features/chat/components';
import { ResultsPanel } from '@/features/search/components/ResultsPanel';
import { SearchForm } from '@/features/search/components/SearchForm';
import type { TripQuery } from '@/features/search/api/types';

function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The product's centre: the conversation beside the results panel (composed here; features stay apart). */
export function PlanRoute() {
  const chat = useChat();
  const navigate = useNavigate();
  const picked = new Set(chat.picks.map((p) => p.offerId));
  const [query, setQuery] = useState<TripQuery | null>(null);
  const [flight, setFlight] = useState<string>();
  const [hotel, setHotel] = useState<string>();
  return (
    <div className="plan">
      <div className="plan__chat">
        <h1 className="plan__title">Plan a trip</h1>
        <Conversation
          messages={chat.messages}
          suggestions={chat.messages.length <= 1 ? starterSuggestions : []}
          onSend={chat.send}
          disabled={chat.busy}
          picked={picked}
          onPick={chat.pick}
          notice={
            <>
              {chat.error !== null && <Alert>{errorMessage(chat.error)}</Alert>}
              <ChatPicks picks={chat.picks} onMakeTrip={async () => void navigate(`/trips/${await chat.makeTrip()}`)} />
            </>
          }
        />
      </div>
      <div className="plan__results">
        <SearchForm initial={query ?? { origin: '', destination: '', departureDate: inDays(30), returnDate: inDays(37), adults: 1, cabin: 'economy' }} onSearch={setQuery} />
        <ResultsPanel
          query={query}
          onPickDate={(d) => query && setQuery({ ...query, departureDate: d })}
          onPickFlight={(o) => setFlight(o.id)}
          onPickHotel={(o) => setHotel(o.id)}
          pickedFlight={flight}
          pickedHotel={hotel}
        />
        {query && (flight || hotel) && <AddToTrip query={query} flight={flight} hotel={hotel} />}
      </div>
    </div>
  );
}

/** Puts the picked flight and hotel into a new trip for the searched dates, then opens it. */
function AddToTrip({ query, flight, hotel }: { query: TripQuery; flight?: string | undefined; hotel?: string | undefined }) {
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function add() {
    setBusy(true);
    setError(null);
    try {
      const end = query.returnDate ?? query.departureDate;
      const trip = await createTrip({ title: `Trip to ${query.destination}`, startDate: query.departureDate, endDate: end, currency: 'USD', budget: null, travelerIds: [] });
      if (flight) await addTripItem({ tripId: trip.id, body: fromOffer('flight', flight) });
      if (hotel) await addTripItem({ tripId: trip.id, body: fromOffer('hotel', hotel) });
      void navigate(`/trips/${trip.id}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }
  return (
    <div className="add-to-trip" role="region" aria-label="Selection">
      <p>
        <strong>Selected:</strong> {[flight && 'a flight', hotel && 'a hotel'].filter(Boolean).join(' and ')}
      </p>
      <Button busy={busy} onClick={() => void add()}>
        Create a trip with {flight && hotel ? 'them' : 'it'}
      </Button>
      {error !== null && <Alert>{errorMessage(error)}</Alert>}
    </div>
  );
}
