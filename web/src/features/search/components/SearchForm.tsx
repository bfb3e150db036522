import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import { cityOf } from '@/lib/places';
import { locationLabel, resolvePlace } from '../api/search-locations';
import type { Location, TripQuery } from '../api/types';
import { LocationField } from './LocationField';

type Errors = Partial<Record<keyof TripQuery, string>>;

export function validateQuery(q: TripQuery, today = new Date().toISOString().slice(0, 10)): Errors {
  const e: Errors = {};
  if (!q.origin) e.origin = 'Where from? Type a city or an airport, such as Boston.';
  if (!q.destination) e.destination = 'Where to? Type a city or an airport, such as Lisbon.';
  else if (q.destination.toUpperCase() === q.origin.toUpperCase()) e.destination = 'Choose a destination different from the origin.';
  if (!q.departureDate) e.departureDate = 'Choose a departure date.';
  else if (q.departureDate < today) e.departureDate = 'The departure date is in the past.';
  if (q.returnDate && q.departureDate && q.returnDate < q.departureDate) e.returnDate = 'The return is before the departure.';
  if (!(q.adults >= 1 && q.adults <= 9)) e.adults = 'From 1 to 9 adults.';
  else if (q.adults + (q.children ?? 0) > 9) e.children = 'At most 9 seats in one booking.';
  if ((q.infants ?? 0) > q.adults) e.infants = 'One infant per adult: an infant travels on an adult’s lap.';
  return e;
}

const shown = (code: string) => (code ? `${cityOf(code)} (${code})` : '');

interface Place {
  text: string;
  code: string;
  suggestion: Location | null;
}

/** Where, when, who: places by name (suggested as you type), dates, adults, children and infants, cabin. */
export function SearchForm({ initial, onSearch, serverErrors }: { initial: TripQuery; onSearch: (q: TripQuery) => void; serverErrors?: Partial<Record<string, string | undefined>> }) {
  const [q, setQ] = useState(initial);
  const [from, setFrom] = useState<Place>({ text: shown(initial.origin), code: initial.origin, suggestion: null });
  const [to, setTo] = useState<Place>({ text: shown(initial.destination), code: initial.destination, suggestion: null });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof TripQuery>(k: K, v: TripQuery[K]) => setQ((old) => ({ ...old, [k]: v }));

  async function resolve(place: Place, setPlace: (p: Place) => void): Promise<string | { error: string }> {
    if (place.code && place.text === shown(place.code)) return place.code;
    if (/^[A-Za-z]{3}$/.test(place.text.trim())) return place.text.trim().toUpperCase();
    const coded = /\(([A-Za-z]{3})\)\s*$/.exec(place.text);
    if (coded) return coded[1]!.toUpperCase();
    if (!place.text.trim()) return '';
    const { match, suggestion } = await resolvePlace(place.text);
    if (match) {
      setPlace({ text: shown(match.code), code: match.code, suggestion: null });
      return match.code;
    }
    setPlace({ ...place, suggestion });
    return { error: suggestion ? `We don't know "${place.text.trim()}".` : `We don't know "${place.text.trim()}": try a city or an airport name, or its code.` };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const [o, d] = await Promise.all([resolve(from, setFrom), resolve(to, setTo)]);
      const normal: TripQuery = { ...q, origin: typeof o === 'string' ? o : '', destination: typeof d === 'string' ? d : '', returnDate: q.returnDate || undefined };
      const found = validateQuery(normal);
      if (typeof o !== 'string') found.origin = o.error;
      if (typeof d !== 'string') found.destination = d.error;
      setErrors(found);
      if (Object.keys(found).length === 0) onSearch(normal);
    } catch {
      setErrors({ origin: 'Places could not be looked up: check your connection and try again.' });
    } finally {
      setBusy(false);
    }
  }

  const err = (k: keyof TripQuery) => errors[k] ?? serverErrors?.[k];
  const choose = (setPlace: (p: Place) => void, key: 'origin' | 'destination') => (l: Location) => {
    setPlace({ text: shown(l.code), code: l.code, suggestion: null });
    setErrors((old) => ({ ...old, [key]: undefined }));
  };
  return (
    <form className="search-form card" onSubmit={(e) => void submit(e)} noValidate aria-label="Search trips">
      <div className="search-form__grid">
        <LocationField label="From" placeholder="Boston" text={from.text} onText={(text) => setFrom({ text, code: '', suggestion: null })} onChoose={choose(setFrom, 'origin')} error={err('origin')} suggestion={from.suggestion} />
        <LocationField label="To" placeholder="Lisbon" text={to.text} onText={(text) => setTo({ text, code: '', suggestion: null })} onChoose={choose(setTo, 'destination')} error={err('destination')} suggestion={to.suggestion} />
        <TextField label="Depart" type="date" value={q.departureDate} onChange={(e) => set('departureDate', e.target.value)} error={err('departureDate')} />
        <TextField label="Return (optional)" type="date" value={q.returnDate ?? ''} onChange={(e) => set('returnDate', e.target.value)} error={err('returnDate')} />
        <SelectField label="Adults" value={q.adults} onChange={(e) => set('adults', Number(e.target.value))} error={err('adults')}>
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField label="Children (2–11)" value={q.children ?? 0} onChange={(e) => set('children', Number(e.target.value))} error={err('children')}>
          {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField label="Infants (under 2, on a lap)" value={q.infants ?? 0} onChange={(e) => set('infants', Number(e.target.value))} error={err('infants')}>
          {[0, 1, 2, 3, 4].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField label="Cabin" value={q.cabin} onChange={(e) => set('cabin', e.target.value)} error={err('cabin')}>
          <option value="economy">Economy</option>
          <option value="premiumEconomy">Premium economy</option>
          <option value="business">Business</option>
          <option value="first">First</option>
        </SelectField>
        <label className="chip-check chip-check--inline search-form__nonstop">
          <input type="checkbox" checked={q.nonStop ?? false} onChange={(e) => set('nonStop', e.target.checked || undefined)} />
          <span>Nonstop only</span>
        </label>
      </div>
      <Button type="submit" busy={busy}>
        Search
      </Button>
    </form>
  );
}

export { locationLabel };
