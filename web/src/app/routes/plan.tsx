import { useState } from 'react';
import { Conversation, starterSuggestions, useChat } from '@/features/chat/components';
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
  const [query, setQuery] = useState<TripQuery | null>(null);
  const [flight, setFlight] = useState<string>();
  const [hotel, setHotel] = useState<string>();
  return (
    <div className="plan">
      <div className="plan__chat">
        <h1 className="plan__title">Plan a trip</h1>
        <Conversation messages={chat.messages} suggestions={chat.messages.length <= 1 ? starterSuggestions : []} onSend={chat.send} />
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
      </div>
    </div>
  );
}
