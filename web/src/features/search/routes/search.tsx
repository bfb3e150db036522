import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/ui/Feedback';
import type { TripQuery } from '../api/types';
import { ResultsPanel } from '../components/ResultsPanel';
import { SearchForm } from '../components/SearchForm';

export function queryFromParams(p: URLSearchParams): TripQuery | null {
  const origin = p.get('from');
  const destination = p.get('to');
  const departureDate = p.get('depart');
  if (!origin || !destination || !departureDate) return null;
  return { origin, destination, departureDate, returnDate: p.get('return') ?? undefined, adults: Number(p.get('adults') ?? 1) || 1, cabin: p.get('cabin') ?? 'economy' };
}

function toParams(q: TripQuery): Record<string, string> {
  const p: Record<string, string> = { from: q.origin, to: q.destination, depart: q.departureDate, adults: String(q.adults), cabin: q.cabin };
  if (q.returnDate) p.return = q.returnDate;
  return p;
}

function inDays(n: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Search: the query lives in the URL, so a search can be shared and survives a reload. */
export function SearchRoute() {
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const initial: TripQuery = query ?? { origin: '', destination: '', departureDate: inDays(30), returnDate: inDays(37), adults: 1, cabin: 'economy' };
  return (
    <div className="page">
      <PageHeader title="Search flights, hotels and things to do" />
      <SearchForm key={params.toString()} initial={initial} onSearch={(q) => setParams(toParams(q))} />
      <ResultsPanel query={query} onPickDate={(d) => query && setParams(toParams({ ...query, departureDate: d }))} />
    </div>
  );
}
