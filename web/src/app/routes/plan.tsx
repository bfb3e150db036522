import { useEffect, useRef, useState } from 'react';
import { Alert } from '@/components/ui/Feedback';
import { Conversation, ConversationList, starterSuggestions, useChat, type ChatMessage } from '@/features/chat/components';
import type { ResultCard, SearchRef } from '@/features/chat/api/types';
import { ResultsPanel } from '@/features/search/components/ResultsPanel';
import { SearchForm } from '@/features/search/components/SearchForm';
import { activityPick, flightPick, hotelPick, landsOf, misfit } from '@/features/search/components/picks';
import { parseLegs } from '@/features/search/api/search-flights';
import type { ResultTab, StayWishes, TripQuery } from '@/features/search/api/types';
import { draft, useDraft } from '@/lib/draft';
import { addDays, inDays } from '@/lib/format';
import { errorMessage } from '@/lib/problem';
import { TripDraft } from '../components/TripDraft';

const empty = (): TripQuery => ({ origin: '', destination: '', departureDate: inDays(30), returnDate: inDays(37), adults: 1, cabin: 'economy' });
const tabOf: Record<SearchRef['kind'], ResultTab> = { flights: 'flights', hotels: 'hotels', activities: 'activities' };
const str = (v: unknown) => (v === null || v === undefined || v === '' ? undefined : String(v));
/** The API's cabin words (`premium_economy`) as the form's option values (`premiumEconomy`). */
const cabinOf = (v: string) => v.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A hotel reply's wishes (`near`, `maxNightly`, `minStars`, `amenities`) as the hotel list's starting filters. */
function stayOf(q: Record<string, unknown>): StayWishes | undefined {
  const stay: StayWishes = {
    near: str(q.near),
    maxNightly: str(q.maxNightly) ? Number(q.maxNightly) : undefined,
    minStars: str(q.minStars) ? Number(q.minStars) : undefined,
    amenities: str(q.amenities)?.split(',').filter(Boolean),
  };
  return Object.values(stay).some((v) => v !== undefined) ? stay : undefined;
}

/**
 * What a reply searched, as the search form's query: from the reply's own `search` when the
 * assistant sends it, else worked out from its cards (a flight's route and dates, a stay's city and
 * nights). Null when the reply found nothing to show.
 */
export function understood(m: ChatMessage, previous: TripQuery | null): { query: TripQuery; tab: ResultTab; total: number } | null {
  if (m.search) {
    const q = m.search.query;
    const base = previous ?? empty();
    const legs = m.search.kind === 'flights' ? parseLegs(str(q.legs)) : null;
    const first = legs?.[0];
    const destination = first?.destination ?? str(q.destination) ?? str(q.cityCode) ?? base.destination;
    // A stay within the trip held (checking in the day an overnight flight lands) leaves the trip's dates as they are.
    const checkIn = str(q.checkIn);
    const checkOut = str(q.checkOut);
    const withinTrip = Boolean(previous && checkIn && checkOut && previous.destination === destination && checkIn >= previous.departureDate && (!previous.returnDate || checkOut <= previous.returnDate));
    const query: TripQuery = {
      ...base,
      legs: legs ?? undefined,
      origin: first?.origin ?? str(q.origin) ?? base.origin,
      destination,
      departureDate: withinTrip ? base.departureDate : (first?.date ?? str(q.departureDate) ?? checkIn ?? base.departureDate),
      returnDate: withinTrip ? base.returnDate : (str(q.returnDate) ?? checkOut ?? (m.search.kind === 'flights' ? undefined : base.returnDate)),
      adults: Number(q.adults ?? base.adults) || 1,
      // A stay or things to do count no children: the party's children stay as the flights had them.
      children: Number(q.children ?? (m.search.kind === 'flights' ? 0 : base.children ?? 0)) || undefined,
      infants: Number(q.infants ?? (m.search.kind === 'flights' ? 0 : base.infants ?? 0)) || undefined,
      cabin: cabinOf(str(q.cabin) ?? base.cabin),
      nonStop: m.search.kind === 'flights' ? q.nonStop === 'true' || q.nonStop === true || undefined : base.nonStop,
      stay: m.search.kind === 'hotels' ? stayOf(q) : base.stay,
      interest: m.search.kind === 'activities' ? str(q.interest) : undefined,
    };
    // A stay or things to do need only the destination; flights need both ends.
    return query.destination && (query.origin || m.search.kind !== 'flights') ? { query, tab: tabOf[m.search.kind], total: m.search.total } : null;
  }
  const cards = m.cards ?? [];
  const flight = cards.find((c) => c.flight)?.flight;
  if (flight) {
    const out = flight.itineraries[0]!;
    const back = flight.itineraries[1];
    const adults = flight.priceBreakdown.filter((p) => p.type.toUpperCase() === 'ADULT').reduce((n, p) => n + Number(p.count), 0);
    const children = flight.priceBreakdown.filter((p) => p.type.toUpperCase() === 'CHILD').reduce((n, p) => n + Number(p.count), 0);
    const infants = flight.priceBreakdown.filter((p) => p.type.toUpperCase().includes('INFANT')).reduce((n, p) => n + Number(p.count), 0);
    return {
      query: {
        origin: out.segments[0]!.origin,
        destination: out.segments[out.segments.length - 1]!.destination,
        departureDate: out.segments[0]!.departure.slice(0, 10),
        returnDate: back?.segments[0]?.departure.slice(0, 10),
        adults: adults || 1,
        children: children || undefined,
        infants: infants || undefined,
        cabin: flight.cabin.charAt(0).toLowerCase() + flight.cabin.slice(1),
      },
      tab: 'flights',
      total: cards.filter((c) => c.flight).length,
    };
  }
  const hotel = cards.find((c) => c.hotel)?.hotel;
  if (hotel && previous?.origin) {
    return { query: { ...previous, destination: hotel.hotel.cityCode, departureDate: hotel.checkIn, returnDate: hotel.checkOut, adults: Number(hotel.adults) }, tab: 'hotels', total: cards.length };
  }
  if (cards.some((c) => c.activity) && previous) return { query: previous, tab: 'activities', total: cards.length };
  return null;
}

/** A card's offer as a draft pick; null for cards that are no offer (the weather, a place's facts). */
function pickOf(card: ResultCard, query: TripQuery | null) {
  if (card.flight) return flightPick(card.flight);
  if (card.hotel) return hotelPick(card.hotel);
  if (!card.activity) return null;
  const day = query ? (query.returnDate && query.returnDate > query.departureDate ? addDays(query.departureDate, 1) : query.departureDate) : inDays(30);
  return activityPick(card.activity, day);
}

/**
 * The product's centre, open to anyone: the conversation and the results are one workspace. What
 * the assistant understood fills the search form and the results; "see all" opens a reply's full
 * list; a pick in either place goes into the same trip draft.
 */
export function PlanRoute() {
  const chat = useChat();
  const picks = useDraft();
  const picked = new Set(picks.map((p) => p.offerId));
  const [query, setQuery] = useState<TripQuery | null>(null);
  const [tab, setTab] = useState<ResultTab>('flights');
  const results = useRef<HTMLElement>(null);
  const [seen, setSeen] = useState<string | null>(null);

  // A finished reply that searched something fills the form and shows its results beside the chat
  // (state adjusted while rendering, once per reply: https://react.dev/learn/you-might-not-need-an-effect).
  const last = [...chat.messages].reverse().find((m) => m.role === 'assistant' && !m.streaming && (m.cards?.length || m.search));
  if (last && seen !== last.id) {
    setSeen(last.id);
    const found = understood(last, query);
    if (found) {
      setQuery(found.query);
      setTab(found.tab);
    }
  }

  // A reply that picked a card ("I'll take the first one") puts it in the trip draft, as its button does.
  const pickedByReply = last?.picked ? last.cards?.find((c) => c.offerId === last.picked) : undefined;
  useEffect(() => {
    if (!pickedByReply) return;
    const pick = pickOf(pickedByReply, query);
    if (pick && !draft.picks().some((p) => p.offerId === pick.offerId)) draft.add(pick);
    // Once per reply: the pick is the reply's, whatever the query becomes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pickedByReply?.offerId, last?.id]);

  function seeAll(m: ChatMessage) {
    const found = understood(m, query);
    if (!found) return;
    setQuery(found.query);
    setTab(found.tab);
    results.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    results.current?.focus();
  }

  return (
    <div className="plan">
      <div className="plan__chat">
        <h1 className="plan__title">Plan a trip</h1>
        <p className="plan__intro muted small">Say where, when and who — or use the search form. No account is needed until you save or book.</p>
        <ConversationList
          sessions={chat.sessions}
          current={chat.current}
          onShow={() => void chat.refreshSessions()}
          onOpen={chat.open}
          onNew={chat.newChat}
          onRename={chat.rename}
          onDelete={chat.remove}
        />
        <Conversation
          messages={chat.messages}
          onShowEarlier={chat.hasEarlier ? chat.showEarlier : undefined}
          suggestions={chat.messages.length <= 1 ? starterSuggestions : []}
          onSend={chat.send}
          disabled={chat.busy}
          picked={picked}
          onPick={(card) => {
            const pick = pickOf(card, query);
            if (!pick) return;
            chat.pick(card);
            draft.add(pick);
          }}
          unfit={(card) => {
            const pick = pickOf(card, query);
            return pick && misfit(pick, query);
          }}
          actions={(m) => {
            const found = understood(m, query);
            if (!found) return null;
            const what = found.tab === 'flights' ? 'flights' : found.tab === 'hotels' ? 'hotels' : 'things to do';
            return (
              <button type="button" className="btn btn--secondary btn--small see-all" onClick={() => seeAll(m)}>
                {/* One label (the button lays out its children apart). Side by side from 1024 px; on a narrower
                    screen the results are below, so no "beside". */}
                <span>
                  See all {what}
                  {m.search ? ` (${m.search.total})` : ''}
                  <span className="see-all__beside"> beside the chat</span>
                </span>
              </button>
            );
          }}
          notice={chat.error !== null && <Alert>{errorMessage(chat.error)}</Alert>}
        />
      </div>
      <section className="plan__results" ref={results} tabIndex={-1} aria-label="Search and results">
        <SearchForm key={query ? JSON.stringify(query) : 'empty'} initial={query ?? empty()} onSearch={setQuery} />
        <TripDraft query={query} />
        <ResultsPanel query={query} tab={tab} onTab={setTab} onPickDate={(d) => query && setQuery({ ...query, departureDate: d })} onPick={(p) => draft.add(p)} picked={picked} lands={landsOf(picks, query)} />
      </section>
    </div>
  );
}
