import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/Feedback';
import { legsParam, parseLegs } from '@/features/search/api/search-flights';
import type { ResultTab, TripQuery } from '@/features/search/api/types';
import { ResultsPanel } from '@/features/search/components/ResultsPanel';
import { SearchForm } from '@/features/search/components/SearchForm';
import { landsOf } from '@/features/search/components/picks';
import { draft, useDraft } from '@/lib/draft';
import { inDays } from '@/lib/format';
import { TripDraft } from '../components/TripDraft';

export function queryFromParams(p: URLSearchParams): TripQuery | null {
  const legs = parseLegs(p.get('legs'));
  const origin = legs?.[0]?.origin ?? p.get('from');
  const destination = legs?.[0]?.destination ?? p.get('to');
  const departureDate = legs?.[0]?.date ?? p.get('depart');
  if (!origin || !destination || !departureDate) return null;
  return {
    legs: legs && legs.length > 1 ? legs : undefined,
    origin, destination, departureDate, returnDate: p.get('return') ?? undefined, adults: Number(p.get('adults') ?? 1) || 1,
    children: Number(p.get('children') ?? 0) || undefined,
    childAges: p.get('ages') ? p.get('ages')!.split(',').map(Number).filter((n) => n >= 2 && n <= 11) : undefined,
    infants: Number(p.get('infants') ?? 0) || undefined, cabin: p.get('cabin') ?? 'economy',
    nonStop: p.get('nonstop') === '1' || undefined,
  };
}

function toParams(q: TripQuery, tab?: string | null): Record<string, string> {
  const p: Record<string, string> =
    q.legs && q.legs.length > 1 ? { legs: legsParam(q.legs), adults: String(q.adults), cabin: q.cabin } : { from: q.origin, to: q.destination, depart: q.departureDate, adults: String(q.adults), cabin: q.cabin };
  if (q.returnDate && !p.legs) p.return = q.returnDate;
  if (q.children) p.children = String(q.children);
  if (q.children && q.childAges?.length) p.ages = q.childAges.join(',');
  if (q.infants) p.infants = String(q.infants);
  if (q.nonStop) p.nonstop = '1';
  if (tab) p.tab = tab;
  return p;
}

/** Search on its own page: the query lives in the URL (shareable, survives a reload); picks go to the trip draft. */
export function SearchPageRoute() {
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const tab = (params.get('tab') as ResultTab | null) ?? 'flights';
  const picks = useDraft();
  const initial: TripQuery = query ?? { origin: '', destination: '', departureDate: inDays(30), returnDate: inDays(37), adults: 1, cabin: 'economy' };
  return (
    <div className="page">
      <PageHeader title="Search flights, hotels and things to do" />
      <SearchForm key={params.toString()} initial={initial} onSearch={(q) => setParams(toParams(q, tab))} />
      <TripDraft query={query} />
      <ResultsPanel
        query={query}
        tab={tab}
        onTab={(t) => setParams(query ? toParams(query, t) : { tab: t })}
        onPickDate={(d) => query && setParams(toParams({ ...query, departureDate: d }, 'flights'))}
        onPick={(p) => draft.add(p)}
        picked={new Set(picks.map((p) => p.offerId))}
        lands={landsOf(picks, query)}
      />
    </div>
  );
}
