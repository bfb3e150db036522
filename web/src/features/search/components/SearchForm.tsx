import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import { addDays } from '@/lib/format';
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

/** A further flight of a multi-city trip (the first is the From/To/Depart fields). */
interface LegRow {
  from: Place;
  to: Place;
  date: string;
  error?: { from?: string | undefined; to?: string | undefined; date?: string | undefined } | undefined;
}

const MAX_FLIGHTS = 6;
const place = (code: string): Place => ({ text: shown(code), code, suggestion: null });

/** Where, when, who: places by name (suggested as you type), dates, adults, children and infants, cabin. */
export function SearchForm({ initial, onSearch, serverErrors }: { initial: TripQuery; onSearch: (q: TripQuery) => void; serverErrors?: Partial<Record<string, string | undefined>> }) {
  const [q, setQ] = useState(initial);
  const [from, setFrom] = useState<Place>({ text: shown(initial.origin), code: initial.origin, suggestion: null });
  const [to, setTo] = useState<Place>({ text: shown(initial.destination), code: initial.destination, suggestion: null });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  // One age per child (2–11 on the day of travel): airlines price children by age.
  const [ages, setAges] = useState<string[]>(() => (initial.childAges ?? []).map(String));
  const [ageErrors, setAgeErrors] = useState<(string | undefined)[]>([]);
  const [more, setMore] = useState<LegRow[]>(() => (initial.legs ?? []).slice(1).map((l) => ({ from: place(l.origin), to: place(l.destination), date: l.date })));
  const multi = more.length > 0;
  const setLeg = (i: number, change: Partial<LegRow>) => setMore((rows) => rows.map((r, j) => (j === i ? { ...r, ...change, error: undefined } : r)));
  function addFlight() {
    setMore((rows) => {
      const last = rows[rows.length - 1];
      const from = last ? last.to : to;
      const date = addDays((last ? last.date : q.departureDate) || q.departureDate, 3);
      return [...rows, { from: { ...from, suggestion: null }, to: { text: '', code: '', suggestion: null }, date }];
    });
  }
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
      const rows = await Promise.all(
        more.map(async (r, i) => {
          const [ro, rd] = await Promise.all([resolve(r.from, (p) => setLeg(i, { from: p })), resolve(r.to, (p) => setLeg(i, { to: p }))]);
          return { r, ro, rd };
        }),
      );
      const kids = ages.slice(0, q.children ?? 0);
      const missingAges = kids.map((a) => (a ? undefined : 'Choose this child’s age on the day of travel.'));
      setAgeErrors(missingAges);
      const normal: TripQuery = {
        ...q,
        origin: typeof o === 'string' ? o : '',
        destination: typeof d === 'string' ? d : '',
        returnDate: multi ? undefined : q.returnDate || undefined,
        legs: undefined,
        childAges: kids.length > 0 ? kids.map(Number) : undefined,
      };
      const found = validateQuery(normal);
      if (typeof o !== 'string') found.origin = o.error;
      if (typeof d !== 'string') found.destination = d.error;
      let legErrors = false;
      if (multi) {
        let previous = normal.departureDate;
        const checked = rows.map(({ r, ro, rd }) => {
          const error: NonNullable<LegRow['error']> = {};
          if (typeof ro !== 'string') error.from = ro.error;
          else if (!ro) error.from = 'Where from?';
          if (typeof rd !== 'string') error.to = rd.error;
          else if (!rd) error.to = 'Where to?';
          else if (typeof ro === 'string' && rd.toUpperCase() === ro.toUpperCase()) error.to = 'Choose a destination different from the origin.';
          if (!r.date) error.date = 'Choose a date.';
          else if (previous && r.date < previous) error.date = 'Flights are flown in order: this one is before the one above.';
          previous = r.date || previous;
          legErrors ||= Object.keys(error).length > 0;
          return { ...r, error: Object.keys(error).length > 0 ? error : undefined };
        });
        setMore(checked);
        if (!legErrors) {
          normal.legs = [
            { origin: normal.origin, destination: normal.destination, date: normal.departureDate },
            ...rows.map(({ r, ro, rd }) => ({ origin: ro as string, destination: rd as string, date: r.date })),
          ];
        }
      }
      setErrors(found);
      if (Object.keys(found).length === 0 && !legErrors && missingAges.every((m) => !m)) onSearch(normal);
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
        {!multi && <TextField label="Return (optional)" type="date" value={q.returnDate ?? ''} onChange={(e) => set('returnDate', e.target.value)} error={err('returnDate')} />}
        <SelectField label="Adults" value={q.adults} onChange={(e) => set('adults', Number(e.target.value))} error={err('adults')}>
          {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Children (2–11)"
          value={q.children ?? 0}
          onChange={(e) => {
            const n = Number(e.target.value);
            set('children', n);
            setAges((old) => Array.from({ length: n }, (_, i) => old[i] ?? ''));
            setAgeErrors([]);
          }}
          error={err('children')}
        >
          {[0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        {Array.from({ length: q.children ?? 0 }, (_, i) => (
          <SelectField
            key={i}
            label={`Child ${i + 1}’s age`}
            value={ages[i] ?? ''}
            onChange={(e) => {
              const age = e.target.value;
              setAges((old) => old.map((a, j) => (j === i ? age : a)));
              setAgeErrors((old) => old.map((m, j) => (j === i ? undefined : m)));
            }}
            error={ageErrors[i] ?? (i === 0 ? serverErrors?.childAges : undefined) ?? serverErrors?.[`childAges[${i}]`]}
          >
            <option value="">Age</option>
            {[2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </SelectField>
        ))}
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
      {multi && (
        <ol className="search-form__legs" aria-label="Further flights">
          {more.map((r, i) => (
            <li key={i} className="search-form__leg">
              <LocationField label={`Flight ${i + 2} from`} text={r.from.text} onText={(text) => setLeg(i, { from: { text, code: '', suggestion: null } })} onChoose={(l) => setLeg(i, { from: place(l.code) })} error={r.error?.from} suggestion={r.from.suggestion} />
              <LocationField label={`Flight ${i + 2} to`} text={r.to.text} onText={(text) => setLeg(i, { to: { text, code: '', suggestion: null } })} onChoose={(l) => setLeg(i, { to: place(l.code) })} error={r.error?.to} suggestion={r.to.suggestion} />
              <TextField label={`Flight ${i + 2} date`} type="date" value={r.date} onChange={(e) => setLeg(i, { date: e.target.value })} error={r.error?.date} />
              <button type="button" className="btn btn--secondary btn--small" aria-label={`Remove flight ${i + 2}`} onClick={() => setMore((rows) => rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
      <div className="search-form__actions">
        {more.length + 1 < MAX_FLIGHTS && (
          <button type="button" className="btn btn--secondary" onClick={addFlight}>
            {multi ? 'Add another flight' : 'Multi-city: add a flight'}
          </button>
        )}
      <Button type="submit" busy={busy}>
        Search
      </Button>
      </div>
    </form>
  );
}

export { locationLabel };
