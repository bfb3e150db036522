import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { SelectField, TextField } from '@/components/ui/Field';
import { Alert } from '@/components/ui/Feedback';
import { ApiError } from '@/lib/problem';
import { genders, meals, seats, travelerFields, validateTraveler, type TravelerField, type TravelerFormValues } from './traveler-form-model';

const mealLabels: Record<string, string> = {
  none: 'No preference', vegetarian: 'Vegetarian', vegan: 'Vegan', kosher: 'Kosher', halal: 'Halal', hindu: 'Hindu',
  glutenFree: 'Gluten-free', diabetic: 'Diabetic', lowSodium: 'Low sodium', child: 'Child meal',
};

interface Props {
  initial: TravelerFormValues;
  submitLabel: string;
  busy: boolean;
  serverError: unknown;
  onSubmit: (values: TravelerFormValues) => void;
  onCancel?: () => void;
}

/** Names exactly as on the passport; each error, the client's or the server's, beside its field. */
export function TravelerForm({ initial, submitLabel, busy, serverError, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<TravelerField, string>>>({});
  const [submitted, setSubmitted] = useState<TravelerFormValues | null>(null);

  const server = serverError instanceof ApiError ? serverError : null;
  // A server error stays beside its field until that field changes.
  const errorFor = (f: TravelerField) => errors[f] ?? (submitted && submitted[f] === values[f] ? server?.fieldError(f) : undefined);
  const unplaced = server?.summary(travelerFields);

  const set = (field: TravelerField) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((er) => ({ ...er, [field]: undefined }));
  };

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validateTraveler(values);
    setErrors(found);
    const first = travelerFields.find((f) => found[f]);
    if (first) {
      document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setSubmitted(values);
    onSubmit(values);
  }

  return (
    <form className="traveler-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Name and birth</legend>
        <div className="grid grid--2">
          <TextField name="givenNames" label="Given names" autoComplete="given-name" value={values.givenNames} onChange={set('givenNames')} error={errorFor('givenNames')} />
          <TextField name="surname" label="Surname" autoComplete="family-name" value={values.surname} onChange={set('surname')} error={errorFor('surname')} />
          <TextField name="dateOfBirth" label="Date of birth" type="date" autoComplete="bday" value={values.dateOfBirth} onChange={set('dateOfBirth')} error={errorFor('dateOfBirth')} />
          <SelectField name="gender" label="Gender (optional)" value={values.gender} onChange={set('gender')} error={errorFor('gender')}>
            <option value="">Not given</option>
            {genders.map((g) => (
              <option key={g} value={g}>
                {g[0]!.toUpperCase() + g.slice(1)}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      <fieldset>
        <legend>Passport (optional)</legend>
        <div className="grid grid--2">
          <TextField name="nationality" label="Nationality" hint="Two-letter code, e.g. PT" maxLength={2} value={values.nationality} onChange={set('nationality')} error={errorFor('nationality')} />
          <TextField name="passportNumber" label="Passport number" autoComplete="off" value={values.passportNumber} onChange={set('passportNumber')} error={errorFor('passportNumber')} />
          <TextField name="passportIssuingCountry" label="Issuing country" hint="Two-letter code, e.g. US" maxLength={2} value={values.passportIssuingCountry} onChange={set('passportIssuingCountry')} error={errorFor('passportIssuingCountry')} />
          <TextField name="passportExpiry" label="Passport expiry" type="date" value={values.passportExpiry} onChange={set('passportExpiry')} error={errorFor('passportExpiry')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Contact and preferences (optional)</legend>
        <div className="grid grid--2">
          <TextField name="email" label="Email" type="email" autoComplete="email" value={values.email} onChange={set('email')} error={errorFor('email')} />
          <TextField name="phone" label="Phone" type="tel" autoComplete="tel" hint="With the country code, e.g. +351 912 345 678" value={values.phone} onChange={set('phone')} error={errorFor('phone')} />
          <SelectField name="seatPreference" label="Seat" value={values.seatPreference} onChange={set('seatPreference')} error={errorFor('seatPreference')}>
            <option value="">No preference</option>
            {seats.filter((s) => s !== 'none').map((s) => (
              <option key={s} value={s}>
                {s === 'aisle' ? 'Aisle' : 'Window'}
              </option>
            ))}
          </SelectField>
          <SelectField name="mealPreference" label="Meal" value={values.mealPreference} onChange={set('mealPreference')} error={errorFor('mealPreference')}>
            <option value="">No preference</option>
            {meals.filter((m) => m !== 'none').map((m) => (
              <option key={m} value={m}>
                {mealLabels[m]}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      {serverError !== null && serverError !== undefined && (unplaced || !server) && <Alert title="The traveler was not saved.">{unplaced || (serverError as Error).message}</Alert>}
      <div className="form-actions">
        <Button type="submit" busy={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
