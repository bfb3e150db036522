import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '@/components/ui/Button';
import { TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { ApiError } from '@/lib/problem';
import { useCreateTrip } from '../api/create-trip';

export function CreateTripForm() {
  const [v, setV] = useState({ title: '', startDate: '', endDate: '', currency: 'USD', budget: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const create = useCreateTrip();
  const navigate = useNavigate();
  const server = create.error instanceof ApiError ? create.error : null;
  const err = (f: string) => errors[f] ?? server?.fieldError(f);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string | undefined> = {};
    if (!v.title.trim()) found.title = 'Give the trip a name, such as "Lisbon in March".';
    if (!v.startDate) found.startDate = 'Choose the first day.';
    if (!v.endDate) found.endDate = 'Choose the last day.';
    else if (v.startDate && v.endDate < v.startDate) found.endDate = 'The last day is before the first.';
    if (v.budget && !(Number(v.budget) > 0)) found.budget = 'A positive amount, or leave it empty.';
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    create.mutate(
      { title: v.title.trim(), startDate: v.startDate, endDate: v.endDate, currency: v.currency.toUpperCase(), budget: v.budget ? Number(v.budget) : null, travelerIds: [] },
      { onSuccess: (trip) => void navigate(`/trips/${trip.id}`) },
    );
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="new-trip-title">
      <h2 id="new-trip-title">Start a trip</h2>
      <div className="grid grid--2">
        <TextField label="Trip name" value={v.title} onChange={set('title')} error={err('title')} />
        <TextField label="Budget (optional)" type="number" min={0} inputMode="decimal" value={v.budget} onChange={set('budget')} error={err('budget')} hint={`In ${v.currency || 'USD'}`} />
        <TextField label="First day" type="date" value={v.startDate} onChange={set('startDate')} error={err('startDate')} />
        <TextField label="Last day" type="date" value={v.endDate} onChange={set('endDate')} error={err('endDate')} />
      </div>
      {server && !['title', 'startDate', 'endDate', 'budget'].some((f) => server.fieldError(f)) && <Alert>{server.summary() || server.message}</Alert>}
      <Button type="submit" busy={create.isPending}>
        Create trip
      </Button>
    </form>
  );
}
