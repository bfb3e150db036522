import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import type { TripQuery } from '../api/types';

const CODE = /^[A-Za-z]{3}$/;

export function validateQuery(q: TripQuery, today = new Date().toISOString().slice(0, 10)): Partial<Record<keyof TripQuery, string>> {
  const e: Partial<Record<keyof TripQuery, string>> = {};
  if (!CODE.test(q.origin)) e.origin = 'A three-letter airport or city code, such as BOS.';
  if (!CODE.test(q.destination)) e.destination = 'A three-letter airport or city code, such as LIS.';
  else if (q.destination.toUpperCase() === q.origin.toUpperCase()) e.destination = 'Choose a destination different from the origin.';
  if (!q.departureDate) e.departureDate = 'Choose a departure date.';
  else if (q.departureDate < today) e.departureDate = 'The departure date is in the past.';
  if (q.returnDate && q.departureDate && q.returnDate < q.departureDate) e.returnDate = 'The return is before the departure.';
  if (!(q.adults >= 1 && q.adults <= 9)) e.adults = 'From 1 to 9 adults.';
  return e;
}

export function SearchForm({ initial, onSearch, busy, serverErrors }: { initial: TripQuery; onSearch: (q: TripQuery) => void; busy?: boolean; serverErrors?: Partial<Record<string, string | undefined>> }) {
  const [q, setQ] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof TripQuery, string>>>({});
  const set = <K extends keyof TripQuery>(k: K, v: TripQuery[K]) => setQ((old) => ({ ...old, [k]: v }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const normal = { ...q, origin: q.origin.trim().toUpperCase(), destination: q.destination.trim().toUpperCase(), returnDate: q.returnDate || undefined };
    const found = validateQuery(normal);
    setErrors(found);
    if (Object.keys(found).length === 0) onSearch(normal);
  }

  const err = (k: keyof TripQuery) => errors[k] ?? serverErrors?.[k];
  return (
    <form className="search-form card" onSubmit={submit} noValidate aria-label="Search trips">
      <div className="search-form__grid">
        <TextField label="From" placeholder="BOS" maxLength={3} autoCapitalize="characters" value={q.origin} onChange={(e) => set('origin', e.target.value)} error={err('origin')} />
        <TextField label="To" placeholder="LIS" maxLength={3} autoCapitalize="characters" value={q.destination} onChange={(e) => set('destination', e.target.value)} error={err('destination')} />
        <TextField label="Depart" type="date" value={q.departureDate} onChange={(e) => set('departureDate', e.target.value)} error={err('departureDate')} />
        <TextField label="Return (optional)" type="date" value={q.returnDate ?? ''} onChange={(e) => set('returnDate', e.target.value)} error={err('returnDate')} />
        <TextField label="Adults" type="number" min={1} max={9} value={q.adults} onChange={(e) => set('adults', Number(e.target.value))} error={err('adults')} />
        <SelectField label="Cabin" value={q.cabin} onChange={(e) => set('cabin', e.target.value)} error={err('cabin')}>
          <option value="economy">Economy</option>
          <option value="premiumEconomy">Premium economy</option>
          <option value="business">Business</option>
          <option value="first">First</option>
        </SelectField>
      </div>
      <Button type="submit" busy={busy}>
        Search
      </Button>
    </form>
  );
}
